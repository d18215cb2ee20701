package org.unesco.aspnet.membership;

import java.time.Instant;

/**
 * One line of a membership's history; {@code from} is null for the application itself. A move on
 * a national ladder names its stages ({@code fromStage}, {@code toStage}); {@code from} and {@code
 * to} are then equal when the global status stayed.
 */
public record StatusChange(
    MembershipStatus from,
    MembershipStatus to,
    String actor,
    Instant at,
    String comment,
    String fromStage,
    String toStage) {}
