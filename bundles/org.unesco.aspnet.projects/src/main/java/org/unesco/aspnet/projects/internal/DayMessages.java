package org.unesco.aspnet.projects.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * The messages of the calendar of international days, in the language of the request: English,
 * French, German, Spanish (English otherwise), through core's {@link Messages} (MessageFormat
 * patterns: an apostrophe is doubled).
 */
final class DayMessages {
  private static final Messages MESSAGES =
      new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("latin", "must be written in Latin letters: the English name is the one shown where the reader''s language is not written"),
          Map.entry("oneLine", "must be one line, without line breaks, control or text-direction characters"),
          Map.entry("observedRequired", "is required: {0}"),
          Map.entry("period", "must be a period of at most {0} days (a week, a month): for a whole year write 2025 (year)"),
          Map.entry("calendar", "International days"),
          Map.entry("none", "There is no international day {0}"),
          Map.entry("changed", "International day {0} changed since you read it: read it again"),
          Map.entry("keepers", "Only HQ keeps the calendar of international days"),
          Map.entry("signIn", "Sign in to keep the calendar of international days"),
          Map.entry("listed", "The calendar lists this name already, as {0}"),
          Map.entry("full", "The calendar holds {0} observances, the most it may: remove one before adding another"),
          Map.entry("observed", "must be a date such as 03-22, a period such as 10-24 to 10-31, a weekday of a month such as third Thursday of November, a year such as 2025 (year) or years such as 2021-2030 (decade)"),
          Map.entry("english", "needs the English name: it is shown wherever the reader''s language is not written"),
          Map.entry("required", "is required"),
          Map.entry("source", "must be an http or https address such as https://www.unesco.org/en/days/world-teachers: a domain name (no IP address), no user name, no spaces, at most {0} characters")),
      "fr", Map.ofEntries(
          Map.entry("latin", "doit être écrit en lettres latines : le nom anglais s''affiche partout où la langue du lecteur n''est pas écrite"),
          Map.entry("oneLine", "doit tenir sur une ligne, sans saut de ligne ni caractère de contrôle ou de sens du texte"),
          Map.entry("observedRequired", "est obligatoire : {0}"),
          Map.entry("period", "doit être une période d''au plus {0} jours (une semaine, un mois) : pour une année entière, écrivez 2025 (year)"),
          Map.entry("calendar", "Journées internationales"),
          Map.entry("none", "Il n''y a pas de journée internationale {0}"),
          Map.entry("changed", "La journée internationale {0} a changé depuis votre lecture : relisez-la"),
          Map.entry("keepers", "Seul le Siège tient le calendrier des journées internationales"),
          Map.entry("signIn", "Connectez-vous pour tenir le calendrier des journées internationales"),
          Map.entry("listed", "Le calendrier contient déjà ce nom, sous {0}"),
          Map.entry("full", "Le calendrier compte {0} célébrations, le maximum : retirez-en une avant d''en ajouter une autre"),
          Map.entry("observed", "doit être une date comme 03-22, une période comme 10-24 to 10-31, un jour de la semaine d''un mois comme third Thursday of November, une année comme 2025 (year) ou des années comme 2021-2030 (decade)"),
          Map.entry("english", "doit comprendre le nom anglais : il s''affiche partout où la langue du lecteur n''est pas écrite"),
          Map.entry("required", "est obligatoire"),
          Map.entry("source", "doit être une adresse http ou https comme https://www.unesco.org/fr/days/world-teachers : un nom de domaine (pas une adresse IP), sans nom d''utilisateur ni espace, d''au plus {0} caractères")),
      "es", Map.ofEntries(
          Map.entry("latin", "debe escribirse en letras latinas: el nombre en inglés se muestra dondequiera que el idioma del lector no esté escrito"),
          Map.entry("oneLine", "debe ser una sola línea, sin saltos de línea ni caracteres de control o de dirección del texto"),
          Map.entry("observedRequired", "es obligatorio: {0}"),
          Map.entry("period", "debe ser un período de {0} días como máximo (una semana, un mes): para un año entero escriba 2025 (year)"),
          Map.entry("calendar", "Días internacionales"),
          Map.entry("none", "No hay ningún día internacional {0}"),
          Map.entry("changed", "El día internacional {0} cambió desde que lo leyó: vuelva a leerlo"),
          Map.entry("keepers", "Solo la Sede mantiene el calendario de días internacionales"),
          Map.entry("signIn", "Inicie sesión para mantener el calendario de días internacionales"),
          Map.entry("listed", "El calendario ya contiene este nombre, como {0}"),
          Map.entry("full", "El calendario tiene {0} celebraciones, el máximo: quite una antes de añadir otra"),
          Map.entry("observed", "debe ser una fecha como 03-22, un período como 10-24 to 10-31, un día de la semana de un mes como third Thursday of November, un año como 2025 (year) o años como 2021-2030 (decade)"),
          Map.entry("english", "necesita el nombre en inglés: se muestra dondequiera que el idioma del lector no esté escrito"),
          Map.entry("required", "es obligatorio"),
          Map.entry("source", "debe ser una dirección http o https como https://www.unesco.org/es/days/world-teachers: un nombre de dominio (no una dirección IP), sin nombre de usuario ni espacios, de {0} caracteres como máximo")),
      "de", Map.ofEntries(
          Map.entry("latin", "muss in lateinischen Buchstaben geschrieben sein: der englische Name wird überall gezeigt, wo die Sprache des Lesers nicht geschrieben ist"),
          Map.entry("oneLine", "muss eine Zeile sein, ohne Zeilenumbrüche, Steuer- oder Textrichtungszeichen"),
          Map.entry("observedRequired", "ist erforderlich: {0}"),
          Map.entry("period", "muss ein Zeitraum von höchstens {0} Tagen sein (eine Woche, ein Monat): für ein ganzes Jahr schreiben Sie 2025 (year)"),
          Map.entry("calendar", "Internationale Tage"),
          Map.entry("none", "Es gibt keinen internationalen Tag {0}"),
          Map.entry("changed", "Der internationale Tag {0} wurde geändert, seit Sie ihn gelesen haben: lesen Sie ihn erneut"),
          Map.entry("keepers", "Nur die Zentrale pflegt den Kalender der internationalen Tage"),
          Map.entry("signIn", "Melden Sie sich an, um den Kalender der internationalen Tage zu pflegen"),
          Map.entry("listed", "Der Kalender enthält diesen Namen bereits, als {0}"),
          Map.entry("full", "Der Kalender enthält {0} Gedenktage, das Maximum: entfernen Sie einen, bevor Sie einen weiteren hinzufügen"),
          Map.entry("observed", "muss ein Datum wie 03-22 sein, ein Zeitraum wie 10-24 to 10-31, ein Wochentag eines Monats wie third Thursday of November, ein Jahr wie 2025 (year) oder Jahre wie 2021-2030 (decade)"),
          Map.entry("english", "braucht den englischen Namen: er wird überall gezeigt, wo die Sprache des Lesers nicht geschrieben ist"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("source", "muss eine http- oder https-Adresse sein wie https://www.unesco.org/en/days/world-teachers: ein Domainname (keine IP-Adresse), kein Benutzername, keine Leerzeichen, höchstens {0} Zeichen"))));

  private DayMessages() {}

  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
