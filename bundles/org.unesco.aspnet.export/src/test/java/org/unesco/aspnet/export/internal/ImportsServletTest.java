package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

class ImportsServletTest {

  @Test
  void onlyAnAbsentOrFalseDryRunWrites() {
    assertFalse(ImportsServlet.dryRun(null, null), "absent: the real run");
    assertTrue(ImportsServlet.dryRun("", null), "a bare ?dryRun is a check, not a write");
    assertTrue(ImportsServlet.dryRun(" TRUE ", null));
    assertTrue(ImportsServlet.dryRun("1", null));
    assertFalse(ImportsServlet.dryRun("false", null));
    assertFalse(ImportsServlet.dryRun("0", null));
    ProblemException e = assertThrows(ProblemException.class, () -> ImportsServlet.dryRun("maybe", null));
    assertEquals("dryRun", e.errors().get(0).field());
  }

  @Test
  void theCountryParameterIsAKnownCountryInAnyCase() {
    java.util.function.Predicate<String> known = java.util.Set.of("FR", "KE")::contains;
    assertNull(ImportsServlet.country(null, known, null), "absent: the file's column, or the coordinator's country");
    assertEquals("FR", ImportsServlet.country(" fr ", known, null));
    assertEquals("KE", ImportsServlet.country("Ke", known, null));
    for (String bad : new String[] {"", "FRA", "F1", "XX"}) {
      ProblemException e = assertThrows(ProblemException.class, () -> ImportsServlet.country(bad, known, null), bad);
      assertEquals(400, e.status());
      assertEquals("country", e.errors().get(0).field(), bad);
    }
    assertTrue(ImportsServlet.PARAMETERS.contains("country"), "accepted, and named in the 400 for an unknown one");
    assertTrue(ImportsServlet.PARAMETERS.contains("lang"), "the language of the row errors, as api.md says");
  }

  @Test
  void theFileNameIsOneLineThatTheAuditLogHolds() {
    assertNull(ImportsServlet.fileName(null, null), "absent: upload.<format>");
    assertEquals("écoles 2026.csv", ImportsServlet.fileName(" écoles 2026.csv ", null));
    assertEquals("x".repeat(100), ImportsServlet.fileName("x".repeat(100), null));
    assertEquals("x".repeat(99) + "é", ImportsServlet.fileName("x".repeat(99) + "é.csv", null), "a long name is shortened, not refused");
    assertEquals("🌍".repeat(50), ImportsServlet.fileName("🌍".repeat(150), null), "100 UTF-16 units, as the column holds");
    assertEquals("x" + "🌍".repeat(49), ImportsServlet.fileName("x" + "🌍".repeat(60), null), "no half of an emoji");
    for (String bad : new String[] {"", "  ", "a\nb.csv", "a\u0000.csv"}) {
      ProblemException e = assertThrows(ProblemException.class, () -> ImportsServlet.fileName(bad, null), bad);
      assertEquals(400, e.status());
      assertEquals("file", e.errors().get(0).field());
    }
  }

  @Test
  void everyMistakeOfTheQueryIsToldAtOnce() {
    java.util.Map<String, String> query = java.util.Map.of("dryRun", "maybe", "duplicates", "XX", "format", "pdf", "country", "ZZ");
    ProblemException e = assertThrows(ProblemException.class,
        () -> ImportsServlet.asked(query, java.util.Set.of("FR")::contains, java.util.Set.of("csv", "xlsx"), null));
    assertEquals(400, e.status());
    assertEquals(java.util.List.of("dryRun", "duplicates", "country", "format"),
        e.errors().stream().map(org.unesco.aspnet.core.FieldError::field).toList());
    // an unknown parameter is one more mistake, not one that hides the others
    java.util.Map<String, String> misspelt = new java.util.LinkedHashMap<>(query);
    misspelt.put("foo", "1");
    e = assertThrows(ProblemException.class,
        () -> ImportsServlet.asked(misspelt, java.util.Set.of("FR")::contains, java.util.Set.of("csv", "xlsx"), null));
    assertEquals(java.util.List.of("dryRun", "duplicates", "country", "format", "foo"),
        e.errors().stream().map(org.unesco.aspnet.core.FieldError::field).toList());
    assertEquals("is not a parameter; use dryRun, duplicates, format, file, country, lang", e.errors().get(4).message());
    ImportsServlet.Asked asked = ImportsServlet.asked(java.util.Map.of("dryRun", "", "duplicates", "skip", "format", "CSV", "country", "fr"),
        java.util.Set.of("FR")::contains, java.util.Set.of("csv", "xlsx"), null);
    assertEquals(new ImportsServlet.Asked(true, org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.SKIP, "FR", null, "csv"), asked);
  }

  @Test
  void aJobRefusesAParameterItWouldIgnore() {
    ImportsServlet servlet = new ImportsServlet(null, null, null); // refused before the jobs are asked
    jakarta.servlet.http.HttpServletRequest request = (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getPathInfo" -> "/3f6c";
          case "getQueryString" -> "foo=1";
          case "getMethod" -> "GET";
          default -> null;
        });
    ProblemException e = assertThrows(ProblemException.class, () -> servlet.doGet(request, null));
    assertEquals(400, e.status());
    assertEquals("foo", e.errors().get(0).field());
  }
}
