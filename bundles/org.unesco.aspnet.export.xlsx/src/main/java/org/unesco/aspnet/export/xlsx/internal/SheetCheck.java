package org.unesco.aspnet.export.xlsx.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Looks over an XLSX file before fastexcel reads it, for what no spreadsheet program writes and
 * fastexcel would turn into memory or time, which a file of a few kilobytes can ask for (its XML
 * is compressed): a cell beyond Excel's grid (fastexcel pads its row with an empty cell for every
 * column before it, and {@code FXSHRXW2} is column two billion), more cells in a row than the grid
 * has columns, a cell of more text than a cell holds (fastexcel joins its runs into one string),
 * a number of more characters than Excel writes (parsed as a BigDecimal, in time quadratic in its
 * length), more shared strings, cell formats, relationships or shared formulas than an import
 * needs (fastexcel keeps them all), more array formulas than it can look through for every cell.
 * And a text cell ({@code t="s"}) that names a shared text the file does not have: fastexcel
 * reads one past the end of the shared texts (or any, in a workbook without them) as an empty
 * cell, which an import would take for an empty value and clear what the school had.
 * Every part is looked at, since the workbook's relationships may name any part its sheet. A part
 * that is not XML, or XML that breaks, is left to fastexcel: it reads with the same parser and
 * settings (aalto, no DTD, no external entity), so it stops where this look stops.
 */
final class SheetCheck {
  /** Excel's grid: columns A to XFD, rows 1 to 1,048,576. */
  static final int COLUMNS = 16_384;
  static final int ROWS = 1_048_576;
  /** Excel's limits for the text of a cell and for its formula. */
  static final int CELL_CHARS = 32_767;
  static final int FORMULA_CHARS = 8_192;
  /** Excel writes a number in at most 24 characters ({@code -2.2250738585072014E-308}). */
  static final int NUMBER_CHARS = 100;
  /** The shared strings fastexcel keeps: far more than the texts of 100,000 schools. */
  static final int SHARED_STRINGS = 2_000_000;
  static final long SHARED_CHARS = 50_000_000;
  /** Cell formats, number formats, relationships, sheets and shared formulas fastexcel keeps (Excel: 64,000 formats). */
  static final int DEFINITIONS = 200_000;
  /** Formulas over a range of cells, which fastexcel looks through for every number cell. */
  static final int ARRAY_FORMULAS = 1_000;
  private static final Set<String> DEFINED = Set.of("xf", "numFmt", "Relationship", "sheet");
  /**
   * No tag or text between tags of a spreadsheet's XML comes near this (a cell's 32,767 characters
   * written as character references are 330 kB); the XML parser holds one whole.
   */
  static final int TOKEN_BYTES = 1 << 20;
  private static final Pattern REFERENCE = Pattern.compile("\\$?([A-Za-z]+)\\$?([0-9]+)");

  private static final XMLInputFactory XML = xml();

  private SheetCheck() {}

  /** fastexcel's own settings (its DefaultXMLInputFactory): no DTD, hence no entity but XML's five. */
  private static XMLInputFactory xml() {
    XMLInputFactory f = new com.fasterxml.aalto.stax.InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    return f;
  }

  /**
   * Thrown for a file beyond what a spreadsheet holds; its message says what, in plain words, in
   * English, and {@link #in} in the importer's language.
   */
  static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;
    /** The message in a language (null: English). */
    private final transient java.util.function.Function<String, String> words;

    Unreadable(java.util.function.Function<String, String> words) {
      super(words.apply(null));
      this.words = words;
    }

    /** A message of {@link XlsxMessages}. */
    Unreadable(String key, Object... arguments) {
      this(language -> XlsxMessages.get(language, key, arguments));
    }

