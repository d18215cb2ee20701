package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.bulk.ImportRow;

/** A French spreadsheet becomes schools; type errors are reported per field; guarded cells come back. */
class SchoolSheetTest {
  @TempDir Path dir;

  /** A sheet of this CSV text, for a country given by the request (none here). */
  private SchoolSheet sheet(String csv) throws Exception {
    Path file = Files.createTempFile(dir, "sheet-", ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return new SchoolSheet(new CsvReader(), file, null);
  }

  @Test
  void frenchFileWithoutCountryTakesTheCoordinatorsCountry() throws Exception {
    Path file = dir.resolve("f.csv");
    Files.writeString(file, "Nom;Ville;Adresse;Niveaux;Courriel;Élèves;Latitude;Longitude;Remarque\n"
        + "'=Lycée Hugo;Lyon;1 rue A;secondary, primary;a@b.fr;640;45,75;4,85;x\n"
        + "Collège;Paris;2 rue B;UNIVERSITÉ;c@d.fr;beaucoup;NaN;;\n", StandardCharsets.UTF_8);
    SchoolSheet sheet = new SchoolSheet(new CsvReader(), file, "FR");
    assertEquals(List.of("Remarque"), sheet.ignored());
    assertEquals(2, sheet.count());
    Iterator<ImportRow> it = sheet.open();
    ImportRow first = it.next();
    assertEquals(2, first.line());
    assertEquals("=Lycée Hugo", first.school().name());
    assertEquals("FR", first.school().country());
    assertEquals(List.of(Level.SECONDARY, Level.PRIMARY), first.school().levels());
    assertEquals(640, first.school().students());
    assertEquals(45.75, first.school().latitude());
    assertTrue(first.errors().isEmpty(), first.errors().toString());
    ImportRow second = it.next();
    assertEquals(List.of("latitude", "levels[0]", "students"), second.errors().stream().map(e -> e.field()).toList());
    assertTrue(!it.hasNext());
  }

  /**
   * 1.000 students is a thousand in a file with decimal commas (Excel in German settings) and one in
   * a file with decimal points: never read silently as 1 (while 1.234 was "not a whole number"),
   * it is an error of the column saying why. Spaces between thousands are read; so is 640,0.
   */
  @Test
  void aWholeNumberWithADotOrCommaBeforeThreeDigitsIsAmbiguousNeverOne() throws Exception {
    String semicolons = "name;country;city;address;levels;email;latitude;students;teachers\n";
    String commas = "name,country,city,address,levels,email,latitude,students,teachers\n";
    List<String[]> files = List.of(
        new String[] {semicolons + "A;FR;Lyon;1 rue A;PRIMARY;a@b.fr;-0,5;1.000;12.000\n", "1.000", "12.000"},
        new String[] {semicolons + "A;FR;Lyon;1 rue A;PRIMARY;a@b.fr;-0,5;1.234;1.000.000\n", "1.234", "1.000.000"},
        new String[] {commas + "A,FR,Lyon,1 rue A,PRIMARY,a@b.fr,-0.5,1.000,\"1,000\"\n", "1.000", "1,000"});
    for (String[] f : files) {
      ImportRow row = sheet(f[0]).open().next();
      assertEquals(List.of(
              new FieldError("students", "'" + f[1] + "' is ambiguous: a dot or comma before three digits may separate"
                  + " thousands or decimals; write the number without it (1000, or 1 000)"),
              new FieldError("teachers", "'" + f[2] + "' is ambiguous: a dot or comma before three digits may separate"
                  + " thousands or decimals; write the number without it (1000, or 1 000)")),
          row.errors(), f[0]);
      assertEquals(null, row.school().students(), "never 1");
      assertEquals(-0.5, row.school().latitude(), "a coordinate keeps its decimal comma");
    }
    ImportRow read = sheet(semicolons + "A;FR;Lyon;1 rue A;PRIMARY;a@b.fr;45,750;1 000;640,0\n").open().next();
    assertEquals(List.of(), read.errors());
    assertEquals(1000, read.school().students());
    assertEquals(640, read.school().teachers());
    ImportRow decimals = sheet(commas + "A,FR,Lyon,1 rue A,PRIMARY,a@b.fr,,640.0,1.5\n").open().next();
    assertEquals(640, decimals.school().students());
    assertEquals(List.of("teachers"), decimals.errors().stream().map(FieldError::field).toList(), "1.5 is not whole");
  }

  /** fields.<key> headers are matched as every other header is: in any case or punctuation. */
  @Test
  void aProfileFieldsHeaderIsMatchedInAnyCase() throws Exception {
    java.util.Map<String, String> profile = new java.util.HashMap<>();
    Headers.profileField(profile, "typeEtablissement", List.of("Type d'établissement", "Type of school"));
    for (String header : List.of("fields.typeEtablissement", "fields.typeetablissement", "FIELDS.TYPEETABLISSEMENT", "Fields_TypeEtablissement")) {
      Path file = Files.createTempFile(dir, "sheet-", ".csv");
      Files.writeString(file, "name,city,address,levels,email," + header + "\nA,Lyon,1 rue A,PRIMARY,a@b.fr,lycee\n",
          StandardCharsets.UTF_8);
      SchoolSheet sheet = new SchoolSheet(new CsvReader(), file, "FR", profile);
      assertEquals(List.of(), sheet.ignored(), header);
      assertEquals(header, sheet.headers().get("fields.typeEtablissement"));
      assertEquals(java.util.Map.of("typeEtablissement", "lycee"), sheet.open().next().school().fields(), header);
    }
  }

  /** Two columns for one field (students and Élèves): the file is refused, not read from the first alone. */
  @Test
  void twoColumnsForOneFieldAreRefusedNamingBoth() throws Exception {
    Path file = dir.resolve("twice.csv");
    Files.writeString(file, "name,city,address,levels,email,students,Élèves\nLycée Hugo,Lyon,1 rue A,secondary,a@b.fr,640,700\n",
        StandardCharsets.UTF_8);
    ProblemException refused = assertThrows(ProblemException.class, () -> new SchoolSheet(new CsvReader(), file, "FR"));
    assertEquals(400, refused.status());
    FieldError only = refused.errors().get(0);
    assertEquals("students", only.field());
    assertTrue(only.message().contains("students (column 6)") && only.message().contains("Élèves (column 7)"), only.message());
  }

  /** A national list as its NC keeps it: the profile's own column names, levels and themes in words. */
  @Test
  void theProfilesColumnNamesAndLevelsInWordsAreRead() throws Exception {
    Path file = dir.resolve("p.csv");
    Files.writeString(file, "Nom;Ville;Adresse;Niveaux;Thèmes;Courriel;Numéro UAI;Type d'établissement;Académie\n"
        + "Lycée Hugo;Lyon;1 rue A;école primaire, Collège;développement durable;a@b.fr;0690001A;lycee;lyon\n", StandardCharsets.UTF_8);
    java.util.Map<String, String> profile = java.util.Map.of(Headers.key("Numéro UAI"), "nationalId",
        Headers.key("Type d'établissement"), "fields.typeEtablissement", Headers.key("Académie"), "unit");
    SchoolSheet sheet = new SchoolSheet(new CsvReader(), file, "FR", profile);
    assertEquals(List.of(), sheet.ignored());
    // the report names each field by the file's header
    assertEquals("Numéro UAI", sheet.headers().get("nationalId"));
    assertEquals("Type d'établissement", sheet.headers().get("fields.typeEtablissement"));
    assertEquals("Nom", sheet.headers().get("name"));
    ImportRow row = sheet.open().next();
    assertTrue(row.errors().isEmpty(), row.errors().toString());
    assertEquals(List.of(Level.PRIMARY, Level.SECONDARY), row.school().levels());
    assertEquals(List.of(org.unesco.aspnet.membership.Theme.ESD), row.school().themes());
    assertEquals("0690001A", row.school().nationalId());
    assertEquals("lyon", row.school().unit());
    assertEquals("lycee", row.school().fields().get("typeEtablissement"));
    // without the profile, its names are not known
    assertEquals(List.of("Numéro UAI", "Type d'établissement"), new SchoolSheet(new CsvReader(), file, "FR").ignored());
  }

  /** What an update needs: the school's id, and which fields the file has (an empty cell is not a missing column). */
  @Test
  void eachRowCarriesItsIdAndTheColumnsOfTheFile() throws Exception {
    Path file = dir.resolve("u.csv");
    Files.writeString(file, "id,name,city,address,levels,email,website,fields.uai,status\n"
        + "301,Lycée A,Lyon,1 rue A,SECONDARY,a@b.fr,,0690001A,MEMBER\n"
        + "L-7,Lycée B,Lyon,2 rue B,SECONDARY,b@b.fr,https://b.fr,,APPLIED\n", StandardCharsets.UTF_8);
    Iterator<ImportRow> it = new SchoolSheet(new CsvReader(), file, "FR").open();
    ImportRow first = it.next();
    assertEquals(Long.valueOf(301), first.id());
    assertEquals(java.util.Set.of("id", "name", "city", "address", "levels", "email", "website", "fields.uai"), first.columns());
    assertTrue(first.has("website") && first.school().website() == null, "an empty cell: the column is there, the value is not");
    assertTrue(!first.has("students") && !first.has("country") && !first.has("status"), "no column for them");
    ImportRow second = it.next();
    assertEquals(null, second.id(), "an id of another system: a new school");
    assertTrue(second.has("fields.uai") && !second.school().fields().containsKey("uai"));
  }

  /** A value under an empty header would be dropped unseen; an empty column without a header is nothing. */
  @Test
  void aValueUnderAnEmptyHeaderIsAnErrorOfItsRow() throws Exception {
    SchoolSheet sheet = sheet("name,,country,city,address,levels,email,\n"
        + "Moi Girls School,,KE,Nairobi,1 Main Street,SECONDARY,a@example.org,\n"
        + "Alliance High School,boarding,KE,Kikuyu,2 Main Street,SECONDARY,b@example.org,\n");
    assertEquals(List.of(), sheet.ignored());
    Iterator<ImportRow> rows = sheet.open();
    assertEquals(List.of(), rows.next().errors());
    assertEquals(List.of(new FieldError("cells", "row 3 has a value in column 2, which has no header: name the column, or empty it")),
        rows.next().errors());
  }

  /** A whole number past an int is given to the field's own range check (out of range), not called no number. */
  @Test
  void numbersBeyondEveryRangeAreOutOfRangeNotMalformed() throws Exception {
    ImportRow row = sheet("name,country,city,address,levels,email,students,teachers,latitude,longitude\n"
        + "A,KE,Nairobi,1 Main Street,SECONDARY,a@example.org,2147483648,-1e400,1e400,abc\n").open().next();
    assertEquals(Integer.MAX_VALUE, row.school().students());
    assertEquals(Integer.MIN_VALUE, row.school().teachers());
    assertEquals(Double.MAX_VALUE, row.school().latitude());
    assertEquals(List.of(new FieldError("longitude", "'abc' is not a number")), row.errors());
  }

  @Test
  void aRowWithMoreCellsThanTheHeaderIsAnErrorOfThatRow() throws Exception {
    Path file = dir.resolve("h.csv");
    Files.writeString(file, "name,country,city,address,levels,email\n"
        + "Moi Girls School,KE,Nairobi,1 Main Street,SECONDARY,a@example.org,boarding school\n"
        + "Alliance High School,KE,Nairobi,2 Main Street,SECONDARY,b@example.org,,\n"
        + "Starehe Boys Centre,KE,Nairobi,3, Main Street,SECONDARY,c@example.org\n", StandardCharsets.UTF_8);
    SchoolSheet sheet = new SchoolSheet(new CsvReader(), file, null);
    assertEquals(3, sheet.count());
    Iterator<ImportRow> it = sheet.open();
    assertEquals(List.of(new FieldError("cells", "row 2 has 7 cells, the header has 6")), it.next().errors(),
        "a cell under no header is not dropped unseen");
    assertEquals(List.of(), it.next().errors(), "empty cells at the end of a row are no data");
    assertEquals(new FieldError("cells", "row 4 has 7 cells, the header has 6"), it.next().errors().get(0),
        "an unquoted comma shifts the cells: said first, before what the shift breaks");
  }

  @Test
  void aCellWithAControlCharacterIsAnErrorOfItsColumn() throws Exception {
    Path file = dir.resolve("c.csv");
    Files.writeString(file, "name,country,city,address,levels,email\n"
        + "Moi Girls\u0000 School,KE,Nairobi,1 Main Street,SECONDARY,a@example.org\n"
        + "Alliance High School,KE,Nairobi,\"2 Main Street\tBlock B\nNairobi\",SECONDARY,b@example.org\n", StandardCharsets.UTF_8);
    Iterator<ImportRow> it = new SchoolSheet(new CsvReader(), file, null).open();
    assertEquals(List.of("name"), it.next().errors().stream().map(FieldError::field).toList(), "a NUL would reach every export");
    assertEquals(List.of(), it.next().errors(), "tabs and line breaks are text");
  }

  @Test
  void aFileWithoutTheNeededColumnsIsRefusedAtOnce() throws Exception {
    Path file = dir.resolve("g.csv");
    Files.writeString(file, "name,city\nA,B\n", StandardCharsets.UTF_8);
    ProblemException p = assertThrows(ProblemException.class, () -> new SchoolSheet(new CsvReader(), file, null));
    assertEquals(400, p.status());
    assertEquals(List.of("address", "levels", "email", "country"), p.errors().stream().map(e -> e.field()).toList());
  }
}
