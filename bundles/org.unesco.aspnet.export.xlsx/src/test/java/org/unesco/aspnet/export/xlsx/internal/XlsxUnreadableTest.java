package org.unesco.aspnet.export.xlsx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unesco.aspnet.export.TableReader;

/**
 * A broken or hostile XLSX file is an IOException saying in plain words why it cannot be read
 * (the import answers it with a 400), never a runtime exception (a 500) nor a heap filled by a
 * file of a few kilobytes; a number no count or coordinate needs stays short text.
 */
class XlsxUnreadableTest {
  private static final String SHEET = "xl/worksheets/sheet1.xml";
  private static final String STRINGS = "xl/sharedStrings.xml";
  /** Each of these would have taken seconds at most; the ones that filled the heap took minutes or never ended. */
  private static final Duration QUICKLY = Duration.ofSeconds(20);

  @TempDir Path dir;

  /** A workbook of a header and one school: name (a shared string), students 640 (a number). */
  private Map<String, byte[]> workbook() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("schools");
      ws.value(0, 0, "name");
      ws.value(0, 1, "students");
      ws.value(1, 0, "School");
      ws.value(1, 1, 640);
    }
    // fastexcel's entries have data descriptors that ZipInputStream cannot size: read them as a file
    Path file = Files.write(dir.resolve("base.xlsx"), out.toByteArray());
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    return parts;
  }

  private static byte[] zip(Map<String, byte[]> parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** The workbook with {@code part} edited as text. */
  private byte[] with(String part, UnaryOperator<String> edit) throws IOException {
    Map<String, byte[]> parts = workbook();
    String xml = new String(parts.get(part), StandardCharsets.UTF_8);
    String edited = edit.apply(xml);
    assertFalse(edited.equals(xml), "the edit changes " + part);
    parts.put(part, edited.getBytes(StandardCharsets.UTF_8));
    return zip(parts);
  }

  /** The workbook with its second row's number cell holding {@code value}. */
  private byte[] number(String value) throws IOException {
    return with(SHEET, xml -> xml.replace("<v>640</v>", "<v>" + value + "</v>"));
  }

  /** The second row's school cell replaced by {@code cells}. */
  private byte[] cells(String cells) throws IOException {
    return with(SHEET, xml -> xml.replaceFirst("<c r=\"A2\" t=\"s\"><v>2</v></c>", java.util.regex.Matcher.quoteReplacement(cells)));
  }

  private static List<List<String>> read(byte[] xlsx) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (TableReader.Rows r = new XlsxReader().open(new ByteArrayInputStream(xlsx))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** The reason the file cannot be read, checked to be the reader's plain words. */
  private static String unreadable(byte[] xlsx) {
    IOException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(IOException.class, () -> read(xlsx)));
    assertTrue(e.getMessage().startsWith("not a readable XLSX file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  /** Why the file cannot be read, as the reader tells an importer who reads {@code language}. */
  private static String unreadable(byte[] xlsx, String language) {
    return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(IOException.class, () -> {
      try (TableReader.Rows r = new XlsxReader().open(new ByteArrayInputStream(xlsx), language)) {
        while (r.next() != null) {
          // up to the fault
        }
      }
    })).getMessage();
  }

  /** An import names the importer's language: the reader's words are in it, English as before otherwise. */
  @Test
  void whyTheFileCannotBeReadIsToldInTheImportersLanguage() throws Exception {
    byte[] csv = "name,city\nSchool,Lyon\n".getBytes(StandardCharsets.UTF_8);
    byte[] shared = cells("<c r=\"A2\" t=\"s\"><v>5</v></c>");
    byte[] beyond = with(SHEET, xml -> xml.replace("r=\"B2\"", "r=\"XFE2\""));
    byte[] bad = cells("<c r=\"A2\" t=\"zz\"><v>2</v></c>");
    Map<String, byte[]> noSheet = workbook();
    noSheet.remove(SHEET);
    byte[] missing = zip(noSheet);

    assertEquals(unreadable(csv), unreadable(csv, null));
    assertEquals("not a readable XLSX file: cell A2 cannot be read: it names text 6 of the file's shared texts, which has 3",
        unreadable(shared, "en"));
    assertEquals("not a readable XLSX file: cell XFE2 is beyond the last column (XFD) or row (1,048,576) of a spreadsheet",
        unreadable(beyond, "ja"), "a language the plugin does not write: English");

    assertEquals("ce n'est pas un fichier XLSX lisible : ce n'est pas une archive ZIP, ce qu'est un fichier XLSX ;"
        + " enregistrez-le de nouveau depuis Excel ou LibreOffice au format .xlsx", unreadable(csv, "fr"));
    assertEquals("ce n'est pas un fichier XLSX lisible : la cellule A2 ne peut pas être lue : elle renvoie au texte 6 des"
        + " textes partagés du fichier, qui en compte 3", unreadable(shared, "fr-CA"));
    assertEquals("ce n'est pas un fichier XLSX lisible : la cellule XFE2 est au-delà de la dernière colonne (XFD) ou de la"
        + " dernière ligne (1\u202f048\u202f576) d'une feuille de calcul", unreadable(beyond, "fr"), "thousands as French groups them");
    assertEquals("ce n'est pas un fichier XLSX lisible (après la ligne 1) : une cellule ou une ligne ne peut pas être lue",
        unreadable(bad, "fr"));
    assertEquals("ce n'est pas un fichier XLSX lisible : il lui manque une partie : xl/worksheets/sheet1.xml est introuvable",
        unreadable(missing, "fr"));

    assertEquals("no es un archivo XLSX legible: no es un archivo ZIP, como lo es un archivo XLSX; vuelva a guardarlo desde"
        + " Excel o LibreOffice como .xlsx", unreadable(csv, "es"));
    assertEquals("no es un archivo XLSX legible: la celda A2 no se puede leer: remite al texto 6 de los textos compartidos"
        + " del archivo, que tiene 3", unreadable(shared, "es"));
    assertEquals("no es un archivo XLSX legible (después de la fila 1): no se puede leer una celda o una fila",
        unreadable(bad, "es"));
    assertTrue(unreadable(beyond, "es").contains("(1.048.576)"), unreadable(beyond, "es"));

    assertEquals("keine lesbare XLSX-Datei: sie ist kein ZIP-Archiv, wie es eine XLSX-Datei ist; speichern Sie sie erneut"
        + " aus Excel oder LibreOffice als .xlsx", unreadable(csv, "de"));
    assertEquals("keine lesbare XLSX-Datei: Zelle A2 kann nicht gelesen werden: sie verweist auf Text 6 der gemeinsamen"
        + " Texte der Datei, die nur 3 hat", unreadable(shared, "de"));
    assertEquals("keine lesbare XLSX-Datei: Zelle XFE2 liegt hinter der letzten Spalte (XFD) oder Zeile (1.048.576) einer"
        + " Tabelle", unreadable(beyond, "de"));
    assertEquals("keine lesbare XLSX-Datei: ein Teil fehlt: xl/worksheets/sheet1.xml nicht gefunden", unreadable(missing, "de"));
  }

  /** The styles part is optional: a workbook another program wrote without it is read, its cells as plain values. */
  @Test
  void aWorkbookWithoutStylesIsRead() throws Exception {
    Map<String, byte[]> parts = workbook();
    parts.remove("xl/styles.xml");
    String rels = new String(parts.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8);
    String without = rels.replaceAll("<Relationship [^>]*relationships/styles\"[^>]*/>", "");
    assertFalse(without.equals(rels), "the styles relationship is gone: " + rels);
    parts.put("xl/_rels/workbook.xml.rels", without.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(List.of("name", "students"), List.of("School", "640")), read(zip(parts)));
  }

  @Test
  void aNumberBeyondTwentyDigitsIsShownInScientificNotationNeverWrittenOut() throws Exception {
    // 1e999999999 made a string of a billion digits (OutOfMemoryError); 1e50000000 one of 50 MB
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("1e999999999", "1E+999999999");
    shown.put("1e50000000", "1E+50000000");
    shown.put("-1e999999999", "-1E+999999999");
    shown.put("1e-999999999", "1E-999999999");
    shown.put("1e21", "1E+21");
    shown.put("1.5e300", "1.5E+300");
    shown.put("1e20", "100000000000000000000");
    shown.put("123456789012345678901", "123456789012346000000");
    shown.put("1234567890123456789012", "1.23456789012346E+21");
    shown.put("1e-20", "0.00000000000000000001");
    shown.put("1.2345e-21", "1.2345E-21");
    shown.put("48.856600000000002", "48.8566");
    for (Map.Entry<String, String> e : shown.entrySet()) {
      List<List<String>> rows = assertTimeoutPreemptively(QUICKLY, () -> read(number(e.getKey())), e.getKey());
      assertEquals(List.of("School", e.getValue()), rows.get(1), e.getKey());
    }
  }

  @Test
  void aHugeNumberInADateOrZeroPaddedCellIsShownAsANumber() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("schools");
      ws.value(0, 0, "a");
      for (int column = 0; column < 4; column++) {
        ws.value(1, column, 11);
        ws.style(1, column).format(column < 3 ? "dd/mm/yyyy" : "0000000").set();
      }
    }
    Path file = Files.write(dir.resolve("formats.xlsx"), out.toByteArray());
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    String[] values = {"1e999999999", "-5", "46266", "1e999999999"};
    String sheet = new String(parts.get(SHEET), StandardCharsets.UTF_8);
    for (String v : values) {
      sheet = sheet.replaceFirst("<v>11</v>", "<v>" + v + "</v>");
    }
    parts.put(SHEET, sheet.getBytes(StandardCharsets.UTF_8));
    List<String> row = assertTimeoutPreemptively(QUICKLY, () -> read(zip(parts))).get(1);
    assertEquals(List.of("1E+999999999", "-5", "2026-09-01", "1E+999999999"), row,
        "no date beyond 9999-12-31 or before 1900, no billion zeros");
  }

  @Test
  void aBrokenFileIsAnIoExceptionInPlainWordsNeverARuntimeException() throws Exception {
    Map<String, byte[]> noSheet = workbook();
    noSheet.remove(SHEET);
    assertEquals("not a readable XLSX file: a part of it is missing: xl/worksheets/sheet1.xml not found", unreadable(zip(noSheet)));
    Map<String, byte[]> noWorkbook = workbook();
    noWorkbook.remove("xl/workbook.xml");
    assertTrue(unreadable(zip(noWorkbook)).contains("xl/workbook.xml"));

    String notZip = "not a readable XLSX file: it is not a ZIP archive, as an XLSX file is; save it again from Excel or LibreOffice as .xlsx";
    assertEquals(notZip, unreadable("name,city\nSchool,Lyon\n".getBytes(StandardCharsets.UTF_8)), "a CSV sent as XLSX");
    assertEquals(notZip, unreadable(new byte[0]));
    byte[] whole = zip(workbook());
    assertEquals(notZip, unreadable(java.util.Arrays.copyOf(whole, whole.length / 2)), "cut short in transfer");

    Map<String, byte[]> cut = workbook();
    cut.put(SHEET, java.util.Arrays.copyOf(cut.get(SHEET), cut.get(SHEET).length / 2));
    assertTrue(unreadable(zip(cut)).startsWith("not a readable XLSX file: its XML is not well-formed (Unexpected end-of-input"),
        "a sheet cut short");

    assertTrue(unreadable(with(STRINGS, xml -> xml.replace(">School<", ">Sch&#x1;ool<")))
        .endsWith(": its XML holds a character XML does not allow (0x1)"), "in a shared string");
    assertEquals("not a readable XLSX file (after row 1): its XML holds a character XML does not allow (0x1)",
        unreadable(cells("<c r=\"A2\" t=\"inlineStr\"><is><t>Sch&#x1;ool</t></is></c>")));
    // in plain words, never fastexcel's ("Unknown cell type : zz", "Cannot parse number : NaN")
    String cell = "not a readable XLSX file (after row 1): a cell or row cannot be read";
    assertEquals(cell, unreadable(cells("<c r=\"A2\" t=\"b\"><v>2</v></c>")));
    assertEquals(cell, unreadable(cells("<c r=\"A2\" t=\"zz\"><v>2</v></c>")));
    assertEquals(cell, unreadable(cells("<c r=\"!!\"><v>2</v></c>")));
    assertEquals(cell, unreadable(number("NaN")), "a number cell that is no number");
  }

  /**
   * A text cell names its text by its number among the shared texts. One past them, or in a
   * workbook without shared texts, was read as an empty cell, which an import's update takes for
   * a value to clear; it is refused, naming the cell, as a number that names none (-1, abc) is,
   * and never in the parser's words ("Index -1 out of bounds for length 0").
   */
  @Test
  void aTextCellNamingASharedTextTheFileDoesNotHaveIsRefusedNotReadAsEmpty() throws Exception {
    String missing = "not a readable XLSX file: cell A2 cannot be read: it names text 6 of the file's shared texts, which has 3";
    assertEquals(missing, unreadable(cells("<c r=\"A2\" t=\"s\"><v>5</v></c>")));
    assertEquals("not a readable XLSX file: cell A2 cannot be read: it names text 4 of the file's shared texts, which has 3",
        unreadable(cells("<c r=\"A2\" t=\"s\"><v>3</v></c>")), "one past the last");
    assertEquals("not a readable XLSX file: cell A2 cannot be read: it names text 2,147,483,647 of the file's shared texts, which has 3",
        unreadable(cells("<c r=\"A2\" t=\"s\"><v>2147483646</v></c>")));
    for (String notANumber : List.of("-1", "abc", " 1", "99999999999")) {
      assertEquals("not a readable XLSX file: cell A2 cannot be read: a text cell holds the number of a shared text, not \""
          + notANumber + "\"", unreadable(cells("<c r=\"A2\" t=\"s\"><v>" + notANumber + "</v></c>")), notANumber);
    }
    assertEquals("not a readable XLSX file: a cell cannot be read: it names text 6 of the file's shared texts, which has 3",
        unreadable(cells("<c t=\"s\"><v>5</v></c>")), "a cell without a reference");

    // a workbook without shared texts: the header's text cells name texts it does not have
    Map<String, byte[]> none = workbook();
    none.remove(STRINGS);
    assertEquals("not a readable XLSX file: cell A1 cannot be read: it names text 1 of the file's shared texts, which has none",
        unreadable(zip(none)));
    Map<String, byte[]> unnamed = workbook();
    String types = new String(unnamed.get("[Content_Types].xml"), StandardCharsets.UTF_8);
    unnamed.put("[Content_Types].xml", types.replaceAll("<Override PartName=\"/xl/sharedStrings.xml\"[^>]*/>", "")
        .getBytes(StandardCharsets.UTF_8));
    assertTrue(unreadable(zip(unnamed)).endsWith("which has none"), "shared texts the workbook does not declare are not read");

    // what a spreadsheet writes is read: the last shared text, an empty value, inline texts without shared ones
    assertEquals(List.of("School", "640"), read(zip(workbook())).get(1), "A2 names the last of three");
    assertEquals(List.of("", "640"), read(cells("<c r=\"A2\" t=\"s\"></c>")).get(1));
    Map<String, byte[]> inline = workbook();
    inline.remove(STRINGS);
    String sheet = new String(inline.get(SHEET), StandardCharsets.UTF_8);
    String[] texts = {"name", "students", "School"};
    for (int i = 0; i < texts.length; i++) {
      sheet = sheet.replace("t=\"s\"><v>" + i + "</v>", "t=\"inlineStr\"><is><t>" + texts[i] + "</t></is>");
    }
    inline.put(SHEET, sheet.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(List.of("name", "students"), List.of("School", "640")), read(zip(inline)));
  }

  @Test
  void aCellBeyondTheGridIsRefusedBeforeFastexcelPadsItsRow() throws Exception {
    // FXSHRXW is column 2,147,483,647: fastexcel adds an empty cell for every column before it
    for (String ref : List.of("FXSHRXW2", "ZZZZZZZ99999999999", "XFE2", "AAAAAA2", "B1048577", "B2147483647")) {
      assertEquals("not a readable XLSX file: cell " + ref + " is beyond the last column (XFD) or row (1,048,576) of a spreadsheet",
          unreadable(with(SHEET, xml -> xml.replace("r=\"B2\"", "r=\"" + ref + "\""))), ref);
    }
    assertEquals("not a readable XLSX file: row 99999999999 is beyond the last row of a spreadsheet (1,048,576)",
        unreadable(with(SHEET, xml -> xml.replace("<row r=\"2\">", "<row r=\"99999999999\">"))));
    assertEquals(List.of("School", "", "640"), read(with(SHEET, xml -> xml.replace("r=\"B2\"", "r=\"C2\""))).get(1),
        "a cell further right, within the grid");
    assertEquals(16_384, read(with(SHEET, xml -> xml.replace("r=\"B2\"", "r=\"XFD2\""))).get(1).size(), "the last column");
  }

  @Test
  void whatAFewKilobytesWouldInflateIsRefusedNotRead() throws Exception {
    // cells without a reference, each one more cell of the row
    assertEquals("not a readable XLSX file: a row has more than 16,384 cells, more than a spreadsheet holds",
        unreadable(cells("<c/>".repeat(20_000))));
    // one text of 3 MB (zipped: a few kB), and one of 50,000 runs that fastexcel joins
    assertEquals("not a readable XLSX file: it holds a text or a tag of more than 1 MB, which no spreadsheet writes",
        unreadable(cells("<c r=\"A2\" t=\"inlineStr\"><is><t>" + "a".repeat(3_000_000) + "</t></is></c>")));
    assertEquals("not a readable XLSX file: cell A2 holds more than 32,767 characters, more than a spreadsheet cell holds",
        unreadable(cells("<c r=\"A2\" t=\"inlineStr\"><is>" + "<t>aaaaaaaaaa</t>".repeat(5_000) + "</is></c>")));
    assertEquals("not a readable XLSX file: a cell holds more than 32,767 characters, more than a spreadsheet cell holds",
        unreadable(with(STRINGS, xml -> xml.replace(">School<", ">" + "a".repeat(50_000) + "<"))), "a shared string");
    // a number of 200 digits, parsed in time quadratic in its length
    assertEquals("not a readable XLSX file: cell B2 holds a number of more than 100 characters, which no spreadsheet writes",
        unreadable(number("1".repeat(200))));
    String many = "<si><t>x</t></si>".repeat(SheetCheck.SHARED_STRINGS + 1);
    assertTrue(unreadable(with(STRINGS, xml -> xml.replace("</sst>", many + "</sst>"))).contains("more than 2,000,000 different texts"));
    assertEquals("not a readable XLSX file: cell A2 holds more than 32,767 characters, more than a spreadsheet cell holds",
        unreadable(cells("<c r=\"A2\" t=\"inlineStr\"><is><t>" + "a".repeat(32_768) + "</t></is></c>")), "one more than Excel");
    assertEquals("not a readable XLSX file: cell A2 holds a formula of more than 8,192 characters, more than a spreadsheet cell holds",
        unreadable(cells("<c r=\"A2\" t=\"str\"><f>" + "1&amp;".repeat(5_000) + "1</f><v>x</v></c>")));
    // array formulas: fastexcel looks through every one of them for every cell it reads
    String arrays = "<c r=\"C2\"><f t=\"array\" ref=\"C2\">1</f><v>1</v></c>".repeat(SheetCheck.ARRAY_FORMULAS + 1);
    assertEquals("not a readable XLSX file: it has more than 1,000 array formulas, more than an import reads: save it as CSV UTF-8",
        unreadable(cells("<c r=\"A2\" t=\"inlineStr\"><is><t>School</t></is></c>" + arrays)));
    // the most Excel writes in a cell is read: 32,767 characters, and its formula besides
    assertEquals("a".repeat(32_767), read(cells("<c r=\"A2\" t=\"inlineStr\"><is><t>" + "a".repeat(32_767) + "</t></is></c>")).get(1).get(0));
    assertEquals("b".repeat(32_767), read(cells("<c r=\"A2\" t=\"str\"><f>REPT(\"b\",32767)&amp;\"" + "\"&amp;\"".repeat(1_000)
        + "\"</f><v>" + "b".repeat(32_767) + "</v></c>")).get(1).get(0));
  }

  @Test
  void noEntityIsExpandedAndNoExternalOneFetched() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      fetched.incrementAndGet();
      byte[] body = "<!ENTITY leak \"FETCHED\">".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x.dtd";
      String file = secret.toUri().toString();
      for (String part : List.of(STRINGS, SHEET)) {
        String root = part.equals(STRINGS) ? "sst" : "worksheet";
        String[] doctypes = {
            "<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + file + "\">]>",
            "<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + url + "\">]>",
            "<!DOCTYPE " + root + " SYSTEM \"" + url + "\">",
            "<!DOCTYPE " + root + " [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>",
            "<!DOCTYPE " + root + " [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY xxe \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"};
        for (String doctype : doctypes) {
          byte[] xlsx = with(part, xml -> {
            String declared = xml.replaceFirst("<" + root + "\\b", java.util.regex.Matcher.quoteReplacement(doctype) + "<" + root);
            return part.equals(STRINGS) ? declared.replace(">School<", ">&xxe;<")
                : declared.replace("<c r=\"A2\" t=\"s\"><v>2</v></c>", "<c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>");
          });
          String why;
          try {
            why = String.valueOf(read(xlsx));
          } catch (IOException refused) {
            why = refused.getMessage();
            // found in the header's shared strings or in the second row
            assertEquals("not a readable XLSX file (after row 1): it uses an XML entity (&xxe;), which no spreadsheet program writes", why, doctype);
          }
          assertFalse(why.contains("TOP-SECRET") || why.contains("FETCHED") || why.contains("aaaaaaaaaa"), why);
        }
      }
      assertEquals(0, fetched.get(), "nothing fetched");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theTemporaryCopyIsDeletedWhetherTheFileIsReadOrRefused() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before = copies(tmp);
    read(zip(workbook()));
    unreadable(number("1".repeat(200)));
    unreadable("not a zip".getBytes(StandardCharsets.UTF_8));
    unreadable(cells("<c r=\"A2\" t=\"b\"><v>2</v></c>")); // refused after the first row, then closed
    assertEquals(before, copies(tmp));
  }

  private static long copies(Path tmp) throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("aspnet-xlsx-")).count();
    }
  }
}
