package org.unesco.aspnet.export.xlsx.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.FormulaGuard;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;

/**
 * XLSX, streamed: fastexcel writes each block of rows to the response as it goes, with inline
 * strings (no shared-string table growing with the file). A sheet holds 1,048,576 rows; a larger
 * dataset continues on a second sheet. Numbers are numbers; dates and times are ISO-8601 text;
 * lists are joined with {@code ;}; text is guarded against formula injection.
 */
@Component
@ExportFormat("xlsx")
public final class XlsxExporter implements Exporter {
  static final int MAX_ROWS = 1_048_576;
  private static final int FLUSH_EVERY = 2_000;

  @Override
  public String mediaType() {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }

  @Override
  public String extension() {
    return "xlsx";
  }

  @Override
  public String description() {
    return "Excel workbook (XLSX)";
  }

  @Override
  public Set<String> options() {
    return Set.of();
  }

  @Override
  public RowWriter open(Sheet sheet, OutputStream out) throws IOException {
    // fastexcel closes the stream it finishes; the response stream is not ours to close.
    OutputStream keepOpen = new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
    Workbook wb = new Workbook(keepOpen, "ASPnet Platform", "1.0");
    wb.setCompressionLevel(1); // fast: the file is streamed, not archived
    List<Column> columns = sheet.columns();
    return new RowWriter() {
      private int sheets;
      private Worksheet ws = newSheet();
      private int r = 1;

      private Worksheet newSheet() {
        sheets++;
        Worksheet s = wb.newWorksheet(sheet.dataset() + (sheets == 1 ? "" : " " + sheets));
        for (int c = 0; c < columns.size(); c++) {
          s.inlineString(0, c, columns.get(c).key());
        }
        return s;
      }

      @Override
      public void row(Object[] v) throws IOException {
        if (r == MAX_ROWS) {
          ws.finish();
          ws = newSheet();
          r = 1;
        }
        for (int c = 0; c < v.length; c++) {
          Object value = v[c];
          if (value == null) {
            continue;
          }
          if (value instanceof Number n) {
            ws.value(r, c, n);
          } else if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder();
            for (Object o : list) {
              if (b.length() > 0) {
                b.append(';');
              }
              b.append(o);
            }
            ws.inlineString(r, c, FormulaGuard.guard(b.toString()));
          } else {
            ws.inlineString(r, c, FormulaGuard.guard(value.toString()));
          }
        }
        if (++r % FLUSH_EVERY == 0) {
          ws.flush();
        }
      }

      @Override
      public void close() throws IOException {
        wb.finish();
      }
    };
  }
}
