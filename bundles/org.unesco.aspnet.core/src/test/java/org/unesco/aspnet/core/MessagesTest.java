package org.unesco.aspnet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message in the request's language, by its primary subtag, English for any other. */
class MessagesTest {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.of("length", "must be at most {0} characters", "object", "must be an object '{'url'}'"),
      "fr", Map.of("length", "doit compter au plus {0} caractères", "object", "doit être l''objet '{'url'}'")));

  @Test
  void picksTheLanguageByItsPrimarySubtagAndFallsBackToEnglish() {
    assertEquals("doit compter au plus 200 caractères", MESSAGES.get("fr-CA", "length", "200"));
    assertEquals("doit être l'objet {url}", MESSAGES.get("FR", "object"));
    assertEquals("must be at most 200 characters", MESSAGES.get("sw", "length", "200"));
    assertEquals("must be an object {url}", MESSAGES.get(null, "object"));
    assertEquals("fr", MESSAGES.languageOf("fr-CA"));
    assertEquals("en", MESSAGES.languageOf("sw"));
    assertEquals("en", MESSAGES.languageOf(null));
    assertTrue(MESSAGES.speaks("fr"));
    assertFalse(MESSAGES.speaks("es"));
  }

  @Test
  void englishIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> new Messages(Map.of("fr", Map.of())));
  }

  @Test
  void aMessageNotYetWrittenInALanguageIsEnglishNotAFailure() {
    Messages partial = new Messages(Map.of("en", Map.of("new", "a new message of {0}"), "de", Map.of()));
    assertEquals("a new message of 1", partial.get("de", "new", "1"));
  }
}
