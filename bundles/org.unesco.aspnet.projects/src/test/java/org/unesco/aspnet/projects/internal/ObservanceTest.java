package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.projects.ObservanceKind;

/** The rules of the reference list and the dates they give. */
class ObservanceTest {

  private static LocalDate[] span(String from, String to) {
    return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)};
  }

  @Test
  void aDateFallsOnTheSameDayEveryYear() {
    Observance water = Observance.parse("03-22");
    assertEquals(ObservanceKind.DAY, water.kind());
    assertArrayEquals(span("2027-03-22", "2027-03-22"), water.in(2027));
    assertArrayEquals(span("2027-03-22", "2027-03-22"), water.next(LocalDate.parse("2026-12-01")));
    assertArrayEquals(span("2026-03-22", "2026-03-22"), water.next(LocalDate.parse("2026-03-22")), "today's is the next");
  }

  @Test
  void aWeekdayOfAMonthMovesWithTheCalendar() {
    Observance philosophy = Observance.parse("  Third   THURSDAY of november ");
    assertEquals("third Thursday of November", philosophy.canonical());
    assertArrayEquals(span("2026-11-19", "2026-11-19"), philosophy.in(2026));
    assertArrayEquals(span("2027-11-18", "2027-11-18"), philosophy.in(2027));
    assertArrayEquals(span("2026-11-05", "2026-11-05"), Observance.parse("first Thursday of November").in(2026));
    assertArrayEquals(span("2026-05-25", "2026-05-25"), Observance.parse("last Monday of May").in(2026));
  }

  @Test
  void aPeriodMayRunIntoTheNextYearAndIsFoundWhileUnderWay() {
    Observance mil = Observance.parse("10-24 to 10-31");
    assertEquals(ObservanceKind.PERIOD, mil.kind());
    assertArrayEquals(span("2026-10-24", "2026-10-31"), mil.next(LocalDate.parse("2026-10-30")));
    Observance winter = Observance.parse("12-28 to 01-03");
    assertArrayEquals(span("2026-12-28", "2027-01-03"), winter.in(2026));
    List<LocalDate[]> january = winter.between(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-31"));
    assertEquals(1, january.size(), "the period begun in December is under way on January 1");
    assertArrayEquals(span("2026-12-28", "2027-01-03"), january.get(0));
  }

  @Test
  void aDecadeIsOneSpanListedOnceInAnyPeriodItTouches() {
    Observance ocean = Observance.parse("2021-2030 (decade)");
    assertEquals(ObservanceKind.DECADE, ocean.kind());
    assertEquals(1, ocean.between(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31")).size());
    assertArrayEquals(span("2021-01-01", "2030-12-31"), ocean.next(LocalDate.parse("2026-12-01")));
    assertEquals(0, ocean.between(LocalDate.parse("2031-01-01"), LocalDate.parse("2031-12-31")).size());
    assertNull(ocean.in(2031));
    assertEquals("2025 (year)", Observance.parse("2025 (Year)").canonical());
    assertEquals("2022-2032 (decade)", Observance.parse("2022-2032").canonical());
  }

  @Test
  void whatIsNoRuleIsRefused() {
    for (String rule : new String[] {null, "", "13-01", "02-30", "02-29", "3-22", "22/03", "fifth Monday of May",
        "third Funday of May", "10-24 to 10-24", "2030-2021 (decade)", "1800 (year)", "03-22; DROP TABLE", "tomorrow"}) {
      assertNull(Observance.parse(rule), rule);
    }
  }

  @Test
  void everyRuleOfTheShippedListReads() {
    for (DayStore.Seed s : DayStore.readSeeds(DayStore.class.getClassLoader().getResourceAsStream(DayStore.REFERENCE))) {
      Observance o = Observance.parse(s.observed());
      assertEquals(s.observed().toLowerCase(), o.canonical().toLowerCase(), s.id());
    }
  }
}
