package org.unesco.aspnet.partnerships;

import java.time.Instant;
import org.unesco.aspnet.membership.Theme;

/**
 * A partnership between two schools. {@code message} and {@code comment} (the comment of the last
 * move) are null for those who are neither the two schools' staff, their countries' National
 * Coordinators nor HQ. {@code answeredAt} is set when the proposal was accepted, declined or
 * withdrawn, {@code endedAt} when it ended. {@code revision} is its ETag.
 */
public record Partnership(
    long id,
    PartnerSchool proposer,
    PartnerSchool partner,
    Theme theme,
    String message,
    PartnershipStatus status,
    Instant proposedAt,
    Instant answeredAt,
    Instant endedAt,
    String comment,
    int revision) {

  /** The same without what only the two schools, their NCs and HQ read. */
  public Partnership withoutTexts() {
    return new Partnership(id, proposer, partner, theme, null, status, proposedAt, answeredAt, endedAt, null, revision);
  }
}
