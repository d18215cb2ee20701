package org.unesco.aspnet.membership.bulk;

import java.time.Instant;
import org.unesco.aspnet.membership.MembershipStatus;

/**
 * One membership period of a school and one line of its history: {@code changeTo} and the
 * fields after it are null for a period without recorded history.
 */
public record MembershipRow(
    long membershipId,
    long schoolId,
    String schoolName,
    String country,
    String unit,
    String city,
    int period,
    MembershipStatus status,
    String certificateNumber,
    Instant appliedAt,
    Instant certifiedAt,
    Instant endedAt,
    MembershipStatus changeFrom,
    MembershipStatus changeTo,
    Instant changedAt,
    String changedBy,
    String comment) {}
