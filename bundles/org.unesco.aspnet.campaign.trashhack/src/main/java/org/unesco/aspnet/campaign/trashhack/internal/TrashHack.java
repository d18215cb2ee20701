package org.unesco.aspnet.campaign.trashhack.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.MetricChecks;
import org.unesco.aspnet.projects.campaign.MetricDefinition;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.projects.campaign.SubmissionSchema;

/**
 * Trash Hack: schools observe the waste around them, act (collect, sort, recycle), reflect and
 * celebrate. A submission's metrics:
 *
 * <pre>{@code
 * {"waste": [{"type": "PLASTIC", "mass": 12.5, "unit": "kg"}, {"type": "GLASS", "mass": 800, "unit": "g"}],
 *  "actions": [{"action": "beach clean-up"}, "sorting bins in the canteen"],
 *  "itemsRecycled": 340}
 * }</pre>
 */
@Component
@CampaignModule.Campaign("trash-hack")
public final class TrashHack implements CampaignModule {
  static final List<String> TYPES =
      List.of("PLASTIC", "PAPER", "GLASS", "METAL", "ORGANIC", "TEXTILE", "ELECTRONIC", "HAZARDOUS", "OTHER");
  /** Kilograms per unit. */
  static final Map<String, Double> UNITS = orderedUnits();
  static final double MASS_MAX = 1_000_000;
  static final int WASTE_MAX = 50;
  static final int ACTIONS_MAX = 50;
  static final int ACTION_MAX = 500;

  private static Map<String, Double> orderedUnits() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("kg", 1.0);
    m.put("g", 0.001);
    m.put("t", 1000.0);
    m.put("lb", 0.45359237);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String name(Locale language) {
    return "Trash Hack";
  }

  @Override
  public List<PhaseDefinition> phases() {
    return List.of(
        new PhaseDefinition("observe", labels("Observe", "Observer", "Observar", "Beobachten")),
        new PhaseDefinition("act", labels("Act", "Agir", "Actuar", "Handeln")),
        new PhaseDefinition("reflect", labels("Reflect", "Réfléchir", "Reflexionar", "Nachdenken")),
        new PhaseDefinition("celebrate", labels("Celebrate", "Célébrer", "Celebrar", "Feiern")));
  }

  /** The waste types in the four languages of the UI, in the order of {@link #TYPES}. */
  static final Map<String, Map<String, String>> TYPE_LABELS = typeLabels();

  private static Map<String, Map<String, String>> typeLabels() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("PLASTIC", labels("Plastic", "Plastique", "Plástico", "Kunststoff"));
    m.put("PAPER", labels("Paper and cardboard", "Papier et carton", "Papel y cartón", "Papier und Pappe"));
    m.put("GLASS", labels("Glass", "Verre", "Vidrio", "Glas"));
    m.put("METAL", labels("Metal", "Métal", "Metal", "Metall"));
    m.put("ORGANIC", labels("Organic", "Déchets organiques", "Orgánico", "Bioabfall"));
    m.put("TEXTILE", labels("Textile", "Textile", "Textil", "Textilien"));
    m.put("ELECTRONIC", labels("Electronic", "Électronique", "Electrónico", "Elektroschrott"));
    m.put("HAZARDOUS", labels("Hazardous", "Dangereux", "Peligroso", "Gefährlich"));
    m.put("OTHER", labels("Other", "Autre", "Otro", "Sonstiges"));
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public SubmissionSchema schema() {
    MetricDefinition type = new MetricDefinition("type", "choice", null, true, TYPES, null,
        labels("Type of waste", "Type de déchets", "Tipo de residuo", "Abfallart"), TYPE_LABELS);
    MetricDefinition mass = new MetricDefinition("mass", "number", null, true, null, null,
        labels("Mass", "Masse", "Masa", "Masse"));
    // units are shown as they are (kg, g, t, lb): the same in every language
    MetricDefinition unit = new MetricDefinition("unit", "choice", null, true, List.copyOf(UNITS.keySet()), null,
        labels("Unit", "Unité", "Unidad", "Einheit"));
    return new SubmissionSchema(List.of(
        new MetricDefinition("waste", "list", null, true, null, List.of(type, mass, unit),
            labels("Waste collected", "Déchets collectés", "Residuos recogidos", "Gesammelter Abfall")),
        new MetricDefinition("actions", "list", null, false, null,
            List.of(new MetricDefinition("action", "text", null, true, null, null,
                labels("Action", "Action", "Acción", "Maßnahme"))),
            labels("Actions taken", "Actions menées", "Acciones realizadas", "Durchgeführte Maßnahmen")),
        new MetricDefinition("itemsRecycled", "integer", null, false, null, null,
            labels("Items recycled", "Objets recyclés", "Objetos reciclados", "Recycelte Gegenstände"))),
        false);
  }

