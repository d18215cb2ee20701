package org.unesco.aspnet.membership;

/**
 * Filters of the school directory; null means "any". {@code q} is free text matched on name and
 * city, ignoring case and accents. {@code cursor} is the {@link Page#next()} of the previous page
 * (of the same {@code sort}). {@code unit} is a sub-national unit's code (an académie, a Land),
 * meaningful with its {@code country} (since 1.7).
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
    Sort sort,
    String unit) {
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

  /** The longest unit code a school holds. */
  public static final int UNIT_MAX = 200;

  /**
   * @throws org.unesco.aspnet.core.ProblemException 400 naming {@code unit} when it is longer than
   *     {@value #UNIT_MAX} or comes without its country (a unit's code is its country's)
   */
  public SchoolQuery {
    sort = sort == null ? Sort.ID : sort;
    unit = unit == null || unit.isBlank() ? null : unit.strip();
    if (unit != null && unit.length() > UNIT_MAX) {
      throw org.unesco.aspnet.core.ProblemException.validation("unit", "must be at most " + UNIT_MAX + " characters");
    }
    if (unit != null && (country == null || country.isBlank())) {
      throw org.unesco.aspnet.core.ProblemException.validation("unit", "needs its country: give country too");
    }
  }

  /** This query with another unit (a unit's code spelt as the country's profile spells it, say). */
  public SchoolQuery withUnit(String unit) {
    return new SchoolQuery(country, region, status, level, theme, language, q, limit, cursor, sort, unit);
  }

  /** A query of the whole country or of every country (no unit). */
  public SchoolQuery(
      String country, String region, MembershipStatus status, Level level, Theme theme, String language,
      String q, int limit, String cursor, Sort sort) {
    this(country, region, status, level, theme, language, q, limit, cursor, sort, null);
  }

  /** A query in the default order. */
  public SchoolQuery(
      String country, String region, MembershipStatus status, Level level, Theme theme, String language,
      String q, int limit, String cursor) {
    this(country, region, status, level, theme, language, q, limit, cursor, Sort.ID);
  }
}
