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
    // an apostrophe in the French kinds is written as the reader sees it, and the values are filled in
    assertEquals("« bad » n'est pas l'une des valeurs GUIDE, VIDEO", BindingMessages.translate("fr", "'bad' is not one of GUIDE, VIDEO"));
    assertEquals("doit être d'un autre type", BindingMessages.translate("fr", "must be of another type"));
    assertEquals("n'est pas un champ connu", BindingMessages.translate("fr", "is not a known field"));
    assertEquals("doit être une date ISO 8601 (2026-09-01)", BindingMessages.translate("fr", "must be an ISO-8601 date such as 2026-09-01"));
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

  @Test
  void theAuthorizersRefusalsAreTranslatedAndOtherDetailsLeftAlone() {
    assertEquals("Vos rôles ne permettent pas de modifier cette école pour le pays DE",
        AccessMessages.translate("fr", "Your roles do not allow edit school in DE"));
    assertEquals("Ihre Rollen erlauben nicht: das Prüfprotokoll lesen", AccessMessages.translate("de", "Your roles do not allow view audit"));
    // "de" elided before a vowel: d'administrer, d'examiner, d'inviter
    assertEquals("Vos rôles ne permettent pas d'administrer la plateforme", AccessMessages.translate("fr", "Your roles do not allow manage platform"));
    assertEquals("Vos rôles ne permettent pas d'examiner cette candidature pour le pays FR",
        AccessMessages.translate("fr", "Your roles do not allow review application in FR"));
    assertEquals("Vos rôles ne permettent pas d'inviter le personnel d'une école", AccessMessages.translate("fr", "Your roles do not allow invite school staff"));
    assertEquals("Vos rôles ne permettent pas de voir les données du pays", AccessMessages.translate("fr", "Your roles do not allow view country"));
    assertEquals("Inicie sesión para hacer esto", AccessMessages.translate("es", "Sign in to do this"));
    assertEquals("Your roles do not allow fly in DE", AccessMessages.translate("fr", "Your roles do not allow fly in DE"));
    assertEquals("Only HQ creates global campaigns", AccessMessages.translate("fr", "Only HQ creates global campaigns"));
    assertEquals("Your roles do not allow edit school in DE", AccessMessages.translate("en", "Your roles do not allow edit school in DE"));
  }
}
