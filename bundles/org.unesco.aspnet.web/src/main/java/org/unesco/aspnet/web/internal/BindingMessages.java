package org.unesco.aspnet.web.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.Messages;

/**
 * The field messages that {@link org.unesco.aspnet.web.Json} writes when a body does not bind (a
 * wrong type, an unknown field, a field given twice), in the request's language. The services
 * write their own messages in the caller's language; these come from the one shared mapping, in
 * English, and are translated as the problem is written. A message that is not one of these is
 * left as it is.
 */
final class BindingMessages {
  /** The kinds of value {@code Json.describe} names, in each language. */
  private static final Messages KINDS = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("a whole number", "a whole number"), Map.entry("a number", "a number"),
          Map.entry("true or false", "true or false"), Map.entry("a string", "a string"),
          Map.entry("a list", "a list"), Map.entry("an object", "an object"),
          Map.entry("of another type", "of another type"), Map.entry("a date", "an ISO-8601 date (2026-09-01)"),
          Map.entry("one of", "one of {0}")),
      "fr", Map.ofEntries(
          Map.entry("a whole number", "un nombre entier"), Map.entry("a number", "un nombre"),
          Map.entry("true or false", "true ou false"), Map.entry("a string", "une chaîne de caractères"),
          Map.entry("a list", "une liste"), Map.entry("an object", "un objet"),
          Map.entry("of another type", "d''un autre type"), Map.entry("a date", "une date ISO 8601 (2026-09-01)"),
          Map.entry("one of", "l''une des valeurs {0}")),
      "de", Map.ofEntries(
          Map.entry("a whole number", "eine ganze Zahl"), Map.entry("a number", "eine Zahl"),
          Map.entry("true or false", "true oder false"), Map.entry("a string", "eine Zeichenkette"),
          Map.entry("a list", "eine Liste"), Map.entry("an object", "ein Objekt"),
          Map.entry("of another type", "von einem anderen Typ"), Map.entry("a date", "ein ISO-8601-Datum (2026-09-01)"),
          Map.entry("one of", "einer der Werte {0}")),
      "es", Map.ofEntries(
          Map.entry("a whole number", "un número entero"), Map.entry("a number", "un número"),
          Map.entry("true or false", "true o false"), Map.entry("a string", "una cadena de texto"),
          Map.entry("a list", "una lista"), Map.entry("an object", "un objeto"),
          Map.entry("of another type", "de otro tipo"), Map.entry("a date", "una fecha ISO 8601 (2026-09-01)"),
          Map.entry("one of", "uno de {0}"))));

  /** The sentences, with the kind as {0} (and the value as {1} where it is quoted). */
  private static final Messages SENTENCES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("mustBe", "must be {0}"), Map.entry("isNot", "''{1}'' is not {0}"),
          Map.entry("unknown", "is not a known field"), Map.entry("twice", "is given twice: send each field once"),
          Map.entry("range", "must be a whole number between {0} and {1}")),
      "fr", Map.ofEntries(
          Map.entry("mustBe", "doit être {0}"), Map.entry("isNot", "« {1} » n''est pas {0}"),
          Map.entry("unknown", "n''est pas un champ connu"),
          Map.entry("twice", "est donné deux fois : envoyez chaque champ une seule fois"),
          Map.entry("range", "doit être un nombre entier entre {0} et {1}")),
      "de", Map.ofEntries(
          Map.entry("mustBe", "muss {0} sein"), Map.entry("isNot", "„{1}“ ist nicht {0}"),
          Map.entry("unknown", "ist kein bekanntes Feld"),
          Map.entry("twice", "ist zweimal angegeben: jedes Feld nur einmal senden"),
          Map.entry("range", "muss eine ganze Zahl zwischen {0} und {1} sein")),
      "es", Map.ofEntries(
          Map.entry("mustBe", "debe ser {0}"), Map.entry("isNot", "«{1}» no es {0}"),
          Map.entry("unknown", "no es un campo conocido"),
          Map.entry("twice", "se da dos veces: envíe cada campo una sola vez"),
          Map.entry("range", "debe ser un número entero entre {0} y {1}"))));

  private static final Pattern RANGE = Pattern.compile("must be a whole number between (-?\\d+) and (-?\\d+)");
  private static final Pattern MUST_BE = Pattern.compile("must be (.+)");
  private static final Pattern IS_NOT = Pattern.compile("'(.*)' is not (.+)", Pattern.DOTALL);

  private BindingMessages() {}

  /** {@code message} in {@code language} when it is one of the mapping's; else unchanged. */
  static String translate(String language, String message) {
    if (message == null || language == null || language.equals("en") || !SENTENCES.speaks(language)) {
      return message;
    }
    switch (message) {
      case "is not a known field":
        return SENTENCES.get(language, "unknown");
      case "is given twice: send each field once":
        return SENTENCES.get(language, "twice");
      default:
        break;
    }
    Matcher m = RANGE.matcher(message);
    if (m.matches()) {
      return SENTENCES.get(language, "range", m.group(1), m.group(2));
    }
    m = MUST_BE.matcher(message);
    if (m.matches()) {
      String kind = kind(language, m.group(1));
      return kind == null ? message : SENTENCES.get(language, "mustBe", kind);
    }
    m = IS_NOT.matcher(message);
    if (m.matches()) {
      String kind = kind(language, m.group(2));
      return kind == null ? message : SENTENCES.get(language, "isNot", kind, m.group(1));
    }
    return message;
  }

  /** A kind named by the mapping, translated; null when {@code english} is not one. */
  private static String kind(String language, String english) {
    if (english.startsWith("one of ")) {
      return KINDS.get(language, "one of", english.substring("one of ".length()));
    }
    if (english.equals("an ISO-8601 date such as 2026-09-01")) {
      return KINDS.get(language, "a date");
    }
    return switch (english) {
      case "a whole number", "a number", "true or false", "a string", "a list", "an object", "of another type" ->
          KINDS.get(language, english);
      default -> null;
    };
  }
}
