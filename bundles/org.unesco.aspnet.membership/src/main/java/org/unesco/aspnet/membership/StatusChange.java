package org.unesco.aspnet.membership;

import java.time.Instant;

/** One line of a membership's history; {@code from} is null for the application itself. */
public record StatusChange(
    MembershipStatus from, MembershipStatus to, String actor, Instant at, String comment) {}
