package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Import columns are found by their header in English, French or Spanish, in any case or accent. */
class HeadersTest {
  @Test
  void ourOwnKeysAndLabels() {
    for (String f : Headers.FIELDS) {
      assertEquals(f, Headers.field(f), f);
    }
    assertEquals("nationalId", Headers.field("National ID"));
    assertEquals("email", Headers.field("E-mail"));
  }

  @Test
  void frenchHeaders() {
    assertEquals("name", Headers.field("Nom de l'établissement"));
    assertEquals("country", Headers.field("Pays"));
    assertEquals("city", Headers.field("VILLE"));
    assertEquals("students", Headers.field("Élèves"));
    assertEquals("teachers", Headers.field("Enseignants"));
    assertEquals("email", Headers.field("Courriel"));
    assertEquals("levels", Headers.field("Niveaux"));
    assertEquals("languages", Headers.field("Langues d'enseignement"));
    assertEquals("nationalId", Headers.field("Code UAI"));
    assertEquals("website", Headers.field("Site web"));
  }

  @Test
  void headersAreComparedAsSearchComparesText() {
    assertEquals("name", Headers.field("NOM DE L’ÉTABLISSEMENT"));
    // letters that do not decompose are folded as in search: a profile's "Straße" header is "Strasse"
    assertEquals(Headers.key("Strasse"), Headers.key("Straße"));
    assertEquals(Headers.key("Oeuvre"), Headers.key("Œuvre"));
  }

  @Test
  void spanishHeaders() {
    assertEquals("name", Headers.field("Nombre de la escuela"));
    assertEquals("country", Headers.field("País"));
    assertEquals("address", Headers.field("Dirección"));
    assertEquals("students", Headers.field("Alumnos"));
    assertEquals("teachers", Headers.field("Docentes"));
    assertEquals("email", Headers.field("Correo electrónico"));
    assertEquals("themes", Headers.field("Temas"));
    assertEquals("website", Headers.field("Sitio web"));
  }

  /** A national profile's column, by its export header in any case or punctuation, or by its label. */
  @Test
  void profileFieldHeaders() {
    java.util.Map<String, String> profiles = new java.util.HashMap<>();
    Headers.profileField(profiles, "typeEtablissement", java.util.List.of("Type d'établissement", "Type of school"));
    Headers.profileField(profiles, "lehrkraefteImProjekt", java.util.List.of("Lehrkräfte im Projekt"));
    for (String h : java.util.List.of("fields.typeEtablissement", "fields.typeetablissement", "FIELDS.TYPEETABLISSEMENT",
        " Fields.TypeEtablissement ", "fields_type-etablissement", "TYPE D'ÉTABLISSEMENT")) {
      assertEquals("fields.typeEtablissement", Headers.field(h, profiles), h);
    }
    assertEquals("fields.lehrkraefteImProjekt", Headers.field("FIELDS.LEHRKRAEFTEIMPROJEKT", profiles));
    // a key no active profile has is kept as written: the row's check says it is no field of the country
    assertEquals("fields.secteur", Headers.field("fields.secteur", profiles));
    assertEquals("fields.Secteur", Headers.field("FIELDS.Secteur", profiles));
    assertEquals("fields.typeEtablissement", Headers.field("fields.typeEtablissement"), "without the profiles");
  }

  @Test
  void unknownHeadersAreIgnored() {
    assertNull(Headers.field("status"));
    assertNull(Headers.field(""));
  }

  @Test
  void levelsAndThemesAsTheWebUiNamesThemInEachOfItsLanguages() {
    assertEquals("PRE_PRIMARY", Headers.code("Préprimaire"));
    assertEquals("PRE_PRIMARY", Headers.code("Pre-primary"));
    assertEquals("TVET", Headers.code("Technique et professionnel"));
    assertEquals("TVET", Headers.code("Técnica y profesional"));
    assertEquals("TVET", Headers.code("Berufliche Bildung"));
    assertEquals("SECONDARY", Headers.code("Sekundarstufe"));
    assertEquals("ESD", Headers.code("Éducation au développement durable"));
    assertEquals("PEACE_GCED", Headers.code("La paix par l'éducation à la citoyenneté mondiale"));
    assertEquals("INTERCULTURAL", Headers.code("Interkulturelles Lernen und Kulturerbe"));
    assertEquals(null, Headers.code("Université"));
  }
}
