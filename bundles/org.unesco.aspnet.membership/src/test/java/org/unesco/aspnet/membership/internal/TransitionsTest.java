package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.membership.MembershipStatus.APPLIED;
import static org.unesco.aspnet.membership.MembershipStatus.DORMANT;
import static org.unesco.aspnet.membership.MembershipStatus.MEMBER;
import static org.unesco.aspnet.membership.MembershipStatus.RECOMMENDED;
import static org.unesco.aspnet.membership.MembershipStatus.REJECTED;
import static org.unesco.aspnet.membership.MembershipStatus.SUSPENDED;
import static org.unesco.aspnet.membership.MembershipStatus.UNDER_HQ_REVIEW;
import static org.unesco.aspnet.membership.MembershipStatus.UNDER_NATIONAL_REVIEW;
import static org.unesco.aspnet.membership.MembershipStatus.WITHDRAWN;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.security.internal.PolicyAuthorizer;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.MembershipStatus.Transition;

class TransitionsTest {
  static final Principal HQ = person("hq", Grant.global(Role.HQ_OFFICER));
  static final Principal NC_FR = person("nc-fr", Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  static final Principal NC_KE = person("nc-ke", Grant.country(Role.NATIONAL_COORDINATOR, "KE"));
  static final Principal STAFF = person("teacher", Grant.school(Role.SCHOOL_STAFF, "FR", "999"));
  /** The platform's real policy, so these tests check membership against the actual rules. */
  static final Authorizer POLICY = new PolicyAuthorizer();
  /** The audit log is the security bundle's business; here it records nothing. */
  static final AuditLog NO_AUDIT = (c, who, action, entity, id, country, before, after) -> { };
  static final Target FRENCH_SCHOOL = Target.school("FR", null, "1");

  static Principal person(String id, Grant... grants) {
    return new Principal(id, id + "@example.org", id, "en", List.of(grants));
  }

  @Test
  void followsTheGlobalLadder() {
    assertEquals(List.of(UNDER_NATIONAL_REVIEW, REJECTED), APPLIED.next());
    assertEquals(List.of(RECOMMENDED, REJECTED), UNDER_NATIONAL_REVIEW.next());
    assertEquals(List.of(UNDER_HQ_REVIEW), RECOMMENDED.next());
    assertEquals(List.of(MEMBER, UNDER_NATIONAL_REVIEW), UNDER_HQ_REVIEW.next());
    assertEquals(List.of(SUSPENDED, DORMANT, WITHDRAWN), MEMBER.next());
    assertEquals(List.of(MEMBER, WITHDRAWN), SUSPENDED.next());
    assertEquals(List.of(MEMBER, WITHDRAWN), DORMANT.next());
    assertEquals(List.of(), REJECTED.next());
    assertEquals(List.of(), WITHDRAWN.next());
  }

  @Test
  void theTableHasNoDuplicatesAndEveryStatusIsReachable() {
    Set<String> moves = new HashSet<>();
    Set<MembershipStatus> reached = EnumSet.of(APPLIED);
    for (Transition t : MembershipStatus.TRANSITIONS) {
      assertTrue(moves.add(t.from() + ">" + t.to()), "twice: " + t);
      reached.add(t.to());
    }
    assertEquals(EnumSet.allOf(MembershipStatus.class), reached);
  }

  @Test
  void closedAndCandidateStatuses() {
    assertEquals(EnumSet.of(REJECTED, WITHDRAWN), statuses(MembershipStatus::isClosed));
    assertEquals(
        EnumSet.of(APPLIED, UNDER_NATIONAL_REVIEW, RECOMMENDED, UNDER_HQ_REVIEW),
        statuses(MembershipStatus::isCandidate));
  }

  @Test
  void aForbiddenMoveSaysWhereItMayGo() {
    ProblemException p = assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(APPLIED, MEMBER, "en"));
    assertEquals(409, p.status());
    assertEquals("A membership that is 'Applied' (APPLIED) cannot move to 'Member' (MEMBER); it may move to"
        + " 'Under national review' (UNDER_NATIONAL_REVIEW) or 'Rejected' (REJECTED)", p.detail());
    ProblemException closed = assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(WITHDRAWN, MEMBER, null));
    assertTrue(closed.detail().contains("apply again"), closed.detail());
  }

  @Test
  void aRefusedMoveIsExplainedInTheRequestsLanguage() {
    assertEquals("Une adhésion « Candidature déposée » (APPLIED) ne peut pas passer à « Membre » (MEMBER) ;"
        + " elle peut passer à « En examen national » (UNDER_NATIONAL_REVIEW) ou « Refusée » (REJECTED)",
        assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(APPLIED, MEMBER, "fr-FR")).detail());
    assertTrue(assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(WITHDRAWN, APPLIED, "es"))
        .detail().startsWith("Una membresía «Retirada» (WITHDRAWN) no puede pasar a «Solicitud enviada» (APPLIED):"));
    Transition certify = UNDER_HQ_REVIEW.transitionTo(MEMBER).orElseThrow();
    Principal ncSpeakingGerman = new Principal(NC_FR.accountId(), NC_FR.email(), NC_FR.name(), "de", NC_FR.grants());
    assertEquals("Über den Wechsel zu „Mitglied“ (MEMBER) entscheidet die UNESCO-Zentrale",
        assertThrows(ProblemException.class,
            () -> MembershipLifecycle.authorize(POLICY, ncSpeakingGerman, certify, FRENCH_SCHOOL)).detail());
  }

  @Test
  void nationalMovesAreForTheCountrysCoordinatorOrHq() {
    Transition review = APPLIED.transitionTo(UNDER_NATIONAL_REVIEW).orElseThrow();
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, NC_FR, review, FRENCH_SCHOOL));
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, HQ, review, FRENCH_SCHOOL));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, NC_KE, review, FRENCH_SCHOOL)));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, STAFF, review, FRENCH_SCHOOL)));
    assertEquals(401, status(() -> MembershipLifecycle.authorize(POLICY, Principal.anonymous(), review, FRENCH_SCHOOL)));
  }

  /** docs/membership.md: the unit's coordinator may put an application under review; the country recommends or rejects. */
  @Test
  void aSubNationalCoordinatorReviewsButTheCountryRecommendsAndRejects() {
    Principal lyon = person("snc-lyon", new Grant(Role.SUBNATIONAL_COORDINATOR, "FR", "lyon", null, null));
    Target lyonSchool = Target.school("FR", "lyon", "153");
    Transition review = APPLIED.transitionTo(UNDER_NATIONAL_REVIEW).orElseThrow();
    Transition recommend = UNDER_NATIONAL_REVIEW.transitionTo(RECOMMENDED).orElseThrow();
    Transition reject = UNDER_NATIONAL_REVIEW.transitionTo(REJECTED).orElseThrow();
    Transition rejectAtOnce = APPLIED.transitionTo(REJECTED).orElseThrow();
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, lyon, review, lyonSchool));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, lyon, recommend, lyonSchool)));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, lyon, reject, lyonSchool)));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, lyon, rejectAtOnce, lyonSchool)));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, lyon, review, Target.school("FR", "paris", "154"))));
    for (Transition t : List.of(recommend, reject, rejectAtOnce)) {
      assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, NC_FR, t, lyonSchool));
      assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, HQ, t, lyonSchool));
      assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, NC_KE, t, lyonSchool)));
    }
  }

  @Test
  void hqMovesAreForHqOnly() {
    Transition certify = UNDER_HQ_REVIEW.transitionTo(MEMBER).orElseThrow();
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(POLICY, HQ, certify, FRENCH_SCHOOL));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(POLICY, NC_FR, certify, FRENCH_SCHOOL)));
  }

  @Test
  void commentsAreRequiredWhereTheSchoolNeedsAReason() {
    assertTrue(UNDER_NATIONAL_REVIEW.transitionTo(REJECTED).orElseThrow().commentRequired());
    assertTrue(APPLIED.transitionTo(REJECTED).orElseThrow().commentRequired());
    assertTrue(MEMBER.transitionTo(WITHDRAWN).orElseThrow().commentRequired());
    assertFalse(UNDER_NATIONAL_REVIEW.transitionTo(RECOMMENDED).orElseThrow().commentRequired());
  }

  @Test
  void certificateNumbersNameCountryYearAndMembership() {
    Membership m = new Membership(42, 7, "KE", 1, UNDER_HQ_REVIEW, List.of(), null, Instant.EPOCH, null, null, null, null);
    assertEquals("ASPNET-KE-2026-000042", MembershipLifecycle.certificateNumber(m, Instant.parse("2026-03-01T10:00:00Z")));
  }

  private static Set<MembershipStatus> statuses(java.util.function.Predicate<MembershipStatus> p) {
    Set<MembershipStatus> result = EnumSet.noneOf(MembershipStatus.class);
    for (MembershipStatus s : MembershipStatus.values()) {
      if (p.test(s)) {
        result.add(s);
      }
    }
    return result;
  }

  private static int status(Runnable r) {
    return assertThrows(ProblemException.class, r::run).status();
  }
}
