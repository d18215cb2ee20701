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

  @Test
  void unknownHeadersAreIgnored() {
    assertNull(Headers.field("status"));
    assertNull(Headers.field(""));
  }
}
