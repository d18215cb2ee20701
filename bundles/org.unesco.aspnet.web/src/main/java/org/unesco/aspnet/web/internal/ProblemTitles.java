package org.unesco.aspnet.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.Messages;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;

/**
 * The platform's problem titles (and the sum-up of a validation problem) in the request's
 * language. Bundles write problems in English with the titles of {@link ProblemException}'s
 * factories; a title this class does not know (a plugin's own) is left as written.
 */
public final class ProblemTitles {
  /** The English titles the platform's bundles write, each its own key. */
  private static final Map<String, String> ENGLISH = Map.ofEntries(
      Map.entry("Bad request", "Bad request"),
      Map.entry("Validation failed", "Validation failed"),
      Map.entry("Sign-in required", "Sign-in required"),
      Map.entry("The platform is starting", "The platform is starting"),
      Map.entry("Not allowed", "Not allowed"),
      Map.entry("Not found", "Not found"),
      Map.entry("Conflict", "Conflict"),
      Map.entry("Likely duplicate", "Likely duplicate"),
      Map.entry("Precondition failed", "Precondition failed"),
      Map.entry("Precondition required", "Precondition required"),
      Map.entry("Too many attempts", "Too many attempts"),
      Map.entry("Method not allowed", "Method not allowed"),
      Map.entry("Not acceptable", "Not acceptable"),
      Map.entry("Request too large", "Request too large"),
      Map.entry("Unsupported media type", "Unsupported media type"),
      Map.entry("Database busy", "Database busy"),
      Map.entry("Internal error", "Internal error"),
      Map.entry("National profile unavailable", "National profile unavailable"),
      Map.entry("Campaign module unavailable", "Campaign module unavailable"),
      Map.entry("Export format failed", "Export format failed"),
      Map.entry("fieldsNotValid", "{0} fields are not valid"));

  private static final Messages TITLES = new Messages(Map.of(
      "en", ENGLISH,
      "fr", Map.ofEntries(
          Map.entry("Bad request", "Requête incorrecte"),
          Map.entry("Validation failed", "Données non valides"),
          Map.entry("Sign-in required", "Connexion requise"),
          Map.entry("The platform is starting", "La plateforme démarre"),
          Map.entry("Not allowed", "Non autorisé"),
          Map.entry("Not found", "Introuvable"),
          Map.entry("Conflict", "Conflit"),
          Map.entry("Likely duplicate", "Doublon probable"),
          Map.entry("Precondition failed", "Condition préalable non remplie"),
          Map.entry("Precondition required", "Condition préalable requise"),
          Map.entry("Too many attempts", "Trop de tentatives"),
          Map.entry("Method not allowed", "Méthode non autorisée"),
          Map.entry("Not acceptable", "Format de réponse non disponible"),
          Map.entry("Request too large", "Requête trop volumineuse"),
          Map.entry("Unsupported media type", "Type de contenu non pris en charge"),
          Map.entry("Database busy", "Base de données occupée"),
          Map.entry("Internal error", "Erreur interne"),
          Map.entry("National profile unavailable", "Profil national indisponible"),
          Map.entry("Campaign module unavailable", "Module de campagne indisponible"),
          Map.entry("Export format failed", "Échec du format d''export"),
          Map.entry("fieldsNotValid", "{0} champs ne sont pas valides")),
      "de", Map.ofEntries(
          Map.entry("Bad request", "Fehlerhafte Anfrage"),
          Map.entry("Validation failed", "Ungültige Angaben"),
          Map.entry("Sign-in required", "Anmeldung erforderlich"),
          Map.entry("The platform is starting", "Die Plattform startet"),
          Map.entry("Not allowed", "Nicht erlaubt"),
          Map.entry("Not found", "Nicht gefunden"),
          Map.entry("Conflict", "Konflikt"),
          Map.entry("Likely duplicate", "Wahrscheinliches Duplikat"),
          Map.entry("Precondition failed", "Vorbedingung nicht erfüllt"),
          Map.entry("Precondition required", "Vorbedingung erforderlich"),
          Map.entry("Too many attempts", "Zu viele Versuche"),
          Map.entry("Method not allowed", "Methode nicht erlaubt"),
          Map.entry("Not acceptable", "Antwortformat nicht verfügbar"),
          Map.entry("Request too large", "Anfrage zu groß"),
          Map.entry("Unsupported media type", "Nicht unterstützter Inhaltstyp"),
          Map.entry("Database busy", "Datenbank ausgelastet"),
          Map.entry("Internal error", "Interner Fehler"),
          Map.entry("National profile unavailable", "Nationales Profil nicht verfügbar"),
          Map.entry("Campaign module unavailable", "Kampagnenmodul nicht verfügbar"),
          Map.entry("Export format failed", "Exportformat fehlgeschlagen"),
          Map.entry("fieldsNotValid", "{0} Felder sind ungültig")),
      "es", Map.ofEntries(
          Map.entry("Bad request", "Solicitud incorrecta"),
          Map.entry("Validation failed", "Datos no válidos"),
          Map.entry("Sign-in required", "Inicio de sesión requerido"),
          Map.entry("The platform is starting", "La plataforma se está iniciando"),
          Map.entry("Not allowed", "No permitido"),
          Map.entry("Not found", "No encontrado"),
          Map.entry("Conflict", "Conflicto"),
          Map.entry("Likely duplicate", "Probable duplicado"),
          Map.entry("Precondition failed", "Condición previa no cumplida"),
          Map.entry("Precondition required", "Condición previa requerida"),
          Map.entry("Too many attempts", "Demasiados intentos"),
          Map.entry("Method not allowed", "Método no permitido"),
          Map.entry("Not acceptable", "Formato de respuesta no disponible"),
          Map.entry("Request too large", "Solicitud demasiado grande"),
          Map.entry("Unsupported media type", "Tipo de contenido no admitido"),
          Map.entry("Database busy", "Base de datos ocupada"),
          Map.entry("Internal error", "Error interno"),
          Map.entry("National profile unavailable", "Perfil nacional no disponible"),
          Map.entry("Campaign module unavailable", "Módulo de campaña no disponible"),
          Map.entry("Export format failed", "Error del formato de exportación"),
          Map.entry("fieldsNotValid", "{0} campos no son válidos"))));

