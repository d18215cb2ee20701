package org.unesco.aspnet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeParameterTest {

  @Test
  void anInstantWithItsOffsetOrADayInUtc() {
    assertEquals(Instant.parse("2026-12-01T08:00:00Z"), TimeParameter.parse("updatedSince", "2026-12-01T08:00:00Z"));
    assertEquals(Instant.parse("2026-12-01T08:00:00Z"), TimeParameter.parse("updatedSince", "2026-12-01T09:00:00+01:00"));
    assertEquals(Instant.parse("2026-12-01T08:00:00.250Z"), TimeParameter.parse("updatedSince", " 2026-12-01T08:00:00.25Z "));
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), TimeParameter.parse("updatedSince", "2026-12-01"));
    // a + left unescaped in a query string arrives as a space
    assertEquals(Instant.parse("2026-12-01T08:00:00Z"), TimeParameter.parse("updatedSince", "2026-12-01T10:00:00 02:00"));
    assertNull(TimeParameter.parse("updatedSince", null));
    assertNull(TimeParameter.parse("updatedSince", " "));
  }

  @Test
  void anythingElseIsA400NamingTheParameter() {
    for (String bad : new String[] {"yesterday", "2026-13-01", "2026-12-01T08:00:00", "1733040000", "01/12/2026",
        "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-06-01"}) {
      ProblemException e = assertThrows(ProblemException.class, () -> TimeParameter.parse("notSignedInSince", bad), bad);
      assertEquals(400, e.status(), bad);
      assertEquals("notSignedInSince", e.errors().get(0).field(), bad);
    }
  }
}
