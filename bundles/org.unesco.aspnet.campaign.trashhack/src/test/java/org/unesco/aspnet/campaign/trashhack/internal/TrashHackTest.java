package org.unesco.aspnet.campaign.trashhack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

class TrashHackTest {
  private final TrashHack module = new TrashHack();

  private static Report report(Map<String, Object> metrics) {
    return new Report(0, 1, "FR", LocalDate.of(2026, 3, 1), "act", 10, 1, metrics);
  }

  private static Map<String, Object> waste(String type, Object mass, String unit) {
    Map<String, Object> m = new HashMap<>();
    m.put("type", type);
    m.put("mass", mass);
    m.put("unit", unit);
    return m;
  }

  private List<String> fields(Map<String, Object> metrics) {
    return module.validate(report(metrics)).stream().map(FieldError::field).toList();
  }

  @Test
  void acceptsAWellFormedReport() {
    assertEquals(List.of(), module.validate(report(Map.of(
        "waste", List.of(waste("PLASTIC", 12.5, "kg"), waste("GLASS", 800, "g")),
        "actions", List.of("beach clean-up"),
        "itemsRecycled", 40))));
  }

  @Test
  void anActionIsTheSchemasItemOrTheSentenceAloneAndEachCounts() {
    // the form sends each item of "actions" as the schema describes it: {"action": "..."}
    Map<String, Object> metrics = Map.of("waste", List.of(waste("PAPER", 1, "kg")),
        "actions", List.of(Map.of("action", "sorting bins in the canteen"), "beach clean-up"));
    assertEquals(List.of(), module.validate(report(metrics)));
    assertEquals(2L, module.aggregate(List.of(report(metrics))).get("actionsTaken"));
    assertEquals(List.of("metrics.actions[0].action", "metrics.actions[1].colour", "metrics.actions[2]"),
        fields(Map.of("waste", List.of(waste("PAPER", 1, "kg")),
            "actions", List.of(Map.of("action", " "), Map.of("action", "ok", "colour", "red"), 42))));
  }

  @Test
  void refusesNegativeMassUnknownUnitAndUnknownType() {
    List<FieldError> errors = module.validate(report(Map.of(
        "waste", List.of(waste("PLASTIC", -1, "kg"), waste("GLASS", 2, "stone"), waste("DUST", 1, "kg")))));
    assertEquals(List.of("metrics.waste[0].mass", "metrics.waste[1].unit", "metrics.waste[2].type"),
        errors.stream().map(FieldError::field).toList());
    assertEquals("must not be negative", errors.get(0).message());
    assertTrue(errors.get(1).message().startsWith("unknown unit stone"), errors.get(1).message());
  }

  @Test
  void refusesMissingWasteWrongTypesAndUnknownFields() {
    assertEquals(List.of("metrics.waste"), fields(Map.of()));
    assertEquals(List.of("metrics.colour"), fields(Map.of("waste", List.of(waste("PAPER", 1, "kg")), "colour", "red")));
    assertEquals(List.of("metrics.waste[0].mass"), fields(Map.of("waste", List.of(waste("PAPER", "heavy", "kg")))));
    assertEquals(List.of("metrics.itemsRecycled"),
        fields(Map.of("waste", List.of(waste("PAPER", 1, "kg")), "itemsRecycled", -3)));
  }

  @Test
  void aggregatesToTheSumsComputedIndependently() {
    Random random = new Random(42);
    List<String> units = TrashHack.units();
    double[] factor = {1, 0.001, 1000, 0.45359237};
    List<Report> reports = new ArrayList<>();
    Map<String, Double> expectedByType = new HashMap<>();
    double expectedTotal = 0;
    long expectedItems = 0;
    long expectedActions = 0;
    for (int i = 0; i < 300; i++) {
      List<Object> waste = new ArrayList<>();
      for (int j = 0; j < 1 + random.nextInt(4); j++) {
        String type = TrashHack.TYPES.get(random.nextInt(TrashHack.TYPES.size()));
        int u = random.nextInt(units.size());
        double mass = Math.round(random.nextDouble() * 50_000) / 100.0;
        waste.add(waste(type, mass, units.get(u)));
        expectedByType.merge(type, mass * factor[u], Double::sum);
        expectedTotal += mass * factor[u];
      }
      int items = random.nextInt(500);
      int actions = random.nextInt(4);
      List<Object> actionList = new ArrayList<>();
      for (int a = 0; a < actions; a++) {
        actionList.add("action " + a);
      }
      expectedItems += items;
      expectedActions += actions;
      reports.add(report(Map.of("waste", waste, "itemsRecycled", items, "actions", actionList)));
    }
    Map<String, Object> totals = module.aggregate(reports);
    assertEquals(expectedTotal, (Double) totals.get("wasteKg"), 0.001);
    assertEquals(expectedItems, totals.get("itemsRecycled"));
    assertEquals(expectedActions, totals.get("actionsTaken"));
    @SuppressWarnings("unchecked")
    Map<String, Object> byType = (Map<String, Object>) totals.get("wasteKgByType");
    assertEquals(expectedByType.keySet(), byType.keySet());
    expectedByType.forEach((type, kg) -> assertEquals(kg, (Double) byType.get(type), 0.001, type));
  }

  @Test
  void summaryNamesWhatWasCollectedMost() {
    Map<String, Object> totals = module.aggregate(List.of(report(Map.of(
        "waste", List.of(waste("PLASTIC", 2, "kg"), waste("METAL", 3000, "g"))))));
    assertEquals("METAL", module.summary(totals, java.util.Locale.ENGLISH).get("mostCollected"));
    assertEquals(5.0, totals.get("wasteKg"));
  }

  @Test
  void everyLabelAndEveryChoiceIsInTheFourLanguagesOfTheUi() {
    assertEquals(List.of(), SubmissionSchema.untranslated(module, List.of("en", "fr", "es", "de")));
  }
}
