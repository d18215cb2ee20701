package org.unesco.aspnet.export.xlsx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.TableReader;

/** The first sheet of an XLSX file, row by row, each cell as its text (numbers as written). */
@Component
@ExportFormat("xlsx")
public final class XlsxReader implements TableReader {

  @Override
  public List<String> mediaTypes() {
    return List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  @Override
  public Rows open(InputStream in) throws IOException {
    ReadableWorkbook wb = new ReadableWorkbook(in);
    Stream<Row> stream = wb.getFirstSheet().openStream();
    Iterator<Row> it = stream.iterator();
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
          Cell c = row.getCell(i);
          String text = c == null ? null : c.getText();
          cells.add(text == null ? "" : text);
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
}
