package org.unesco.aspnet.projects.internal.export;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;

/**
 * Whose rows an export of campaign data holds (docs/security.md, "Exports"; docs/exporters.md):
 * HQ every row the campaign lists show it; a person with a scope on schools (National
 * Coordinator, sub-national coordinator, a school's people) only the rows of the schools of that
 * scope, never another country's, not even public ones; everyone else (the public, an account
 * without a role, a campaign coordinator) what the campaign lists show them, which for the public
 * is the public rows of member schools. The scope is read as the directory's own export reads it
 * ({@code VIEW_SCHOOL} on the grant's own target).
 */
final class ExportScope {
  private static final String NO_UNIT = "";

  private final Principal actor;
  private final Authorizer authorizer;
  private final SchoolService schools;
  private final boolean narrowed;
  private final Map<Long, String> units = new HashMap<>();

  private ExportScope(Principal actor, Authorizer authorizer, SchoolService schools) {
    this.actor = actor;
    this.authorizer = authorizer;
    this.schools = schools;
    this.narrowed = !authorizer.allows(actor, Action.VIEW_SCHOOL, Target.everything())
        && actor.grants().stream().anyMatch(g -> target(g) != null && authorizer.allows(actor, Action.VIEW_SCHOOL, target(g)));
  }

  static ExportScope of(Principal actor, Authorizer authorizer, SchoolService schools) {
    return new ExportScope(actor, authorizer, schools);
  }

  /** The school, unit or country a grant is scoped to; null for a grant without one. */
  private static Target target(Grant g) {
    if (g.school() != null) {
      return Target.school(g.country(), g.unit(), g.school());
    }
    if (g.country() != null && g.unit() != null) {
      return Target.school(g.country(), g.unit(), null);
    }
    return g.country() != null ? Target.country(g.country()) : null;
  }

  /**
   * Whether the row of {@code school}, which names {@code country}, is the caller's to export.
   * Those without a scope get every row the lists gave them: those lists apply what they may see.
   */
  boolean includes(long school, String country) {
    if (!narrowed) {
      return true;
    }
    for (Grant g : actor.grants()) {
      Target t = target(g);
      if (t == null || !authorizer.allows(actor, Action.VIEW_SCHOOL, t)) {
        continue;
      }
      if (g.school() != null) {
        if (g.school().equals(String.valueOf(school))) {
          return true;
        }
      } else if (g.country().equals(country) && (g.unit() == null || g.unit().equals(unitOf(school)))) {
        return true;
      }
    }
    return false;
  }

  /** The school's current unit, read once per export and school. */
  private String unitOf(long school) {
    String unit = units.computeIfAbsent(school, id -> {
      try {
        School s = schools.school(Principal.system(), id);
        return Objects.requireNonNullElse(s.unit(), NO_UNIT);
      } catch (ProblemException e) {
        if (e.status() == 404) {
          return NO_UNIT;
        }
        throw e;
      }
    });
    return NO_UNIT.equals(unit) ? null : unit;
  }
}
