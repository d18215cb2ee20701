package org.unesco.aspnet.projects.campaign;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a submission's metrics.
 *
 * @param name the JSON field name, e.g. {@code waste}
 * @param type {@code number}, {@code integer}, {@code text}, {@code date}, {@code choice}, or
 *     {@code list} / {@code object} with {@code fields}
 * @param unit the unit of a number, a symbol shown alike in every language (e.g. {@code kg},
 *     {@code m}; not a word such as "items"), or null; for a list whose items carry their own
 *     unit, the accepted units are in {@code choices} of the item's {@code unit}
 * @param required whether a submission must give it
 * @param choices the accepted values of a {@code choice}, else empty
 * @param fields the fields of each item of a {@code list} or of an {@code object}, else empty
 * @param labels the label per language, e.g. {@code {"en": "Waste collected"}}
 * @param choiceLabels for a {@code choice}, each choice's label per language, e.g. {@code
 *     {"PLASTIC": {"en": "Plastic", "fr": "Plastique"}}}; a choice without one is shown as it is
 *     (fit for units such as {@code kg}). Since 1.1.
 */
public record MetricDefinition(
    String name,
    String type,
    String unit,
    boolean required,
    List<String> choices,
    List<MetricDefinition> fields,
    Map<String, String> labels,
    Map<String, Map<String, String>> choiceLabels) {
  public MetricDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = List.copyOf(choices == null ? List.of() : choices);
    fields = List.copyOf(fields == null ? List.of() : fields);
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : (choiceLabels == null ? Map.<String, Map<String, String>>of() : choiceLabels).entrySet()) {
      if (!choices.contains(e.getKey())) {
        throw new IllegalArgumentException("a label for " + e.getKey() + ", which is not a choice of " + name);
      }
      copy.put(e.getKey(), Map.copyOf(e.getValue()));
    }
    choiceLabels = java.util.Collections.unmodifiableMap(copy); // in the order of the module's map
  }

  /** A metric whose choices, if any, are shown as they are (the 1.0 form). */
  public MetricDefinition(String name, String type, String unit, boolean required, List<String> choices,
      List<MetricDefinition> fields, Map<String, String> labels) {
    this(name, type, unit, required, choices, fields, labels, null);
  }
}
