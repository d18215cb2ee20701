package org.unesco.aspnet.export.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unesco.aspnet.core.SearchKey;

/**
 * Matches the header of an import file to school fields: the column keys of our own exports
 * ({@code nationalId}), their English labels ("National ID") and the French and Spanish headers
 * people type ("Nom de l'établissement", "Correo electrónico"), without regard to case, accents,
 * spaces or punctuation.
 */
final class Headers {
  /** The fields an import reads; {@code id} names the school a row updates, it is never written. */
  static final List<String> FIELDS = List.of("id", "name", "country", "unit", "city", "address", "latitude",
      "longitude", "levels", "themes", "languages", "students", "teachers", "email", "website", "nationalId");

  private static final Map<String, String> ALIASES = new HashMap<>();

  static {
    alias("id", "id", "school id", "identifiant", "identificador");
    alias("name", "name", "school", "school name", "nom", "nom de l'établissement", "établissement", "nom de l'école",
        "nombre", "nombre de la escuela", "escuela", "centro educativo", "nombre del centro");
    alias("country", "country", "country code", "pays", "code pays", "país", "código de país");
    alias("unit", "unit", "region", "subnational unit", "académie", "unité", "région", "unidad", "provincia", "estado");
    alias("city", "city", "town", "ville", "commune", "localité", "ciudad", "localidad", "municipio");
    alias("address", "address", "street address", "adresse", "dirección", "domicilio");
    alias("latitude", "latitude", "lat", "latitud");
    alias("longitude", "longitude", "lon", "lng", "longitud");
    alias("levels", "levels", "level", "education levels", "niveaux", "niveau", "niveaux d'enseignement", "niveles",
        "nivel", "niveles educativos");
    alias("themes", "themes", "theme", "thèmes", "thème", "temas", "tema");
    alias("languages", "languages", "language", "languages of instruction", "langues", "langue",
        "langues d'enseignement", "idiomas", "idioma", "lenguas", "idiomas de enseñanza");
    alias("students", "students", "pupils", "number of students", "élèves", "nombre d'élèves", "étudiants",
        "alumnos", "estudiantes", "número de alumnos");
    alias("teachers", "teachers", "number of teachers", "enseignants", "professeurs", "nombre d'enseignants",
        "docentes", "profesores", "número de docentes");
    alias("email", "email", "e-mail", "email address", "contact email", "courriel", "adresse électronique", "mail",
        "correo", "correo electrónico");
    alias("website", "website", "web site", "url", "site web", "site internet", "sitio web", "página web");
    alias("nationalId", "nationalId", "national id", "national school id", "identifiant national", "code uai", "uai",
        "rne", "identificador nacional", "código nacional", "código del centro");
  }

  private Headers() {}

  private static void alias(String field, String... names) {
    for (String n : names) {
      ALIASES.put(key(n), field);
    }
  }

  /** The prefix of the columns of national profile fields, as exports write them. */
  static final String EXTRA = "fields.";

  /**
   * The field a header names, or null for a column the import ignores. A national profile's
   * field keeps its export header {@code fields.<key>}.
   */
  static String field(String header) {
    return field(header, Map.of());
  }

  /**
   * As above; a header no core name matches may be one of {@code profileHeaders} (by {@link #key}):
   * the active national profiles' own labels, "Numéro UAI" or "Type d'établissement", and their
   * export headers ({@link #profileField}). So {@code FIELDS.TYPEETABLISSEMENT} is
   * {@code fields.typeEtablissement}, the key as the profile spells it, like any other header in
   * any case or punctuation; a {@code fields.<key>} header of a key no active profile has keeps
   * it as written, for the row's check to say it is no field of the country's profile.
   */
  static String field(String header, Map<String, String> profileHeaders) {
    String h = header.strip();
    if (h.regionMatches(true, 0, EXTRA, 0, EXTRA.length()) && h.length() > EXTRA.length()) {
      String written = EXTRA + h.substring(EXTRA.length());
      if (profileHeaders.containsValue(written)) {
        return written; // the key as a profile spells it (two profiles may have keys apart only in case)
      }
      String named = profileHeaders.get(key(h));
      return named != null && named.startsWith(EXTRA) ? named : written;
    }
    String core = ALIASES.get(key(header));
    return core != null ? core : profileHeaders.get(key(header));
  }

