package org.unesco.aspnet.partnerships;

import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.Page;

/**
 * Partnerships between member schools of different countries (docs/partnerships.md). Who sees
 * what: the public, the ACCEPTED partnerships of two schools that are both MEMBER now, without
 * message and comment; a school's staff, also every partnership of their school; an NC, also every
 * partnership with a school of their country; HQ, all.
 */
@ProviderType
public interface PartnershipService {
  /**
   * Event Admin topics, posted after each change: this prefix and the new status ({@code
   * org/unesco/aspnet/partnerships/PROPOSED}, {@code ACCEPTED}, {@code DECLINED}, {@code
   * WITHDRAWN}, {@code ENDED}). Properties: {@code partnershipId} (Long), {@code proposerId} and
   * {@code partnerId} (Long), {@code proposerCountry}, {@code partnerCountry}, {@code countries}
   * (String[], the distinct ones), {@code status}, {@code from} (absent on a proposal), {@code
   * actor} (absent for the platform itself).
   */
  String TOPIC_PREFIX = "org/unesco/aspnet/partnerships/";

  /** At most this many PROPOSED proposals by one school at a time. */
  int OPEN_PROPOSALS_MAX = 10;

  /**
   * A school proposes a partnership.
   *
   * @throws org.unesco.aspnet.core.ProblemException 401 for the public, 403 for someone who is not
   *     staff of the proposing school, 400 with every field's mistake (both schools must be MEMBER
   *     now and in different countries), 409 when the two schools already have a PROPOSED or
   *     ACCEPTED partnership, or the proposer has {@link #OPEN_PROPOSALS_MAX} open proposals
   */
  Partnership propose(Principal actor, PartnershipInput input);

  /**
   * The partnerships {@code actor} may see, newest first, optionally of one school (either side),
   * one country (either side) or one status.
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 for a cursor this list did not give
   */
  Page<Partnership> partnerships(Principal actor, Long school, String country, PartnershipStatus status, int limit,
      String cursor);

  /** @throws org.unesco.aspnet.core.ProblemException 404 when absent or not visible to the actor */
  Partnership partnership(Principal actor, long id);

  /**
   * One move: ACCEPTED or DECLINED by the partner school's staff, WITHDRAWN by the proposer's, from
   * PROPOSED; ENDED by either school's staff or HQ, from ACCEPTED.
   *
   * @param comment optional, at most 2000 characters
   * @param expectedRevision the revision the client read (If-Match), or null
   * @throws org.unesco.aspnet.core.ProblemException 404 when not visible, 401/403 when the actor may
   *     not make this move, 400 for a bad comment or target status, 412 when stale, 409 when the move
   *     is not allowed from the current status (or, to accept, a school is no longer MEMBER)
   */
  Partnership move(Principal actor, long id, PartnershipStatus to, String comment, Integer expectedRevision);
}
