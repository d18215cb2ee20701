package org.unesco.aspnet.export.xlsx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * number with the 15 significant digits Excel shows, a number formatted with leading zeros (a
 * national school id such as {@code 0334986}) with them, a boolean as {@code true}/{@code false}.
 */
@Component
@ExportFormat("xlsx")
public final class XlsxReader implements TableReader {
  /** Excel's built-in date and date-time formats (ids 14-22, 45-47 are dates, times or both). */
  private static final Pattern BUILT_IN_DATE = Pattern.compile("1[4-9]|2[0-2]|4[5-7]");
  /** A format whose letters (outside quotes, brackets and escapes) include a day, month or year. */
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.|_.|\\*.");
  private static final Pattern ZERO_PADDED = Pattern.compile("0+");
  /** Excel shows (and keeps exact) 15 significant digits. */
  private static final MathContext SHOWN_DIGITS = new MathContext(15);

  @Override
  public List<String> mediaTypes() {
    return List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Override
  public Rows open(InputStream in) throws IOException {
    // the cell formats are what tells a date from a number
    ReadableWorkbook wb = new ReadableWorkbook(in, new ReadingOptions(true, false));
    Stream<Row> stream = wb.getFirstSheet().openStream();
    Iterator<Row> it = stream.iterator();
    boolean date1904 = wb.isDate1904();
    return new Rows() {
      private int line;

      @Override
      public List<String> next() {
        if (!it.hasNext()) {
          return null;
        }
        Row row = it.next();
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
        stream.close();
        wb.close();
      }
    };
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
    try {
      number = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      return raw;
    }
    if (isDate(c.getDataFormatId(), c.getDataFormatString())) {
      return date(number, date1904);
    }
    String format = c.getDataFormatString();
    if (format != null && ZERO_PADDED.matcher(format).matches() && number.signum() >= 0 && number.scale() <= 0) {
      String digits = number.toBigInteger().toString();
      return "0".repeat(Math.max(0, format.length() - digits.length())) + digits;
    }
    // 48.856600000000002 is stored for what Excel shows as 48.8566
    return number.round(SHOWN_DIGITS)
        .stripTrailingZeros().toPlainString();
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
