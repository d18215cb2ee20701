package org.unesco.aspnet.membership;

import java.time.Instant;
import java.util.List;

/**
 * One membership period of a school. A school that re-joins after a withdrawal (or re-applies
 * after a rejection) gets a new period; earlier ones stay as they were. Where the country's
 * national profile has a ladder, {@code stage} is the code of the national stage the school is in
 * (since {@code stageSince}), else null. {@code next}: the moves the caller who read it may make.
 * {@code revision}: how many moves its history records, which every move raises; it is the
 * membership's ETag, and a move may send it back in If-Match (since 1.6; 0 where it was not read).
 */
public record Membership(
    long id,
    long schoolId,
    String country,
    int period,
    MembershipStatus status,
    List<MembershipStatus> next,
    String certificateNumber,
    Instant appliedAt,
    Instant certifiedAt,
    Instant endedAt,
    String stage,
    Instant stageSince,
    int revision) {

  /** A membership whose revision was not read (0). */
  public Membership(
      long id, long schoolId, String country, int period, MembershipStatus status, List<MembershipStatus> next,
      String certificateNumber, Instant appliedAt, Instant certifiedAt, Instant endedAt, String stage, Instant stageSince) {
    this(id, schoolId, country, period, status, next, certificateNumber, appliedAt, certifiedAt, endedAt, stage, stageSince, 0);
  }
}
