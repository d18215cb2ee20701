package org.unesco.aspnet.membership;

/**
 * A UNESCO Member State or Associate Member, named in the caller's language, with how many of its
 * schools are members and how many are candidates (applications on their way).
 */
public record Country(String iso2, String name, String region, long members, long candidates) {}
