package org.unesco.aspnet.projects.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unesco.aspnet.projects.ObservanceKind;

/**
 * When an international observance falls, read from its rule as the reference list writes it:
 * {@code 03-22}; {@code 10-24 to 10-31} (a period, which may run into January); {@code third
 * Thursday of November} (first to fourth, or last); {@code 2025 (year)}; {@code 2021-2030
 * (decade)}. The rule is kept in that written form, in English: the dates are what a reader sees.
 */
record Observance(ObservanceKind kind, String canonical, MonthDay first, MonthDay last, int ordinal, DayOfWeek weekday,
    Month month, int firstYear, int lastYear) {

  static final int EARLIEST_YEAR = 1900;
  static final int LATEST_YEAR = 2200;
  private static final Pattern DATE = Pattern.compile("(\\d{2})-(\\d{2})");
  private static final Pattern PERIOD = Pattern.compile("(\\d{2})-(\\d{2})\\s+to\\s+(\\d{2})-(\\d{2})");
  private static final Pattern WEEKDAY = Pattern.compile("(first|second|third|fourth|last)\\s+([a-z]+)\\s+of\\s+([a-z]+)");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*\\(year\\)");
  private static final Pattern YEARS = Pattern.compile("(\\d{4})\\s*-\\s*(\\d{4})(?:\\s*\\((decade|years)\\))?");
  private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

  /** The observance {@code rule} describes, or null when it is none of the forms above. */
  static Observance parse(String rule) {
    if (rule == null) {
      return null;
    }
    String text = rule.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    Matcher m;
    if ((m = DATE.matcher(text)).matches()) {
      MonthDay day = monthDay(m.group(1), m.group(2));
      return day == null ? null : new Observance(ObservanceKind.DAY, text, day, day, 0, null, null, 0, 0);
    }
    if ((m = PERIOD.matcher(text)).matches()) {
      MonthDay from = monthDay(m.group(1), m.group(2));
      MonthDay to = monthDay(m.group(3), m.group(4));
      if (from == null || to == null || from.equals(to)) {
        return null;
      }
      return new Observance(ObservanceKind.PERIOD, m.group(1) + "-" + m.group(2) + " to " + m.group(3) + "-" + m.group(4),
          from, to, 0, null, null, 0, 0);
    }
    if ((m = WEEKDAY.matcher(text)).matches()) {
      DayOfWeek weekday = named(DayOfWeek.values(), m.group(2));
      Month month = named(Month.values(), m.group(3));
      if (weekday == null || month == null) {
        return null;
      }
      int ordinal = m.group(1).equals("last") ? -1 : ORDINALS.indexOf(m.group(1)) + 1;
      return new Observance(ObservanceKind.DAY, m.group(1) + " " + title(weekday.name()) + " of " + title(month.name()),
          null, null, ordinal, weekday, month, 0, 0);
    }
    if ((m = YEAR.matcher(text)).matches()) {
      int year = Integer.parseInt(m.group(1));
      return plausible(year) ? new Observance(ObservanceKind.YEAR, year + " (year)", null, null, 0, null, null, year, year) : null;
    }
    if ((m = YEARS.matcher(text)).matches()) {
      int from = Integer.parseInt(m.group(1));
      int to = Integer.parseInt(m.group(2));
      if (!plausible(from) || !plausible(to) || to <= from) {
        return null;
      }
      return new Observance(ObservanceKind.DECADE, from + "-" + to + " (decade)", null, null, 0, null, null, from, to);
    }
    return null;
  }

  /** How many days an occurrence of a day or a period lasts at most (a leap year counted). */
  long days() {
    if (kind == ObservanceKind.YEAR || kind == ObservanceKind.DECADE) {
      return 0;
    }
    long days = 0;
    for (int year : new int[] {2000, 2001}) { // 02-01 to 04-03 is a day longer in a leap year
      LocalDate[] o = in(year);
      days = Math.max(days, o[1].toEpochDay() - o[0].toEpochDay() + 1);
    }
    return days;
  }

  /** Its occurrence in {@code year}, as {first day, last day}; null when it has none that year. */
  LocalDate[] in(int year) {
    return switch (kind) {
      case YEAR, DECADE -> year >= firstYear && year <= lastYear
          ? new LocalDate[] {LocalDate.of(firstYear, 1, 1), LocalDate.of(lastYear, 12, 31)} : null;
      case PERIOD -> {
        LocalDate start = first.atYear(year);
        LocalDate end = last.atYear(last.isBefore(first) ? year + 1 : year); // 12-28 to 01-03 runs into January
        yield new LocalDate[] {start, end};
      }
      case DAY -> {
        LocalDate day = weekday == null ? first.atYear(year) : weekdayOf(year);
        yield new LocalDate[] {day, day};
      }
    };
  }

  /** Every occurrence touching {@code from}..{@code to}, in order; a year or decade once. */
  List<LocalDate[]> between(LocalDate from, LocalDate to) {
    List<LocalDate[]> found = new ArrayList<>();
    if (kind == ObservanceKind.YEAR || kind == ObservanceKind.DECADE) {
      LocalDate[] span = in(firstYear);
      if (!span[1].isBefore(from) && !span[0].isAfter(to)) {
        found.add(span);
      }
      return found;
    }
    // a period that starts in December of the year before may still be under way on from
    for (int year = from.getYear() - 1; year <= to.getYear(); year++) {
      LocalDate[] o = in(year);
      if (!o[1].isBefore(from) && !o[0].isAfter(to)) {
        found.add(o);
      }
    }
    return found;
  }

  /** The occurrence under way on {@code today}, or else the next one; for a year or decade its span. */
  LocalDate[] next(LocalDate today) {
    if (kind == ObservanceKind.YEAR || kind == ObservanceKind.DECADE) {
      return in(firstYear);
    }
    for (int year = today.getYear() - 1; ; year++) {
      LocalDate[] o = in(year);
      if (!o[1].isBefore(today)) {
        return o;
      }
    }
  }

  private LocalDate weekdayOf(int year) {
    LocalDate firstOfMonth = LocalDate.of(year, month, 1);
    return ordinal < 0 ? firstOfMonth.with(TemporalAdjusters.lastInMonth(weekday))
        : firstOfMonth.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, weekday));
  }

  /** A month and day that falls every year: 02-29 does not, and has no observance to mark. */
  private static MonthDay monthDay(String month, String day) {
    int m = Integer.parseInt(month);
    int d = Integer.parseInt(day);
    if (m < 1 || m > 12 || d < 1 || d > Month.of(m).minLength()) {
      return null;
    }
    return MonthDay.of(m, d);
  }

  private static boolean plausible(int year) {
    return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
  }

  private static <E extends Enum<E>> E named(E[] values, String name) {
    for (E e : values) {
      if (e.name().toLowerCase(Locale.ROOT).equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String title(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }
}
