package org.unesco.aspnet.membership;

import java.time.LocalDate;
import java.util.List;

/**
 * Where a year's annual reports stand across the countries a coordinator sees (HQ: all of them):
 * for each country, how many member schools owe the report, how many sent it on time, late, or not
 * yet. Counted over the same schools as {@link ReportCompliance}.
 *
 * @param dueDate the day the reports were (or are) due
 * @param duePassed whether that day is over: reports not sent are then missing, else still open
 * @param countries one row per country, by code: for HQ each country with a school owing the report,
 *     for a National Coordinator each of their countries (a row of zeros where no school owes it)
 * @since 1.9
 */
public record ReportRollup(int year, LocalDate dueDate, boolean duePassed, Counts total, List<CountryCounts> countries) {

  /** Schools owing the report; of them, those that sent it by the due date, after it, and not at all. */
  public record Counts(long owed, long onTime, long late, long notSent) {}

  /** One country's counts. */
  public record CountryCounts(String country, long owed, long onTime, long late, long notSent) {}
}
