package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shared mapping's field messages reach a French, German or Spanish client in their language. */
class BindingMessagesTest {
  @Test
  void typeMessagesAreTranslated() {
    assertEquals("doit être une chaîne de caractères", BindingMessages.translate("fr", "must be a string"));
    assertEquals("muss eine ganze Zahl sein", BindingMessages.translate("de", "must be a whole number"));
    assertEquals("debe ser uno de APPLIED, MEMBER", BindingMessages.translate("es", "must be one of APPLIED, MEMBER"));
    assertEquals("« abc » n'est pas un nombre entier", BindingMessages.translate("fr", "'abc' is not a whole number"));
    assertEquals("n'est pas un champ connu", BindingMessages.translate("fr", "is not a known field"));
    assertEquals("doit être une date ISO 8601 (2026-09-01)", BindingMessages.translate("fr", "must be an ISO-8601 local date"));
    assertEquals("muss eine ganze Zahl zwischen -2147483648 und 2147483647 sein",
        BindingMessages.translate("de", "must be a whole number between -2147483648 and 2147483647"));
  }

  @Test
  void otherMessagesAndEnglishAreLeftAsWritten() {
    assertEquals("est obligatoire", BindingMessages.translate("fr", "est obligatoire"));
    assertEquals("must be a string", BindingMessages.translate("en", "must be a string"));
    assertEquals("must be a string", BindingMessages.translate("ja", "must be a string"));
    assertEquals("must be at most 200 characters", BindingMessages.translate("fr", "must be at most 200 characters"));
  }
}
