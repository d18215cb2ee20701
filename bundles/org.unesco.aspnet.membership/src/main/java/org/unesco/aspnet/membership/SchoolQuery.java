package org.unesco.aspnet.membership;

/**
 * Filters of the school directory; null means "any". {@code q} is free text matched on name and
 * city, ignoring case and accents. {@code cursor} is the {@link Page#next()} of the previous page
 * (of the same {@code sort}).
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
    String cursor,
    Sort sort) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** The order of the directory; every order pages by keyset, so page 1,000 is as fast as page 1. */
  public enum Sort {
    /** Oldest first (the default). */
    ID,
    /** Newest first. */
    NEWEST,
    /** By name, ignoring case and accents. */
    NAME,
    /** By city, ignoring case and accents. */
    CITY
  }

  public SchoolQuery {
    sort = sort == null ? Sort.ID : sort;
  }

  /** A query in the default order. */
  public SchoolQuery(
      String country, String region, MembershipStatus status, Level level, Theme theme, String language,
      String q, int limit, String cursor) {
    this(country, region, status, level, theme, language, q, limit, cursor, Sort.ID);
  }
}