    /** The message in {@code language} (a code such as fr; null for English). */
    String in(String language) {
      return words == null ? getMessage() : words.apply(language);
    }
  }

  /**
   * @throws Unreadable naming what goes beyond a spreadsheet's limits
   * @throws IOException when it is not a ZIP archive (fastexcel would say the same)
   */
  static void check(Path xlsx) throws IOException {
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      long[] inflated = {0};
      List<ZipArchiveEntry> parts = new ArrayList<>();
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (!entry.isDirectory()) {
          parts.add(entry);
        }
      }
      // the content types name the shared texts, which are counted before the cells that name them
      SharedTexts texts = new SharedTexts();
      ZipArchiveEntry types = named(parts, "[Content_Types].xml");
      if (types != null) {
        parts.remove(types);
        part(zip, types, inflated, texts);
      }
      ZipArchiveEntry strings = texts.part == null ? null : named(parts, texts.part);
      if (strings != null) {
        parts.remove(strings);
        int counted = part(zip, strings, inflated, texts);
        // one that is not XML, or breaks, fastexcel refuses when it reads that far
        texts.count = counted < 0 ? Integer.MAX_VALUE : counted;
      } else {
        texts.count = 0;
      }
      for (ZipArchiveEntry entry : parts) {
        part(zip, entry, inflated, texts);
      }
    }
  }

  private static int part(ZipFile zip, ZipArchiveEntry entry, long[] inflated, SharedTexts texts) throws IOException {
    try (InputStream in = new Tokens(zip.getInputStream(entry), inflated)) {
      return part(in, texts);
    }
  }

  /** The part of that name, in any case, as fastexcel finds it. */
  private static ZipArchiveEntry named(List<ZipArchiveEntry> parts, String name) {
    return parts.stream().filter(e -> e.getName().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /**
   * The shared texts of the workbook, which its text cells ({@code t="s"}) name by number, from 0.
   * fastexcel finds them as the part that {@code [Content_Types].xml} gives their content type, its
   * name in any case; without one, it has none. It reads a text past them as an empty cell.
   */
  private static final class SharedTexts {
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    /** The part {@code [Content_Types].xml} names, without its leading slash. */
    String part;
    /** How many there are, once counted (until then, no cell is refused for it). */
    int count = Integer.MAX_VALUE;

    void named(String cell, int index) throws Unreadable {
      if (index >= count) {
        int has = count;
        throw new Unreadable(language -> XlsxMessages.get(language, has == 0 ? "sharedNone" : "sharedBeyond",
            where(cell, language), index + 1L, has));
      }
    }
  }

  /** A cell by its reference, as a spreadsheet shows it ("cell I2"), or "a cell" without one, in {@code language}. */
  private static String where(String cell, String language) {
    return cell != null ? XlsxMessages.get(language, "cell", shown(cell)) : XlsxMessages.get(language, "aCell");
  }

  /**
   * Whether the workbook names a styles part (the cell formats): optional in the format, and a
   * workbook written by a program other than a spreadsheet's may have none. Called after {@link
   * #check}, so the relationships part is known to be small.
   */
  static boolean hasStyles(Path xlsx) throws IOException {
    // (a relationship's Type in double or single quotes, as XML allows either)
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (!entry.isDirectory() && entry.getName().endsWith("workbook.xml.rels")) {
          try (InputStream in = zip.getInputStream(entry)) {
            if (STYLES.matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).find()) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private static final Pattern STYLES = Pattern.compile("/relationships/styles[\"']");

  /** The shared texts ({@code si}) the part holds; -1 when it is not XML, or breaks. */
  private static int part(InputStream in, SharedTexts texts) throws IOException {
    XMLStreamReader r;
    try {
      r = XML.createXMLStreamReader(in);
    } catch (XMLStreamException notXml) {
      return -1;
    }
    try {
      int rows = 0;
      int cells = 0;
      int sharedStrings = 0;
      long sharedChars = 0;
      int definitions = 0;
      int arrays = 0;
      // Text is counted by cell (its value or inline string runs; its formula apart) and by shared
      // string (its runs): fastexcel joins runs into one string. Elsewhere by element.
      String container = null; // "c" or "si" while inside one
      String cell = null; // the reference of the cell being read, when it has one
      boolean number = false; // whether that cell holds a number (no t, or t="n")
      boolean value = false; // inside its <v>
      boolean formula = false; // inside its <f>
      int text = 0;
      int formulaText = 0;
      int digits = 0;
      String root = null;
      boolean shared = false; // whether the cell being read names a shared text (t="s")
      StringBuilder index = new StringBuilder(); // the number in its <v>, that shared text's
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            String name = r.getLocalName();
            if (root == null) {
              root = name;
            }
            switch (name) {
              case "row" -> {
                cells = 0;
                if (++rows > ROWS) {
                  throw new Unreadable("rows", ROWS);
                }
                row(r.getAttributeValue(null, "r"));
              }
              case "c" -> {
                if (++cells > COLUMNS) {
                  throw new Unreadable("columns", COLUMNS);
                }
                cell = r.getAttributeValue(null, "r");
                if (cell != null) {
                  reference(cell);
                }
                String type = r.getAttributeValue(null, "t");
                number = type == null || type.equals("n");
                shared = "s".equals(type);
              }
              case "v" -> {
                value = true;
                digits = 0;
                index.setLength(0);
              }
              case "Override" -> {
                if ("Types".equals(root) && texts.part == null
                    && SharedTexts.CONTENT_TYPE.equals(r.getAttributeValue(null, "ContentType"))) {
                  String named = String.valueOf(r.getAttributeValue(null, "PartName"));
                  texts.part = named.startsWith("/") ? named.substring(1) : named;
                }
              }
              case "f" -> {
                formula = true;
                // a shared or array formula spans a range (ref="A1:C9"), which the reader visits cell by cell
                if (r.getAttributeValue(null, "ref") != null) {
                  definitions = definition(definitions);
                  if ("array".equals(r.getAttributeValue(null, "t")) && ++arrays > ARRAY_FORMULAS) {
                    throw new Unreadable("arrays", ARRAY_FORMULAS);
                  }
                }
              }
              case "si" -> {
                if (++sharedStrings > SHARED_STRINGS) {
                  throw new Unreadable("texts", SHARED_STRINGS);
                }
              }
              default -> {
                if (DEFINED.contains(name)) {
                  definitions = definition(definitions);
                }
              }
            }
            if (name.equals("c") || name.equals("si")) {
              container = name;
              text = 0;
              formulaText = 0;
            } else if (container == null) {
              text = 0;
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            int length = r.getTextLength(); // at most TOKEN_BYTES
            String at = cell;
            if (formula && (formulaText += length) > FORMULA_CHARS) {
              throw new Unreadable(language -> XlsxMessages.get(language, "formula", where(at, language), FORMULA_CHARS));
            }
            if (!formula && (text += length) > CELL_CHARS) {
              throw new Unreadable(language -> XlsxMessages.get(language, "cellChars", where(at, language), CELL_CHARS));
            }
            if (value && number && (digits += length) > NUMBER_CHARS) {
              throw new Unreadable(language -> XlsxMessages.get(language, "numberChars", where(at, language), NUMBER_CHARS));
            }
            if (value && shared && index.length() <= NUMBER_CHARS) {
              index.append(r.getTextCharacters(), r.getTextStart(), Math.min(length, NUMBER_CHARS + 1 - index.length()));
            }
            if ("si".equals(container) && (sharedChars += length) > SHARED_CHARS) {
              throw new Unreadable("textChars", SHARED_CHARS);
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            String name = r.getLocalName();
            if (name.equals("v")) {
              value = false;
              if (shared && "c".equals(container) && !index.isEmpty()) {
                sharedText(cell, index.toString(), texts);
              }
            } else if (name.equals("f")) {
              formula = false;
            } else if (name.equals(container)) {
              container = null;
              cell = null;
              number = false;
              shared = false;
            }
            if (container == null) {
              text = 0;
            }
          }
          default -> {
            // comments, processing instructions, the DOCTYPE aalto skips: nothing to count
          }
        }
      }
      return sharedStrings;
    } catch (XMLStreamException | RuntimeException broken) {
      // aalto wraps what Tokens throws (unchecked where StAX declares nothing, getTextLength)
      for (Throwable t = broken; t != null; t = t.getCause()) {
        if (t instanceof Unreadable u) {
          throw u;
        }
      }
      // not XML, or broken XML: fastexcel says so if it reads this part
      return -1;
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing held
      }
    }
  }

  /**
   * A text cell's value is the number of its shared text, counted from 0 as fastexcel reads it
   * ({@link Integer#parseInt}); one that is none (-1, {@code abc}) is refused here, naming the
   * cell, and one past the shared texts ({@link SharedTexts#named}).
   */
  private static void sharedText(String cell, String value, SharedTexts texts) throws Unreadable {
    int index;
    try {
      index = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index < 0) {
      throw new Unreadable(language -> XlsxMessages.get(language, "sharedNotNumber", where(cell, language), shown(value)));
    }
    texts.named(cell, index);
  }

  private static String shown(String ref) {
    return ref.length() > 30 ? ref.substring(0, 30) + "..." : ref;
  }

  private static void row(String number) throws Unreadable {
    if (number != null && number.matches("[0-9]+") && (number.length() > 7 || Integer.parseInt(number) > ROWS)) {
      throw new Unreadable("rowBeyond", shown(number), ROWS);
    }
  }

  private static void reference(String ref) throws Unreadable {
    Matcher m = REFERENCE.matcher(ref);
    if (!m.matches()) {
      return; // fastexcel refuses it
    }
    String letters = m.group(1);
    String digits = m.group(2);
    int column = 0;
    for (int i = 0; i < letters.length() && column <= COLUMNS; i++) {
      column = column * 26 + (Character.toUpperCase(letters.charAt(i)) - 'A' + 1);
    }
    if (column > COLUMNS || digits.length() > 7 || Integer.parseInt(digits) > ROWS) {
      throw new Unreadable("cellBeyond", shown(ref), ROWS);
    }
  }

  /**
   * The bytes of a part, refused once a tag or a text between tags runs longer than {@link
   * #TOKEN_BYTES}: the parser would hold it whole before anything here could count it.
   */
  /** One more cell format, relationship or shared formula than {@code counted}: refused past {@link #DEFINITIONS}. */
  private static int definition(int counted) throws Unreadable {
    if (counted + 1 > DEFINITIONS) {
      throw new Unreadable("definitions", DEFINITIONS);
    }
    return counted + 1;
  }

  /**
   * The XML of all the parts together, inflated: a full sheet of a million rows is well under it,
   * while a few hundred megabytes of zip can inflate a thousand times (each open reads it all).
   */
  static final long INFLATED_BYTES = 4L << 30;

  private static final class Tokens extends FilterInputStream {
    private int run;
    private final long[] inflated;

    /** {@code inflated}: the bytes read so far from every part of the file, shared by them. */
    Tokens(InputStream in, long[] inflated) {
      super(in);
      this.inflated = inflated;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        if (++inflated[0] > INFLATED_BYTES) {
          throw new Unreadable("inflates", INFLATED_BYTES >> 30);
        }
        count((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0 && (inflated[0] += n) > INFLATED_BYTES) {
        throw new Unreadable("inflates", INFLATED_BYTES >> 30);
      }
      for (int i = 0; i < n; i++) {
        count(buffer[offset + i]);
      }
      return n;
    }

    private void count(byte b) throws Unreadable {
      if (b == '<' || b == '>') {
        run = 0;
      } else if (++run > TOKEN_BYTES) {
        throw new Unreadable("token", TOKEN_BYTES >> 20);
      }
    }
  }
}
