package org.unesco.aspnet.notices.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.unesco.aspnet.notices.internal.ReminderStore.Kind;

/**
 * When the platform reminds schools of their annual report by itself: {@code daysBefore} days
 * before a year's due date (to those that have not sent it yet) and {@code daysAfter} days after it
 * (to those whose report is still missing); 0 turns either off. Each is a window rather than one
 * day, so that a platform that was stopped on that day still sends it on the next: the reminder
 * before until the due date, the one after for {@value #AFTER_DUE_WINDOW_DAYS} days (not longer: a
 * platform started, or reminders turned on, months later does not chase a long-past year). That
 * each school gets each reminder once is the store's unique key's business.
 */
final class ReminderSchedule {
  static final int AFTER_DUE_WINDOW_DAYS = 7;
  /** The most days before or after the due date a reminder may be set to. */
  static final int MAX_DAYS = 180;

  /** A reminder due today: of {@code year}'s report, before or after its due date. */
  record Due(int year, Kind kind) {}

  private ReminderSchedule() {}

  /** The reminders due on {@code today}, given each year's due date ({@code dueDate}). */
  static List<Due> due(LocalDate today, IntFunction<LocalDate> dueDate, int daysBefore, int daysAfter) {
    List<Due> due = new ArrayList<>();
    // a year's report is due in the next year: the due dates near today are those of these years
    for (int year = today.getYear() - 2; year <= today.getYear(); year++) {
      LocalDate date = dueDate.apply(year);
      if (daysBefore > 0 && !today.isBefore(date.minusDays(daysBefore)) && today.isBefore(date)) {
        due.add(new Due(year, Kind.BEFORE_DUE));
      }
      LocalDate after = date.plusDays(daysAfter);
      if (daysAfter > 0 && !today.isBefore(after) && today.isBefore(after.plusDays(AFTER_DUE_WINDOW_DAYS))) {
        due.add(new Due(year, Kind.AFTER_DUE));
      }
    }
    return due;
  }
}
