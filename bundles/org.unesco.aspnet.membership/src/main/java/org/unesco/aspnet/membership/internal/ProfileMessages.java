package org.unesco.aspnet.membership.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The messages the core writes about a national profile's fields, in the languages profiles are
 * written in. A profile's own texts (pattern explanations, its cross-field rules) come from the
 * profile; these cover the generic checks.
 */
final class ProfileMessages {
  private static final Map<String, Map<String, String>> MESSAGES =
      Map.of(
          "en", Map.of(
              "required", "is required",
              "unknown", "is not a field of the national profile of {0}",
              "text", "must be text",
              "number", "must be a number",
              "date", "must be a date such as 2026-09-01",
              "choice", "must be one of: {0}",
              "list", "must be a list of values among: {0}",
              "length", "must be at most {0} characters",
              "range", "must be between {0} and {1}",
              "pattern", "does not have the expected form"),
          "fr", Map.of(
              "required", "est obligatoire",
              "unknown", "n''est pas un champ du profil national de {0}",
              "text", "doit être un texte",
              "number", "doit être un nombre",
              "date", "doit être une date comme 2026-09-01",
              "choice", "doit être l''une des valeurs : {0}",
              "list", "doit être une liste de valeurs parmi : {0}",
              "length", "doit compter au plus {0} caractères",
              "range", "doit être compris entre {0} et {1}",
              "pattern", "n''a pas la forme attendue"),
          "de", Map.of(
              "required", "ist erforderlich",
              "unknown", "ist kein Feld des nationalen Profils von {0}",
              "text", "muss ein Text sein",
              "number", "muss eine Zahl sein",
              "date", "muss ein Datum wie 2026-09-01 sein",
              "choice", "muss einer dieser Werte sein: {0}",
              "list", "muss eine Liste aus diesen Werten sein: {0}",
              "length", "darf höchstens {0} Zeichen lang sein",
              "range", "muss zwischen {0} und {1} liegen",
              "pattern", "hat nicht die erwartete Form"),
          "es", Map.of(
              "required", "es obligatorio",
              "unknown", "no es un campo del perfil nacional de {0}",
              "text", "debe ser un texto",
              "number", "debe ser un número",
              "date", "debe ser una fecha como 2026-09-01",
              "choice", "debe ser uno de: {0}",
              "list", "debe ser una lista de valores entre: {0}",
              "length", "debe tener como máximo {0} caracteres",
              "range", "debe estar entre {0} y {1}",
              "pattern", "no tiene la forma esperada"));

  private ProfileMessages() {}

  static boolean speaks(String language) {
    return MESSAGES.containsKey(language);
  }

  static String get(String language, String key, Object... arguments) {
    Map<String, String> messages = MESSAGES.getOrDefault(language, MESSAGES.get("en"));
    return new MessageFormat(messages.get(key), Locale.forLanguageTag(language)).format(arguments);
  }
}
