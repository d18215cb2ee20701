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
import org.unesco.aspnet.security.ScopeCatalog;
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

  /** For an NC, an email without an account is answered as one beyond their reach: nothing tells them apart. */
  @Test
  void anUnknownEmailIsForbiddenLikeAnAccountBeyondReachButNotFoundForHqAndAdministrators() {
    org.unesco.aspnet.core.ProblemException unknown = OneTimeLinksServlet.resetRefusal(policy, NC_FR, Optional.empty());
    for (Principal beyond : List.of(ADMIN_AND_HQ, NC_DE, NO_ROLE, person(Grant.school(Role.SCHOOL_STAFF, "DE", "246")))) {
      org.unesco.aspnet.core.ProblemException forbidden = OneTimeLinksServlet.resetRefusal(policy, NC_FR, Optional.of(beyond));
      assertEquals(List.of(403, forbidden.type(), forbidden.title(), forbidden.detail(), List.of(), Map.of()),
          List.of(unknown.status(), unknown.type(), unknown.title(), unknown.detail(), unknown.errors(), unknown.extensions()),
          beyond.grants().toString());
      assertEquals(forbidden.status(), unknown.status());
    }
    assertEquals(null, OneTimeLinksServlet.resetRefusal(policy, NC_FR, Optional.of(STAFF_FR)), "their own country's school");
    for (Principal everywhere : List.of(HQ, ADMIN)) {
      assertEquals(404, OneTimeLinksServlet.resetRefusal(policy, everywhere, Optional.empty()).status(),
          "HQ and administrators may reset any account: an unknown email tells them nothing they could not learn");
    }
  }

  @Test
  void anNcResetsTheStaffOfItsCountrysSchoolsAndNoOneElse() {
    assertTrue(OneTimeLinksServlet.mayReset(policy, NC_FR, STAFF_FR));
    assertTrue(OneTimeLinksServlet.mayReset(policy, NC_FR, FOCAL_FR));
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_DE, STAFF_FR), "another country's school");
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_FR, person(Grant.school(Role.SCHOOL_STAFF, "DE", "246"))));
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_FR, person(Grant.school(Role.SCHOOL_STAFF, "FR", "12"),
        Grant.school(Role.SCHOOL_STAFF, "DE", "246"))), "every role counts: the German one is not France's to give");
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_FR, NO_ROLE), "an account without a role is in no country");
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_FR, NC_DE), "coordinators are HQ's");
    assertFalse(OneTimeLinksServlet.mayReset(policy, NC_FR, HQ));
  }

  @Test
  void nobodyElseStartsAReset() {
    for (Principal caller : List.of(STAFF_FR, FOCAL_FR, NO_ROLE, Principal.anonymous())) {
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
    Grant g = OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, "DE", "LYON", "12", null),
        NC_FR, policy, SCHOOLS, List.of(), new ArrayList<>(), "en");
    assertEquals("FR", g.country());
    assertEquals("PARIS", g.unit());
    assertEquals("12", g.school());
  }

  /** As the membership bundle reads an id: with Java's parsing, which takes ١٢, ＋12 and 012 for 12. */
  private static final SchoolDirectory READS_ANY_DIGITS = id -> Long.parseLong(id.strip()) == 12
      ? Optional.of(Target.school("FR", "PARIS", "12")) : Optional.empty();

  @Test
  void aSchoolOrCampaignIdIsWrittenAsThePlatformWritesIds() {
    for (String school : new String[] {"\u0661\u0662", "\uff11\uff12", "+12", "012", "12 ", " 12", "-12"}) {
      List<FieldError> errors = new ArrayList<>();
      OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, null, null, school, null),
          HQ, policy, READS_ANY_DIGITS, List.of(), errors, "en");
      assertEquals(List.of(new FieldError("school", "must be a school id (a whole number above 0), written with the digits 0 to 9,"
          + " without a sign, a space or a leading zero")), errors, school);
    }
    for (String campaign : new String[] {"07", " 7", "7 ", "+7", "\u0667"}) {
      List<FieldError> errors = new ArrayList<>();
      OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.CAMPAIGN_COORDINATOR, null, null, null, campaign),
          HQ, policy, SCHOOLS, CATALOGS, errors, "fr");
      assertEquals(List.of(new FieldError("campaign", "doit être l'identifiant d'une campagne (un nombre entier supérieur à 0),"
          + " écrit avec les chiffres de 0 à 9, sans signe, espace ni zéro en tête")), errors, campaign);
    }
    Grant g = OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, null, null, "12", null),
        HQ, policy, READS_ANY_DIGITS, List.of(), new ArrayList<>(), "en");
    assertEquals("12", g.school(), "as the platform writes it");
  }

  /** As the membership bundle and a campaigns bundle would answer: DE has units BY and BW, KR none; campaign 7 exists. */
  private static final List<ScopeCatalog> CATALOGS = List.of(
      scope -> {
        List<FieldError> unknown = new ArrayList<>();
        if (scope.country() != null && !List.of("DE", "FR", "KR").contains(scope.country())) {
          unknown.add(new FieldError("country", "is not a country"));
        } else if (scope.unit() != null && !(scope.country().equals("DE") && List.of("BY", "BW").contains(scope.unit()))) {
          unknown.add(new FieldError("unit", "is not a unit"));
        }
        return unknown;
      },
      scope -> scope.campaign() == null || scope.campaign().equals("7")
          ? List.of() : List.of(new FieldError("campaign", "is not a campaign")));

  private static List<String> invitationErrors(Role role, String country, String unit, String campaign) {
    List<FieldError> errors = new ArrayList<>();
    OneTimeLinksServlet.grantOf(new Invitation("t@example.org", role, country, unit, null, campaign),
        HQ, new PolicyAuthorizer(), SCHOOLS, CATALOGS, errors, "en");
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void anInvitationNamesOnlyScopesThatExist() {
    assertEquals(List.of(), invitationErrors(Role.SUBNATIONAL_COORDINATOR, "DE", "BY", null));
    assertEquals(List.of("unit"), invitationErrors(Role.SUBNATIONAL_COORDINATOR, "DE", "NOPE", null));
    assertEquals(List.of("unit"), invitationErrors(Role.SUBNATIONAL_COORDINATOR, "KR", "seoul", null));
    assertEquals(List.of(), invitationErrors(Role.NATIONAL_COORDINATOR, "KR", null, null));
    assertEquals(List.of("country"), invitationErrors(Role.NATIONAL_COORDINATOR, "ZZ", null, null));
    assertEquals(List.of(), invitationErrors(Role.CAMPAIGN_COORDINATOR, null, null, "7"));
    assertEquals(List.of("campaign"), invitationErrors(Role.CAMPAIGN_COORDINATOR, null, null, "99999"));
    assertEquals(List.of("country"), invitationErrors(Role.NATIONAL_COORDINATOR, "zz", null, null));
    assertEquals(List.of("country"), invitationErrors(Role.NATIONAL_COORDINATOR, "FRA", null, null), "the format first");
  }

  @Test
  void aCountryCodeIsTakenInEitherCaseAndKeptInUpperCase() {
    assertEquals(List.of(), invitationErrors(Role.NATIONAL_COORDINATOR, "fr", null, null));
    assertEquals(List.of(), invitationErrors(Role.SUBNATIONAL_COORDINATOR, " de ", "BY", null));
    Grant g = OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.NATIONAL_COORDINATOR, "Fr", null, null, null),
        HQ, new PolicyAuthorizer(), SCHOOLS, CATALOGS, new ArrayList<>(), "en");
    assertEquals("FR", g.country());
    // letters of other scripts that upper-case to ASCII ("ıt" to "IT") are no code
    assertEquals(List.of("country"), invitationErrors(Role.NATIONAL_COORDINATOR, "\u0131t", null, null));
    assertEquals("FR", OneTimeLinksServlet.countryCode("fr"));
    assertEquals(null, OneTimeLinksServlet.countryCode(null));
  }

  @Test
  void aScopeIsCheckedWhateverIsWrongWithTheOtherFields() {
    List<FieldError> errors = new ArrayList<>(List.of(new FieldError("email", "is not an email address")));
    OneTimeLinksServlet.grantOf(new Invitation("nobody", Role.NATIONAL_COORDINATOR, "ZZ", null, null, null),
        HQ, policy, SCHOOLS, CATALOGS, errors, "en");
    assertEquals(List.of("email", "country"), errors.stream().map(FieldError::field).toList(), "both in one 400");
  }

  @Test
  void withoutACatalogOnlyTheFormatIsChecked() {
    List<FieldError> errors = new ArrayList<>();
    OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.NATIONAL_COORDINATOR, "ZZ", null, null, null),
        HQ, policy, SCHOOLS, List.of(), errors, "en");
    assertEquals(List.of(), errors);
  }

  private List<FieldError> errors(Principal inviter, String school) {
    List<FieldError> errors = new ArrayList<>();
    OneTimeLinksServlet.grantOf(new Invitation("t@example.org", Role.SCHOOL_STAFF, null, null, school, null),
        inviter, policy, SCHOOLS, List.of(), errors, "en");
    return errors;
  }
}
