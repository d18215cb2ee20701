package org.unesco.aspnet.membership;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a membership stands (DESIGN.md section 1). The allowed moves are data ({@link
 * #TRANSITIONS}) so that the service, the UI and the documentation read the same table.
 */
public enum MembershipStatus {
  APPLIED,
  UNDER_NATIONAL_REVIEW,
  REJECTED,
  RECOMMENDED,
  UNDER_HQ_REVIEW,
  MEMBER,
  SUSPENDED,
  DORMANT,
  WITHDRAWN;

  /** Who may make a move: the country's National Coordinator (HQ may as well), or HQ alone. */
  public enum Decider {
    NATIONAL,
    HQ
  }

  /** One allowed move; {@code commentRequired} where the school deserves to know why. */
  public record Transition(
      MembershipStatus from, MembershipStatus to, Decider decider, boolean commentRequired) {}

  public static final List<Transition> TRANSITIONS =
      List.of(
          new Transition(APPLIED, UNDER_NATIONAL_REVIEW, Decider.NATIONAL, false),
          // an application that is no school, or not eligible, needs no review first (nor, where a
          // national ladder makes the review wait, years of it)
          new Transition(APPLIED, REJECTED, Decider.NATIONAL, true),
          new Transition(UNDER_NATIONAL_REVIEW, RECOMMENDED, Decider.NATIONAL, false),
          new Transition(UNDER_NATIONAL_REVIEW, REJECTED, Decider.NATIONAL, true),
          new Transition(RECOMMENDED, UNDER_HQ_REVIEW, Decider.HQ, false),
          new Transition(UNDER_HQ_REVIEW, MEMBER, Decider.HQ, false),
          // HQ sends an application back to the country for another look
          new Transition(UNDER_HQ_REVIEW, UNDER_NATIONAL_REVIEW, Decider.HQ, true),
          new Transition(MEMBER, SUSPENDED, Decider.HQ, true),
          new Transition(MEMBER, DORMANT, Decider.HQ, false),
          new Transition(MEMBER, WITHDRAWN, Decider.HQ, true),
          new Transition(SUSPENDED, MEMBER, Decider.HQ, false),
          new Transition(SUSPENDED, WITHDRAWN, Decider.HQ, true),
          new Transition(DORMANT, MEMBER, Decider.HQ, false),
          new Transition(DORMANT, WITHDRAWN, Decider.HQ, true));

  private static final Set<MembershipStatus> CANDIDATES =
      EnumSet.of(APPLIED, UNDER_NATIONAL_REVIEW, RECOMMENDED, UNDER_HQ_REVIEW);

  public Optional<Transition> transitionTo(MembershipStatus to) {
    return TRANSITIONS.stream().filter(t -> t.from() == this && t.to() == to).findFirst();
  }

  /** The statuses this one may move to, in table order. */
  public List<MembershipStatus> next() {
    return TRANSITIONS.stream().filter(t -> t.from() == this).map(Transition::to).toList();
  }

  /** An application on its way: counted as a candidate of its country. */
  public boolean isCandidate() {
    return CANDIDATES.contains(this);
  }

  /** The period is over; the school may apply again, which opens a new membership period. */
  public boolean isClosed() {
    return this == REJECTED || this == WITHDRAWN;
  }
}
