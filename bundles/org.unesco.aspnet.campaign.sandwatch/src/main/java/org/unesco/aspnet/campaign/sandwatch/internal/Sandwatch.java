package org.unesco.aspnet.campaign.sandwatch.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.MetricChecks;
import org.unesco.aspnet.projects.campaign.MetricDefinition;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/**
 * Sandwatch: schools monitor a beach, analyse and share what they find, and take action. A
 * submission's metrics describe the school's monitoring site and one or more dated measurements:
 *
 * <pre>{@code
 * {"site": {"name": "Anse Royale north", "latitude": -4.74, "longitude": 55.52},
 *  "measurements": [{"date": "2026-03-02", "beachWidth": 18.4, "unit": "m", "change": "EROSION",
 *                    "water": {"temperature": 28.1, "ph": 8.1, "turbidity": 3.2, "salinity": 34.5}}]}
 * }</pre>
 *
 * The totals of a group give per site its time series of beach width (in m), and how many sites
 * erode or accrete between their first and last measurement.
 */
@Component
@CampaignModule.Campaign("sandwatch")
public final class Sandwatch implements CampaignModule {
  static final List<String> CHANGES = List.of("EROSION", "ACCRETION", "STABLE");
  /** Metres per unit. */
  static final Map<String, Double> UNITS = Map.of("m", 1.0, "cm", 0.01, "ft", 0.3048);
  static final int MEASUREMENTS_MAX = 100;
  /** Past this many sites a group's totals leave the series out (the per-school summary has them). */
  static final int SERIES_MAX_SITES = 50;

  @Override
  public String name(Locale language) {
    return "Sandwatch";
  }

  @Override
  public List<PhaseDefinition> phases() {
    return List.of(
        new PhaseDefinition("monitor", labels("Monitor", "Observer", "Monitorear", "Beobachten")),
        new PhaseDefinition("analyse", labels("Analyse", "Analyser", "Analizar", "Auswerten")),
        new PhaseDefinition("share", labels("Share", "Partager", "Compartir", "Teilen")),
        new PhaseDefinition("take-action", labels("Take action", "Agir", "Actuar", "Handeln")));
  }

  /** Erosion, accretion, stable in the four languages of the UI. */
  static final Map<String, Map<String, String>> CHANGE_LABELS = Map.of(
      "EROSION", labels("Erosion", "Érosion", "Erosión", "Erosion"),
      "ACCRETION", labels("Accretion", "Engraissement", "Acreción", "Anlandung"),
      "STABLE", labels("Stable", "Stable", "Estable", "Stabil"));

  @Override
  public SubmissionSchema schema() {
    MetricDefinition site = new MetricDefinition("site", "object", null, true, null, List.of(
        new MetricDefinition("name", "text", null, true, null, null, labels("Site name", "Nom du site", "Nombre del sitio", "Name des Standorts")),
        new MetricDefinition("latitude", "number", "°", false, null, null, labels("Latitude", "Latitude", "Latitud", "Breitengrad")),
        new MetricDefinition("longitude", "number", "°", false, null, null, labels("Longitude", "Longitude", "Longitud", "Längengrad"))),
        labels("Monitoring site", "Site de suivi", "Sitio de monitoreo", "Beobachtungsstandort"));
    MetricDefinition water = new MetricDefinition("water", "object", null, false, null, List.of(
        new MetricDefinition("temperature", "number", "°C", false, null, null,
            labels("Water temperature", "Température de l'eau", "Temperatura del agua", "Wassertemperatur")),
        new MetricDefinition("ph", "number", "pH", false, null, null, labels("pH", "pH", "pH", "pH-Wert")),
        new MetricDefinition("turbidity", "number", "NTU", false, null, null, labels("Turbidity", "Turbidité", "Turbidez", "Trübung")),
        new MetricDefinition("salinity", "number", "PSU", false, null, null, labels("Salinity", "Salinité", "Salinidad", "Salzgehalt"))),
        labels("Water quality", "Qualité de l'eau", "Calidad del agua", "Wasserqualität"));
    // units are shown as they are (m, cm, ft): the same in every language
    MetricDefinition measurement = new MetricDefinition("measurements", "list", null, true, null, List.of(
        new MetricDefinition("date", "date", null, true, null, null, labels("Date", "Date", "Fecha", "Datum")),
        new MetricDefinition("beachWidth", "number", null, true, null, null, labels("Beach width", "Largeur de la plage", "Ancho de la playa", "Strandbreite")),
        new MetricDefinition("unit", "choice", null, true, List.of("m", "cm", "ft"), null, labels("Unit", "Unité", "Unidad", "Einheit")),
        new MetricDefinition("change", "choice", null, false, CHANGES, null,
            labels("Erosion or accretion", "Érosion ou engraissement", "Erosión o acreción", "Erosion oder Anlandung"), CHANGE_LABELS),
        water),
        labels("Measurements", "Mesures", "Mediciones", "Messungen"));
    return new SubmissionSchema(List.of(site, measurement), false);
  }

  /** A text in English, French, Spanish and German, the languages of the UI. */
  static Map<String, String> labels(String en, String fr, String es, String de) {
    return Map.of("en", en, "fr", fr, "es", es, "de", de);
  }

