package org.unesco.aspnet.notices.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * What the reminders' endpoint tells a coordinator who asked for something it cannot do, in the
 * request's language (the UI's four). Patterns are {@link Messages}' MessageFormats: an apostrophe is
 * written twice.
 */
final class ReminderMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.of(
          "required", "is required",
          "country", "is not the code of a country (ISO 3166-1 alpha-2, such as FR)",
          "wholeNumber", "must be a whole number",
          "states", "must be MISSING or OPEN: a reminder goes to a school that has not sent its report",
          "noStates", "names no state: give MISSING, OPEN or both",
          "noEmail", "This platform sends no email (no mail server is configured): copy the addresses of the schools that have not reported and write to them yourself"),
      "fr", Map.of(
          "required", "est obligatoire",
          "country", "n''est pas le code d''un pays (ISO 3166-1 alpha-2, comme FR)",
          "wholeNumber", "doit être un nombre entier",
          "states", "doit être MISSING ou OPEN : un rappel va à une école qui n''a pas envoyé son rapport",
          "noStates", "ne nomme aucun état : donnez MISSING, OPEN ou les deux",
          "noEmail", "Cette plateforme n''envoie pas de courriels (aucun serveur de messagerie n''est configuré) : copiez les adresses des écoles qui n''ont pas envoyé leur rapport et écrivez-leur vous-même"),
      "es", Map.of(
          "required", "es obligatorio",
          "country", "no es el código de un país (ISO 3166-1 alfa-2, como FR)",
          "wholeNumber", "debe ser un número entero",
          "states", "debe ser MISSING u OPEN: un recordatorio va a una escuela que no ha enviado su informe",
          "noStates", "no nombra ningún estado: indique MISSING, OPEN o ambos",
          "noEmail", "Esta plataforma no envía correos (no hay servidor de correo configurado): copie las direcciones de las escuelas que no han enviado su informe y escríbales usted"),
      "de", Map.of(
          "required", "ist erforderlich",
          "country", "ist kein Ländercode (ISO 3166-1 Alpha-2, etwa FR)",
          "wholeNumber", "muss eine ganze Zahl sein",
          "states", "muss MISSING oder OPEN sein: eine Erinnerung geht an eine Schule, die ihren Bericht nicht gesendet hat",
          "noStates", "nennt keinen Stand: geben Sie MISSING, OPEN oder beide an",
          "noEmail", "Diese Plattform versendet keine E-Mails (kein Mailserver eingerichtet): kopieren Sie die Adressen der Schulen ohne Bericht und schreiben Sie ihnen selbst")));

  private ReminderMessages() {}

  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
