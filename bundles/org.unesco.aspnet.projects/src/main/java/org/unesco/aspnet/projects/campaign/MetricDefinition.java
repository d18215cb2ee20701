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
 * @param unit the unit of a number (e.g. {@code kg}, {@code m}), or null; for a list whose items
 *     carry their own unit, the accepted units are in {@code choices} of the item's {@code unit}
 * @param required whether a submission must give it
 * @param choices the accepted values of a {@code choice}, else empty
 * @param fields the fields of each item of a {@code list} or of an {@code object}, else empty
 * @param labels the label per language, e.g. {@code {"en": "Waste collected"}}
 */
public record MetricDefinition(
    String name,
    String type,
    String unit,
    boolean required,
    List<String> choices,
    List<MetricDefinition> fields,
    Map<String, String> labels) {
  public MetricDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = List.copyOf(choices == null ? List.of() : choices);
    fields = List.copyOf(fields == null ? List.of() : fields);
    labels = Map.copyOf(labels == null ? Map.of() : labels);
  }
}
