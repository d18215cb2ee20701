package org.unesco.aspnet.campaign.sandwatch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

class SandwatchTest {
  private final Sandwatch module = new Sandwatch();

  private static Report report(long school, Map<String, Object> metrics) {
    return new Report(0, school, "SC", LocalDate.of(2026, 3, 1), "monitor", 10, 1, metrics);
  }

  private static Map<String, Object> measurement(Object date, Object width, String unit, String change) {
    Map<String, Object> m = new HashMap<>();
    m.put("date", date);
    m.put("beachWidth", width);
    m.put("unit", unit);
    if (change != null) {
      m.put("change", change);
    }
    return m;
  }

  private static Map<String, Object> metrics(String site, Object... measurements) {
    return Map.of("site", Map.of("name", site, "latitude", -4.7, "longitude", 55.5), "measurements", List.of(measurements));
  }

  @Test
  void acceptsAMeasurementWithWaterQuality() {
    Map<String, Object> m = measurement("2026-03-02", 18.4, "m", "EROSION");
    m.put("water", Map.of("temperature", 28.1, "ph", 8.1, "turbidity", 3.2, "salinity", 34.5));
    assertEquals(List.of(), module.validate(report(1, metrics("North", m))));
  }

  @Test
  void refusesFutureDatesNegativeWidthsUnknownUnitsAndBadReadings() {
    Map<String, Object> bad = measurement(LocalDate.now().plusDays(30).toString(), -2, "furlong", "SINKING");
    bad.put("water", Map.of("ph", 15));
    List<String> fields = module.validate(report(1, metrics("North", bad))).stream().map(FieldError::field).toList();
    assertEquals(List.of(
        "metrics.measurements[0].date",
        "metrics.measurements[0].beachWidth",
        "metrics.measurements[0].unit",
        "metrics.measurements[0].change",
        "metrics.measurements[0].water.ph"), fields);
    assertEquals(List.of("metrics.site", "metrics.measurements"),
        module.validate(report(1, Map.of())).stream().map(FieldError::field).toList());
  }

  @Test
  void buildsATimeSeriesPerSiteAndCountsErodingSites() {
    Map<String, Object> totals = module.aggregate(List.of(
        report(1, metrics("North", measurement("2026-01-10", 20, "m", "STABLE"))),
        report(1, metrics("North", measurement("2026-02-10", 1850, "cm", "EROSION"))),
        report(2, metrics("Bay", measurement("2026-01-05", 10, "m", null), measurement("2026-03-05", 12, "m", "ACCRETION")))));
    assertEquals(2, totals.get("sites"));
    assertEquals(4L, totals.get("measurements"));
    assertEquals(1L, totals.get("erodingSites"));
    assertEquals(1L, totals.get("accretingSites"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> series = (List<Map<String, Object>>) totals.get("series");
    Map<String, Object> north = series.stream().filter(s -> s.get("site").equals("North")).findFirst().orElseThrow();
    assertEquals(List.of(Map.of("date", "2026-01-10", "beachWidthM", 20.0), Map.of("date", "2026-02-10", "beachWidthM", 18.5)),
        north.get("points"));
    assertEquals(Map.of("EROSION", 1L, "ACCRETION", 1L, "STABLE", 1L), totals.get("observedChanges"));
  }

  @Test
  void everyLabelAndEveryChoiceIsInTheFourLanguagesOfTheUi() {
    assertEquals(List.of(), SubmissionSchema.untranslated(module, List.of("en", "fr", "es", "de")));
  }
}
