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
import org.unesco.aspnet.membership.Actor;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.MembershipStatus.Transition;

class TransitionsTest {
  static final Actor HQ = new Actor("hq", Set.of(Actor.HQ_OFFICER), null);
  static final Actor NC_FR = new Actor("nc-fr", Set.of(Actor.NATIONAL_COORDINATOR), "FR");
  static final Actor NC_KE = new Actor("nc-ke", Set.of(Actor.NATIONAL_COORDINATOR), "KE");
  static final Actor STAFF = new Actor("teacher", Set.of("SCHOOL_STAFF"), null);

  @Test
  void followsTheGlobalLadder() {
    assertEquals(List.of(UNDER_NATIONAL_REVIEW), APPLIED.next());
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
    ProblemException p = assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(APPLIED, MEMBER));
    assertEquals(409, p.status());
    assertEquals("A membership that is APPLIED cannot move to MEMBER; allowed: UNDER_NATIONAL_REVIEW", p.detail());
    ProblemException closed = assertThrows(ProblemException.class, () -> MembershipLifecycle.allowed(WITHDRAWN, MEMBER));
    assertTrue(closed.detail().contains("apply again"), closed.detail());
  }

  @Test
  void nationalMovesAreForTheCountrysCoordinatorOrHq() {
    Transition review = APPLIED.transitionTo(UNDER_NATIONAL_REVIEW).orElseThrow();
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(NC_FR, review, "FR"));
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(HQ, review, "FR"));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(NC_KE, review, "FR")));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(STAFF, review, "FR")));
    assertEquals(401, status(() -> MembershipLifecycle.authorize(Actor.anonymous(), review, "FR")));
  }

  @Test
  void hqMovesAreForHqOnly() {
    Transition certify = UNDER_HQ_REVIEW.transitionTo(MEMBER).orElseThrow();
    assertDoesNotThrow(() -> MembershipLifecycle.authorize(HQ, certify, "FR"));
    assertEquals(403, status(() -> MembershipLifecycle.authorize(NC_FR, certify, "FR")));
  }

  @Test
  void commentsAreRequiredWhereTheSchoolNeedsAReason() {
    assertTrue(UNDER_NATIONAL_REVIEW.transitionTo(REJECTED).orElseThrow().commentRequired());
    assertTrue(MEMBER.transitionTo(WITHDRAWN).orElseThrow().commentRequired());
    assertFalse(UNDER_NATIONAL_REVIEW.transitionTo(RECOMMENDED).orElseThrow().commentRequired());
  }

  @Test
  void certificateNumbersNameCountryYearAndMembership() {
    Membership m = new Membership(42, 7, "KE", 1, UNDER_HQ_REVIEW, List.of(), null, Instant.EPOCH, null, null);
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
