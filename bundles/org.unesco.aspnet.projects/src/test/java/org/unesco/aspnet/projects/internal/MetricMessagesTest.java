package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.projects.campaign.MetricChecks;

class MetricMessagesTest {

  /** The sentences as MetricChecks writes them, not as this test imagines them. */
  private static List<FieldError> checked() {
    MetricChecks checks = new MetricChecks();
    Map<String, Object> waste = new java.util.HashMap<>();
    waste.put("mass", 200_000);
    waste.put("type", "WOOD");
    waste.put("unit", "lb");
    waste.put("colour", "red");
    checks.onlyKnown(waste, "metrics.waste[0]", Set.of("mass", "type", "unit"));
    checks.number(waste, "mass", "metrics.waste[0]", true, 0, 100_000);
    checks.choice(waste, "type", "metrics.waste[0]", true, List.of("PLASTIC", "PAPER"));
    checks.unit(waste, "unit", "metrics.waste[0]", true, List.of("kg", "g"));
    checks.text(waste, "note", "metrics.waste[0]", true, 10);
    return checks.errors();
  }

  @Test
  void metricChecksSentencesComeInTheRequestLanguageWithTheirValues() {
    List<FieldError> english = checked();
    assertEquals(5, english.size(), english.toString());
    List<String> french = MetricMessages.translated(english, "fr-CA").stream().map(FieldError::message).toList();
    assertEquals(List.of(
        "n'est pas un champ connu ; champs connus : mass, type, unit",
        "doit être compris entre 0 et 100000",
        "doit être l'une des valeurs PLASTIC, PAPER",
        "unité inconnue lb ; utilisez l'une de kg, g",
        "est obligatoire"), french);
    assertEquals(english.stream().map(FieldError::field).toList(),
        MetricMessages.translated(english, "de").stream().map(FieldError::field).toList(), "fields stay");
    assertEquals("muss zwischen 0 und 100000 liegen", MetricMessages.translated(english, "de").get(1).message());
    assertEquals(english, MetricMessages.translated(english, "en"));
    assertEquals(english, MetricMessages.translated(english, "ja"), "a language not written: English");
  }

  @Test
  void aModulesOwnSentenceIsLeftAsItIs() {
    assertEquals("must be from the list of beaches of this site",
        MetricMessages.translate("must be from the list of beaches of this site", "fr"));
    assertEquals("is required for glass", MetricMessages.translate("is required for glass", "fr"));
  }
}
