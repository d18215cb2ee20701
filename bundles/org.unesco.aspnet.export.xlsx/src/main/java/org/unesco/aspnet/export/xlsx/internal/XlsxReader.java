package org.unesco.aspnet.export.xlsx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.TableReader;

/**
 * The first sheet of an XLSX file, row by row, each cell as the text a person sees in the
 * spreadsheet: a date cell as an ISO date ({@code 2026-09-01}) rather than Excel's day number, a
 * number with the 15 significant digits Excel shows (in scientific notation beyond 20 digits), a
 * number formatted with leading zeros (a national school id such as {@code 0334986}) with them, a
 * boolean as {@code true}/{@code false}. A file that is not an XLSX file, is broken, or goes beyond
 * a spreadsheet's limits ({@link SheetCheck}) is an {@link IOException} saying so in plain words,
 * in the importer's language when the import names it ({@link XlsxMessages}).
 */
@Component
@ExportFormat("xlsx")
public final class XlsxReader implements TableReader {
  /** Excel's built-in date and date-time formats (ids 14-22, 45-47 are dates, times or both). */
  private static final Pattern BUILT_IN_DATE = Pattern.compile("1[4-9]|2[0-2]|4[5-7]");
  /** A format whose letters (outside quotes, brackets and escapes) include a day, month or year. */
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.|_.|\\*.");
  /** A format of zeros only: Excel's format codes have at most 255 characters. */
  private static final Pattern ZERO_PADDED = Pattern.compile("0{1,255}");
  /** Excel shows (and keeps exact) 15 significant digits. */
  private static final MathContext SHOWN_DIGITS = new MathContext(15);
  /**
   * A number is written out in full while its first digit is at most this many places from the
   * decimal point (from 0.00000000000000000001 to 21 digits), beyond in scientific notation
   * ({@code 1E+21}), as Excel shows a large number.
   */
  static final int PLAIN_DIGITS = 20;
  /** Excel's dates end with 9999-12-31, day 2,958,465: a larger number in a date cell is shown as a number. */
  private static final BigDecimal DATES_END = BigDecimal.valueOf(2_958_466);

  @Override
  public List<String> mediaTypes() {
    return List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Override
  public Rows open(InputStream in) throws IOException {
    return open(in, null);
  }

  @Override
  public Rows open(InputStream in, String language) throws IOException {
    // On disk, not in memory as fastexcel would hold a stream, and looked over before it is read
    Path copy = Files.createTempFile("aspnet-xlsx-", ".xlsx");
    try {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(copy);
      // the upload's copy or the temporary folder: the platform's fault, not the file's
      throw e instanceof FileSystemException ? e : new FileSystemException(copy.toString(), null, e.toString());
    }
    ReadableWorkbook wb = null;
    try {
      SheetCheck.check(copy);
      // the cell formats are what tells a date from a number; a workbook without them has none
      wb = new ReadableWorkbook(copy.toFile(), new ReadingOptions(SheetCheck.hasStyles(copy), false));
      Stream<Row> stream = wb.getFirstSheet().openStream();
      return rows(wb, stream, copy, language);
    } catch (IOException | RuntimeException e) {
      closeQuietly(wb);
      Files.deleteIfExists(copy);
      throw unreadable(e, 0, language);
    }
  }

  private static Rows rows(ReadableWorkbook wb, Stream<Row> stream, Path copy, String language) {
    Iterator<Row> it = stream.iterator();
    boolean date1904 = wb.isDate1904();
    return new Rows() {
      private int line;

      @Override
      public List<String> next() throws IOException {
        Row row;
        try {
          if (!it.hasNext()) {
            return null;
          }
          row = it.next();
        } catch (RuntimeException e) {
          throw unreadable(e, line, language);
        }
        line = row.getRowNum();
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.add(text(row.getCell(i), date1904));
        }
        return cells;
      }

      @Override
      public int line() {
        return line;
      }

      @Override
      public void close() throws IOException {
        try {
          stream.close();
          wb.close();
        } catch (RuntimeException e) {
          // fastexcel closes its parts through an unchecked wrapper
          throw e.getCause() instanceof IOException io ? io : new IOException(e);
        } finally {
          Files.deleteIfExists(copy);
        }
      }
    };
  }

  private static void closeQuietly(ReadableWorkbook wb) {
    if (wb != null) {
      try {
        wb.close();
      } catch (IOException | RuntimeException ignored) {
        // refused anyway
      }
    }
  }

