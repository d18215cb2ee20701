package org.unesco.aspnet.security.internal;

import java.util.Map;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Messages;
import org.unesco.aspnet.core.Role;

/**
 * The messages the platform emails: a reset link (started by a coordinator or asked for by its
 * owner) and an invitation, in English, French, Spanish and German, the languages of the web UI
 * (other languages get English), in the recipient's language when the account has one, else the
 * sender's. Patterns are {@link Messages}' MessageFormats: an apostrophe is written twice. Every
 * language has English's keys, with the same arguments.
 */
final class MailTexts {
  /** The patterns by key, by language: the same keys in each. */
  static final Map<String, Map<String, String>> PATTERNS = Map.of(
      "en", Map.ofEntries(
          Map.entry("resetSubject", "ASPnet: set a new password"),
          Map.entry("resetBody", "Hello {0},\n\n{1} started a password reset for your ASPnet account ({2}).\n"
              + "Open this link within {3} hours to choose a new password:\n\n{4}\n\n"
              + "The link works once. Your other sessions end when you set the password.\n"
              + "If you did not expect this, ask {1} why.\n"),
          Map.entry("selfResetBody", "Hello {0},\n\nSomeone (probably you) asked to reset the password of your ASPnet account ({1}).\n"
              + "Open this link within {2} hours to choose a new password:\n\n{3}\n\n"
              + "The link works once. If you did not ask for it, ignore this message: your password stays as it is.\n"),
          Map.entry("inviteSubject", "ASPnet: you are invited as {0}"),
          Map.entry("inviteBody", "Hello,\n\n{0} invites you to the ASPnet Platform of UNESCO''s Associated Schools Network as {1}.\n"
              + "Open this link within {2} days to accept (with your ASPnet account if you have one, or a new one):\n\n{3}\n\n"
              + "If you do not know {0}, ignore this message.\n"),
          Map.entry("signature", "\n-- \nASPnet Platform, {0}\n"),
          Map.entry("PLATFORM_ADMIN", "platform administrator"),
          Map.entry("HQ_OFFICER", "UNESCO HQ officer"),
          Map.entry("NATIONAL_COORDINATOR", "National Coordinator of {0}"),
          Map.entry("SUBNATIONAL_COORDINATOR", "coordinator of {1} ({0})"),
          Map.entry("SCHOOL_FOCAL_POINT", "focal point of {2}"),
          Map.entry("SCHOOL_STAFF", "staff of {2}"),
          Map.entry("CAMPAIGN_COORDINATOR", "coordinator of the campaign \u201c{1}\u201d")),
      "fr", Map.ofEntries(
          Map.entry("resetSubject", "ASPnet : choisir un nouveau mot de passe"),
          Map.entry("resetBody", "Bonjour {0},\n\n{1} a lancé la réinitialisation du mot de passe de votre compte ASPnet ({2}).\n"
              + "Ouvrez ce lien dans les {3} heures pour choisir un nouveau mot de passe :\n\n{4}\n\n"
              + "Le lien ne sert qu''une fois. Vos autres sessions se ferment quand vous choisissez le mot de passe.\n"
              + "Si vous ne vous y attendiez pas, demandez pourquoi à {1}.\n"),
          Map.entry("selfResetBody", "Bonjour {0},\n\nQuelqu''un (sans doute vous) a demandé à réinitialiser le mot de passe de votre compte ASPnet ({1}).\n"
              + "Ouvrez ce lien dans les {2} heures pour choisir un nouveau mot de passe :\n\n{3}\n\n"
              + "Le lien ne sert qu''une fois. Si vous n''avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n"),
          Map.entry("inviteSubject", "ASPnet : vous êtes invité(e) comme {0}"),
          Map.entry("inviteBody", "Bonjour,\n\n{0} vous invite sur la plateforme ASPnet du réseau des écoles associées de l''UNESCO comme {1}.\n"
              + "Ouvrez ce lien dans les {2} jours pour accepter (avec votre compte ASPnet si vous en avez un, ou un nouveau) :\n\n{3}\n\n"
              + "Si vous ne connaissez pas {0}, ignorez ce message.\n"),
          Map.entry("signature", "\n-- \nPlateforme ASPnet, {0}\n"),
          Map.entry("PLATFORM_ADMIN", "administrateur de la plateforme"),
          Map.entry("HQ_OFFICER", "responsable au Siège de l''UNESCO"),
          Map.entry("NATIONAL_COORDINATOR", "coordinateur national ({0})"),
          Map.entry("SUBNATIONAL_COORDINATOR", "coordinateur de {1} ({0})"),
          Map.entry("SCHOOL_FOCAL_POINT", "point focal de « {2} »"),
          Map.entry("SCHOOL_STAFF", "membre de l''équipe de « {2} »"),
          Map.entry("CAMPAIGN_COORDINATOR", "coordinateur de la campagne « {1} »")),
      "es", Map.ofEntries(
          Map.entry("resetSubject", "ASPnet: elija una contraseña nueva"),
          Map.entry("resetBody", "Hola {0}:\n\n{1} inició el restablecimiento de la contraseña de su cuenta ASPnet ({2}).\n"
              + "Abra este enlace en un plazo de {3} horas para elegir una contraseña nueva:\n\n{4}\n\n"
              + "El enlace sirve una sola vez. Sus otras sesiones se cierran cuando elija la contraseña.\n"
              + "Si no lo esperaba, pregunte a {1} por qué.\n"),
          Map.entry("selfResetBody", "Hola {0}:\n\nAlguien (probablemente usted) pidió restablecer la contraseña de su cuenta ASPnet ({1}).\n"
              + "Abra este enlace en un plazo de {2} horas para elegir una contraseña nueva:\n\n{3}\n\n"
              + "El enlace sirve una sola vez. Si no lo pidió, ignore este mensaje: su contraseña no cambia.\n"),
          Map.entry("inviteSubject", "ASPnet: le invitan como {0}"),
          Map.entry("inviteBody", "Hola:\n\n{0} le invita a la Plataforma ASPnet de la Red de Escuelas Asociadas de la UNESCO como {1}.\n"
              + "Abra este enlace en un plazo de {2} días para aceptar (con su cuenta ASPnet si la tiene, o con una nueva):\n\n{3}\n\n"
              + "Si no conoce a {0}, ignore este mensaje.\n"),
          Map.entry("signature", "\n-- \nPlataforma ASPnet, {0}\n"),
          Map.entry("PLATFORM_ADMIN", "administrador de la plataforma"),
          Map.entry("HQ_OFFICER", "responsable en la Sede de la UNESCO"),
          Map.entry("NATIONAL_COORDINATOR", "coordinador nacional ({0})"),
          Map.entry("SUBNATIONAL_COORDINATOR", "coordinador de {1} ({0})"),
          Map.entry("SCHOOL_FOCAL_POINT", "punto focal de «{2}»"),
          Map.entry("SCHOOL_STAFF", "personal de «{2}»"),
          Map.entry("CAMPAIGN_COORDINATOR", "coordinador de la campaña «{1}»")),
      "de", Map.ofEntries(
          Map.entry("resetSubject", "ASPnet: Neues Passwort wählen"),
          Map.entry("resetBody", "Guten Tag {0},\n\n{1} hat das Zurücksetzen des Passworts Ihres ASPnet-Kontos ({2}) veranlasst.\n"
              + "Öffnen Sie innerhalb von {3} Stunden diesen Link, um ein neues Passwort zu wählen:\n\n{4}\n\n"
              + "Der Link gilt nur einmal. Ihre anderen Sitzungen enden, sobald Sie das neue Passwort speichern.\n"
              + "Falls Sie damit nicht gerechnet haben, fragen Sie {1} nach dem Grund.\n"),
          Map.entry("selfResetBody", "Guten Tag {0},\n\njemand (vermutlich Sie) hat das Zurücksetzen des Passworts Ihres ASPnet-Kontos ({1}) angefordert.\n"
              + "Öffnen Sie innerhalb von {2} Stunden diesen Link, um ein neues Passwort zu wählen:\n\n{3}\n\n"
              + "Der Link gilt nur einmal. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.\n"),
          Map.entry("inviteSubject", "ASPnet: Einladung – {0}"),
          Map.entry("inviteBody", "Guten Tag,\n\n{0} lädt Sie in folgender Rolle auf die ASPnet-Plattform des Netzwerks der UNESCO-Projektschulen ein: {1}.\n"
              + "Öffnen Sie innerhalb von {2} Tagen diesen Link, um die Einladung anzunehmen (mit Ihrem ASPnet-Konto, falls Sie eines haben, oder mit einem neuen):\n\n{3}\n\n"
              + "Falls Sie {0} nicht kennen, ignorieren Sie diese Nachricht.\n"),
          Map.entry("signature", "\n-- \nASPnet-Plattform, {0}\n"),
          Map.entry("PLATFORM_ADMIN", "Plattform-Administration"),
          Map.entry("HQ_OFFICER", "Mitarbeiter/in der UNESCO-Zentrale"),
          Map.entry("NATIONAL_COORDINATOR", "Nationale Koordination für {0}"),
          Map.entry("SUBNATIONAL_COORDINATOR", "Koordination für {1} ({0})"),
          Map.entry("SCHOOL_FOCAL_POINT", "Ansprechperson der Schule „{2}“"),
          Map.entry("SCHOOL_STAFF", "Personal der Schule „{2}“"),
          Map.entry("CAMPAIGN_COORDINATOR", "Koordination der Kampagne „{1}“")));

