package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.membership.AnnualReport.State;

class ReportRemindersServletTest {
  private static final Set<String> COUNTRIES = Set.of("FR", "DE");

  private static List<String> errors(String country, Integer year, String... states) {
    ReportRemindersServlet.Request r = new ReportRemindersServlet.Request(country, year, states.length == 0 ? null : Arrays.asList(states));
    return ReportRemindersServlet.errors(r, "en", COUNTRIES::contains).stream().map(FieldError::field).toList();
  }

  @Test
  void eachFieldIsCheckedAndEveryMistakeToldAtOnce() {
    assertEquals(List.of(), errors("FR", 2025));
    assertEquals(List.of(), errors("fr", 2026, "MISSING", "OPEN"), "a code in lower case, this year");
    assertEquals(List.of("country", "year"), errors(null, null));
    assertEquals(List.of("country"), errors("XX", 2025), "no such country");
    assertEquals(List.of("country"), errors("FRA", 2025));
    assertEquals(List.of(), errors("FR", 1999), "a year out of range is the annual reports' 400, once the rights are checked");
    assertEquals(List.of("states"), errors("FR", 2025, "SUBMITTED"), "a school that sent its report is not reminded");
    assertEquals(List.of("states"), errors("FR", 2025, "MISSING", null));
    assertEquals(List.of("states"), errors("FR", 2025, new String[] {""}));
    assertEquals("doit être MISSING ou OPEN : un rappel va à une école qui n'a pas envoyé son rapport",
        ReportRemindersServlet.errors(new ReportRemindersServlet.Request("FR", 2025, List.of("LATE")), "fr", COUNTRIES::contains)
            .get(0).message());
  }

  @Test
  void missingReportsAreTheDefault() {
    assertEquals(EnumSet.of(State.MISSING), ReportRemindersServlet.statesOf(new ReportRemindersServlet.Request("FR", 2025, null)));
    assertEquals(EnumSet.of(State.MISSING, State.OPEN),
        ReportRemindersServlet.statesOf(new ReportRemindersServlet.Request("FR", 2025, List.of("OPEN", " MISSING"))));
  }
}