  /** A text in English, French, Spanish and German, the languages of the UI. */
  static Map<String, String> labels(String en, String fr, String es, String de) {
    return Map.of("en", en, "fr", fr, "es", es, "de", de);
  }

  @Override
  public List<FieldError> validate(Report report) {
    MetricChecks checks = new MetricChecks();
    Map<String, Object> metrics = report.metrics();
    checks.onlyKnown(metrics, "metrics", Set.of("waste", "actions", "itemsRecycled"));
    List<Object> waste = checks.list(metrics, "waste", "metrics", true, WASTE_MAX);
    if (waste != null) {
      for (int i = 0; i < waste.size(); i++) {
        String at = "metrics.waste[" + i + "]";
        if (!(waste.get(i) instanceof Map<?, ?>)) {
          checks.add(at, "must be an object {type, mass, unit}");
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) waste.get(i);
        checks.onlyKnown(item, at, Set.of("type", "mass", "unit"));
        checks.choice(item, "type", at, true, TYPES);
        checks.number(item, "mass", at, true, 0, MASS_MAX);
        checks.unit(item, "unit", at, true, UNITS.keySet());
      }
    }
    List<Object> actions = checks.list(metrics, "actions", "metrics", false, ACTIONS_MAX);
    if (actions != null) {
      for (int i = 0; i < actions.size(); i++) {
        String at = "metrics.actions[" + i + "]";
        // {"action": "..."}, as the schema describes an item and forms send it, or the sentence alone
        if (actions.get(i) instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> item = (Map<String, Object>) actions.get(i);
          checks.onlyKnown(item, at, Set.of("action"));
          checks.text(item, "action", at, true, ACTION_MAX);
        } else if (!(actions.get(i) instanceof String a) || a.isBlank() || a.length() > ACTION_MAX) {
          checks.add(at, "must be a sentence of at most " + ACTION_MAX + " characters");
        }
      }
    }
    checks.integer(metrics, "itemsRecycled", "metrics", false, 0, 100_000_000);
    return checks.errors();
  }

  @Override
  public Map<String, Object> aggregate(Collection<Report> approved) {
    Map<String, Double> byType = new LinkedHashMap<>();
    double total = 0;
    long recycled = 0;
    long actions = 0;
    for (Report r : approved) {
      if (r.metrics().get("waste") instanceof List<?> waste) {
        for (Object o : waste) {
          if (o instanceof Map<?, ?> item && item.get("mass") instanceof Number mass
              && item.get("type") instanceof String type) {
            double kg = mass.doubleValue() * UNITS.getOrDefault(String.valueOf(item.get("unit")), 1.0);
            byType.merge(type, kg, Double::sum);
            total += kg;
          }
        }
      }
      if (r.metrics().get("itemsRecycled") instanceof Number n) {
        recycled += n.longValue();
      }
      if (r.metrics().get("actions") instanceof List<?> a) {
        actions += a.size();
      }
    }
    Map<String, Object> wasteKgByType = new LinkedHashMap<>();
    for (String type : TYPES) {
      if (byType.containsKey(type)) {
        wasteKgByType.put(type, round(byType.get(type)));
      }
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("wasteKg", round(total));
    totals.put("wasteKgByType", wasteKgByType);
    totals.put("itemsRecycled", recycled);
    totals.put("actionsTaken", actions);
    return totals;
  }

  @Override
  public Map<String, Object> summary(Map<String, Object> totals, Locale language) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("wasteKg", totals.get("wasteKg"));
    summary.put("itemsRecycled", totals.get("itemsRecycled"));
    summary.put("actionsTaken", totals.get("actionsTaken"));
    String top = null;
    double most = -1;
    if (totals.get("wasteKgByType") instanceof Map<?, ?> byType) {
      for (Map.Entry<?, ?> e : byType.entrySet()) {
        double kg = ((Number) e.getValue()).doubleValue();
        if (kg > most) {
          most = kg;
          top = String.valueOf(e.getKey());
        }
      }
    }
    summary.put("mostCollected", top);
    return summary;
  }

  /** To the gram: sums of decimals otherwise show float noise (0.30000000000000004 kg). */
  static double round(double kg) {
    return Math.round(kg * 1000.0) / 1000.0;
  }

  /** For the unit test's independent computation. */
  static List<String> units() {
    return new ArrayList<>(UNITS.keySet());
  }
}
