package org.unesco.aspnet.membership.internal;

import java.util.ArrayList;
import java.util.List;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.School;

/**
 * Turns the platform's {@link Authorizer} into what membership needs: the target of a school, and
 * for list queries, the part of the directory a person may see (as SQL, so pages stay full).
 */
final class Scopes {
  private Scopes() {}

  static Target of(School s) {
    return Target.school(s.country(), s.unit(), String.valueOf(s.id()));
  }

  /** HQ: no restriction at all. */
  static boolean everything(Authorizer authorizer, Principal p, Action action) {
    return authorizer.allows(p, action, Target.everything());
  }

  /**
   * An SQL condition (with its parameters) matching the schools of {@code p}'s grants on which
   * {@code action} is allowed: a country, a unit of a country, or one school. Null when none.
   */
  static String condition(Authorizer authorizer, Principal p, Action action, List<Object> params) {
    List<String> parts = new ArrayList<>();
    for (Grant g : p.grants()) {
      if (g.school() != null) {
        if (authorizer.allows(p, action, Target.school(g.country(), g.unit(), g.school()))) {
          try {
            params.add(Long.parseLong(g.school()));
            parts.add("ID = ?");
          } catch (NumberFormatException notOurs) {
            // a school id of another installation's format: matches nothing here
          }
        }
      } else if (g.country() != null && g.unit() != null) {
        if (authorizer.allows(p, action, Target.school(g.country(), g.unit(), null))) {
          parts.add("(COUNTRY = ? AND UNIT = ?)");
          params.add(g.country());
          params.add(g.unit());
        }
      } else if (g.country() != null && authorizer.allows(p, action, Target.country(g.country()))) {
        parts.add("COUNTRY = ?");
        params.add(g.country());
      }
    }
    return parts.isEmpty() ? null : String.join(" OR ", parts);
  }
}