  private static final Messages TEXTS = new Messages(PATTERNS);

  private MailTexts() {}

  /** A reset link that {@code starter} (a coordinator) made for {@code name}'s account. */
  static MailOutbox.Message reset(String language, String to, String name, String starter, String link, long hours, String site) {
    return message(language, to, "password.reset", "resetSubject",
        TEXTS.get(language, "resetBody", name, starter, to, String.valueOf(hours), link), site);
  }

  /** A reset link the account's owner asked for on the sign-in page. */
  static MailOutbox.Message selfReset(String language, String to, String name, String link, long hours, String site) {
    return message(language, to, "password.reset.request", "resetSubject",
        TEXTS.get(language, "selfResetBody", name, to, String.valueOf(hours), link), site);
  }

  /**
   * An invitation to {@code role} from {@code inviter}; its scope: {@code country}, the unit's or
   * campaign's name ({@code part}), the {@code school}'s name.
   */
  static MailOutbox.Message invitation(String language, String to, String inviter, Role role, String country, String part,
      String school, String link, long days, String site) {
    // the country as the reader says it ("France", "Francia"), not its code
    String countryName = country == null ? null
        : new java.util.Locale("", country).getDisplayCountry(java.util.Locale.forLanguageTag(TEXTS.languageOf(language)));
    String roleText = TEXTS.get(language, role.name(), countryName, part, school);
    return new MailOutbox.Message(to, TEXTS.get(language, "inviteSubject", roleText),
        TEXTS.get(language, "inviteBody", inviter, roleText, String.valueOf(days), link) + TEXTS.get(language, "signature", site),
        "invitation");
  }

  private static MailOutbox.Message message(String language, String to, String kind, String subjectKey, String body, String site) {
    return new MailOutbox.Message(to, TEXTS.get(language, subjectKey), body + TEXTS.get(language, "signature", site), kind);
  }
}
