package org.unesco.aspnet.partnerships.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * What a partnership's field errors, conflicts and refusals say, in the language of the request:
 * English, French, German, Spanish (English otherwise), through core's {@link Messages}
 * (MessageFormat patterns: an apostrophe is doubled).
 */
final class PartnershipMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("required", "is required"),
          Map.entry("blank", "must not be blank"),
          Map.entry("length", "must be at most {0} characters"),
          Map.entry("theme", "is required: PEACE_GCED, ESD or INTERCULTURAL"),
          Map.entry("self", "must be another school than the proposer"),
          Map.entry("to", "must be ACCEPTED, DECLINED, WITHDRAWN or ENDED"),
          Map.entry("notMember", "must be a member school: school {0} is not one"),
          Map.entry("sameCountry", "must be a school of another country than the proposer''s ({0})"),
          Map.entry("duplicate", "Schools {0} and {1} already have a partnership that is proposed or accepted (partnership {2})"),
          Map.entry("tooMany", "School {0} already has {1} proposals waiting for an answer: wait for one, or withdraw one"),
          Map.entry("wrongStatus", "Partnership {0} is {1}: it cannot become {2}"),
          Map.entry("noLongerMember", "Partnership {0} cannot be accepted: school {1} is no longer a member"),
          Map.entry("sameCountryNow", "Partnership {0} cannot be accepted: both schools are now in the same country ({1})"),
          Map.entry("stale", "Partnership {0} changed since you read it: read it again"),
          Map.entry("notProposerStaff", "Only the staff of school {0} propose partnerships for it"),
          Map.entry("notPartnerStaff", "Only the staff of the partner school {0} accept or decline this proposal"),
          Map.entry("notProposerWithdraw", "Only the staff of the proposing school {0} withdraw this proposal"),
          Map.entry("notEnder", "Only the staff of the two schools or HQ end this partnership"),
          Map.entry("signIn", "Sign in to do this")),
      "fr", Map.ofEntries(
          Map.entry("required", "est obligatoire"),
          Map.entry("blank", "ne doit pas être vide"),
          Map.entry("length", "doit compter au plus {0} caractères"),
          Map.entry("theme", "est obligatoire : PEACE_GCED, ESD ou INTERCULTURAL"),
          Map.entry("self", "doit être une autre école que celle qui propose"),
          Map.entry("to", "doit être ACCEPTED, DECLINED, WITHDRAWN ou ENDED"),
          Map.entry("notMember", "doit être une école membre : l''école {0} ne l''est pas"),
          Map.entry("sameCountry", "doit être une école d''un autre pays que celui de l''école qui propose ({0})"),
          Map.entry("duplicate", "Les écoles {0} et {1} ont déjà un partenariat proposé ou accepté (partenariat {2})"),
          Map.entry("tooMany", "L''école {0} a déjà {1} propositions en attente de réponse : attendez une réponse ou retirez-en une"),
          Map.entry("wrongStatus", "Le partenariat {0} est {1} : il ne peut pas devenir {2}"),
          Map.entry("noLongerMember", "Le partenariat {0} ne peut pas être accepté : l''école {1} n''est plus membre"),
          Map.entry("sameCountryNow", "Le partenariat {0} ne peut pas être accepté : les deux écoles sont maintenant dans le même pays ({1})"),
          Map.entry("stale", "Le partenariat {0} a changé depuis votre lecture : relisez-le"),
          Map.entry("notProposerStaff", "Seul le personnel de l''école {0} propose des partenariats pour elle"),
          Map.entry("notPartnerStaff", "Seul le personnel de l''école partenaire {0} accepte ou refuse cette proposition"),
          Map.entry("notProposerWithdraw", "Seul le personnel de l''école {0}, qui a proposé, retire cette proposition"),
          Map.entry("notEnder", "Seuls le personnel des deux écoles ou le Siège mettent fin à ce partenariat"),
          Map.entry("signIn", "Connectez-vous pour faire ceci")),
      "de", Map.ofEntries(
          Map.entry("required", "ist erforderlich"),
          Map.entry("blank", "darf nicht leer sein"),
          Map.entry("length", "darf höchstens {0} Zeichen haben"),
          Map.entry("theme", "ist erforderlich: PEACE_GCED, ESD oder INTERCULTURAL"),
          Map.entry("self", "muss eine andere Schule als die vorschlagende sein"),
          Map.entry("to", "muss ACCEPTED, DECLINED, WITHDRAWN oder ENDED sein"),
          Map.entry("notMember", "muss eine Mitgliedsschule sein: Schule {0} ist keine"),
          Map.entry("sameCountry", "muss eine Schule eines anderen Landes als dem der vorschlagenden Schule ({0}) sein"),
          Map.entry("duplicate", "Die Schulen {0} und {1} haben bereits eine vorgeschlagene oder angenommene Partnerschaft (Partnerschaft {2})"),
          Map.entry("tooMany", "Schule {0} hat bereits {1} unbeantwortete Vorschläge: Warten Sie eine Antwort ab oder ziehen Sie einen zurück"),
          Map.entry("wrongStatus", "Partnerschaft {0} ist {1}: Sie kann nicht {2} werden"),
          Map.entry("noLongerMember", "Partnerschaft {0} kann nicht angenommen werden: Schule {1} ist nicht mehr Mitglied"),
          Map.entry("sameCountryNow", "Partnerschaft {0} kann nicht angenommen werden: Beide Schulen sind jetzt im selben Land ({1})"),
          Map.entry("stale", "Partnerschaft {0} wurde seit Ihrem Lesen geändert: Lesen Sie sie erneut"),
          Map.entry("notProposerStaff", "Nur das Personal der Schule {0} schlägt für sie Partnerschaften vor"),
          Map.entry("notPartnerStaff", "Nur das Personal der Partnerschule {0} nimmt diesen Vorschlag an oder lehnt ihn ab"),
          Map.entry("notProposerWithdraw", "Nur das Personal der vorschlagenden Schule {0} zieht diesen Vorschlag zurück"),
          Map.entry("notEnder", "Nur das Personal der beiden Schulen oder das Hauptquartier beendet diese Partnerschaft"),
          Map.entry("signIn", "Melden Sie sich dafür an")),
      "es", Map.ofEntries(
          Map.entry("required", "es un dato obligatorio"),
          Map.entry("blank", "no debe estar vacío"),
          Map.entry("length", "debe tener como máximo {0} caracteres"),
          Map.entry("theme", "es un dato obligatorio: PEACE_GCED, ESD o INTERCULTURAL"),
          Map.entry("self", "debe ser otra escuela que la que propone"),
          Map.entry("to", "debe ser ACCEPTED, DECLINED, WITHDRAWN o ENDED"),
          Map.entry("notMember", "debe ser una escuela miembro: la escuela {0} no lo es"),
          Map.entry("sameCountry", "debe ser una escuela de otro país que el de la escuela que propone ({0})"),
          Map.entry("duplicate", "Las escuelas {0} y {1} ya tienen una asociación propuesta o aceptada (asociación {2})"),
          Map.entry("tooMany", "La escuela {0} ya tiene {1} propuestas sin respuesta: espere una respuesta o retire una"),
          Map.entry("wrongStatus", "La asociación {0} está {1}: no puede pasar a {2}"),
          Map.entry("noLongerMember", "La asociación {0} no puede aceptarse: la escuela {1} ya no es miembro"),
          Map.entry("sameCountryNow", "La asociación {0} no puede aceptarse: las dos escuelas están ahora en el mismo país ({1})"),
          Map.entry("stale", "La asociación {0} cambió desde que la leyó: léala de nuevo"),
          Map.entry("notProposerStaff", "Solo el personal de la escuela {0} propone asociaciones en su nombre"),
          Map.entry("notPartnerStaff", "Solo el personal de la escuela asociada {0} acepta o rechaza esta propuesta"),
          Map.entry("notProposerWithdraw", "Solo el personal de la escuela {0}, que la propuso, retira esta propuesta"),
          Map.entry("notEnder", "Solo el personal de las dos escuelas o la Sede ponen fin a esta asociación"),
          Map.entry("signIn", "Inicie sesión para hacer esto"))));

  private PartnershipMessages() {}

  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
