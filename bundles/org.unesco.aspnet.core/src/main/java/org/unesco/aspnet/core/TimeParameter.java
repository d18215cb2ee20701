package org.unesco.aspnet.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time given in a query parameter ({@code updatedSince}, {@code notSignedInSince}): one rule for
 * every endpoint, so that an integrator learns it once.
 *
 * @since 1.10
 */
public final class TimeParameter {
  private static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-01-01T00:00:00Z");

  private TimeParameter() {}

  /**
   * The time {@code text} states: an instant with its offset ({@code 2026-12-01T08:00:00Z},
   * {@code 2026-12-01T09:00:00+01:00}, fractions of a second too) or a day ({@code 2026-12-01},
   * from its start in UTC); null for null or blank. A {@code +} sent unescaped in a query string
   * arrives as a space, and is read as the {@code +} it was.
   *
   * @param field the parameter's name, for the error
   * @throws ProblemException 400 naming {@code field} for anything else, or a year before 1970 or
   *     after 9998 (which the databases cannot store)
   */
  public static Instant parse(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip().replace(' ', '+');
    Instant at;
    try {
      at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.validation(field,
          "must be a time with its offset, such as 2026-12-01T08:00:00Z, or a day, such as 2026-12-01");
    }
    // beyond these years Derby fails and PostgreSQL's timestamps overflow
    if (at.isBefore(MIN) || !at.isBefore(MAX)) {
      throw ProblemException.validation(field, "must be between the years 1970 and 9999");
    }
    return at;
  }
}
