package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.AnnualReport.State;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.Theme;

class AnnualReportStateTest {

  static AnnualReports.Config due(String monthDay) {
    return new AnnualReports.Config() {
      @Override
      public String dueMonthDay() {
        return monthDay;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return AnnualReports.Config.class;
      }
    };
  }

  private static AnnualReports at(String now, String dueMonthDay) {
    return new AnnualReports(null, null, null, null, null, due(dueMonthDay), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  @Test
  void aYearsReportIsDueOnTheConfiguredDayOfTheNextYear() {
    AnnualReports reports = at("2026-11-28T12:00:00Z", "03-31");
    assertEquals(LocalDate.of(2026, 3, 31), reports.dueDate(2025));
    assertEquals(State.SUBMITTED, reports.stateOf(2025, Instant.parse("2026-03-31T23:59:59Z")), "the whole due day counts");
    assertEquals(State.LATE, reports.stateOf(2025, Instant.parse("2026-04-01T00:00:00Z")));
    assertEquals(State.MISSING, reports.stateOf(2025, null));
    assertEquals(State.OPEN, reports.stateOf(2026, null), "2026 is due in March 2027");
    assertEquals(LocalDate.of(2027, 6, 30), at("2026-11-28T12:00:00Z", "06-30").dueDate(2026));
    assertEquals(LocalDate.of(2027, 3, 31), at("2026-11-28T12:00:00Z", "not a date").dueDate(2026), "a typo falls back");
  }

  @Test
  void aMistypedDueDayKeepsTheDayInForceAndSaysSo() {
    List<String> warnings = new java.util.ArrayList<>();
    AnnualReports reports = new AnnualReports(null, null, null, null, null, due("06-30"),
        Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC), warnings::add);
    for (String typo : List.of("13-01", "02-30x", "abc")) {
      reports.modified(due(typo));
      assertEquals(LocalDate.of(2026, 6, 30), reports.dueDate(2025), typo);
    }
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("dueMonthDay") && warnings.get(0).contains("MM-DD"), warnings.get(0));
    reports.modified(due("12-31"));
    assertEquals(LocalDate.of(2026, 12, 31), reports.dueDate(2025), "a good value applies");
  }

  @Test
  void everyFieldIsCheckedAndReportedAtOnce() {
    ProblemException p = assertThrows(ProblemException.class,
        () -> AnnualReports.validate(new AnnualReportInput(" ", List.of(), -1, null, "x".repeat(4001)), "en"));
    assertEquals(List.of("activities", "themes", "studentsInvolved", "teachersInvolved", "notes"),
        p.errors().stream().map(e -> e.field()).toList());
    assertEquals(List.of("is required", "name at least one theme", "must be between 0 and 1000000", "is required",
        "must be at most 4000 characters"), p.errors().stream().map(e -> e.message()).toList());
    ProblemException fr = assertThrows(ProblemException.class,
        () -> AnnualReports.validate(new AnnualReportInput(" ", List.of(), -1, null, null), "fr"));
    assertEquals(List.of("est obligatoire", "indiquez au moins un thème", "doit être compris entre 0 et 1000000", "est obligatoire"),
        fr.errors().stream().map(e -> e.message()).toList());
    AnnualReportInput ok = AnnualReports.validate(
        new AnnualReportInput("  Trash Hack week  ", List.of(Theme.ESD, Theme.ESD), 120, 8, " "), "en");
    assertEquals("Trash Hack week", ok.activities());
    assertEquals(List.of(Theme.ESD), ok.themes());
    assertEquals(null, ok.notes());
  }

  @Test
  void aThemeThatIsNoneIsOneErrorOnItsPlaceInWords() throws Exception {
    // as the PUT reads it: the binding's error on themes[0], the rules on the rest
    ProblemException sport = assertThrows(ProblemException.class, () -> org.unesco.aspnet.web.Json.convert(
        org.unesco.aspnet.web.Json.MAPPER.readTree(
            "{\"activities\":\"Trees\",\"themes\":[\"SPORT\"],\"studentsInvolved\":1,\"teachersInvolved\":1}"),
        AnnualReportInput.class, rest -> AnnualReports.validate(rest, "fr")));
    assertEquals(List.of("themes[0]"), sport.errors().stream().map(e -> e.field()).toList(), sport.errors().toString());
    assertTrue(!sport.errors().get(0).message().contains("["), sport.errors().toString());
    // a null among the themes: on its place, the themes in words
    ProblemException none = assertThrows(ProblemException.class,
        () -> AnnualReports.validate(new AnnualReportInput("Trees", java.util.Arrays.asList(Theme.ESD, null), 1, 1, null), "fr"));
    assertEquals(List.of("themes[1]"), none.errors().stream().map(e -> e.field()).toList());
    assertEquals("doit être PEACE_GCED, ESD ou INTERCULTURAL", none.errors().get(0).message());
  }
}
