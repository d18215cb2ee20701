package org.unesco.aspnet.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.projects.Phase;

/** Demo activities are dated within the phase they name, whatever the day the demo is loaded. */
class DemoCampaignsTest {
  @Test
  void everyDayOfTheYearFallsInOneTrashHackPhase() {
    for (int year : new int[] {2026, 2028}) { // 2028: a leap year
      List<Phase> phases = DemoCampaigns.trashHackPhases(year);
      for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
        LocalDate day = d;
        Phase phase = DemoCampaigns.phaseOf(phases, day);
        assertEquals(1, phases.stream().filter(p -> !day.isBefore(p.starts()) && !day.isAfter(p.ends())).count(), day.toString());
        assertEquals(false, day.isBefore(phase.starts()) || day.isAfter(phase.ends()), day.toString());
      }
    }
    assertEquals("act", DemoCampaigns.phaseOf(DemoCampaigns.trashHackPhases(2026), LocalDate.of(2026, 9, 30)).key());
    assertEquals("reflect", DemoCampaigns.phaseOf(DemoCampaigns.trashHackPhases(2026), LocalDate.of(2026, 10, 1)).key());
    assertThrows(IllegalStateException.class, () -> DemoCampaigns.phaseOf(DemoCampaigns.trashHackPhases(2026), LocalDate.of(2025, 12, 31)));
  }
}
