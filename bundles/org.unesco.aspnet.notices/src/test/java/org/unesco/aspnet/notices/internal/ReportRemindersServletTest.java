package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.AnnualReport.State;

class ReportRemindersServletTest {
  private static final Set<String> COUNTRIES = Set.of("FR", "DE");

  private static List<String> errors(String country, Integer year, String... states) {
    ReportRemindersServlet.Request r = new ReportRemindersServlet.Request(country, year, states.length == 0 ? null : Arrays.asList(states));
    return ReportRemindersServlet.errors(r, "en", COUNTRIES::contains, ReportRemindersServletTest::checkYear).stream()
        .map(FieldError::field).toList();
  }

  /** The annual reports' range, as of 2026. */
  private static void checkYear(int year) {
    if (year < 2000 || year > 2026) {
      throw ProblemException.validation("year", "must be between 2000 and 2026");
    }
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
    // with another mistake, the year's is told in the same 400 (rights or not: the 400 comes first)
    assertEquals(List.of("country", "year"), errors("ZZ", 1990));
    assertEquals(List.of("states", "year"), errors("FR", 2027, "LATE"));
    assertEquals("doit être MISSING ou OPEN : un rappel va à une école qui n'a pas envoyé son rapport",
        ReportRemindersServlet.errors(new ReportRemindersServlet.Request("FR", 2025, List.of("LATE")), "fr", COUNTRIES::contains,
            ReportRemindersServletTest::checkYear)
            .get(0).message());
  }

  @Test
  void missingReportsAreTheDefault() {
    assertEquals(EnumSet.of(State.MISSING), ReportRemindersServlet.statesOf(new ReportRemindersServlet.Request("FR", 2025, null)));
    assertEquals(EnumSet.of(State.MISSING, State.OPEN),
        ReportRemindersServlet.statesOf(new ReportRemindersServlet.Request("FR", 2025, List.of("OPEN", " MISSING"))));
  }

  @Test
  void theAnswersHaveTheFieldsTheOpenApiFragmentSays() throws Exception {
    JsonNode schemas;
    try (InputStream in = ReportRemindersServlet.class.getResourceAsStream("/openapi/notices.json")) {
      schemas = new ObjectMapper().readTree(in).path("components").path("schemas");
    }
    ReportReminders.Outcome outcome = new ReportReminders.Outcome("FR", 2025, LocalDate.of(2026, 3, 31),
        List.of(new ReportReminders.Reminded(1, "Lycée Ampère", 2)),
        List.of(new ReportReminders.Skipped(2, "École du Port", "recentlyReminded", Instant.parse("2026-12-01T10:00:00Z")),
            new ReportReminders.Skipped(3, "Collège Sans Adresse", "noAddress", null),
            new ReportReminders.Skipped(4, "École Injoignable", "addressNotEmailable", null)));
    Set<State> states = EnumSet.of(State.MISSING, State.OPEN);
    for (Map.Entry<String, Map<String, Object>> answer : Map.of(
        "ReminderOutcome", ReportRemindersServlet.body(outcome, states),
        "ReminderPreview", ReportRemindersServlet.previewBody(outcome, states, true)).entrySet()) {
      JsonNode answered = new ObjectMapper().valueToTree(answer.getValue());
      String name = answer.getKey();
      assertFields(schemas, name, answered);
      answered.path("schools").forEach(school -> assertFields(schemas, "ReminderSchool", school));
      answered.path("skipped").forEach(skipped -> assertFields(schemas, "ReminderSkipped", skipped));
      answered.path("states").forEach(state -> assertTrue(values(schemas.path(name).path("properties").path("states").path("items").path("enum"))
          .contains(state.asText()), name + " " + state));
    }
    assertEquals(Set.of("recentlyReminded", "noAddress", "addressNotEmailable"),
        values(schemas.path("ReminderSkipped").path("properties").path("reason").path("enum")));
  }

  /** {@code answer} has every required field of the schema {@code name} and no field it does not name. */
  private static void assertFields(JsonNode schemas, String name, JsonNode answer) {
    JsonNode schema = schemas.path(name);
    Set<String> fields = new TreeSet<>();
    answer.fieldNames().forEachRemaining(fields::add);
    Set<String> described = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(described::add);
    assertTrue(described.containsAll(fields), name + " describes " + described + ", the answer has " + fields);
    assertTrue(fields.containsAll(values(schema.path("required"))), name + " requires " + schema.path("required") + ", the answer has " + fields);
  }

  private static Set<String> values(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
