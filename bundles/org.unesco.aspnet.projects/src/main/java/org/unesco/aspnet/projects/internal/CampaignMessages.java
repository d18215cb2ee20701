package org.unesco.aspnet.projects.internal;

import java.util.Map;
import org.unesco.aspnet.core.Messages;

/**
 * The field messages of a campaign as HQ or an NC creates or edits it, in the language of the
 * request: English, French, German, Spanish (English otherwise), through core's {@link Messages}
 * (MessageFormat patterns: an apostrophe and a brace are quoted).
 */
final class CampaignMessages {
  private static final Messages MESSAGES =
      new Messages(Map.ofEntries(
      Map.entry("en", Map.ofEntries(
          Map.entry("resourceKind", "is required: GUIDE, LESSON_PLAN, TOOLKIT, VIDEO, WEBSITE or OTHER"),
          Map.entry("resourceUrl", "must be an http or https address of at most {0} characters"),
          Map.entry("resourceLanguage", "is not an ISO 639-1 language code such as fr or sw"),
          Map.entry("kind", "is required: PROJECT, INITIATIVE or CAMPAIGN"),
          Map.entry("module", "must be a module key such as trash-hack"),
          Map.entry("country", "must be the ISO 3166-1 alpha-2 code of a UNESCO Member State"),
          Map.entry("title", "is required, e.g. '{'\"en\": \"Trash Hack 2026\"'}'"),
          Map.entry("titleLanguage", "must have at least one language"),
          Map.entry("phase", "must be an object '{'key, starts, ends'}'"),
          Map.entry("required", "is required"),
          Map.entry("modulePhase", "must be one of the module''s phases: {0}"),
          Map.entry("phaseKey", "must be unique and at most 60 characters"),
          Map.entry("between", "must be between {0} and {1}"),
          Map.entry("endsBefore", "must not be before the start"),
          Map.entry("countries", "has more than {0} entries"),
          Map.entry("languages", "has more than {0} languages"),
          Map.entry("languageCode", "is not a language code such as en or fr"),
          Map.entry("blank", "must not be blank"),
          Map.entry("together", "takes too much room with all its languages together (at most {0} characters as stored): shorten some"),
          Map.entry("phases", "must be at most {0} phases"),
          Map.entry("length", "must be at most {0} characters"))),
      Map.entry("fr", Map.ofEntries(
          Map.entry("resourceKind", "est obligatoire : GUIDE, LESSON_PLAN, TOOLKIT, VIDEO, WEBSITE ou OTHER"),
          Map.entry("resourceUrl", "doit être une adresse http ou https d''au plus {0} caractères"),
          Map.entry("resourceLanguage", "n''est pas un code de langue ISO 639-1 comme fr ou sw"),
          Map.entry("kind", "est obligatoire : PROJECT, INITIATIVE ou CAMPAIGN"),
          Map.entry("module", "doit être une clé de module comme trash-hack"),
          Map.entry("country", "doit être le code ISO 3166-1 alpha-2 d''un État membre de l''UNESCO"),
          Map.entry("title", "est obligatoire, par exemple '{'\"fr\": \"Trash Hack 2026\"'}'"),
          Map.entry("titleLanguage", "doit avoir au moins une langue"),
          Map.entry("phase", "doit être un objet '{'key, starts, ends'}'"),
          Map.entry("required", "est obligatoire"),
          Map.entry("modulePhase", "doit être l''une des phases du module : {0}"),
          Map.entry("phaseKey", "doit être unique et compter au plus 60 caractères"),
          Map.entry("between", "doit être entre le {0} et le {1}"),
          Map.entry("endsBefore", "ne doit pas précéder le début"),
          Map.entry("countries", "a plus de {0} éléments"),
          Map.entry("languages", "a plus de {0} langues"),
          Map.entry("languageCode", "n''est pas un code de langue comme en ou fr"),
          Map.entry("blank", "ne doit pas être vide"),
          Map.entry("together", "prend trop de place avec toutes ses langues (au plus {0} caractères enregistrés) : raccourcissez-en"),
          Map.entry("phases", "doit compter au plus {0} étapes"),
          Map.entry("length", "doit compter au plus {0} caractères"))),
      Map.entry("de", Map.ofEntries(
          Map.entry("resourceKind", "ist erforderlich: GUIDE, LESSON_PLAN, TOOLKIT, VIDEO, WEBSITE oder OTHER"),
          Map.entry("resourceUrl", "muss eine http- oder https-Adresse mit höchstens {0} Zeichen sein"),
          Map.entry("resourceLanguage", "ist kein ISO-639-1-Sprachcode wie fr oder sw"),
          Map.entry("kind", "ist erforderlich: PROJECT, INITIATIVE oder CAMPAIGN"),
          Map.entry("module", "muss ein Modulschlüssel wie trash-hack sein"),
          Map.entry("country", "muss der ISO-3166-1-Alpha-2-Code eines UNESCO-Mitgliedstaats sein"),
          Map.entry("title", "ist erforderlich, z. B. '{'\"de\": \"Trash Hack 2026\"'}'"),
          Map.entry("titleLanguage", "muss mindestens eine Sprache haben"),
          Map.entry("phase", "muss ein Objekt '{'key, starts, ends'}' sein"),
          Map.entry("required", "ist erforderlich"),
          Map.entry("modulePhase", "muss eine der Phasen des Moduls sein: {0}"),
          Map.entry("phaseKey", "muss eindeutig sein und darf höchstens 60 Zeichen haben"),
          Map.entry("between", "muss zwischen dem {0} und dem {1} liegen"),
          Map.entry("endsBefore", "darf nicht vor dem Beginn liegen"),
          Map.entry("countries", "hat mehr als {0} Einträge"),
          Map.entry("languages", "hat mehr als {0} Sprachen"),
          Map.entry("languageCode", "ist kein Sprachcode wie en oder fr"),
          Map.entry("blank", "darf nicht leer sein"),
          Map.entry("together", "braucht mit allen Sprachen zusammen zu viel Platz (höchstens {0} gespeicherte Zeichen): kürzen Sie einige"),
          Map.entry("phases", "darf höchstens {0} Phasen haben"),
          Map.entry("length", "darf höchstens {0} Zeichen haben"))),
      Map.entry("es", Map.ofEntries(
          Map.entry("resourceKind", "es un dato obligatorio: GUIDE, LESSON_PLAN, TOOLKIT, VIDEO, WEBSITE u OTHER"),
          Map.entry("resourceUrl", "debe ser una dirección http o https de como máximo {0} caracteres"),
          Map.entry("resourceLanguage", "no es un código de idioma ISO 639-1 como fr o sw"),
          Map.entry("kind", "es un dato obligatorio: PROJECT, INITIATIVE o CAMPAIGN"),
          Map.entry("module", "debe ser una clave de módulo como trash-hack"),
          Map.entry("country", "debe ser el código ISO 3166-1 alfa-2 de un Estado Miembro de la UNESCO"),
          Map.entry("title", "es un dato obligatorio, por ejemplo '{'\"es\": \"Trash Hack 2026\"'}'"),
          Map.entry("titleLanguage", "debe tener al menos un idioma"),
          Map.entry("phase", "debe ser un objeto '{'key, starts, ends'}'"),
          Map.entry("required", "es un dato obligatorio"),
          Map.entry("modulePhase", "debe ser una de las fases del módulo: {0}"),
          Map.entry("phaseKey", "debe ser único y tener como máximo 60 caracteres"),
          Map.entry("between", "debe estar entre el {0} y el {1}"),
          Map.entry("endsBefore", "no debe ser anterior al inicio"),
          Map.entry("countries", "tiene más de {0} elementos"),
          Map.entry("languages", "tiene más de {0} idiomas"),
          Map.entry("languageCode", "no es un código de idioma como en o fr"),
          Map.entry("blank", "no debe estar vacío"),
          Map.entry("together", "ocupa demasiado con todos sus idiomas juntos (como máximo {0} caracteres guardados): acorte alguno"),
          Map.entry("phases", "debe tener como máximo {0} fases"),
          Map.entry("length", "debe tener como máximo {0} caracteres")))));

  private CampaignMessages() {}

  static String get(String language, String key, Object... arguments) {
    return MESSAGES.get(language, key, arguments);
  }
}
