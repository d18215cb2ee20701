package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.SchoolDirectory;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.security.internal.OneTimeLinksServlet.Invitation;

/**
 * Who may give whom a role, and so who may reset whose password: a reset link takes an account
 * over, so it is only for someone who could have given the account every role it holds.
 */
class OneTimeLinksTest {
  private final PolicyAuthorizer policy = new PolicyAuthorizer();

  private static final Principal ADMIN_AND_HQ = person(Grant.global(Role.PLATFORM_ADMIN), Grant.global(Role.HQ_OFFICER));
  private static final Principal ADMIN = person(Grant.global(Role.PLATFORM_ADMIN));
  private static final Principal HQ = person(Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_FR = person(Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  private static final Principal NC_DE = person(Grant.country(Role.NATIONAL_COORDINATOR, "DE"));
  private static final Principal STAFF_FR = person(Grant.school(Role.SCHOOL_STAFF, "FR", "12"));
  private static final Principal FOCAL_FR = person(Grant.school(Role.SCHOOL_FOCAL_POINT, "FR", "12"));
  private static final Principal NO_ROLE = person();

  /** School 12 is in France, 246 a candidate in Germany. */
  private static final SchoolDirectory SCHOOLS = id -> Optional.ofNullable(Map.of(
      "12", Target.school("FR", "PARIS", "12"),
      "246", Target.school("DE", "BY", "246")).get(id));

  private static Principal person(Grant... grants) {
    return new Principal("id", "x@example.org", "X", "en", List.of(grants));
  }

  @Test
  void hqMayNotResetThePlatformAdministrator() {
    assertFalse(OneTimeLinksServlet.mayReset(policy, HQ, ADMIN_AND_HQ), "HQ would take over MANAGE_PLATFORM");
    assertFalse(OneTimeLinksServlet.mayReset(policy, HQ, ADMIN));
    assertTrue(OneTimeLinksServlet.mayReset(policy, ADMIN_AND_HQ, ADMIN_AND_HQ));
  }

  @Test
  void onlyAPlatformAdministratorResetsAnHqOfficer() {
    assertFalse(OneTimeLinksServlet.mayReset(policy, HQ, HQ));
    assertTrue(OneTimeLinksServlet.mayReset(policy, ADMIN, HQ));
    assertTrue(OneTimeLinksServlet.mayReset(policy, ADMIN_AND_HQ, HQ));
  }

  @Test
  void hqResetsCoordinatorsSchoolStaffAndAccountsWithoutARole() {
    for (Principal account : List.of(NC_FR, NC_DE, STAFF_FR, FOCAL_FR, NO_ROLE,
        person(new Grant(Role.CAMPAIGN_COORDINATOR, null, null, "7", null)),
        person(Grant.school(Role.SCHOOL_STAFF, "FR", "12"), Grant.country(Role.NATIONAL_COORDINATOR, "DE")))) {
      assertTrue(OneTimeLinksServlet.mayReset(policy, HQ, account), account.grants().toString());
    }
    assertFalse(OneTimeLinksServlet.mayReset(policy, HQ, person(Grant.school(Role.SCHOOL_STAFF, "FR", "12"),
        Grant.global(Role.PLATFORM_ADMIN))), "every role counts, not the first one");
    assertFalse(OneTimeLinksServlet.mayReset(policy, ADMIN, NC_FR), "an administrator alone does not appoint coordinators");
  }

  @Test
  void nobodyElseStartsAReset() {
    for (Principal caller : List.of(NC_FR, STAFF_FR, FOCAL_FR, NO_ROLE, Principal.anonymous())) {
      assertFalse(OneTimeLinksServlet.mayReset(policy, caller, NO_ROLE), caller.grants().toString());
      assertFalse(OneTimeLinksServlet.mayReset(policy, caller, STAFF_FR), caller.grants().toString());
    }
    assertFalse(OneTimeLinksServlet.mayReset(policy, FOCAL_FR, FOCAL_FR), "a hand-over is an invitation, not a reset");
  }

  @Test
  void invitationsFollowTheSameRule() {
    assertFalse(OneTimeLinksServlet.mayGrant(policy, HQ, Grant.global(Role.PLATFORM_ADMIN)));
    assertFalse(OneTimeLinksServlet.mayGrant(policy, HQ, Grant.global(Role.HQ_OFFICER)));
    assertTrue(OneTimeLinksServlet.mayGrant(policy, ADMIN, Grant.global(Role.HQ_OFFICER)));
    assertTrue(OneTimeLinksServlet.mayGrant(policy, HQ, Grant.country(Role.NATIONAL_COORDINATOR, "FR")));
    assertFalse(OneTimeLinksServlet.mayGrant(policy, NC_FR, Grant.country(Role.NATIONAL_COORDINATOR, "FR")));
    assertTrue(OneTimeLinksServlet.mayGrant(policy, NC_FR, Grant.school(Role.SCHOOL_STAFF, "FR", "12")));
    assertFalse(OneTimeLinksServlet.mayGrant(policy, NC_FR, Grant.school(Role.SCHOOL_STAFF, "DE", "246")));
    assertTrue(OneTimeLinksServlet.mayGrant(policy, FOCAL_FR, Grant.school(Role.SCHOOL_FOCAL_POINT, "FR", "12")), "a hand-over");
    assertFalse(OneTimeLinksServlet.mayGrant(policy, FOCAL_FR, Grant.school(Role.SCHOOL_STAFF, "FR", "12")));
  }

  @Test
  void aSchoolTheInviterMayNotSeeIsAnsweredLikeAnUnknownOne() {
    List<FieldError> other = errors(NC_FR, "246");
    assertEquals(List.of(new FieldError("school", "is not a known school")), other, "a German candidate, for the NC of France");
    assertEquals(errors(NC_FR, "999"), other, "the same as an unknown id");
    assertEquals(List.of(), errors(NC_DE, "246"), "the NC of Germany knows it");
    assertEquals(List.of(), errors(STAFF_FR, "12"), "staff see their school (and are then refused the invitation)");
    assertEquals(other, errors(ADMIN, "12"), "an administrator does not see schools");
  }

  @Test
  void aSchoolRoleTakesTheSchoolsOwnPlaceNotTheRequests() {
    Grant g = OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, "DE", "LYON", " 12", null),
        NC_FR, policy, SCHOOLS, new ArrayList<>());
    assertEquals("FR", g.country());
    assertEquals("PARIS", g.unit());
    assertEquals("12", g.school());
  }

  private List<FieldError> errors(Principal inviter, String school) {
    List<FieldError> errors = new ArrayList<>();
    OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, null, null, school, null),
        inviter, policy, SCHOOLS, errors);
    return errors;
  }
}
