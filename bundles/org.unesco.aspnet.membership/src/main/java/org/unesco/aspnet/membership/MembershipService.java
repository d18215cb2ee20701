package org.unesco.aspnet.membership;

import org.unesco.aspnet.core.Principal;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Applications and the membership lifecycle. Each change of status is recorded in the
 * membership's history in the same transaction and announced on Event Admin under {@link
 * #TOPIC_PREFIX}{@code <STATUS>} (e.g. {@code org/unesco/aspnet/membership/MEMBER}).
 */
@ProviderType
public interface MembershipService {
  String TOPIC_PREFIX = "org/unesco/aspnet/membership/";

  /**
   * A school applies: creates the school and its first membership, {@link
   * MembershipStatus#APPLIED}.
   *
   * @param confirmDuplicate go ahead although the school looks like one already known
   * @throws org.unesco.aspnet.core.ProblemException 400 for invalid fields, 409 with the likely
   *     duplicates (extension {@code duplicates}) unless {@code confirmDuplicate}
   */
  Application apply(Principal actor, SchoolInput school, boolean confirmDuplicate);

  /**
   * A school whose last period was rejected or withdrawn applies again: a new period opens and
   * the old one stays as it was.
   */
  Application reapply(Principal actor, long schoolId);

  Membership membership(Principal actor, long id);

  /** The history of one membership period, oldest first. */
  List<StatusChange> history(Principal actor, long id);

  /**
   * Moves a membership to {@code to}.
   *
   * @throws org.unesco.aspnet.core.ProblemException 409 when the move is not allowed from the
   *     current status, 403 when the actor may not make it, 400 when a required comment is missing
   */
  Membership transition(Principal actor, long id, MembershipStatus to, String comment);

  /**
   * As {@link #transition(Principal, long, MembershipStatus, String)}; a certification (to MEMBER,
   * the period's first) may name the day the school became a member when that was before the
   * platform recorded it ({@code certifiedOn}, null for today): a network brought onto the platform
   * keeps its members' certification dates, their certificates' years and the annual reports they owe.
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 for {@code certifiedOn} on another move, in
   *     the future or before 1953 (the network's founding)
   * @since 1.4
   */
  Membership transition(Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn);

  /**
   * As {@link #transition(Principal, long, MembershipStatus, String, java.time.LocalDate)}, made only
   * if the membership is still at {@code expectedRevision} ({@link Membership#revision()}, sent back
   * in If-Match; null: not checked): whoever decided on what they read is told when someone else
   * moved it first, even back to the same status.
   *
   * @throws org.unesco.aspnet.core.ProblemException 412 when the membership is at another revision
   * @since 1.6
   */
  Membership transition(
      Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn, Integer expectedRevision);

  /**
   * Moves a membership to {@code stage} of its country's national ladder (and its global status
   * along, when the stage maps to another one).
   *
   * @throws org.unesco.aspnet.core.ProblemException 404 when the country has no ladder or the stage
   *     is unknown, 409 when the stage is skipped or taken too early (with the reason), 403 when
   *     the actor's role does not decide that move in the school's unit or country
   */
  Membership moveStage(Principal actor, long id, String stage, String comment);

  /**
   * As {@link #moveStage(Principal, long, String, String)}, made only if the membership is still at
   * {@code expectedRevision} (null: not checked).
   *
   * @throws org.unesco.aspnet.core.ProblemException 412 when the membership is at another revision
   * @since 1.6
   */
  Membership moveStage(Principal actor, long id, String stage, String comment, Integer expectedRevision);

  /**
   * Checks a certificate number, for anyone (the public included). The number is compared without
   * regard to case and surrounding spaces.
   *
   * @throws org.unesco.aspnet.core.ProblemException 404 when no membership ever got that number
   * @since 1.2
   */
  Certificate certificate(Principal actor, String number);
}
