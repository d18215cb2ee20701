package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.projects.InternationalDay;
import org.unesco.aspnet.projects.ObservanceKind;

/** The iCalendar document a calendar application imports. */
class DayCalendarTest {

  private static InternationalDay day(String id, String name, ObservanceKind kind, String start, String end) {
    return new InternationalDay(id, name, Map.of("en", name), "x", kind, LocalDate.parse(start), LocalDate.parse(end),
        List.of(), "https://www.unesco.org/en/days/" + id, 1);
  }

  @Test
  void eachDayIsAnAllDayEventEndingTheDayAfterAndLinesEndInCrLf() {
    String ics = DayCalendar.write(List.of(
        day("world-water-day", "World Water Day", ObservanceKind.DAY, "2027-03-22", "2027-03-22"),
        day("mil-week", "Global Media and Information Literacy Week", ObservanceKind.PERIOD, "2027-10-24", "2027-10-31"),
        day("ocean-decade", "Ocean Decade", ObservanceKind.DECADE, "2021-01-01", "2030-12-31")),
        "Journées internationales", Instant.parse("2026-12-01T10:15:30Z"));
    assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), ics);
    assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
    assertFalse(ics.replace("\r\n", "").contains("\n"), "every line ends in CR LF");
    assertTrue(ics.contains("X-WR-CALNAME:Journées internationales\r\n"));
    assertTrue(ics.contains("UID:aspnet-international-day-world-water-day-2027-03-22\r\n"), ics);
    assertTrue(ics.contains("DTSTART;VALUE=DATE:20270322\r\nDTEND;VALUE=DATE:20270323\r\n"));
    assertTrue(ics.contains("DTSTART;VALUE=DATE:20271024\r\nDTEND;VALUE=DATE:20271101\r\n"), "a week ends the day after its last");
    assertTrue(ics.contains("DTSTAMP:20261201T101530Z\r\n"));
    assertFalse(ics.contains("Ocean Decade"), "a decade would fill ten years of a calendar");
    assertEquals(2, ics.split("BEGIN:VEVENT", -1).length - 1);
  }

  @Test
  void textIsEscapedAndLongLinesFoldWithoutCuttingACharacter() {
    assertEquals("a\\, b\\; c\\\\ d\\nе", DayCalendar.text("a, b; c\\ d\r\nе"));
    StringBuilder out = new StringBuilder();
    String arabic = "SUMMARY:" + "اليوم الدولي للتعليم ".repeat(8);
    DayCalendar.line(out, arabic);
    String[] lines = out.toString().split("\r\n");
    assertTrue(lines.length > 3);
    for (int i = 0; i < lines.length; i++) {
      assertTrue(lines[i].getBytes(StandardCharsets.UTF_8).length <= 75, "line " + i + " has at most 75 octets");
      if (i > 0) {
        assertTrue(lines[i].startsWith(" "), "a continuation starts with a space");
      }
    }
    StringBuilder unfolded = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      unfolded.append(lines[i].substring(1));
    }
    assertEquals(arabic, unfolded.toString(), "unfolding gives back every character");
    StringBuilder emoji = new StringBuilder();
    DayCalendar.line(emoji, "SUMMARY:" + "🌊".repeat(40));
    assertFalse(emoji.toString().contains("\uFFFD"));
    assertTrue(new String(emoji.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("🌊🌊"));
  }
}