  private static final Pattern LANG_PARAMETER = Pattern.compile("(?:^|&)lang=([A-Za-z]{2,8})(?:[-_][A-Za-z0-9]{1,8})*(?:&|$)");

  private ProblemTitles() {}

  /** {@code title} in {@code language}; unchanged when it is not one of the platform's titles. */
  public static String title(String language, String title) {
    return title != null && !title.equals("fieldsNotValid") && ENGLISH.containsKey(title) ? TITLES.get(language, title) : title;
  }

  /**
   * A field's message in {@code language} when it is one the shared JSON mapping writes (a wrong
   * type, an unknown field); the services' own messages are already in the caller's language.
   */
  public static String fieldMessage(String language, String message) {
    return BindingMessages.translate(language, message);
  }

  /**
   * A problem's detail in {@code language} when it is one of the authorizer's refusals (401, 403);
   * the services write their own details.
   */
  public static String detail(String language, String detail) {
    return AccessMessages.translate(language, detail);
  }

  /** The detail of a validation problem with several fields, in {@code language}. */
  public static String fieldsNotValid(String language, int count) {
    return TITLES.get(language, "fieldsNotValid", String.valueOf(count));
  }

  /**
   * The language of the person the problem is written for: {@code ?lang=}, then Accept-Language,
   * then their account's. The query string is read by hand: a problem about the body (413, 415)
   * must not make the container parse the body for parameters.
   */
  public static String language(HttpServletRequest request, Principal principal) {
    return language(request.getQueryString(), request.getHeader("Accept-Language"), principal.language());
  }

  static String language(String query, String acceptLanguage, String accountLanguage) {
    if (query != null) {
      Matcher m = LANG_PARAMETER.matcher(query);
      if (m.find()) {
        return m.group(1).toLowerCase(Locale.ROOT);
      }
    }
    String stated = firstLanguage(acceptLanguage);
    return stated != null ? stated.split("-", 2)[0] : accountLanguage;
  }

  private static final java.util.Set<String> ISO_LANGUAGES = java.util.Set.of(Locale.getISOLanguages());

  /**
   * The first range of an Accept-Language, by weight, that names a language ("zz, fr;q=0.5" is
   * {@code fr}, not "zz" then English), as lower-case tag; null for none, or a malformed header.
   */
  public static String firstLanguage(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return null;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
        String primary = range.getRange().split("-", 2)[0];
        if (range.getWeight() > 0 && !primary.equals("*") && (primary.length() != 2 || ISO_LANGUAGES.contains(primary))) {
          return range.getRange();
        }
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) { // the JDK throws the latter for a bare "-"
      // a malformed header states nothing
    }
    return null;
  }
}
