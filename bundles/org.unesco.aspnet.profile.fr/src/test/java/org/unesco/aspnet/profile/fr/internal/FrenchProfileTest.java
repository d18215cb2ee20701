package org.unesco.aspnet.profile.fr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;

class FrenchProfileTest {
  private final FrenchProfile profile = new FrenchProfile();

  @Test
  void checksTheUaiLetterOfRealSchools() {
    // Lycée Louis-le-Grand and Lycée Henri-IV, Paris
    assertEquals(Uai.Result.VALID, Uai.check("0750654D"));
    assertEquals(Uai.Result.VALID, Uai.check("0750699C"));
    assertEquals(Uai.Result.VALID, Uai.check("0750654d"));
    assertEquals(Uai.Result.WRONG_LETTER, Uai.check("0750654E"));
    assertEquals(Uai.Result.MALFORMED, Uai.check("075065D"));
    assertEquals(Uai.Result.MALFORMED, Uai.check("07506540"));
    assertEquals("0750654D", Uai.withCheckLetter("0750654"));
  }

  @Test
  void requiresTheUaiAndExplainsInFrenchOrEnglish() {
    Map<String, Object> school = new HashMap<>();
    List<FieldError> missing = profile.validate(school, "fr");
    assertEquals("nationalId", missing.get(0).field());
    assertTrue(missing.get(0).message().startsWith("le numéro UAI est obligatoire"));
    school.put("nationalId", "0750654E");
    assertTrue(profile.validate(school, "en").get(0).message().contains("expected 0750654D"));
    school.put("nationalId", "0750654D");
    assertEquals(List.of(), profile.validate(school, "fr"));
  }

  @Test
  void namesEveryAcademie() {
    assertEquals(30, profile.units().size());
    assertEquals("Académie d'Aix-Marseille", profile.units().get(0).name().byLanguage().get("fr"));
  }
}
