package org.unesco.aspnet.projects.internal;

import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Messages;

/**
 * The messages of {@link org.unesco.aspnet.projects.campaign.MetricChecks} in the request's
 * language. A campaign module checks its metrics with MetricChecks and returns plain field errors
 * in English (the SPI carries no language); the platform knows MetricChecks' sentences and writes
 * them again in the submitter's language. A module's own sentences are left as they are.
 */
final class MetricMessages {
  /** MetricChecks' sentences, as it writes them: keep in step with that class. */
  private static final Map<String, String> ENGLISH = new LinkedHashMap<>();

  static {
    ENGLISH.put("unknownField", "is not a known field; known: {0}");
    ENGLISH.put("required", "is required");
    ENGLISH.put("number", "must be a number");
    ENGLISH.put("negative", "must not be negative");
    ENGLISH.put("range", "must be from {0} to {1}");
    ENGLISH.put("whole", "must be a whole number");
    ENGLISH.put("oneOf", "must be one of {0}");
    ENGLISH.put("unit", "unknown unit {0}; use one of {1}");
    ENGLISH.put("text", "must be text, not blank");
    ENGLISH.put("length", "must be at most {0} characters");
    ENGLISH.put("date", "must be a date YYYY-MM-DD");
    ENGLISH.put("future", "must not be in the future");
    ENGLISH.put("before2000", "must not be before 2000");
    ENGLISH.put("object", "must be an object");
    ENGLISH.put("list", "must be a list");
    ENGLISH.put("atLeastOne", "must have at least one item");
    ENGLISH.put("atMost", "must have at most {0} items");
  }

  private static final Messages MESSAGES = new Messages(Map.of(
      "en", ENGLISH,
      "fr", Map.ofEntries(
          Map.entry("unknownField", "n''est pas un champ connu ; champs connus : {0}"),
          Map.entry("required", "est obligatoire"),
          Map.entry("number", "doit être un nombre"),
          Map.entry("negative", "ne doit pas être négatif"),
          Map.entry("range", "doit être compris entre {0} et {1}"),
          Map.entry("whole", "doit être un nombre entier"),
          Map.entry("oneOf", "doit être l''une des valeurs {0}"),
          Map.entry("unit", "unité inconnue {0} ; utilisez l''une de {1}"),
          Map.entry("text", "doit être un texte non vide"),
          Map.entry("length", "doit compter au plus {0} caractères"),
          Map.entry("date", "doit être une date AAAA-MM-JJ"),
          Map.entry("future", "ne doit pas être dans le futur"),
          Map.entry("before2000", "ne doit pas être antérieure à 2000"),
          Map.entry("object", "doit être un objet"),
          Map.entry("list", "doit être une liste"),
          Map.entry("atLeastOne", "doit contenir au moins un élément"),
          Map.entry("atMost", "doit contenir au plus {0} éléments")),
      "de", Map.ofEntries(
          Map.entry("unknownField", "ist kein bekanntes Feld; bekannt: {0}"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("number", "muss eine Zahl sein"),
          Map.entry("negative", "darf nicht negativ sein"),
          Map.entry("range", "muss zwischen {0} und {1} liegen"),
          Map.entry("whole", "muss eine ganze Zahl sein"),
          Map.entry("oneOf", "muss einer dieser Werte sein: {0}"),
          Map.entry("unit", "unbekannte Einheit {0}; verwenden Sie eine von {1}"),
          Map.entry("text", "muss ein nicht leerer Text sein"),
          Map.entry("length", "darf höchstens {0} Zeichen lang sein"),
          Map.entry("date", "muss ein Datum JJJJ-MM-TT sein"),
          Map.entry("future", "darf nicht in der Zukunft liegen"),
          Map.entry("before2000", "darf nicht vor 2000 liegen"),
          Map.entry("object", "muss ein Objekt sein"),
          Map.entry("list", "muss eine Liste sein"),
          Map.entry("atLeastOne", "muss mindestens einen Eintrag haben"),
          Map.entry("atMost", "darf höchstens {0} Einträge haben")),
      "es", Map.ofEntries(
          Map.entry("unknownField", "no es un campo conocido; campos conocidos: {0}"),
          Map.entry("required", "es un dato obligatorio"),
          Map.entry("number", "debe ser un número"),
          Map.entry("negative", "no debe ser negativo"),
          Map.entry("range", "debe estar entre {0} y {1}"),
          Map.entry("whole", "debe ser un número entero"),
          Map.entry("oneOf", "debe ser uno de {0}"),
          Map.entry("unit", "unidad desconocida {0}; use una de {1}"),
          Map.entry("text", "debe ser un texto no vacío"),
          Map.entry("length", "debe tener como máximo {0} caracteres"),
          Map.entry("date", "debe ser una fecha AAAA-MM-DD"),
          Map.entry("future", "no debe estar en el futuro"),
          Map.entry("before2000", "no debe ser anterior a 2000"),
          Map.entry("object", "debe ser un objeto"),
          Map.entry("list", "debe ser una lista"),
          Map.entry("atLeastOne", "debe tener al menos un elemento"),
          Map.entry("atMost", "debe tener como máximo {0} elementos"))));

  private MetricMessages() {}

  /** {@code errors} with MetricChecks' sentences in {@code language}; other sentences unchanged. */
  static List<FieldError> translated(List<FieldError> errors, String language) {
    if (language == null || !MESSAGES.speaks(Locale.forLanguageTag(language).getLanguage())) {
      return errors;
    }
    return errors.stream().map(e -> new FieldError(e.field(), translate(e.message(), language))).toList();
  }

  static String translate(String message, String language) {
    if (message == null) {
      return null;
    }
    for (Map.Entry<String, String> english : ENGLISH.entrySet()) {
      MessageFormat format = new MessageFormat(english.getValue(), Locale.ROOT);
      ParsePosition at = new ParsePosition(0);
      Object[] arguments = format.parse(message, at);
      // the whole sentence, read back exactly: "must be from 0 to 5" and not a module's longer one
      if (arguments != null && at.getIndex() == message.length() && format.format(arguments).equals(message)) {
        return MESSAGES.get(language, english.getKey(), arguments);
      }
    }
    return message;
  }
}
