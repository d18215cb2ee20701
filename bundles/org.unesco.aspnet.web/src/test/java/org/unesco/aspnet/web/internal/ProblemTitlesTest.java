package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Problem titles follow the request's language; a plugin's own title is left as it wrote it. */
class ProblemTitlesTest {

  @Test
  void thePlatformsTitlesAreTranslatedAndOthersKept() {
    assertEquals("Conflit", ProblemTitles.title("fr", "Conflict"));
    assertEquals("Datos no válidos", ProblemTitles.title("es-MX", "Validation failed"));
    assertEquals("Anmeldung erforderlich", ProblemTitles.title("de", "Sign-in required"));
    assertEquals("Not found", ProblemTitles.title("ja", "Not found"));
    assertEquals("Not found", ProblemTitles.title(null, "Not found"));
    assertEquals("Quota of the Sandwatch module reached", ProblemTitles.title("fr", "Quota of the Sandwatch module reached"));
    assertEquals("3 champs ne sont pas valides", ProblemTitles.fieldsNotValid("fr", 3));
  }

  @Test
  void theLanguageIsTheQuerysThenTheHeadersThenTheAccounts() {
    assertEquals("es", ProblemTitles.language("q=x&lang=es-MX", "fr-FR,fr;q=0.9", "de"));
    assertEquals("fr", ProblemTitles.language("lang=fr", null, null));
    assertEquals("fr", ProblemTitles.language("slang=es", "fr-CA,en;q=0.5", "de"));
    assertEquals("en", ProblemTitles.language(null, "*;q=0.5,en;q=0.4", "de"));
    assertEquals("de", ProblemTitles.language("lang=12", "", "de"));
    assertEquals("de", ProblemTitles.language(null, "not a header;;", "de"));
    // a bare "-" range makes the JDK's parser throw an IndexOutOfBoundsException, not an IllegalArgumentException
    assertEquals("de", ProblemTitles.language(null, "-", "de"));
    assertEquals("de", ProblemTitles.language(null, "fr,-;q=0.5", "de"));
    // a range that names no language is passed over, as ApiServlet.statedLanguage does
    assertEquals("fr", ProblemTitles.language(null, "zz, fr;q=0.5", "de"));
    assertEquals("de", ProblemTitles.language(null, "zz", "de"));
  }
}
