package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {
  @Test
  void aKeyNoSettingNamesIsToldWithTheSettingsThereAre() {
    Set<String> known = Set.of("sessionHours", "tokenDays");
    List<String> unknown = ConfigurationCheck.unknownKeys(
        List.of("sesionHours", "tokenDays", "service.pid", "felix.fileinstall.filename", "driver.target",
            "driver.cardinality.minimum", "component.name", "Zeta"), known);
    assertEquals(List.of("Zeta", "sesionHours"), unknown, "the platform's, FileInstall's and DS's own keys are no mistake");
    assertEquals("config/p.cfg: sesionHours is not a setting of p and is ignored (its settings: sessionHours, tokenDays)",
        ConfigurationCheck.describe("p", List.of("sesionHours"), new java.util.TreeSet<>(known)));
    assertEquals(List.of(), ConfigurationCheck.unknownKeys(List.of("sessionHours"), known));
  }
}
