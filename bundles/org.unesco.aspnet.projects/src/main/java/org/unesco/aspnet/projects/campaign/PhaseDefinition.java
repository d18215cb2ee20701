package org.unesco.aspnet.projects.campaign;

import java.util.Map;
import java.util.Objects;

/**
 * One phase of a campaign module, e.g. {@code ("observe", {"en": "Observe", "fr": "Observer"})}.
 */
public record PhaseDefinition(String key, Map<String, String> labels) {
  public PhaseDefinition {
    Objects.requireNonNull(key, "key");
    labels = Map.copyOf(labels == null ? Map.of() : labels);
  }
}
