package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.notices.internal.ReminderSchedule.Due;
import org.unesco.aspnet.notices.internal.ReminderStore.Kind;

class ReminderScheduleTest {
  private static final IntFunction<LocalDate> MARCH_31 = year -> LocalDate.of(year + 1, 3, 31);

  private static List<Due> on(String day, int before, int after) {
    return ReminderSchedule.due(LocalDate.parse(day), MARCH_31, before, after);
  }

  @Test
  void theReminderBeforeIsDueFromItsDayUntilTheDueDate() {
    assertEquals(List.of(), on("2026-02-28", 30, 14), "31 days before");
    assertEquals(List.of(new Due(2025, Kind.BEFORE_DUE)), on("2026-03-01", 30, 14), "30 days before");
    assertEquals(List.of(new Due(2025, Kind.BEFORE_DUE)), on("2026-03-30", 30, 14), "a platform stopped on the day sends it later");
    assertEquals(List.of(), on("2026-03-31", 30, 14), "on the due day the report may still come in time");
  }

  @Test
  void theReminderAfterIsDueForAWeekFromItsDay() {
    assertEquals(List.of(), on("2026-04-13", 30, 14));
    assertEquals(List.of(new Due(2025, Kind.AFTER_DUE)), on("2026-04-14", 30, 14), "14 days after");
    assertEquals(List.of(new Due(2025, Kind.AFTER_DUE)), on("2026-04-20", 30, 14));
    assertEquals(List.of(), on("2026-04-21", 30, 14), "not months later, when reminders are turned on or the platform installed");
    assertEquals(List.of(), on("2026-12-01", 30, 14));
  }

  @Test
  void zeroTurnsEitherOff() {
    assertEquals(List.of(), on("2026-03-01", 0, 14));
    assertEquals(List.of(), on("2026-04-14", 30, 0));
  }

  @Test
  void aDueDateLateInTheYearIsFoundAcrossNewYear() {
    IntFunction<LocalDate> december20 = year -> LocalDate.of(year + 1, 12, 20);
    // 2024's report is due on 2025-12-20: 14 days after is in 2026
    assertEquals(List.of(new Due(2024, Kind.AFTER_DUE)), ReminderSchedule.due(LocalDate.parse("2026-01-03"), december20, 30, 14));
    IntFunction<LocalDate> january15 = year -> LocalDate.of(year + 1, 1, 15);
    // 2026's report is due on 2027-01-15: 30 days before is in 2026
    assertEquals(List.of(new Due(2026, Kind.BEFORE_DUE)), ReminderSchedule.due(LocalDate.parse("2026-12-20"), january15, 30, 14));
  }
}
