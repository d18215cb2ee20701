package org.unesco.aspnet.web.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unesco.aspnet.core.Messages;

/**
 * The two sentences of {@link org.unesco.aspnet.core.Authorizer#require}'s refusals ("Sign in to
 * do this", "Your roles do not allow edit school in DE"), in the request's language. The core
 * writes them in English, for every bundle alike; they are translated as the problem is written.
 * Any other detail is left as it is.
 */
final class AccessMessages {
  private static final Messages MESSAGES = new Messages(Map.of(
      "en", Map.ofEntries(
          Map.entry("signIn", "Sign in to do this"),
          Map.entry("notAllowed", "Your roles do not allow {0}"),
          Map.entry("notAllowedIn", "Your roles do not allow {0} in {1}"),
          Map.entry("view_public", "view public data"), Map.entry("view_school", "view school"),
          Map.entry("edit_school", "edit school"), Map.entry("review_application", "review application"),
          Map.entry("decide_membership", "decide membership"), Map.entry("view_country", "view country"),
          Map.entry("edit_national_network", "edit national network"), Map.entry("edit_reference_data", "edit reference data"),
          Map.entry("view_audit", "view audit"), Map.entry("manage_platform", "manage platform"),
          Map.entry("manage_coordinators", "manage coordinators"), Map.entry("invite_school_staff", "invite school staff")),
      "fr", Map.ofEntries(
          Map.entry("signIn", "Connectez-vous pour faire ceci"),
          // "de" with each verb, not in the sentence: elided before a vowel (d'administrer)
          Map.entry("notAllowed", "Vos rôles ne permettent pas {0}"),
          Map.entry("notAllowedIn", "Vos rôles ne permettent pas {0} pour le pays {1}"),
          Map.entry("view_public", "de voir les données publiques"), Map.entry("view_school", "de voir cette école"),
          Map.entry("edit_school", "de modifier cette école"), Map.entry("review_application", "d''examiner cette candidature"),
          Map.entry("decide_membership", "de décider de cette adhésion"), Map.entry("view_country", "de voir les données du pays"),
          Map.entry("edit_national_network", "de modifier le réseau national"),
          Map.entry("edit_reference_data", "de modifier les données de référence"),
          Map.entry("view_audit", "de lire le journal d''audit"), Map.entry("manage_platform", "d''administrer la plateforme"),
          Map.entry("manage_coordinators", "de gérer les coordinateurs"),
          Map.entry("invite_school_staff", "d''inviter le personnel d''une école")),
      "de", Map.ofEntries(
          Map.entry("signIn", "Melden Sie sich dafür an"),
          Map.entry("notAllowed", "Ihre Rollen erlauben nicht: {0}"),
          Map.entry("notAllowedIn", "Ihre Rollen erlauben nicht: {0} im Land {1}"),
          Map.entry("view_public", "öffentliche Daten ansehen"), Map.entry("view_school", "diese Schule ansehen"),
          Map.entry("edit_school", "diese Schule bearbeiten"), Map.entry("review_application", "diese Bewerbung prüfen"),
          Map.entry("decide_membership", "über diese Mitgliedschaft entscheiden"),
          Map.entry("view_country", "die Daten des Landes ansehen"),
          Map.entry("edit_national_network", "das nationale Netzwerk bearbeiten"),
          Map.entry("edit_reference_data", "Referenzdaten bearbeiten"),
          Map.entry("view_audit", "das Prüfprotokoll lesen"), Map.entry("manage_platform", "die Plattform verwalten"),
          Map.entry("manage_coordinators", "Koordinatoren verwalten"),
          Map.entry("invite_school_staff", "Schulpersonal einladen")),
      "es", Map.ofEntries(
          Map.entry("signIn", "Inicie sesión para hacer esto"),
          Map.entry("notAllowed", "Sus roles no permiten {0}"),
          Map.entry("notAllowedIn", "Sus roles no permiten {0} en el país {1}"),
          Map.entry("view_public", "ver los datos públicos"), Map.entry("view_school", "ver esta escuela"),
          Map.entry("edit_school", "modificar esta escuela"), Map.entry("review_application", "examinar esta solicitud"),
          Map.entry("decide_membership", "decidir sobre esta membresía"), Map.entry("view_country", "ver los datos del país"),
          Map.entry("edit_national_network", "modificar la red nacional"),
          Map.entry("edit_reference_data", "modificar los datos de referencia"),
          Map.entry("view_audit", "leer el registro de auditoría"), Map.entry("manage_platform", "administrar la plataforma"),
          Map.entry("manage_coordinators", "gestionar los coordinadores"),
          Map.entry("invite_school_staff", "invitar al personal de una escuela"))));

  /** What Authorizer.require writes: the action's name in lower case with spaces, then the country. */
  private static final Pattern NOT_ALLOWED = Pattern.compile("Your roles do not allow ([a-z ]+?)(?: in ([A-Z]{2}))?");

  private static final java.util.Set<String> ACTIONS = java.util.Arrays.stream(org.unesco.aspnet.core.Action.values())
      .map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet());

  private AccessMessages() {}

  /** {@code detail} in {@code language} when it is one of the authorizer's sentences; else unchanged. */
  static String translate(String language, String detail) {
    if (detail == null || language == null || language.equals("en") || !MESSAGES.speaks(language)) {
      return detail;
    }
    if (detail.equals("Sign in to do this")) {
      return MESSAGES.get(language, "signIn");
    }
    Matcher m = NOT_ALLOWED.matcher(detail);
    if (!m.matches()) {
      return detail;
    }
    String key = m.group(1).replace(' ', '_');
    if (!ACTIONS.contains(key)) {
      return detail; // an action added to the core after this table: English, rather than a wrong word
    }
    String action = MESSAGES.get(language, key);
    return m.group(2) == null ? MESSAGES.get(language, "notAllowed", action)
        : MESSAGES.get(language, "notAllowedIn", action, m.group(2));
  }
}
