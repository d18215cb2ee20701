package org.unesco.aspnet.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

/** The query's own rules; how a time is read is {@code TimeParameterTest}'s (core). */
class SchoolQueryTest {

  @Test
  void updatedSinceIsReadAsATimeParameterNamedSo() {
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), SchoolQuery.updatedSince("2026-12-01"));
    ProblemException e = assertThrows(ProblemException.class, () -> SchoolQuery.updatedSince("yesterday"));
    assertEquals("updatedSince", e.errors().get(0).field());
  }

  @Test
  void theUnitAndTheTimeOfChangeSurviveEachOther() {
    Instant since = Instant.parse("2026-12-01T08:00:00Z");
    SchoolQuery q = new SchoolQuery("FR", null, null, null, null, null, null, 20, null, null, "ACA-LYON").withUpdatedSince(since);
    assertEquals(since, q.withUnit("A-LYON").updatedSince());
    assertEquals("A-LYON", q.withUnit("A-LYON").unit());
    assertNull(new SchoolQuery("FR", null, null, null, null, null, null, 20, null).updatedSince());
  }
}
