package org.unesco.aspnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

/** Path ids and content negotiation as every endpoint reads them. */
class ApiServletTest {
  @Test
  void anIdHasOneSpelling() {
    assertEquals(7L, ApiServlet.pathId("7", "school"));
    assertEquals(123456789012L, ApiServlet.pathId("123456789012", "school"));
    for (String other : new String[] {"07", "+7", "-7", "0", "\uff17", "\u0667", "7 ", "", "1e3", "99999999999999999999"}) {
      ProblemException p = assertThrows(ProblemException.class, () -> ApiServlet.pathId(other, "school"), other);
      assertEquals(404, p.status());
      assertEquals("There is no school " + other, p.detail());
    }
  }

  @Test
  void qualityFollowsTheMostSpecificRange() {
    assertEquals(1.0, ApiServlet.quality("application/json", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("application/json;q=0", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("application/json;q=0, */*", Json.MEDIA_TYPE));
    assertEquals(0.8, ApiServlet.quality("text/html, application/xml;q=0.9, */*;q=0.8", Json.MEDIA_TYPE));
    assertEquals(0.5, ApiServlet.quality("application/*;q=0.5", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/merge-patch+json", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/problem+json", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/problem+json;q=0, application/json", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("text/html", Json.MEDIA_TYPE));
    // ranges with nothing before their parameters match nothing (they were a 500)
    assertEquals(0.0, ApiServlet.quality(";", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality(";;q=1, ,", Json.MEDIA_TYPE));
    assertEquals(0.9, ApiServlet.quality("; q=1, application/json;q=0.9", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("text/csv", "text/csv"));
    assertEquals(0.0, ApiServlet.quality("*/*;q=0", "text/csv"));
  }
}
