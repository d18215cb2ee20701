package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

class ImportsServletTest {

  @Test
  void onlyAnAbsentOrFalseDryRunWrites() {
    assertFalse(ImportsServlet.dryRun(null), "absent: the real run");
    assertTrue(ImportsServlet.dryRun(""), "a bare ?dryRun is a check, not a write");
    assertTrue(ImportsServlet.dryRun(" TRUE "));
    assertTrue(ImportsServlet.dryRun("1"));
    assertFalse(ImportsServlet.dryRun("false"));
    assertFalse(ImportsServlet.dryRun("0"));
    ProblemException e = assertThrows(ProblemException.class, () -> ImportsServlet.dryRun("maybe"));
    assertEquals("dryRun", e.errors().get(0).field());
  }
}