  @Override
  public List<FieldError> validate(Report report) {
    MetricChecks checks = new MetricChecks();
    Map<String, Object> metrics = report.metrics();
    checks.onlyKnown(metrics, "metrics", Set.of("site", "measurements"));
    Map<String, Object> site = checks.object(metrics, "site", "metrics", true);
    if (site != null) {
      checks.onlyKnown(site, "metrics.site", Set.of("name", "latitude", "longitude"));
      checks.text(site, "name", "metrics.site", true, 100);
      checks.number(site, "latitude", "metrics.site", false, -90, 90);
      checks.number(site, "longitude", "metrics.site", false, -180, 180);
    }
    List<Object> measurements = checks.list(metrics, "measurements", "metrics", true, MEASUREMENTS_MAX);
    if (measurements != null) {
      for (int i = 0; i < measurements.size(); i++) {
        String at = "metrics.measurements[" + i + "]";
        if (!(measurements.get(i) instanceof Map<?, ?>)) {
          checks.add(at, "must be an object {date, beachWidth, unit, change, water}");
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) measurements.get(i);
        checks.onlyKnown(m, at, Set.of("date", "beachWidth", "unit", "change", "water"));
        checks.date(m, "date", at, true);
        checks.number(m, "beachWidth", at, true, 0, 100_000);
        checks.unit(m, "unit", at, true, List.of("m", "cm", "ft"));
        checks.choice(m, "change", at, false, CHANGES);
        Map<String, Object> w = checks.object(m, "water", at, false);
        if (w != null) {
          String wat = at + ".water";
          checks.onlyKnown(w, wat, Set.of("temperature", "ph", "turbidity", "salinity"));
          checks.number(w, "temperature", wat, false, -5, 50);
          checks.number(w, "ph", wat, false, 0, 14);
          checks.number(w, "turbidity", wat, false, 0, 10_000);
          checks.number(w, "salinity", wat, false, 0, 60);
        }
      }
    }
    return checks.errors();
  }

  /** A site's points, by date (a later report of the same day replaces an earlier one). */
  private record Site(long school, String name, TreeMap<LocalDate, Double> widths) {}

  @Override
  public Map<String, Object> aggregate(Collection<Report> approved) {
    Map<String, Site> sites = new TreeMap<>();
    Map<String, Long> changes = new LinkedHashMap<>();
    CHANGES.forEach(c -> changes.put(c, 0L));
    double[] waterSums = new double[4];
    long[] waterCounts = new long[4];
    List<String> waterKeys = List.of("temperature", "ph", "turbidity", "salinity");
    long count = 0;
    for (Report r : approved) {
      if (!(r.metrics().get("site") instanceof Map<?, ?> site) || !(site.get("name") instanceof String name)) {
        continue;
      }
      Site s = sites.computeIfAbsent(r.school() + "/" + name, k -> new Site(r.school(), name, new TreeMap<>()));
      if (!(r.metrics().get("measurements") instanceof List<?> list)) {
        continue;
      }
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("beachWidth") instanceof Number width)) {
          continue;
        }
        count++;
        LocalDate date = LocalDate.parse(String.valueOf(m.get("date")));
        s.widths().put(date, width.doubleValue() * UNITS.getOrDefault(String.valueOf(m.get("unit")), 1.0));
        if (m.get("change") instanceof String c && changes.containsKey(c)) {
          changes.merge(c, 1L, Long::sum);
        }
        if (m.get("water") instanceof Map<?, ?> w) {
          for (int i = 0; i < waterKeys.size(); i++) {
            if (w.get(waterKeys.get(i)) instanceof Number n) {
              waterSums[i] += n.doubleValue();
              waterCounts[i]++;
            }
          }
        }
      }
    }
    long eroding = 0;
    long accreting = 0;
    List<Map<String, Object>> series = new ArrayList<>();
    for (Site s : sites.values()) {
      if (s.widths().size() >= 2) {
        double delta = s.widths().lastEntry().getValue() - s.widths().firstEntry().getValue();
        if (delta < 0) {
          eroding++;
        } else if (delta > 0) {
          accreting++;
        }
      }
      if (sites.size() <= SERIES_MAX_SITES) {
        List<Map<String, Object>> points = new ArrayList<>();
        s.widths().forEach((d, w) -> points.add(Map.of("date", d.toString(), "beachWidthM", round(w))));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("school", s.school());
        one.put("site", s.name());
        one.put("points", points);
        series.add(one);
      }
    }
    Map<String, Object> water = new LinkedHashMap<>();
    for (int i = 0; i < waterKeys.size(); i++) {
      if (waterCounts[i] > 0) {
        water.put("mean" + Character.toUpperCase(waterKeys.get(i).charAt(0)) + waterKeys.get(i).substring(1),
            round(waterSums[i] / waterCounts[i]));
      }
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("sites", sites.size());
    totals.put("measurements", count);
    totals.put("observedChanges", changes);
    totals.put("erodingSites", eroding);
    totals.put("accretingSites", accreting);
    totals.put("water", water);
    if (sites.size() <= SERIES_MAX_SITES) {
      totals.put("series", series);
    }
    return totals;
  }

  @Override
  public Map<String, Object> summary(Map<String, Object> totals, Locale language) {
    Map<String, Object> summary = new LinkedHashMap<>(totals);
    summary.remove("series");
    return summary;
  }

  static double round(double d) {
    return Math.round(d * 1000.0) / 1000.0;
  }
}
