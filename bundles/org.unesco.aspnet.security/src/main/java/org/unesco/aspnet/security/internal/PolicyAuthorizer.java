package org.unesco.aspnet.security.internal;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Target;

/**
 * Who may do what, for the whole platform (DESIGN.md section 1; the table is in
 * docs/security.md). A grant allows an action when the role may do it and the target lies in
 * the grant's scope.
 */
@Component(service = Authorizer.class)
public final class PolicyAuthorizer implements Authorizer {

  private static final Set<Action> HQ = EnumSet.complementOf(EnumSet.of(Action.MANAGE_PLATFORM));
  private static final Set<Action> NATIONAL =
      EnumSet.of(
          Action.VIEW_SCHOOL,
          Action.EDIT_SCHOOL,
          Action.REVIEW_APPLICATION,
          Action.VIEW_COUNTRY,
          Action.EDIT_NATIONAL_NETWORK,
          Action.VIEW_AUDIT,
          Action.INVITE_SCHOOL_STAFF);
  private static final Set<Action> SUBNATIONAL =
      EnumSet.of(Action.VIEW_SCHOOL, Action.EDIT_SCHOOL, Action.REVIEW_APPLICATION);
  private static final Set<Action> SCHOOL = EnumSet.of(Action.VIEW_SCHOOL, Action.EDIT_SCHOOL);

  @Override
  public boolean allows(Principal principal, Action action, Target target) {
    if (action == Action.VIEW_PUBLIC) {
      return true;
    }
    for (Grant g : principal.grants()) {
      if (allows(g, action, target)) {
        return true;
      }
    }
    return false;
  }

  static boolean allows(Grant g, Action action, Target t) {
    return switch (g.role()) {
      case PLATFORM_ADMIN -> action == Action.MANAGE_PLATFORM;
      case HQ_OFFICER -> HQ.contains(action);
      case NATIONAL_COORDINATOR -> NATIONAL.contains(action) && same(g.country(), t.country());
      case SUBNATIONAL_COORDINATOR -> SUBNATIONAL.contains(action)
          && same(g.country(), t.country()) && same(g.unit(), t.unit());
      case SCHOOL_FOCAL_POINT, SCHOOL_STAFF -> SCHOOL.contains(action) && same(g.school(), t.school());
      case CAMPAIGN_COORDINATOR -> false; // campaign actions arrive with the projects issue
    };
  }

  /** A scope matches only a target that names the same thing; a null never matches. */
  private static boolean same(String scope, String target) {
    return scope != null && Objects.equals(scope, target);
  }
}
