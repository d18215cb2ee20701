package org.unesco.aspnet.membership.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The messages the membership bundle writes about a field (a school's, a national profile's, an
 * annual report's), in the languages of the UI and of the national profiles, so that an error is
 * read in the language of the request that caused it. A profile's own texts (pattern
 * explanations, its cross-field rules) come from the profile. Patterns are {@link MessageFormat}s
 * (an apostrophe is written twice).
 */
final class FieldMessages {
  private static final Map<String, Map<String, String>> MESSAGES =
      Map.ofEntries(
      Map.entry("en", Map.ofEntries(
          Map.entry("notYours", "you may not import schools of {0}"),
          Map.entry("timeInStage", "A school stays at least {0} in the stage {1}; this one entered it on {2} and can move on from {3}"),
          Map.entry("years", "{0,choice,1#1 year|1<{0} years}"),
          Map.entry("boolean", "must be true or false"),
          Map.entry("contactsMax", "name at most {0} contacts"),
          Map.entry("object", "must be an object"),
          Map.entry("phone", "must be a phone number such as {0}"),
          Map.entry("oneOf", "must be one of {0}"),
          Map.entry("required", "is required"),
          Map.entry("unknown", "is not a field of the national profile of {0}"),
          Map.entry("text", "must be text"),
          Map.entry("number", "must be a number"),
          Map.entry("date", "must be a date such as 2026-09-01"),
          Map.entry("choice", "must be one of: {0}"),
          Map.entry("list", "must be a list of values among: {0}"),
          Map.entry("length", "must be at most {0} characters"),
          Map.entry("range", "must be between {0} and {1}"),
          Map.entry("pattern", "does not have the expected form"),
          Map.entry("oneLine", "must be one line without control characters"),
          Map.entry("countryCode", "must be an ISO 3166-1 alpha-2 code such as FR"),
          Map.entry("countryUnknown", "{0} is not a UNESCO Member State or Associate Member"),
          Map.entry("levelNeeded", "name at least one level"),
          Map.entry("noNull", "must not contain null"),
          Map.entry("bothCoordinates", "give both coordinates or neither"),
          Map.entry("languagesMax", "name at most {0} languages"),
          Map.entry("languageCode", "must be an ISO 639-1 language code such as fr"),
          Map.entry("email", "must be an email address such as {0}"),
          Map.entry("website", "must be an http or https address of at most {0} characters"),
          Map.entry("notAField", "is not a known field"),
          Map.entry("string", "must be a string"),
          Map.entry("fieldsObject", "must be an object of extra fields by key"),
          Map.entry("whole", "must be a whole number"),
          Map.entry("strings", "must be a list of strings"),
          Map.entry("themeNeeded", "name at least one theme"),
          Map.entry("among", "must be among {0}"))),
      Map.entry("fr", Map.ofEntries(
          Map.entry("notYours", "vous ne pouvez pas importer d''établissements de {0}"),
          Map.entry("timeInStage", "Un établissement reste au moins {0} à l''étape {1} ; celui-ci y est entré le {2} et peut passer à la suivante à partir du {3}"),
          Map.entry("years", "{0,choice,1#1 an|1<{0} ans}"),
          Map.entry("boolean", "doit valoir true ou false"),
          Map.entry("contactsMax", "indiquez au plus {0} contacts"),
          Map.entry("object", "doit être un objet"),
          Map.entry("phone", "doit être un numéro de téléphone comme {0}"),
          Map.entry("oneOf", "doit être l''une des valeurs {0}"),
          Map.entry("required", "est obligatoire"),
          Map.entry("unknown", "n''est pas un champ du profil national de {0}"),
          Map.entry("text", "doit être un texte"),
          Map.entry("number", "doit être un nombre"),
          Map.entry("date", "doit être une date comme 2026-09-01"),
          Map.entry("choice", "doit être l''une des valeurs : {0}"),
          Map.entry("list", "doit être une liste de valeurs parmi : {0}"),
          Map.entry("length", "doit compter au plus {0} caractères"),
          Map.entry("range", "doit être compris entre {0} et {1}"),
          Map.entry("pattern", "n''a pas la forme attendue"),
          Map.entry("oneLine", "doit tenir sur une ligne, sans caractère de contrôle"),
          Map.entry("countryCode", "doit être un code ISO 3166-1 alpha-2 comme FR"),
          Map.entry("countryUnknown", "{0} n''est ni un État membre ni un Membre associé de l''UNESCO"),
          Map.entry("levelNeeded", "indiquez au moins un niveau"),
          Map.entry("noNull", "ne doit pas contenir null"),
          Map.entry("bothCoordinates", "indiquez les deux coordonnées ou aucune"),
          Map.entry("languagesMax", "indiquez au plus {0} langues"),
          Map.entry("languageCode", "doit être un code de langue ISO 639-1 comme fr"),
          Map.entry("email", "doit être une adresse électronique comme {0}"),
          Map.entry("website", "doit être une adresse http ou https d''au plus {0} caractères"),
          Map.entry("notAField", "n''est pas un champ connu"),
          Map.entry("string", "doit être une chaîne de caractères"),
          Map.entry("fieldsObject", "doit être un objet des champs supplémentaires par clé"),
          Map.entry("whole", "doit être un nombre entier"),
          Map.entry("strings", "doit être une liste de chaînes de caractères"),
          Map.entry("themeNeeded", "indiquez au moins un thème"),
          Map.entry("among", "doit faire partie de {0}"))),
      Map.entry("de", Map.ofEntries(
          Map.entry("notYours", "Sie dürfen keine Schulen aus {0} importieren"),
          Map.entry("timeInStage", "Eine Schule bleibt mindestens {0} in der Stufe {1}; diese ist am {2} eingetreten und kann ab {3} weiter"),
          Map.entry("years", "{0,choice,1#1 Jahr|1<{0} Jahre}"),
          Map.entry("boolean", "muss true oder false sein"),
          Map.entry("contactsMax", "höchstens {0} Kontakte angeben"),
          Map.entry("object", "muss ein Objekt sein"),
          Map.entry("phone", "muss eine Telefonnummer wie {0} sein"),
          Map.entry("oneOf", "muss einer dieser Werte sein: {0}"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("unknown", "ist kein Feld des nationalen Profils von {0}"),
          Map.entry("text", "muss ein Text sein"),
          Map.entry("number", "muss eine Zahl sein"),
          Map.entry("date", "muss ein Datum wie 2026-09-01 sein"),
          Map.entry("choice", "muss einer dieser Werte sein: {0}"),
          Map.entry("list", "muss eine Liste aus diesen Werten sein: {0}"),
          Map.entry("length", "darf höchstens {0} Zeichen lang sein"),
          Map.entry("range", "muss zwischen {0} und {1} liegen"),
          Map.entry("pattern", "hat nicht die erwartete Form"),
          Map.entry("oneLine", "muss eine Zeile ohne Steuerzeichen sein"),
          Map.entry("countryCode", "muss ein Code nach ISO 3166-1 alpha-2 wie FR sein"),
          Map.entry("countryUnknown", "{0} ist weder Mitgliedstaat noch assoziiertes Mitglied der UNESCO"),
          Map.entry("levelNeeded", "mindestens eine Stufe angeben"),
          Map.entry("noNull", "darf null nicht enthalten"),
          Map.entry("bothCoordinates", "beide Koordinaten angeben oder keine"),
          Map.entry("languagesMax", "höchstens {0} Sprachen angeben"),
          Map.entry("languageCode", "muss ein Sprachcode nach ISO 639-1 wie fr sein"),
          Map.entry("email", "muss eine E-Mail-Adresse wie {0} sein"),
          Map.entry("website", "muss eine http- oder https-Adresse mit höchstens {0} Zeichen sein"),
          Map.entry("notAField", "ist kein bekanntes Feld"),
          Map.entry("string", "muss eine Zeichenkette sein"),
          Map.entry("fieldsObject", "muss ein Objekt der Zusatzfelder nach Schlüssel sein"),
          Map.entry("whole", "muss eine ganze Zahl sein"),
          Map.entry("strings", "muss eine Liste von Zeichenketten sein"),
          Map.entry("themeNeeded", "mindestens ein Thema angeben"),
          Map.entry("among", "muss einer dieser Werte sein: {0}"))),
      Map.entry("es", Map.ofEntries(
          Map.entry("notYours", "no puede importar escuelas de {0}"),
          Map.entry("timeInStage", "Una escuela permanece al menos {0} en la etapa {1}; esta entró el {2} y puede pasar a la siguiente a partir del {3}"),
          Map.entry("years", "{0,choice,1#1 año|1<{0} años}"),
          Map.entry("boolean", "debe ser true o false"),
          Map.entry("contactsMax", "indique como máximo {0} contactos"),
          Map.entry("object", "debe ser un objeto"),
          Map.entry("phone", "debe ser un número de teléfono como {0}"),
          Map.entry("oneOf", "debe ser uno de {0}"),
          Map.entry("required", "es obligatorio"),
          Map.entry("unknown", "no es un campo del perfil nacional de {0}"),
          Map.entry("text", "debe ser un texto"),
          Map.entry("number", "debe ser un número"),
          Map.entry("date", "debe ser una fecha como 2026-09-01"),
          Map.entry("choice", "debe ser uno de: {0}"),
          Map.entry("list", "debe ser una lista de valores entre: {0}"),
          Map.entry("length", "debe tener como máximo {0} caracteres"),
          Map.entry("range", "debe estar entre {0} y {1}"),
          Map.entry("pattern", "no tiene la forma esperada"),
          Map.entry("oneLine", "debe ser una sola línea sin caracteres de control"),
          Map.entry("countryCode", "debe ser un código ISO 3166-1 alfa-2 como FR"),
          Map.entry("countryUnknown", "{0} no es un Estado Miembro ni un Miembro Asociado de la UNESCO"),
          Map.entry("levelNeeded", "indique al menos un nivel"),
          Map.entry("noNull", "no debe contener null"),
          Map.entry("bothCoordinates", "indique las dos coordenadas o ninguna"),
          Map.entry("languagesMax", "indique como máximo {0} idiomas"),
          Map.entry("languageCode", "debe ser un código de idioma ISO 639-1 como fr"),
          Map.entry("email", "debe ser una dirección de correo como {0}"),
          Map.entry("website", "debe ser una dirección http o https de como máximo {0} caracteres"),
          Map.entry("notAField", "no es un campo conocido"),
          Map.entry("string", "debe ser una cadena de caracteres"),
          Map.entry("fieldsObject", "debe ser un objeto de campos adicionales por clave"),
          Map.entry("whole", "debe ser un número entero"),
          Map.entry("strings", "debe ser una lista de cadenas de caracteres"),
          Map.entry("themeNeeded", "indique al menos un tema"),
          Map.entry("among", "debe estar entre {0}"))));

  private FieldMessages() {}

  static boolean speaks(String language) {
    return MESSAGES.containsKey(language);
  }

  /** The message {@code key} in {@code language} ("fr", "fr-CA"...), English for one we do not have. */
  static String get(String language, String key, Object... arguments) {
    String base = language == null ? "en" : language.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    Map<String, String> messages = MESSAGES.getOrDefault(base, MESSAGES.get("en"));
    return new MessageFormat(messages.get(key), Locale.forLanguageTag(base)).format(arguments);
  }
}
