package org.unesco.aspnet.partnerships.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/**
 * Whose partnerships an export holds (docs/partnerships.md, "Export"): the rule of every export
 * (docs/security.md), narrowed to the caller's own scope, with the texts as the API shows them.
 *
 * <ul>
 *   <li>HQ (and the platform itself): every partnership, with the texts.
 *   <li>A National Coordinator, a school's staff or focal point: the partnerships of their
 *       countries and schools, of every status, with the texts; never another country's, not
 *       even a public one.
 *   <li>A sub-national coordinator: the public partnerships (below) of a school of their unit,
 *       without the texts, which the API does not show them either.
 *   <li>Everyone else (the public, an account without such a role): the public partnerships,
 *       {@code ACCEPTED} between two schools that are both {@code MEMBER} now, without the texts.
 * </ul>
 *
 * The SQL narrows to the scope; whether the schools of a public row are members now, and in the
 * unit, is asked of the directory afterwards, a chunk of rows at a time.
 */
final class ExportScope {
  /** A sub-national coordinator's unit. */
  record Unit(String country, String unit) {}

  private final boolean everything;
  private final Set<String> countries = new LinkedHashSet<>();
  private final Set<Long> schools = new LinkedHashSet<>();
  private final Set<Unit> units = new LinkedHashSet<>();

  private ExportScope(Principal actor) {
    everything = actor.has(Role.HQ_OFFICER);
    for (Grant g : actor.grants()) {
      if (g.role() == Role.NATIONAL_COORDINATOR && g.country() != null) {
        countries.add(g.country());
      } else if ((g.role() == Role.SCHOOL_STAFF || g.role() == Role.SCHOOL_FOCAL_POINT) && g.school() != null) {
        try {
          schools.add(Long.parseLong(g.school()));
        } catch (NumberFormatException notOurs) {
          // another installation's id: matches nothing
        }
      } else if (g.role() == Role.SUBNATIONAL_COORDINATOR && g.country() != null && g.unit() != null) {
        units.add(new Unit(g.country(), g.unit()));
      }
    }
  }

  static ExportScope of(Principal actor) {
    return new ExportScope(actor);
  }

  /** HQ: every row. */
  boolean everything() {
    return everything;
  }

  /** Whether the export has the message and comment columns: for HQ and those with partnerships of their own scope. */
  boolean readsTexts() {
    return everything || !countries.isEmpty() || !schools.isEmpty();
  }

  /** The public's export: no scope of one's own, only the public partnerships. */
  boolean publicOnly() {
    return !everything && countries.isEmpty() && schools.isEmpty() && units.isEmpty();
  }

  Set<Unit> units() {
    return units;
  }

  /** The scope as SQL over PSH_PARTNERSHIP, its parameters added to {@code params}. */
  String condition(List<Object> params) {
    if (everything) {
      return "1 = 1";
    }
    List<String> parts = new ArrayList<>();
    if (!countries.isEmpty()) {
      String in = placeholders(countries.size());
      parts.add("PROPOSER_COUNTRY IN " + in + " OR PARTNER_COUNTRY IN " + in);
      params.addAll(countries);
      params.addAll(countries);
    }
    if (!schools.isEmpty()) {
      String in = placeholders(schools.size());
      parts.add("PROPOSER_ID IN " + in + " OR PARTNER_ID IN " + in);
      params.addAll(schools);
      params.addAll(schools);
    }
    if (!units.isEmpty()) {
      // the public ones of the unit's country; the unit itself is the directory's to say
      Set<String> unitCountries = new LinkedHashSet<>();
      units.forEach(u -> unitCountries.add(u.country()));
      String in = placeholders(unitCountries.size());
      parts.add("STATUS = ? AND (PROPOSER_COUNTRY IN " + in + " OR PARTNER_COUNTRY IN " + in + ")");
      params.add(PartnershipStatus.ACCEPTED.name());
      params.addAll(unitCountries);
      params.addAll(unitCountries);
    }
    if (parts.isEmpty()) {
      params.add(PartnershipStatus.ACCEPTED.name());
      return "STATUS = ?";
    }
    return "(" + String.join(") OR (", parts) + ")";
  }

  private static String placeholders(int n) {
    return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
  }
}
