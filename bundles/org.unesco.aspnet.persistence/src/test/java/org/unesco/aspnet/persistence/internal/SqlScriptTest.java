package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndDropsComments() {
    String script =
        "-- header\nCREATE TABLE T (A VARCHAR(9)); -- trailing\n"
            + "INSERT INTO T VALUES ('x;y');\nINSERT INTO \"Odd;Name\" VALUES ('it''s');\n\n";
    assertEquals(
        List.of(
            "CREATE TABLE T (A VARCHAR(9))",
            "INSERT INTO T VALUES ('x;y')",
            "INSERT INTO \"Odd;Name\" VALUES ('it''s')"),
        SqlScript.statements(script));
  }

  @Test
  void emptyScriptHasNoStatements() {
    assertEquals(List.of(), SqlScript.statements("-- nothing\n ; \n"));
  }
}
