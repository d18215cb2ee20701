package org.unesco.aspnet.projects.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionSchemaTest {
  private static final List<String> LANGUAGES = List.of("en", "de");

  @Test
  void untranslatedNamesEachMetricAndChoiceAFormWouldShowInAnotherLanguage() {
    MetricDefinition type = new MetricDefinition("type", "choice", null, true, List.of("PLASTIC", "GLASS"), null,
        Map.of("en", "Type", "de", "Art"),
        Map.of("PLASTIC", Map.of("en", "Plastic", "de", "Kunststoff"), "GLASS", Map.of("en", "Glass")));
    // units carry no choice labels: they are not words of a language
    MetricDefinition unit = new MetricDefinition("unit", "choice", null, true, List.of("kg", "g"), null,
        Map.of("en", "Unit", "de", "Einheit"));
    MetricDefinition mass = new MetricDefinition("mass", "number", null, true, null, null, Map.of("en", "Mass"));
    SubmissionSchema schema = new SubmissionSchema(List.of(
        new MetricDefinition("waste", "list", null, true, null, List.of(type, unit, mass), Map.of("en", "Waste", "de", "Abfall"))), false);
    assertEquals(List.of("waste.type=GLASS in de", "waste.mass in de"), schema.untranslated(LANGUAGES));
    assertEquals(List.of(), schema.untranslated(List.of("en")));
  }

  @Test
  void aModulesTotalsAreHeadedInItsOwnWordsAndCountedWhenUntranslated() {
    SubmissionSchema schema = new SubmissionSchema(List.of(), false)
        .withTotalLabels(Map.of("treesPlanted", Map.of("en", "Trees planted", "de", "Gepflanzte Bäume"),
            "survival", Map.of("en", "Trees alive")));
    assertEquals("Gepflanzte Bäume", schema.totalLabels().get("treesPlanted").get("de"));
    assertEquals(List.of("total survival in de"), schema.untranslated(LANGUAGES));
    assertEquals(Map.of(), new SubmissionSchema(List.of(), true).totalLabels(), "none: the names made readable");
  }

  @Test
  void aModulesPhasesCountToo() {
    CampaignModule module = new CampaignModule() {
      @Override
      public String name(java.util.Locale language) {
        return "Test";
      }

      @Override
      public List<PhaseDefinition> phases() {
        return List.of(new PhaseDefinition("act", Map.of("en", "Act")));
      }

      @Override
      public SubmissionSchema schema() {
        return new SubmissionSchema(List.of(), false);
      }

      @Override
      public List<org.unesco.aspnet.core.FieldError> validate(Report report) {
        return List.of();
      }

      @Override
      public Map<String, Object> aggregate(java.util.Collection<Report> approved) {
        return Map.of();
      }
    };
    assertEquals(List.of("phase act in de"), SubmissionSchema.untranslated(module, LANGUAGES));
  }

  @Test
  void aLabelForSomethingThatIsNoChoiceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MetricDefinition("type", "choice", null, true,
        List.of("PLASTIC"), null, Map.of(), Map.of("PLASTC", Map.of("en", "Plastic"))));
  }
}
