package org.unesco.aspnet.membership;

import java.time.Instant;
import java.util.List;

/**
 * One membership period of a school. A school that re-joins after a withdrawal (or re-applies
 * after a rejection) gets a new period; earlier ones stay as they were. Where the country's
 * national profile has a ladder, {@code stage} is the code of the national stage the school is in
 * (since {@code stageSince}), else null. {@code next}: the moves the caller who read it may make.
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
    Instant stageSince) {}
