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

  /** The messages of one bad row, by field, as the importer reading {@code language} gets them. */
  private java.util.Map<String, String> badRow(String language) throws Exception {
    Path file = dir.resolve("bad-" + language + ".csv");
    Files.writeString(file, "name,country,city,address,levels,email,students,teachers,latitude\n"
        + "Lycée Hugo,FR,Lyon,1 rue A,UNIVERSITÉ,a@b.fr,abc,1.000,beaucoup,en trop\n", StandardCharsets.UTF_8);
    ImportRow row = new SchoolSheet(new CsvReader(), file, null, java.util.Map.of(), language).open().next();
    java.util.Map<String, String> byField = new java.util.LinkedHashMap<>();
    row.errors().forEach(e -> byField.put(e.field(), e.message()));
    return byField;
  }

  /** The tester's French NC read "Élèves : 'abc' is not a whole number": each message is in the importer's language. */
  @Test
  void whatReadingARowFindsIsToldInTheImportersLanguageAndInEnglishAsBefore() throws Exception {
    String levels = "PRE_PRIMARY, PRIMARY, SECONDARY, TVET, TEACHER_TRAINING";
    java.util.Map<String, String> english = badRow(null);
    assertEquals(java.util.Map.of(
        "cells", "row 2 has 10 cells, the header has 9",
        "latitude", "'beaucoup' is not a number",
        "levels[0]", "'UNIVERSITÉ' must be one of " + levels,
        "students", "'abc' is not a whole number",
        "teachers", "'1.000' is ambiguous: a dot or comma before three digits may separate thousands or decimals;"
            + " write the number without it (1000, or 1 000)"), english);
    assertEquals(english, badRow("en-GB"));
    assertEquals(english, badRow("ja"), "a language we do not write: English");

    java.util.Map<String, String> french = badRow("fr");
    assertEquals("'abc' n'est pas un nombre entier", french.get("students"));
    assertEquals("'beaucoup' n'est pas un nombre", french.get("latitude"));
    assertEquals("'1.000' est ambigu : un point ou une virgule avant trois chiffres peut séparer les milliers ou les"
        + " décimales ; écrivez le nombre sans (1000, ou 1 000)", french.get("teachers"));
    assertEquals("'UNIVERSITÉ' doit être l'une des valeurs " + levels, french.get("levels[0]"));
    assertEquals("la ligne 2 a 10 cellules, la ligne d'en-têtes en a 9", french.get("cells"));
    assertEquals(french, badRow("fr-CA"));

    java.util.Map<String, String> spanish = badRow("es");
    assertEquals("'abc' no es un número entero", spanish.get("students"));
    assertEquals("'beaucoup' no es un número", spanish.get("latitude"));
    assertTrue(spanish.get("teachers").startsWith("'1.000' es ambiguo: un punto o una coma"), spanish.get("teachers"));
    assertEquals("'UNIVERSITÉ' debe ser uno de estos valores: " + levels, spanish.get("levels[0]"));
    assertEquals("la fila 2 tiene 10 celdas, la fila de encabezados tiene 9", spanish.get("cells"));

    java.util.Map<String, String> german = badRow("de");
    assertEquals("'abc' ist keine ganze Zahl", german.get("students"));
    assertEquals("'beaucoup' ist keine Zahl", german.get("latitude"));
    assertTrue(german.get("teachers").startsWith("'1.000' ist mehrdeutig: ein Punkt oder Komma"), german.get("teachers"));
    assertEquals("'UNIVERSITÉ' muss einer dieser Werte sein: " + levels, german.get("levels[0]"));
    assertEquals("Zeile 2 hat 10 Zellen, die Kopfzeile hat 9", german.get("cells"));
  }

  /** Line and column numbers are written as the file numbers them, never grouped (row 1000, not 1,000 or 1 000). */
  @Test
  void aValueUnderNoHeaderAndAControlCharacterAreToldInTheImportersLanguage() throws Exception {
    Path file = dir.resolve("u.csv");
    StringBuilder csv = new StringBuilder("name,country,city,address,levels,email,\n");
    for (int i = 2; i < 1000; i++) {
      csv.append("\n");
    }
    csv.append("Moi\u0001 School,KE,Nairobi,1 Main Street,SECONDARY,a@example.org,x\n");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    for (String[] expected : new String[][] {
        {null, "row 1000 has a value in column 7, which has no header: name the column, or empty it",
            "must not contain control characters (other than tabs and line breaks)"},
        {"fr", "la ligne 1000 a une valeur dans la colonne 7, qui n'a pas d'en-tête : nommez la colonne, ou videz-la",
            "ne doit pas contenir de caractères de contrôle (hors tabulations et retours à la ligne)"},
        {"es", "la fila 1000 tiene un valor en la columna 7, que no tiene encabezado: ponga un nombre a la columna o vacíela",
            "no debe contener caracteres de control (salvo tabulaciones y saltos de línea)"},
        {"de", "Zeile 1000 hat einen Wert in Spalte 7, die keinen Spaltenkopf hat: benennen Sie die Spalte oder leeren Sie sie",
            "darf keine Steuerzeichen enthalten (außer Tabulatoren und Zeilenumbrüchen)"}}) {
      ImportRow row = new SchoolSheet(new CsvReader(), file, null, java.util.Map.of(), expected[0]).open().next();
      assertEquals(List.of(new FieldError("cells", expected[1]), new FieldError("name", expected[2])), row.errors(), expected[0]);
    }
  }

  @Test
  void theHeadersProblemsAreToldInTheImportersLanguage() throws Exception {
    Path missing = dir.resolve("m.csv");
    Files.writeString(missing, "name,city\nA,B\n", StandardCharsets.UTF_8);
    Path twice = dir.resolve("t.csv");
    Files.writeString(twice, "name,country,city,address,levels,email,students,Élèves\n", StandardCharsets.UTF_8);
    Path empty = dir.resolve("e.csv");
    Files.writeString(empty, "", StandardCharsets.UTF_8);
    String[][] expected = {
        {null, "no column for it; headers such as email are matched in English, French and Spanish",
            "no column for it; headers such as country are matched in English, French and Spanish, or name the country"
                + " of the file with ?country=FR",
            "two columns are this field: students (column 7) and Élèves (column 8); keep one",
            "The file is empty: a header row is expected"},
        {"fr", "aucune colonne ne le donne ; les en-têtes comme email sont reconnus en anglais, en français et en espagnol",
            "aucune colonne ne le donne ; les en-têtes comme country sont reconnus en anglais, en français et en espagnol,"
                + " ou indiquez le pays du fichier avec ?country=FR",
            "deux colonnes correspondent à ce champ : students (colonne 7) et Élèves (colonne 8) ; gardez-en une",
            "Le fichier est vide : sa première ligne doit donner les en-têtes des colonnes"},
        {"es", "ninguna columna lo da; los encabezados como email se reconocen en inglés, francés y español",
            "ninguna columna lo da; los encabezados como country se reconocen en inglés, francés y español, o indique el"
                + " país del archivo con ?country=FR",
            "dos columnas corresponden a este campo: students (columna 7) y Élèves (columna 8); deje solo una",
            "El archivo está vacío: su primera fila debe dar los encabezados de las columnas"},
        {"de", "keine Spalte dafür; Spaltenköpfe wie email werden auf Englisch, Französisch und Spanisch erkannt",
            "keine Spalte dafür; Spaltenköpfe wie country werden auf Englisch, Französisch und Spanisch erkannt, oder"
                + " nennen Sie das Land der Datei mit ?country=FR",
            "zwei Spalten stehen für dieses Feld: students (Spalte 7) und Élèves (Spalte 8); behalten Sie nur eine",
            "Die Datei ist leer: ihre erste Zeile muss die Spaltenköpfe enthalten"}};
    for (String[] e : expected) {
      ProblemException p = assertThrows(ProblemException.class,
          () -> new SchoolSheet(new CsvReader(), missing, null, java.util.Map.of(), e[0]));
      assertEquals(e[1], p.errors().get(2).message(), e[0]);
      assertEquals("country", p.errors().get(3).field());
      assertEquals(e[2], p.errors().get(3).message(), e[0]);
      p = assertThrows(ProblemException.class, () -> new SchoolSheet(new CsvReader(), twice, null, java.util.Map.of(), e[0]));
      assertEquals(List.of(new FieldError("students", e[3])), p.errors(), e[0]);
      p = assertThrows(ProblemException.class, () -> new SchoolSheet(new CsvReader(), empty, null, java.util.Map.of(), e[0]));
      assertEquals(e[4], p.detail(), e[0]);
    }
  }

  /** The few columns an NC corrects, with the ids of an export: no header is missing. */
  @Test
  void aFileWithIdsNeedsNoOtherColumn() throws Exception {
    SchoolSheet sheet = sheet("id,name\n42,Lycée Rénové\n+7,Ailleurs\n\u0667,Ailleurs\n");
    java.util.Iterator<ImportRow> rows = sheet.open();
    ImportRow row = rows.next();
    assertEquals(Long.valueOf(42), row.id());
    assertEquals(java.util.Set.of("id", "name"), row.columns());
    assertEquals("Lycée Rénové", row.school().name());
    assertEquals(null, rows.next().id(), "+7 is no id of this platform");
    assertEquals(null, rows.next().id(), "nor an Arabic-Indic seven");
    // an id as a spreadsheet writes a whole number is that id; one with a fraction is no new school
    rows = sheet("id,students\r\n40,11\r\n40.0,14\r\n40,00,15\r\n40.5,16\r\n1.000,17\r\n".replace("40,00,", "\"40,00\",")).open();
    assertEquals(Long.valueOf(40), rows.next().id());
    for (String cell : new String[] {"40.0", "40,00"}) {
      row = rows.next();
      assertEquals(Long.valueOf(40), row.id(), cell + " is 40, as in a whole-number column");
      assertEquals(java.util.List.of(), row.errors(), cell);
    }
    row = rows.next();
    assertEquals(null, row.id());
    assertEquals(java.util.List.of(new org.unesco.aspnet.core.FieldError("id", "'40.5' is not a whole number")), row.errors());
    row = rows.next();
    assertEquals(null, row.id());
    assertEquals("id", row.errors().get(0).field(), "1.000 is a thousand or one: told, as in students");
    // without ids, the columns a new school needs are asked for as before
    assertThrows(ProblemException.class, () -> sheet("name\nLycée\n"));
  }
}
