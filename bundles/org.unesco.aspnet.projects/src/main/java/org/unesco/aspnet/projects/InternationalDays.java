package org.unesco.aspnet.projects;

import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.Theme;

/**
 * The calendar of international days, weeks, years and decades observed at UNESCO, which schools
 * plan their activities around. Everyone reads it; HQ keeps it (the UN adds observances). An
 * installation starts with the list shipped in the bundle; a day HQ removed does not come back
 * with an upgrade. Every change and its audit entry commit together. Problems: 401/403 when the
 * actor may not, 404 for a day that does not exist, 400 with field errors, 409 for a name listed
 * already or a full calendar, 412 for a stale revision.
 *
 * @since 1.4
 */
@ProviderType
public interface InternationalDays {

  /** How many observances the calendar holds at most. */
  int MAX_DAYS = 300;

  /**
   * The occurrences that touch {@code from}..{@code to} (both included), by first day, then name in
   * the reader's language; a decade or a year appears once, with its whole span.
   *
   * @param theme only those serving this thematic area, or null for all
   */
  List<InternationalDay> between(Principal reader, LocalDate from, LocalDate to, Theme theme);

  /**
   * One observance, with its occurrence in {@code year}, or when null its next one from today (the
   * one under way, if any).
   */
  InternationalDay day(Principal reader, String id, Integer year);

  InternationalDay add(Principal actor, InternationalDayInput input);

  /** Changes the non-null fields of {@code changes} if the day is still at {@code expectedRevision}. */
  InternationalDay update(Principal actor, String id, int expectedRevision, InternationalDayInput changes);

  /**
   * Takes a day off the calendar (what it was stays in the audit log).
   *
   * @param expectedRevision the revision read, or null to remove it whatever it became
   */
  void remove(Principal actor, String id, Integer expectedRevision);
}
