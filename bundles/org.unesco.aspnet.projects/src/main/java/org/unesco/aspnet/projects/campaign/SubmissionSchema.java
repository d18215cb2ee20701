package org.unesco.aspnet.projects.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a campaign module's submissions hold below {@code metrics}, for forms and for the API
 * document. The platform does not enforce it: {@link CampaignModule#validate} does.
 *
 * @param metrics the fields of {@code metrics}, in the order a form shows them
 * @param mediaRequired whether a submission must link at least one photo or video
 * @param totalLabels the words for the totals {@link CampaignModule#aggregate} and {@link
 *     CampaignModule#summary} return that are no metric of the schema ({@code treesPlanted}), by
 *     language ({@code {"treesPlanted": {"en": "Trees planted", "fr": "Arbres plantés"}}}): the
 *     campaign pages head them so (since 1.2; empty: the name made readable)
 */
public record SubmissionSchema(List<MetricDefinition> metrics, boolean mediaRequired, Map<String, Map<String, String>> totalLabels) {
  public SubmissionSchema {
    metrics = List.copyOf(metrics);
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    if (totalLabels != null) {
      totalLabels.forEach((total, byLanguage) -> labels.put(total, Map.copyOf(byLanguage)));
    }
    totalLabels = Collections.unmodifiableMap(labels);
  }

  /** A schema whose totals are headed by their names made readable. */
  public SubmissionSchema(List<MetricDefinition> metrics, boolean mediaRequired) {
    this(metrics, mediaRequired, Map.of());
  }

  /** This schema with {@code labels} for its totals (see {@link #totalLabels}). Since 1.2. */
  public SubmissionSchema withTotalLabels(Map<String, Map<String, String>> labels) {
    return new SubmissionSchema(metrics, mediaRequired, labels);
  }

  /**
   * What a form in one of {@code languages} would show untranslated, for a module's own tests: each
   * metric without a label in that language, and each choice without one where its metric labels
   * its choices at all (units such as {@code kg}, given no choice labels, are words in no
   * language), and each total of {@link #totalLabels} without one (since 1.2). Entries read
   * {@code measurements.change=ACCRETION in de}, {@code total treesPlanted in es}. Since 1.1.
   */
  public List<String> untranslated(java.util.Collection<String> languages) {
    List<String> missing = new java.util.ArrayList<>();
    untranslated(metrics, "", languages, missing);
    totalLabels.forEach((total, byLanguage) -> {
      for (String language : languages) {
        if (byLanguage.getOrDefault(language, "").isBlank()) {
          missing.add("total " + total + " in " + language);
        }
      }
    });
    return missing;
  }

  /**
   * What {@code module}'s forms and pages would show untranslated in one of {@code languages}: its
   * schema's metrics and choices ({@link #untranslated(java.util.Collection)}) and its phases
   * ({@code phase act in de}). Since 1.1.
   */
  public static List<String> untranslated(CampaignModule module, java.util.Collection<String> languages) {
    List<String> missing = new java.util.ArrayList<>(module.schema().untranslated(languages));
    for (PhaseDefinition phase : module.phases()) {
      for (String language : languages) {
        if (phase.labels().getOrDefault(language, "").isBlank()) {
          missing.add("phase " + phase.key() + " in " + language);
        }
      }
    }
    return missing;
  }

  private static void untranslated(List<MetricDefinition> metrics, String prefix, java.util.Collection<String> languages,
      List<String> missing) {
    for (MetricDefinition m : metrics) {
      String path = prefix + m.name();
      for (String language : languages) {
        if (m.labels().getOrDefault(language, "").isBlank()) {
          missing.add(path + " in " + language);
        }
        for (String choice : m.choiceLabels().isEmpty() ? List.<String>of() : m.choices()) {
          if (m.choiceLabels().getOrDefault(choice, java.util.Map.of()).getOrDefault(language, "").isBlank()) {
            missing.add(path + "=" + choice + " in " + language);
          }
        }
      }
      untranslated(m.fields(), path + ".", languages, missing);
    }
  }
}
