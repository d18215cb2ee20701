package org.unesco.aspnet.membership;

/**
 * Filters of the school directory; null means "any". {@code q} is free text matched on name and
 * city, ignoring case and accents. {@code cursor} is the {@link Page#next()} of the previous page.
 */
public record SchoolQuery(
    String country,
    String region,
    MembershipStatus status,
    Level level,
    Theme theme,
    String language,
    String q,
    int limit,
    String cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
}
