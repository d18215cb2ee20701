package org.unesco.aspnet.export.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.FormulaGuard;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;

/**
 * RFC 4180 CSV in UTF-8: comma separated, CRLF line ends, a field in double quotes when it holds
 * a comma, a quote or a line break (quotes doubled), a header row of column keys. {@code ?bom=true}
 * (or a bare {@code ?bom}) starts the file with a byte order mark, which Excel needs to read UTF-8;
 * {@code ?bom=false} is the default, any other value a 400. Text cells are guarded
 * against formula injection ({@link FormulaGuard}); lists are joined with {@code ;}.
 */
@Component
@ExportFormat("csv")
public final class CsvExporter implements Exporter {

  @Override
  public String mediaType() {
    return "text/csv; charset=utf-8";
  }

  @Override
  public String extension() {
    return "csv";
  }

  @Override
  public String description() {
    return "CSV (RFC 4180, UTF-8; bom=true for Excel)";
  }

  @Override
  public Set<String> options() {
    return Set.of("bom");
  }

  @Override
  public RowWriter open(Sheet sheet, OutputStream out) throws IOException {
    boolean bom = flag(sheet, "bom");
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    if (bom) {
      w.write('\uFEFF');
    }
    List<Column> columns = sheet.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      field(w, columns.get(i).key());
    }
    w.write("\r\n");
    boolean[] text = new boolean[columns.size()];
    for (int i = 0; i < text.length; i++) {
      Column.Type t = columns.get(i).type();
      text[i] = t == Column.Type.TEXT || t == Column.Type.LIST;
    }
    return new RowWriter() {
      @Override
      public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          String s = Cells.text(values[i]);
          field(w, text[i] ? FormulaGuard.guard(s) : s);
        }
        w.write("\r\n");
      }

      @Override
      public void close() throws IOException {
        w.flush();
      }
    };
  }

  /**
   * A yes/no option: {@code true} or {@code false} in any case; empty (a bare {@code ?bom}) is
   * true, absent false; anything else is a 400 naming the option, before the first byte.
   */
  static boolean flag(Sheet sheet, String name) {
    String v = sheet.options().get(name);
    if (v == null) {
      return false;
    }
    String s = v.strip();
    if (s.isEmpty() || s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw ProblemException.validation(name, "must be true or false");
  }

  /** One field, quoted only when it must be. */
  static void field(Writer w, String s) throws IOException {
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      w.write(s);
      return;
    }
    w.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        w.write('"');
      }
      w.write(c);
    }
    w.write('"');
  }
}
