package org.unesco.aspnet.partnerships;

import java.util.Set;

/**
 * Where a partnership stands. A proposal is {@code PROPOSED}; the partner school makes it {@code
 * ACCEPTED} or {@code DECLINED}, the proposer may take it back ({@code WITHDRAWN}); an accepted
 * partnership is {@code ENDED} by either school or HQ. DECLINED, WITHDRAWN and ENDED are final.
 */
public enum PartnershipStatus {
  PROPOSED,
  ACCEPTED,
  DECLINED,
  WITHDRAWN,
  ENDED;

  /** The statuses a move to this one may start from (none for PROPOSED, which only a proposal makes). */
  public Set<PartnershipStatus> from() {
    return switch (this) {
      case PROPOSED -> Set.of();
      case ACCEPTED, DECLINED, WITHDRAWN -> Set.of(PROPOSED);
      case ENDED -> Set.of(ACCEPTED);
    };
  }

  /** PROPOSED or ACCEPTED: two schools have at most one open partnership between them. */
  public boolean isOpen() {
    return this == PROPOSED || this == ACCEPTED;
  }
}
