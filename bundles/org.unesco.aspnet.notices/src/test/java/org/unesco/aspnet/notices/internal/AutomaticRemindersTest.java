package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutomaticRemindersTest {
  private final List<String> warnings = new ArrayList<>();
  /** The settings each look was made with. */
  private final List<String> looks = new ArrayList<>();
  private Optional<ReportReminders.Looked> answer = looked(0, 0);
  private Instant now = Instant.parse("2026-03-01T00:30:00Z");

  private AutomaticReminders automatic(AutomaticReminders.Config config) {
    Clock clock = new Clock() { // the test's now, read at each look
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
    return new AutomaticReminders((before, after, stopping) -> {
      looks.add(before + "/" + after);
      if (answer == null) {
        throw new IllegalStateException("the database is away");
      }
      return answer;
    }, config, clock, info -> { }, warnings::add);
  }

  @Test
  void aDayIsLookedAtOnceAndAgainWhenItCouldNotBe() throws Exception {
    AutomaticReminders automatic = automatic(config("30", "14"));
    automatic.look();
    automatic.look(); // an hour later
    assertEquals(List.of("30/14"), looks);
    now = now.plusSeconds(24 * 3600);
    automatic.look();
    assertEquals(2, looks.size(), "the next day");

    now = now.plusSeconds(24 * 3600);
    answer = Optional.empty(); // no email: looked at again an hour later
    automatic.look();
    automatic.look();
    answer = null; // the database fails: again
    automatic.look();
    answer = looked(3, 0);
    automatic.look();
    automatic.look();
    assertEquals(6, looks.size());
    assertEquals(1, warnings.size(), warnings.toString());
    automatic.deactivate();
  }

  @Test
  void aLookWhereACountryFailedIsMadeAgainAnHourLater() throws Exception {
    AutomaticReminders automatic = automatic(config("30", "14"));
    answer = looked(5, 1); // the other countries reminded, one failed
    automatic.look();
    assertEquals(List.of("Annual report reminders: the look of 2026-03-01 failed for 1 country(ies), tried again in an hour"), warnings);
    answer = looked(1, 0);
    automatic.look(); // an hour later
    automatic.look();
    assertEquals(2, looks.size(), "looked at again once, then done for the day");
    automatic.deactivate();
  }

  @Test
  void changedSettingsApplyAtTheNextLookAndAValueRefusedKeepsThePrevious() throws Exception {
    AutomaticReminders automatic = automatic(config("30", "14"));
    automatic.look();
    automatic.modified(config("-1", "lots"));
    assertEquals(30, automatic.daysBefore());
    assertEquals(14, automatic.daysAfter());
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("org.unesco.aspnet.notices.reminders: daysBeforeDue=-1 is refused"), warnings.get(0));
    automatic.modified(config("10", "181"));
    assertEquals(10, automatic.daysBefore());
    assertEquals(14, automatic.daysAfter(), "at most 180");
    automatic.look();
    assertEquals(List.of("30/14", "10/14"), looks, "the same day, with the new settings");
    automatic.modified(config("0", "0"));
    automatic.look();
    assertEquals(2, looks.size(), "both off: nothing to look at");
    automatic.deactivate();
  }

  private static Optional<ReportReminders.Looked> looked(int reminded, int failed) {
    return Optional.of(new ReportReminders.Looked(reminded, failed));
  }

  /** A configuration as Declarative Services gives it: a value that is no number throws when read. */
  static AutomaticReminders.Config config(String before, String after) {
    return new AutomaticReminders.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return AutomaticReminders.Config.class;
      }

      @Override
      public int daysBeforeDue() {
        return Integer.parseInt(before);
      }

      @Override
      public int daysAfterDue() {
        return Integer.parseInt(after);
      }
    };
  }
}
