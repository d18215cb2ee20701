package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;

/**
 * The authorization matrix: every role, with its own scope and with another, against every
 * action. The expected table is written out here, independently of the policy's code.
 */
class PolicyAuthorizerTest {
  private final PolicyAuthorizer policy = new PolicyAuthorizer();

  private static final Target OWN_SCHOOL = Target.school("FR", "PARIS", "7");
  private static final Target OTHER_SCHOOL_SAME_COUNTRY = Target.school("FR", "LYON", "8");
  private static final Target OTHER_COUNTRY_SCHOOL = Target.school("DE", "BY", "9");
  private static final Target OWN_COUNTRY = Target.country("FR");
  private static final Target OTHER_COUNTRY = Target.country("DE");
  private static final Target PLATFORM = Target.everything();

  private static final Map<String, Principal> PEOPLE = Map.of(
      "public", Principal.anonymous(),
      "admin", person(Grant.global(Role.PLATFORM_ADMIN)),
      "hq", person(Grant.global(Role.HQ_OFFICER)),
      "nc-fr", person(Grant.country(Role.NATIONAL_COORDINATOR, "FR")),
      "snc-fr-paris", person(new Grant(Role.SUBNATIONAL_COORDINATOR, "FR", "PARIS", null, null)),
      "focal-7", person(Grant.school(Role.SCHOOL_FOCAL_POINT, "FR", "7")),
      "staff-7", person(Grant.school(Role.SCHOOL_STAFF, "FR", "7")),
      "no-role", person());

  private static Principal person(Grant... grants) {
    return new Principal("id", "x@example.org", "X", "en", List.of(grants));
  }

  /** Who may: each line is person, action, target, allowed. */
  private static final Object[][] TABLE = {
    // anyone sees public data
    {"public", Action.VIEW_PUBLIC, OWN_SCHOOL, true},
    {"public", Action.VIEW_SCHOOL, OWN_SCHOOL, false},
    {"public", Action.EDIT_SCHOOL, OWN_SCHOOL, false},
    {"no-role", Action.VIEW_SCHOOL, OWN_SCHOOL, false},
    // the school's own people
    {"focal-7", Action.VIEW_SCHOOL, OWN_SCHOOL, true},
    {"focal-7", Action.EDIT_SCHOOL, OWN_SCHOOL, true},
    {"focal-7", Action.EDIT_SCHOOL, OTHER_SCHOOL_SAME_COUNTRY, false},
    {"focal-7", Action.REVIEW_APPLICATION, OWN_SCHOOL, false},
    {"staff-7", Action.EDIT_SCHOOL, OWN_SCHOOL, true},
    {"staff-7", Action.VIEW_SCHOOL, OTHER_COUNTRY_SCHOOL, false},
    // the NC of France
    {"nc-fr", Action.REVIEW_APPLICATION, OWN_SCHOOL, true},
    {"nc-fr", Action.REVIEW_APPLICATION, OTHER_SCHOOL_SAME_COUNTRY, true},
    {"nc-fr", Action.REVIEW_APPLICATION, OTHER_COUNTRY_SCHOOL, false},
    {"nc-fr", Action.EDIT_SCHOOL, OTHER_COUNTRY_SCHOOL, false},
    {"nc-fr", Action.VIEW_COUNTRY, OWN_COUNTRY, true},
    {"nc-fr", Action.VIEW_COUNTRY, OTHER_COUNTRY, false},
    {"nc-fr", Action.EDIT_NATIONAL_NETWORK, OWN_COUNTRY, true},
    {"nc-fr", Action.EDIT_NATIONAL_NETWORK, OTHER_COUNTRY, false},
    {"snc-fr-paris", Action.EDIT_NATIONAL_NETWORK, OWN_COUNTRY, false},
    {"nc-fr", Action.VIEW_AUDIT, OWN_COUNTRY, true},
    {"nc-fr", Action.VIEW_AUDIT, OTHER_COUNTRY, false},
    {"nc-fr", Action.VIEW_AUDIT, PLATFORM, false},
    {"nc-fr", Action.DECIDE_MEMBERSHIP, OWN_SCHOOL, false},
    {"nc-fr", Action.INVITE_SCHOOL_STAFF, OWN_COUNTRY, true},
    {"nc-fr", Action.MANAGE_COORDINATORS, OWN_COUNTRY, false},
    // a sub-national coordinator acts in their unit only
    {"snc-fr-paris", Action.REVIEW_APPLICATION, OWN_SCHOOL, true},
    {"snc-fr-paris", Action.REVIEW_APPLICATION, OTHER_SCHOOL_SAME_COUNTRY, false},
    {"snc-fr-paris", Action.VIEW_COUNTRY, OWN_COUNTRY, false},
    // HQ sees and decides everything, but does not administer the installation
    {"hq", Action.DECIDE_MEMBERSHIP, OTHER_COUNTRY_SCHOOL, true},
    {"hq", Action.VIEW_AUDIT, PLATFORM, true},
    {"hq", Action.MANAGE_COORDINATORS, PLATFORM, true},
    {"hq", Action.MANAGE_PLATFORM, PLATFORM, false},
    // the platform administrator administers, and decides nothing about schools
    {"admin", Action.MANAGE_PLATFORM, PLATFORM, true},
    {"admin", Action.DECIDE_MEMBERSHIP, OWN_SCHOOL, false},
    {"admin", Action.VIEW_SCHOOL, OWN_SCHOOL, false},
  };

  @Test
  void everyLineOfTheTable() {
    List<String> wrong = new ArrayList<>();
    for (Object[] line : TABLE) {
      boolean allowed = policy.allows(PEOPLE.get((String) line[0]), (Action) line[1], (Target) line[2]);
      if (allowed != (Boolean) line[3]) {
        wrong.add(line[0] + " " + line[1] + " " + line[2] + ": expected " + line[3]);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theTableCoversEveryRoleAndEveryAction() {
    Set<String> people = new java.util.HashSet<>();
    Set<Action> actions = java.util.EnumSet.noneOf(Action.class);
    for (Object[] line : TABLE) {
      people.add((String) line[0]);
      actions.add((Action) line[1]);
    }
    assertEquals(PEOPLE.keySet(), people);
    assertEquals(java.util.EnumSet.complementOf(java.util.EnumSet.of(Action.EDIT_REFERENCE_DATA)), actions,
        "EDIT_REFERENCE_DATA is HQ-only and checked below");
    assertEquals(true, policy.allows(PEOPLE.get("hq"), Action.EDIT_REFERENCE_DATA, PLATFORM));
    assertEquals(false, policy.allows(PEOPLE.get("nc-fr"), Action.EDIT_REFERENCE_DATA, OWN_COUNTRY));
  }

  @Test
  void requireSays401ToThePublicAnd403ToOthers() {
    assertEquals(401, assertThrows(ProblemException.class,
        () -> policy.require(Principal.anonymous(), Action.VIEW_SCHOOL, OWN_SCHOOL)).status());
    assertEquals(403, assertThrows(ProblemException.class,
        () -> policy.require(PEOPLE.get("nc-fr"), Action.VIEW_SCHOOL, OTHER_COUNTRY_SCHOOL)).status());
  }
}
