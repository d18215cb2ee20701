package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A national date field as a spreadsheet in the importer's language saves it. */
class ImportDatesTest {

  @Test
  void dayFirstDatesOfFrenchSpanishGermanAndPortugueseSpreadsheetsAreRead() {
    assertEquals("2018-10-09", DirectoryImport.dayFirst("09/10/2018", "fr"));
    assertEquals("2018-10-09", DirectoryImport.dayFirst("9/10/2018", "es-PE"));
    assertEquals("2018-10-09", DirectoryImport.dayFirst("09.10.2018", "de"));
    assertEquals("2018-10-09", DirectoryImport.dayFirst("9.10.2018", "pt"));
    assertEquals("2018-10-09", DirectoryImport.dayFirst("2018-10-09", "fr"), "ISO as it is");
  }

  @Test
  void englishSpreadsheetsMayPutTheMonthFirstSoOnlyIsoIsReadThere() {
    assertEquals("10/9/2018", DirectoryImport.dayFirst("10/9/2018", "en"), "left for the check to refuse, not read as 10 September");
    assertEquals("10/9/2018", DirectoryImport.dayFirst("10/9/2018", null));
  }

  @Test
  void aDayThatDoesNotExistOrAnotherShapeIsLeftForTheCheck() {
    assertEquals("31/02/2020", DirectoryImport.dayFirst("31/02/2020", "fr"));
    assertEquals("13/13/2020", DirectoryImport.dayFirst("13/13/2020", "fr"));
    assertEquals("9/10/18", DirectoryImport.dayFirst("9/10/18", "fr"), "a two-digit year is not guessed");
    assertEquals("le 9 octobre", DirectoryImport.dayFirst("le 9 octobre", "fr"));
  }
}
