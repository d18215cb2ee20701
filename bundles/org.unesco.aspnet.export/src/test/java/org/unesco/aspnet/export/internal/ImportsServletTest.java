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
}
