package org.unesco.aspnet.membership;

/**
 * Filters of the school directory; null means "any". {@code q} is free text matched on name and
 * city, ignoring case and accents. {@code cursor} is the {@link Page#next()} of the previous page
 * (of the same {@code sort}). {@code unit} is a sub-national unit's code (an académie, a Land),
 * meaningful with its {@code country} (since 1.7). {@code updatedSince}: only schools whose profile
 * or status changed at or after this time (since 1.11), for a system that keeps a copy of the
 * directory and asks for what changed since its last reading.
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
    String unit,
    java.time.Instant updatedSince) {
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
    return new SchoolQuery(country, region, status, level, theme, language, q, limit, cursor, sort, unit, updatedSince);
  }

  /** This query narrowed to the schools changed at or after {@code since} (null: any). @since 1.11 */
  public SchoolQuery withUpdatedSince(java.time.Instant since) {
    return new SchoolQuery(country, region, status, level, theme, language, q, limit, cursor, sort, unit, since);
  }

  /** A query of a unit, of any time of change. */
  public SchoolQuery(
      String country, String region, MembershipStatus status, Level level, Theme theme, String language,
      String q, int limit, String cursor, Sort sort, String unit) {
    this(country, region, status, level, theme, language, q, limit, cursor, sort, unit, null);
  }

  /**
   * The time an {@code updatedSince} parameter states: an instant with its offset
   * ({@code 2026-12-01T08:00:00Z}, {@code 2026-12-01T09:00:00+01:00}, fractions of a second too) or
   * a day ({@code 2026-12-01}, from its start in UTC); null for null or blank. A {@code +} sent
   * unescaped in a query string arrives as a space, and is read as the {@code +} it was.
   *
   * @throws org.unesco.aspnet.core.ProblemException 400 naming {@code updatedSince} for anything else
   * @since 1.11
   */
  public static java.time.Instant updatedSince(String text) {
    return org.unesco.aspnet.core.TimeParameter.parse("updatedSince", text);
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
