package org.unesco.aspnet.membership;

/** The outcome of applying: the school and its new membership period. */
public record Application(long schoolId, long membershipId, MembershipStatus status) {}
