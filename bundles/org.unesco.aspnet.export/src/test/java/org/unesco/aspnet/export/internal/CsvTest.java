package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.FormulaGuard;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.export.TableReader;

/** RFC 4180 escaping, the formula guard, scripts other than Latin, and reading back. */
class CsvTest {
  private static final Sheet SHEET = new Sheet("t",
      List.of(Column.text("name", "Name"), new Column("n", "N", Column.Type.INTEGER),
          new Column("tags", "Tags", Column.Type.LIST), new Column("x", "X", Column.Type.DECIMAL)), Map.of());

  private static String write(Sheet sheet, Object[]... rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = new CsvExporter().open(sheet, out)) {
      for (Object[] r : rows) {
        w.row(r);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<List<String>> read(String csv) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (TableReader.Rows r = new CsvReader().open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void quotesOnlyWhatMustBeQuotedWithCrlfLineEnds() throws IOException {
    String csv = write(SHEET,
        new Object[] {"plain", 1, List.of("A", "B"), 48.85},
        new Object[] {"a, comma", 2, List.of(), null},
        new Object[] {"say \"hi\"", null, null, -0.5},
        new Object[] {"two\nlines\r\nhere", 3, List.of("X"), 1.0E-7});
    assertEquals("name,n,tags,x\r\n"
        + "plain,1,A;B,48.85\r\n"
        + "\"a, comma\",2,,\r\n"
        + "\"say \"\"hi\"\"\",,,-0.5\r\n"
        + "\"two\nlines\r\nhere\",3,X,0.0000001\r\n", csv);
  }

  @Test
  void arabicChineseAndCyrillicTextRoundTripsInUtf8() throws IOException {
    Object[][] rows = {
        {"مدرسة الأمل، القاهرة", 1, List.of(), null},
        {"北京市第一中学, \"实验\"", 2, List.of(), null},
        {"Гимназия №1\nМосква", 3, List.of(), null}};
    String csv = write(SHEET, rows);
    List<List<String>> back = read(csv);
    assertEquals(4, back.size());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(rows[i][0], back.get(i + 1).get(0));
    }
  }

  @Test
  void cellsThatStartLikeAFormulaAreGuardedAndReadBack() throws IOException {
    String[] risky = {"=HYPERLINK(\"http://evil\")", "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rCR"};
    List<Object[]> rows = new ArrayList<>();
    for (String r : risky) {
      rows.add(new Object[] {r, -5, List.of("=1+1"), -1.5});
    }
    String csv = write(SHEET, rows.toArray(Object[][]::new));
    List<List<String>> back = read(csv);
    for (int i = 0; i < risky.length; i++) {
      List<String> row = back.get(i + 1);
      assertTrue(row.get(0).startsWith("'"), "guarded: " + row.get(0));
      assertEquals(risky[i], FormulaGuard.unguard(row.get(0)));
      assertEquals("-5", row.get(1), "numbers are numbers, not guarded");
      assertEquals("'=1+1", row.get(2));
      assertEquals("-1.5", row.get(3));
    }
    assertEquals("'not risky", FormulaGuard.unguard("'not risky"), "an apostrophe of the data stays");
    // a text with an apostrophe of its own before = + - @ is not taken for a guarded one: both come back
    for (String own : new String[] {"'@home school", "@home school", "'not risky", "''", "'", "'-5", "''x"}) {
      String cell = read(write(SHEET, new Object[] {own, 1, List.of(), null})).get(1).get(0);
      assertEquals(own, FormulaGuard.unguard(cell), "exported as " + cell);
    }
    assertEquals("'s-Hertogenbosch", FormulaGuard.guard("'s-Hertogenbosch"), "an apostrophe before a letter is written as it is");
    assertEquals("''@home", FormulaGuard.guard("'@home"));
  }

  @Test
  void bomForExcelOnRequestAndSkippedWhenRead() throws IOException {
    Sheet withBom = new Sheet("t", SHEET.columns(), Map.of("bom", "true"));
    String csv = write(withBom, new Object[] {"Élève", 1, List.of(), null});
    assertEquals('\uFEFF', csv.charAt(0));
    assertEquals("name", read(csv).get(0).get(0));
    assertEquals('n', write(SHEET).charAt(0));
  }

  @Test
  void bomIsTrueOrFalseInAnyCaseABareBomIsTrueAndAnythingElseA400NamingIt() throws IOException {
    Exports exports = new Exports();
    exports.addExporter(new CsvExporter(), Map.of(ExportFormat.PROPERTY, "csv"));
    exports.addDataset(new Dataset() {
      @Override
      public String description() {
        return "t";
      }

      @Override
      public Set<String> filters() {
        return Set.of();
      }

      @Override
      public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
        output.begin(SHEET.columns()).row(new Object[] {"Élève", 1, List.of(), null});
      }
    }, Map.of(ExportDataset.PROPERTY, "t"));
    for (String value : List.of("maybe", "yes", "1", "truee")) {
      ProblemException p = assertThrows(ProblemException.class, () -> exports.export(Principal.anonymous(), "t", "csv",
          Map.of("bom", value), (exporter, name) -> new ByteArrayOutputStream()), value);
      assertEquals(400, p.status(), value);
      assertEquals(List.of(new FieldError("bom", "must be true or false")), p.errors(), value);
    }
    for (String value : List.of("true", "TRUE", "True", "")) {
      assertEquals('\uFEFF', export(exports, Map.of("bom", value)).charAt(0), value);
    }
    for (String value : List.of("false", "FALSE")) {
      assertEquals('n', export(exports, Map.of("bom", value)).charAt(0), value);
    }
    assertEquals('n', export(exports, Map.of()).charAt(0), "no BOM unless asked");
  }

  private static String export(Exports exports, Map<String, String> parameters) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exports.export(Principal.anonymous(), "t", "csv", parameters, (exporter, name) -> out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsSemicolonFilesBlankLinesAndLfEnds() throws IOException {
    List<List<String>> rows = read("Nom;Pays;Ville\n\"Lycée; Hugo\";FR;Lyon\n\n;;\nCollège;FR;\"Paris\"\n");
    assertEquals(List.of("Nom", "Pays", "Ville"), rows.get(0));
    assertEquals(List.of("Lycée; Hugo", "FR", "Lyon"), rows.get(1));
    assertEquals(List.of("", "", ""), rows.get(2));
    assertEquals(List.of("Collège", "FR", "Paris"), rows.get(3));
    assertEquals(4, rows.size());
  }

  @Test
  void theReaderCountsLinesOfMultiLineRows() throws IOException {
    try (TableReader.Rows r = new CsvReader().open(new ByteArrayInputStream("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n".getBytes(StandardCharsets.UTF_8)))) {
      r.next();
      assertEquals(List.of("x\r\ny", "1"), r.next());
      assertEquals(2, r.line());
      assertEquals(List.of("z", "2"), r.next());
      assertEquals(4, r.line());
      assertNull(r.next());
    }
  }

  private static List<List<String>> read(byte[] csv) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (TableReader.Rows r = new CsvReader().open(new ByteArrayInputStream(csv))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      } else {
        for (int b : (int[]) part) {
          out.write(b);
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  void aFileSavedInWindows1252IsRefusedAtItsLineWithHowToSaveItNotImportedWithReplacementCharacters() {
    byte[] excel = "name,city\r\nLyc\u00e9e Hugo,Lyon\r\nCollege,Orl\u00e9ans\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
    IOException e = assertThrows(IOException.class, () -> read(excel));
    assertEquals("line 2 is not UTF-8 (byte 0xE9): the file was saved in another encoding, such as the Windows-1252 of Excel's"
        + " \"CSV (comma delimited)\". Save it as UTF-8: in Excel, Save As \"CSV UTF-8 (comma delimited)\"; in LibreOffice,"
        + " Save As Text CSV with the character set \"Unicode (UTF-8)\"", e.getMessage());
  }

  /** Excel's "Unicode Text" is UTF-16 with a byte order mark: said so, not taken for Windows-1252. */
  @Test
  void aFileSavedInUtf16IsSaidToBeUtf16() {
    for (String charset : new String[] {"UTF-16LE", "UTF-16BE"}) {
      byte[] text = ("\uFEFFname,city\r\nLyc\u00e9e Hugo,Lyon\r\n").getBytes(java.nio.charset.Charset.forName(charset));
      IOException e = assertThrows(IOException.class, () -> read(text));
      assertTrue(e.getMessage().startsWith("line 1 is not UTF-8") && e.getMessage().contains("saved in UTF-16")
          && e.getMessage().contains("Save it as UTF-8") && !e.getMessage().contains("Windows-1252"), e.getMessage());
    }
  }

  @Test
  void theLineIsWhereTheBadByteIsNotWhereTheReaderHadReadAhead() throws IOException {
    StringBuilder csv = new StringBuilder("name,note\n");
    for (int i = 2; i < 5000; i++) {
      csv.append("School ").append(i).append(",\"two\nlines\"\n"); // each row two lines
    }
    byte[] file = bytes(csv.toString(), "bad,", new int[] {0xE9}, "\n");
    try (TableReader.Rows r = new CsvReader().open(new ByteArrayInputStream(file))) {
      IOException e = assertThrows(IOException.class, () -> {
        while (r.next() != null) {
          // read up to the bad byte
        }
      });
      assertTrue(e.getMessage().startsWith("line 9998 is not UTF-8 (byte 0xE9)"), e.getMessage());
    }
  }

  @Test
  void everySequenceThatIsNotUtf8IsRefusedAndABomAndFourByteCharactersAreRead() throws IOException {
    Map<String, int[]> bad = new java.util.LinkedHashMap<>();
    bad.put("a lone continuation byte", new int[] {0x80});
    bad.put("an overlong slash", new int[] {0xC0, 0xAF});
    bad.put("an overlong NUL", new int[] {0xC0, 0x80});
    bad.put("an overlong three-byte form", new int[] {0xE0, 0x80, 0xAF});
    bad.put("an encoded high surrogate", new int[] {0xED, 0xA0, 0x80});
    bad.put("an encoded low surrogate", new int[] {0xED, 0xBF, 0xBF});
    bad.put("beyond U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80});
    bad.put("a byte never in UTF-8", new int[] {0xFF});
    bad.put("a UTF-16 byte order mark", new int[] {0xFF, 0xFE});
    for (Map.Entry<String, int[]> e : bad.entrySet()) {
      IOException refused = assertThrows(IOException.class, () -> read(bytes("name,city\nSchool ", e.getValue(), ",Lyon\n")), e.getKey());
      assertTrue(refused.getMessage().startsWith("line 2 is not UTF-8 (byte"), e.getKey() + ": " + refused.getMessage());
    }
    IOException cut = assertThrows(IOException.class, () -> read(bytes("name,city\nSchool,Lyon", new int[] {0xE2, 0x82})));
    assertTrue(cut.getMessage().startsWith("line 2 is not UTF-8 (bytes 0xE2 0x82)"), "cut short at the end: " + cut.getMessage());

    assertEquals(List.of("École 🌍", "Orléans"), read(bytes(new int[] {0xEF, 0xBB, 0xBF}, "name,city\r\nÉcole 🌍,Orléans\r\n")).get(1),
        "a byte order mark, then UTF-8 with a four-byte character");
    assertEquals(List.of(List.of("name")), read(new byte[] {'n', 'a', 'm', 'e'}));
    assertEquals(List.of(), read(new byte[0]));
  }

  /** The rows of {@code file} read for an importer who reads {@code language}. */
  private static List<List<String>> read(byte[] file, String language) throws IOException {
    List<List<String>> rows = new java.util.ArrayList<>();
    try (TableReader.Rows r = new CsvReader().open(new ByteArrayInputStream(file), language)) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** What makes a CSV file unreadable is said in the importer's language, with the menus of Excel in it. */
  @Test
  void anUnreadableFileIsToldInTheImportersLanguage() {
    byte[] unclosed = "name,city\n\"Lycée,Lyon\n".getBytes(StandardCharsets.UTF_8);
    byte[] excel = "name,city\r\nLyc\u00e9e Hugo,Lyon\r\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
    byte[] cut = bytes("name,city\nSchool,Lyon", new int[] {0xE2, 0x82});
    byte[] utf16 = "\uFEFFname,city\r\n".getBytes(java.nio.charset.Charset.forName("UTF-16LE"));
    assertEquals("line 2: a quoted field is not closed", assertThrows(IOException.class, () -> read(unclosed, null)).getMessage());
    assertEquals("ligne 2 : un champ entre guillemets n'est pas fermé",
        assertThrows(IOException.class, () -> read(unclosed, "fr")).getMessage());
    assertEquals("línea 2: un campo entre comillas no está cerrado",
        assertThrows(IOException.class, () -> read(unclosed, "es")).getMessage());
    assertEquals("Zeile 2: ein Feld in Anführungszeichen wird nicht geschlossen",
        assertThrows(IOException.class, () -> read(unclosed, "de")).getMessage());

    assertEquals("la ligne 2 n'est pas en UTF-8 (octet 0xE9) : le fichier a été enregistré dans un autre encodage, comme le"
        + " Windows-1252 du « CSV (séparateur : point-virgule) » d'Excel. Enregistrez-le en UTF-8 : dans Excel, Enregistrer"
        + " sous « CSV UTF-8 (délimité par des virgules) » ; dans LibreOffice, Enregistrer sous Texte CSV avec le jeu de"
        + " caractères « Unicode (UTF-8) »", assertThrows(IOException.class, () -> read(excel, "fr")).getMessage());
    assertTrue(assertThrows(IOException.class, () -> read(cut, "fr")).getMessage()
        .startsWith("la ligne 2 n'est pas en UTF-8 (octets 0xE2 0x82) : "));
    assertTrue(assertThrows(IOException.class, () -> read(excel, "es")).getMessage()
        .startsWith("la línea 2 no está en UTF-8 (byte 0xE9): el archivo se guardó con otra codificación"));
    assertTrue(assertThrows(IOException.class, () -> read(excel, "de")).getMessage()
        .startsWith("Zeile 2 ist nicht in UTF-8 (Byte 0xE9): die Datei wurde in einer anderen Kodierung gespeichert"));
    assertTrue(assertThrows(IOException.class, () -> read(utf16, "de")).getMessage()
        .contains("die Datei wurde in UTF-16 gespeichert"));
    assertTrue(assertThrows(IOException.class, () -> read(cut, null)).getMessage().startsWith("line 2 is not UTF-8 (bytes 0xE2 0x82): "));
  }
}
