package org.unesco.aspnet.export.xlsx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.export.TableReader;

/** What the XLSX exporter writes, the XLSX reader reads back: scripts, numbers, guarded formulas. */
class XlsxRoundTripTest {
  @Test
  void writesAndReadsBack() throws Exception {
    Sheet sheet = new Sheet("schools", List.of(Column.text("name", "Name"), new Column("students", "Students", Column.Type.INTEGER),
        new Column("languages", "Languages", Column.Type.LIST), new Column("latitude", "Latitude", Column.Type.DECIMAL)), Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = new XlsxExporter().open(sheet, out)) {
      w.row(new Object[] {"مدرسة الأمل، \"القاهرة\"", 640, List.of("ar", "fr"), 30.0444});
      w.row(new Object[] {"=HYPERLINK(\"http://evil\")", null, List.of(), -12.5});
      w.row(new Object[] {"北京市第一中学\nГимназия", -3, null, null});
    }
    List<List<String>> rows = new ArrayList<>();
    try (TableReader.Rows r = new XlsxReader().open(new ByteArrayInputStream(out.toByteArray()))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    assertEquals(List.of("name", "students", "languages", "latitude"), rows.get(0));
    assertEquals(List.of("مدرسة الأمل، \"القاهرة\"", "640", "ar;fr", "30.0444"), rows.get(1));
    assertEquals("'=HYPERLINK(\"http://evil\")", rows.get(2).get(0));
    assertEquals("-12.5", rows.get(2).get(3));
    assertEquals("北京市第一中学\nГимназия", rows.get(3).get(0));
    assertEquals("-3", rows.get(3).get(1));
    assertEquals(4, rows.size());
  }
}
