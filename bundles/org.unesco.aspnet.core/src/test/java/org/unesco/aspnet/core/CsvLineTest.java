package org.unesco.aspnet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {
  @Test
  void quotedCellsKeepTheirCommasAndDoubledQuotesAndEmptyCellsCount() {
    assertEquals(List.of("first Thursday of November", "Day against Violence, including \"Cyberbullying\"", "", "x"),
        CsvLine.cells("first Thursday of November,\"Day against Violence, including \"\"Cyberbullying\"\"\",,x"));
    assertEquals(List.of("", ""), CsvLine.cells(","));
    assertEquals(List.of("Côte d'Ivoire"), CsvLine.cells("Côte d'Ivoire"));
  }
}