  /**
   * Adds a national profile's field {@code key} to the {@code profileHeaders} of {@link
   * #field(String, Map)}: its export header {@code fields.<key>} and its label in each language it
   * has. The first profile to use a header keeps it.
   */
  static void profileField(Map<String, String> profileHeaders, String key, java.util.Collection<String> labels) {
    profileHeaders.putIfAbsent(key(EXTRA + key), EXTRA + key);
    labels.forEach(label -> profileHeaders.putIfAbsent(key(label), EXTRA + key));
  }

  private static final Map<String, String> CODES = new HashMap<>();

  static {
    // The levels and themes as people write them in French and Spanish spreadsheets
    code("PRE_PRIMARY", "pre primary", "preprimary", "pre-school", "preschool", "kindergarten", "maternelle",
        "préélémentaire", "école maternelle", "préscolaire", "preescolar", "infantil", "educación infantil", "preprimaria");
    code("PRIMARY", "primary", "primary school", "primaire", "élémentaire", "école élémentaire", "école primaire",
        "primaria", "educación primaria");
    code("SECONDARY", "secondary", "secondary school", "secondaire", "collège", "lycée", "secundaria",
        "educación secundaria", "bachillerato");
    code("TVET", "technical and vocational", "vocational", "professionnel", "lycée professionnel",
        "enseignement professionnel", "formation professionnelle", "technique", "formación profesional",
        "técnico profesional");
    code("TEACHER_TRAINING", "teacher training", "teacher education", "formation des enseignants",
        "formation des maîtres", "formación docente", "formación de profesores", "escuela normal");
    code("PEACE_GCED", "peace", "global citizenship", "paix", "citoyenneté mondiale", "paz", "ciudadanía mundial");
    code("ESD", "sustainable development", "education for sustainable development", "développement durable",
        "edd", "desarrollo sostenible", "eds");
    code("INTERCULTURAL", "intercultural learning", "interculturel", "apprentissage interculturel",
        "intercultural", "aprendizaje intercultural");
    // and as the web UI names them, in each of its languages (a person copies the form's words)
    code("PRE_PRIMARY", "pre-primary", "préprimaire", "vorschulbereich");
    code("PRIMARY", "primarstufe", "grundschule");
    code("SECONDARY", "sekundarstufe");
    code("TVET", "technique et professionnel", "técnica y profesional", "berufliche bildung");
    code("TEACHER_TRAINING", "lehrkräftebildung");
    code("PEACE_GCED", "peace through global citizenship education", "la paix par l'éducation à la citoyenneté mondiale",
        "la paz mediante la educación para la ciudadanía mundial", "frieden durch bildung für weltbürgerschaft");
    code("ESD", "éducation au développement durable", "educación para el desarrollo sostenible", "bildung für nachhaltige entwicklung");
    code("INTERCULTURAL", "intercultural learning and cultural heritage", "apprentissage interculturel et patrimoine culturel",
        "aprendizaje intercultural y patrimonio cultural", "interkulturelles lernen und kulturerbe");
  }

  private static void code(String code, String... names) {
    for (String n : names) {
      CODES.put(key(n), code);
    }
  }

  /** The level or theme code a cell names in words ("primaire", "desarrollo sostenible"), or null. */
  static String code(String cell) {
    return CODES.get(key(cell));
  }

  /**
   * The search key of a header ({@link SearchKey}: lower case, no accents) without its spaces:
   * "Nom de l'Établissement" -> "nomdeletablissement".
   */
  static String key(String header) {
    return SearchKey.of(header).replace(" ", "");
  }
}
