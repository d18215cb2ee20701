package org.unesco.aspnet.projects;

/**
 * How long an international observance lasts, as its rule says.
 *
 * @since 1.4
 */
public enum ObservanceKind {
  /** One day a year: a date ({@code 03-21}) or a weekday of a month ({@code third Thursday of November}). */
  DAY,
  /** Several days a year: {@code 10-24 to 10-31} (a week, a fortnight...). */
  PERIOD,
  /** One calendar year: {@code 2025 (year)}. */
  YEAR,
  /** A run of years: {@code 2021-2030 (decade)}. */
  DECADE
}