  /**
   * Why the file cannot be read, in words its sender can act on: a file that is not an XLSX file,
   * or a part missing, broken, or beyond a spreadsheet's limits (see {@link SheetCheck}), as
   * fastexcel (or this reader) found it; {@code after}: the last row read, 0 before the first;
   * {@code language}: the importer's (a code such as fr; null for English).
   */
  static IOException unreadable(Exception e, int after, String language) {
    String why;
    if (e instanceof SheetCheck.Unreadable u) {
      why = u.in(language);
    } else if (cause(e, java.util.zip.ZipException.class) != null) {
      why = XlsxMessages.get(language, "notZip");
    } else if (cause(e, javax.xml.stream.XMLStreamException.class) instanceof javax.xml.stream.XMLStreamException x) {
      // aalto's message, without the location line that follows it
      String message = firstLine(x.getMessage());
      Matcher entity = ENTITY.matcher(message);
      Matcher character = CHARACTER.matcher(message);
      why = entity.find() ? XlsxMessages.get(language, "entity", entity.group())
          : character.find() ? XlsxMessages.get(language, "character", character.group(1))
          : XlsxMessages.get(language, "notWellFormed", message); // the parser's words: they point at the fault
    } else if (e.getMessage() != null && e.getMessage().endsWith(" not found")) {
      // fastexcel's "/xl/worksheets/sheet1.xml not found": the part's name, said in our words
      String part = firstLine(e.getMessage()).replaceFirst("^/", "");
      why = part.endsWith(" not found")
          ? XlsxMessages.get(language, "partNotFound", part.substring(0, part.length() - " not found".length()))
          : XlsxMessages.get(language, "partMissing", part);
    } else if (e instanceof IndexOutOfBoundsException && after == 0) {
      why = XlsxMessages.get(language, "noSheet");
    } else {
      // fastexcel's own words name its parser's tokens (Unknown cell type : zz), not what to correct
      why = XlsxMessages.get(language, "cellOrRow");
    }
    return new IOException(after > 0 ? XlsxMessages.get(language, "unreadableAfter", why, String.valueOf(after))
        : XlsxMessages.get(language, "unreadable", why), e);
  }

  private static final Pattern ENTITY = Pattern.compile("&[^;\\s]{1,40};");
  private static final Pattern CHARACTER = Pattern.compile("[Ii]nvalid .*character.*\\((0x[0-9a-fA-F]+)\\)");

  private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  static String text(Cell c, boolean date1904) {
    if (c == null || c.getType() == CellType.EMPTY) {
      return "";
    }
    String raw = c.getRawValue();
    if (raw == null) {
      return "";
    }
    if (c.getType() == CellType.BOOLEAN) {
      return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "true" : "false";
    }
    boolean numeric = c.getType() == CellType.NUMBER
        || c.getType() == CellType.FORMULA && c.getValue() instanceof BigDecimal;
    if (!numeric) {
      return c.getText() == null ? raw : c.getText();
    }
    BigDecimal number;
    BigDecimal shown;
    long exponent;
    try {
      number = new BigDecimal(raw); // at most SheetCheck.NUMBER_CHARS characters
      // 48.856600000000002 is stored for what Excel shows as 48.8566
      shown = number.round(SHOWN_DIGITS).stripTrailingZeros();
      exponent = (long) shown.precision() - shown.scale() - 1; // 48.8566: 1; 0.001: -3; 1e999999999: 999999999
    } catch (NumberFormatException | ArithmeticException e) {
      return raw;
    }
    if (isDate(c.getDataFormatId(), c.getDataFormatString()) && number.signum() >= 0 && number.compareTo(DATES_END) < 0) {
      return date(number, date1904);
    }
    if (Math.abs(exponent) > PLAIN_DIGITS) {
      // as Excel shows it, 1E+21: never the billion digits of 1e999999999 written out, which no
      // count of students or coordinate needs (such a cell is an error of its column, as in CSV)
      return shown.toString();
    }
    String format = c.getDataFormatString();
    if (format != null && ZERO_PADDED.matcher(format).matches() && number.signum() >= 0 && number.scale() <= 0) {
      String digits = number.toBigInteger().toString();
      return "0".repeat(Math.max(0, format.length() - digits.length())) + digits;
    }
    return shown.toPlainString();
  }

  static boolean isDate(Integer id, String format) {
    if (id != null && BUILT_IN_DATE.matcher(id.toString()).matches()) {
      return true;
    }
    if (format == null || format.isEmpty() || "General".equalsIgnoreCase(format)) {
      return false;
    }
    String letters = QUOTED.matcher(format).replaceAll("").toLowerCase(java.util.Locale.ROOT);
    return letters.indexOf('y') >= 0 || letters.indexOf('d') >= 0
        || letters.indexOf('m') >= 0 && letters.indexOf('h') < 0 && letters.indexOf('s') < 0;
  }

  /** Excel's day number as ISO text: days since 1899-12-30, or since 1904-01-01 in old Mac workbooks. */
  static String date(BigDecimal serial, boolean date1904) {
    long days = serial.longValue();
    long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86_400))
        .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
    LocalDateTime t = (date1904 ? LocalDateTime.of(1904, 1, 1, 0, 0) : LocalDateTime.of(1899, 12, 30, 0, 0)).plusDays(days).plusSeconds(seconds);
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
  }
}
