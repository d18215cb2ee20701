package org.unesco.aspnet.projects.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * The field messages of an activity report (a submission), and why a school may not join or report,
 * in the language of the request that sent it: English, French, German, Spanish (English otherwise), through core's {@link Messages}
 * (MessageFormat patterns: an apostrophe and a brace are quoted).
 */
final class SubmissionMessages {
  private static final Messages MESSAGES =
      new Messages(Map.ofEntries(
      Map.entry("en", Map.ofEntries(
          Map.entry("closed", "Campaign {0} is closed for joining"),
          Map.entry("national", "Campaign {0} is a national campaign of {1}"),
          Map.entry("countriesOnly", "Campaign {0} is open to schools of {1} only"),
          Map.entry("membersOnly", "Campaign {0} is for member schools only; school {1} is {2}"),
          Map.entry("already", "School {0} takes part in campaign {1} already"),
          Map.entry("notTakingPart", "School {0} does not take part in campaign {1}; it joins first"),
          Map.entry("required", "is required"),
          Map.entry("date", "is required (YYYY-MM-DD)"),
          Map.entry("future", "must not be in the future"),
          Map.entry("before", "must not be before {0}"),
          Map.entry("noPhases", "this campaign has no phases"),
          Map.entry("phaseRequired", "is required: one of {0}"),
          Map.entry("oneOf", "must be one of {0}"),
          Map.entry("inPhase", "must be within the phase {0}: {1} to {2}"),
          Map.entry("text", "is required: what happened"),
          Map.entry("length", "must be at most {0} characters"),
          Map.entry("noModule", "this campaign has no campaign module, so no metrics"),
          Map.entry("mediaMax", "must have at most {0} links"),
          Map.entry("mediaObject", "must be an object '{'url, type, showsPupils, parentalConsent'}'"),
          Map.entry("url", "must be an http or https address"),
          Map.entry("mediaType", "must be photo or video"),
          Map.entry("showsPupils", "is required: can pupils be recognised on it?"),
          Map.entry("consent", "must be true: pupils appear on it, so confirm that the school holds their parents'' consent"),
          Map.entry("people", "is required (0 or more)"),
          Map.entry("range", "must be from 0 to {0}"))),
      Map.entry("fr", Map.ofEntries(
          Map.entry("closed", "La campagne {0} n''accepte plus de nouvelles écoles"),
          Map.entry("national", "La campagne {0} est une campagne nationale de {1}"),
          Map.entry("countriesOnly", "La campagne {0} est réservée aux écoles de {1}"),
          Map.entry("membersOnly", "La campagne {0} est réservée aux écoles membres ; l''école {1} est {2}"),
          Map.entry("already", "L''école {0} participe déjà à la campagne {1}"),
          Map.entry("notTakingPart", "L''école {0} ne participe pas à la campagne {1} ; elle doit d''abord la rejoindre"),
          Map.entry("required", "est obligatoire"),
          Map.entry("date", "est obligatoire (AAAA-MM-JJ)"),
          Map.entry("future", "ne doit pas être dans le futur"),
          Map.entry("before", "ne doit pas être avant le {0}"),
          Map.entry("noPhases", "cette campagne n''a pas de phases"),
          Map.entry("phaseRequired", "est obligatoire : l''une de {0}"),
          Map.entry("oneOf", "doit être l''une de {0}"),
          Map.entry("inPhase", "doit être dans la phase {0} : du {1} au {2}"),
          Map.entry("text", "est obligatoire : ce qui s''est passé"),
          Map.entry("length", "doit compter au plus {0} caractères"),
          Map.entry("noModule", "cette campagne n''a pas de module, donc pas d''indicateurs"),
          Map.entry("mediaMax", "doit compter au plus {0} liens"),
          Map.entry("mediaObject", "doit être un objet '{'url, type, showsPupils, parentalConsent'}'"),
          Map.entry("url", "doit être une adresse http ou https"),
          Map.entry("mediaType", "doit être photo ou video"),
          Map.entry("showsPupils", "est obligatoire : peut-on y reconnaître des élèves ?"),
          Map.entry("consent", "doit valoir true : des élèves y figurent, confirmez que l''établissement a l''accord de leurs parents"),
          Map.entry("people", "est obligatoire (0 ou plus)"),
          Map.entry("range", "doit être compris entre 0 et {0}"))),
      Map.entry("de", Map.ofEntries(
          Map.entry("closed", "Die Kampagne {0} nimmt keine neuen Schulen mehr auf"),
          Map.entry("national", "Die Kampagne {0} ist eine nationale Kampagne von {1}"),
          Map.entry("countriesOnly", "Die Kampagne {0} steht nur Schulen aus {1} offen"),
          Map.entry("membersOnly", "Die Kampagne {0} ist nur für Mitgliedsschulen; die Schule {1} ist {2}"),
          Map.entry("already", "Die Schule {0} nimmt bereits an der Kampagne {1} teil"),
          Map.entry("notTakingPart", "Die Schule {0} nimmt nicht an der Kampagne {1} teil; sie muss zuerst beitreten"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("date", "ist erforderlich (JJJJ-MM-TT)"),
          Map.entry("future", "darf nicht in der Zukunft liegen"),
          Map.entry("before", "darf nicht vor dem {0} liegen"),
          Map.entry("noPhases", "diese Kampagne hat keine Phasen"),
          Map.entry("phaseRequired", "ist erforderlich: eine von {0}"),
          Map.entry("oneOf", "muss eine von {0} sein"),
          Map.entry("inPhase", "muss in der Phase {0} liegen: {1} bis {2}"),
          Map.entry("text", "ist erforderlich: was geschah"),
          Map.entry("length", "darf höchstens {0} Zeichen lang sein"),
          Map.entry("noModule", "diese Kampagne hat kein Kampagnenmodul, also keine Kennzahlen"),
          Map.entry("mediaMax", "darf höchstens {0} Links haben"),
          Map.entry("mediaObject", "muss ein Objekt '{'url, type, showsPupils, parentalConsent'}' sein"),
          Map.entry("url", "muss eine http- oder https-Adresse sein"),
          Map.entry("mediaType", "muss photo oder video sein"),
          Map.entry("showsPupils", "ist erforderlich: sind Schülerinnen und Schüler darauf zu erkennen?"),
          Map.entry("consent", "muss true sein: Schülerinnen und Schüler sind darauf, bestätigen Sie die Einwilligung der Eltern"),
          Map.entry("people", "ist erforderlich (0 oder mehr)"),
          Map.entry("range", "muss zwischen 0 und {0} liegen"))),
      Map.entry("es", Map.ofEntries(
          Map.entry("closed", "La campaña {0} ya no admite nuevas escuelas"),
          Map.entry("national", "La campaña {0} es una campaña nacional de {1}"),
          Map.entry("countriesOnly", "La campaña {0} está abierta solo a escuelas de {1}"),
          Map.entry("membersOnly", "La campaña {0} es solo para escuelas miembro; la escuela {1} está en {2}"),
          Map.entry("already", "La escuela {0} ya participa en la campaña {1}"),
          Map.entry("notTakingPart", "La escuela {0} no participa en la campaña {1}; primero debe unirse"),
          Map.entry("required", "es obligatorio"),
          Map.entry("date", "es obligatorio (AAAA-MM-DD)"),
          Map.entry("future", "no debe estar en el futuro"),
          Map.entry("before", "no debe ser anterior al {0}"),
          Map.entry("noPhases", "esta campaña no tiene fases"),
          Map.entry("phaseRequired", "es obligatorio: uno de {0}"),
          Map.entry("oneOf", "debe ser uno de {0}"),
          Map.entry("inPhase", "debe estar dentro de la fase {0}: del {1} al {2}"),
          Map.entry("text", "es obligatorio: lo que ocurrió"),
          Map.entry("length", "debe tener como máximo {0} caracteres"),
          Map.entry("noModule", "esta campaña no tiene módulo, así que no tiene indicadores"),
          Map.entry("mediaMax", "debe tener como máximo {0} enlaces"),
          Map.entry("mediaObject", "debe ser un objeto '{'url, type, showsPupils, parentalConsent'}'"),
          Map.entry("url", "debe ser una dirección http o https"),
          Map.entry("mediaType", "debe ser photo o video"),
          Map.entry("showsPupils", "es obligatorio: ¿se puede reconocer a alumnos?"),
          Map.entry("consent", "debe ser true: aparecen alumnos, confirme que la escuela tiene el consentimiento de sus padres"),
          Map.entry("people", "es obligatorio (0 o más)"),
          Map.entry("range", "debe estar entre 0 y {0}")))));

  private SubmissionMessages() {}

  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
