package org.unesco.aspnet.security.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * The field messages of registration, invitations and password resets in the request's language:
 * the forms people fill in when they join, most of them in their own language. Patterns are
 * {@link Messages}' MessageFormats (an apostrophe is written twice).
 */
final class SecurityMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("tooManyInvitations", "You sent {0} invitations by email within an hour: wait an hour before the next"),
          Map.entry("resetByEmailOff", "Password reset by email is off on this platform (it sends no email): ask your National Coordinator for a reset link"),
          Map.entry("resetRequested", "If an account has this email, a link to set a new password is on its way. It works for 2 hours; look in your spam folder too"),
          Map.entry("passwordChangedMeanwhile", "Your password was changed meanwhile (in another window?): sign in again with the new one"),
          Map.entry("notYourPassword", "is not your current password"),
          Map.entry("passwordUnchanged", "must differ from your current password"),
          Map.entry("required", "is required"),
          Map.entry("passwordBlank", "must have something besides spaces"),
          Map.entry("invitationOutdated", "This invitation no longer applies: whoever made it may not give this role any more (the role was handed over, say); ask for a new one"),
          Map.entry("notForRole", "is no part of this role's scope: leave it out"),
          Map.entry("email", "is not an email address"),
          Map.entry("nameMax", "must be at most {0} characters"),
          Map.entry("passwordMin", "must be at least {0} characters"),
          Map.entry("passwordMax", "must be at most {0} characters"),
          Map.entry("oneOf", "must be one of {0}"),
          Map.entry("countryForRole", "is required for this role (ISO 3166-1 alpha-2)"),
          Map.entry("unitForSnc", "is required for a sub-national coordinator"),
          Map.entry("schoolForStaff", "is required for school staff"),
          Map.entry("schoolUnknown", "is not a known school"),
          Map.entry("campaignForCc", "is required for a campaign coordinator"),
          Map.entry("wrongCredentials", "The email or the password is wrong"),
          Map.entry("invitationNeedsOwner", "This invitation is for an existing account: sign in as it, or give its password, to accept it"),
          Map.entry("invitationCredentials", "This password does not open the account of this invitation's email. If you have no account yet, give your name too, with a new password"),
          Map.entry("emailTaken", "already has an account: sign in, or ask your National Coordinator for a new password"),
          Map.entry("tooManyAttempts", "Too many failed sign-ins; try again in {0} s"),
          Map.entry("tooManyFromAddress", "Too many failed attempts from your address; try again in {0} s")),
      "fr", Map.ofEntries(
          Map.entry("tooManyInvitations", "Vous avez envoyé {0} invitations par courriel en une heure : attendez une heure avant la suivante"),
          Map.entry("resetByEmailOff", "La réinitialisation par courriel est désactivée sur cette plateforme (elle n''envoie pas de courriels) : demandez un lien à votre coordinateur national"),
          Map.entry("resetRequested", "Si un compte a cette adresse, un lien pour choisir un nouveau mot de passe est en route. Il vaut 2 heures ; regardez aussi dans vos indésirables"),
          Map.entry("passwordChangedMeanwhile", "Votre mot de passe a été changé entre-temps (dans une autre fenêtre ?) : reconnectez-vous avec le nouveau"),
          Map.entry("notYourPassword", "n''est pas votre mot de passe actuel"),
          Map.entry("passwordUnchanged", "doit être différent de votre mot de passe actuel"),
          Map.entry("required", "est obligatoire"),
          Map.entry("passwordBlank", "doit contenir autre chose que des espaces"),
          Map.entry("invitationOutdated", "Cette invitation ne vaut plus : qui l''a faite ne peut plus donner ce rôle (il a été transmis, par exemple) ; demandez-en une nouvelle"),
          Map.entry("notForRole", "ne fait pas partie de la portée de ce rôle : ne l''indiquez pas"),
          Map.entry("email", "n''est pas une adresse électronique"),
          Map.entry("nameMax", "doit compter au plus {0} caractères"),
          Map.entry("passwordMin", "doit compter au moins {0} caractères"),
          Map.entry("passwordMax", "doit compter au plus {0} caractères"),
          Map.entry("oneOf", "doit être l''une des valeurs {0}"),
          Map.entry("countryForRole", "est obligatoire pour ce rôle (ISO 3166-1 alpha-2)"),
          Map.entry("unitForSnc", "est obligatoire pour un coordinateur infranational"),
          Map.entry("schoolForStaff", "est obligatoire pour le personnel d''un établissement"),
          Map.entry("schoolUnknown", "n''est pas un établissement connu"),
          Map.entry("campaignForCc", "est obligatoire pour un coordinateur de campagne"),
          Map.entry("wrongCredentials", "L''adresse électronique ou le mot de passe est erroné"),
          Map.entry("invitationNeedsOwner", "Cette invitation est pour un compte existant : connectez-vous avec ce compte, ou donnez son mot de passe, pour l''accepter"),
          Map.entry("invitationCredentials", "Ce mot de passe n''ouvre pas le compte de l''adresse de cette invitation. Si vous n''avez pas encore de compte, donnez aussi votre nom, avec un nouveau mot de passe"),
          Map.entry("emailTaken", "a déjà un compte : connectez-vous, ou demandez un nouveau mot de passe à votre coordinateur national"),
          Map.entry("tooManyAttempts", "Trop de connexions échouées ; réessayez dans {0} s"),
          Map.entry("tooManyFromAddress", "Trop de tentatives échouées depuis votre adresse ; réessayez dans {0} s")),
      "de", Map.ofEntries(
          Map.entry("tooManyInvitations", "Sie haben in einer Stunde {0} Einladungen per E-Mail gesendet: warten Sie eine Stunde bis zur nächsten"),
          Map.entry("resetByEmailOff", "Das Zurücksetzen per E-Mail ist auf dieser Plattform aus (sie versendet keine E-Mails): bitten Sie Ihre nationale Koordination um einen Link"),
          Map.entry("resetRequested", "Hat ein Konto diese Adresse, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er gilt 2 Stunden; sehen Sie auch im Spam-Ordner nach"),
          Map.entry("passwordChangedMeanwhile", "Ihr Passwort wurde inzwischen geändert (in einem anderen Fenster?): Melden Sie sich mit dem neuen an"),
          Map.entry("notYourPassword", "ist nicht Ihr aktuelles Passwort"),
          Map.entry("passwordUnchanged", "muss sich von Ihrem aktuellen Passwort unterscheiden"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("passwordBlank", "muss mehr als Leerzeichen enthalten"),
          Map.entry("invitationOutdated", "Diese Einladung gilt nicht mehr: wer sie erstellt hat, darf diese Rolle nicht mehr vergeben (sie wurde zum Beispiel übergeben); bitten Sie um eine neue"),
          Map.entry("notForRole", "gehört nicht zum Bereich dieser Rolle: lassen Sie es weg"),
          Map.entry("email", "ist keine E-Mail-Adresse"),
          Map.entry("nameMax", "darf höchstens {0} Zeichen lang sein"),
          Map.entry("passwordMin", "muss mindestens {0} Zeichen lang sein"),
          Map.entry("passwordMax", "darf höchstens {0} Zeichen lang sein"),
          Map.entry("oneOf", "muss einer dieser Werte sein: {0}"),
          Map.entry("countryForRole", "ist für diese Rolle erforderlich (ISO 3166-1 alpha-2)"),
          Map.entry("unitForSnc", "ist für eine regionale Koordination erforderlich"),
          Map.entry("schoolForStaff", "ist für Schulpersonal erforderlich"),
          Map.entry("schoolUnknown", "ist keine bekannte Schule"),
          Map.entry("campaignForCc", "ist für eine Kampagnenkoordination erforderlich"),
          Map.entry("wrongCredentials", "Die E-Mail-Adresse oder das Passwort ist falsch"),
          Map.entry("invitationNeedsOwner", "Diese Einladung gilt für ein bestehendes Konto: Melden Sie sich mit diesem Konto an oder geben Sie sein Passwort ein, um sie anzunehmen"),
          Map.entry("invitationCredentials", "Dieses Passwort öffnet nicht das Konto der E-Mail-Adresse dieser Einladung. Wenn Sie noch kein Konto haben, geben Sie auch Ihren Namen und ein neues Passwort an"),
          Map.entry("emailTaken", "hat schon ein Konto: Melden Sie sich an oder bitten Sie Ihre nationale Koordination um ein neues Passwort"),
          Map.entry("tooManyAttempts", "Zu viele fehlgeschlagene Anmeldungen; versuchen Sie es in {0} s erneut"),
          Map.entry("tooManyFromAddress", "Zu viele fehlgeschlagene Versuche von Ihrer Adresse; versuchen Sie es in {0} s erneut")),
      "es", Map.ofEntries(
          Map.entry("tooManyInvitations", "Envió {0} invitaciones por correo en una hora: espere una hora antes de la siguiente"),
          Map.entry("resetByEmailOff", "El restablecimiento por correo está desactivado en esta plataforma (no envía correos): pida un enlace a su coordinador nacional"),
          Map.entry("resetRequested", "Si una cuenta tiene este correo, va en camino un enlace para elegir una contraseña nueva. Sirve durante 2 horas; mire también en el correo no deseado"),
          Map.entry("passwordChangedMeanwhile", "Su contraseña se cambió mientras tanto (¿en otra ventana?): inicie sesión de nuevo con la nueva"),
          Map.entry("notYourPassword", "no es su contraseña actual"),
          Map.entry("passwordUnchanged", "debe ser distinta de su contraseña actual"),
          Map.entry("required", "es un dato obligatorio"),
          Map.entry("passwordBlank", "debe tener algo más que espacios"),
          Map.entry("invitationOutdated", "Esta invitación ya no vale: quien la hizo ya no puede dar este rol (se traspasó, por ejemplo); pida una nueva"),
          Map.entry("notForRole", "no forma parte del ámbito de este rol: no lo indique"),
          Map.entry("email", "no es una dirección de correo electrónico"),
          Map.entry("nameMax", "debe tener como máximo {0} caracteres"),
          Map.entry("passwordMin", "debe tener al menos {0} caracteres"),
          Map.entry("passwordMax", "debe tener como máximo {0} caracteres"),
          Map.entry("oneOf", "debe ser uno de {0}"),
          Map.entry("countryForRole", "es un dato obligatorio para este rol (ISO 3166-1 alfa-2)"),
          Map.entry("unitForSnc", "es un dato obligatorio para un coordinador subnacional"),
          Map.entry("schoolForStaff", "es un dato obligatorio para el personal de una escuela"),
          Map.entry("schoolUnknown", "no es una escuela conocida"),
          Map.entry("campaignForCc", "es un dato obligatorio para un coordinador de campaña"),
          Map.entry("wrongCredentials", "El correo electrónico o la contraseña no son correctos"),
          Map.entry("invitationNeedsOwner", "Esta invitación es para una cuenta existente: inicie sesión con ella o indique su contraseña para aceptarla"),
          Map.entry("invitationCredentials", "Esta contraseña no abre la cuenta del correo de esta invitación. Si aún no tiene cuenta, indique también su nombre, con una contraseña nueva"),
          Map.entry("emailTaken", "ya tiene una cuenta: inicie sesión o pida una nueva contraseña a su coordinador nacional"),
          Map.entry("tooManyAttempts", "Demasiados intentos fallidos; vuelva a intentarlo dentro de {0} s"),
          Map.entry("tooManyFromAddress", "Demasiados intentos fallidos desde su dirección; vuelva a intentarlo dentro de {0} s"))));

  private SecurityMessages() {}

  /** The message {@code key} in {@code language} ("fr", "fr-CA", null), English for one we do not write. */
  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
