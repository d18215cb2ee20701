package org.unesco.aspnet.export.xlsx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.export.TableReader;

/** Cells typed by people in Excel come back as the text they see, not as Excel stores them. */
class XlsxReaderTest {
  @Test
  void readsCellsAsShown() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Workbook wb = new Workbook(out, "test", "1.0")) {
      Worksheet ws = wb.newWorksheet("schools");
      ws.value(0, 0, LocalDate.of(2026, 9, 1));
      ws.style(0, 0).format("dd/mm/yyyy").set();
      ws.value(0, 1, LocalDate.of(2025, 2, 28));
      ws.style(0, 1).format("d mmm yyyy").set();
      ws.value(0, 2, LocalDateTime.of(2026, 9, 1, 8, 30));
      ws.style(0, 2).format("yyyy-mm-dd hh:mm").set();
      ws.value(0, 3, 334986);
      ws.style(0, 3).format("0000000").set();
      ws.value(0, 4, new BigDecimal("48.856600000000002"));
      ws.value(0, 5, Boolean.TRUE);
      ws.value(0, 6, 640);
      ws.value(0, 7, 0.25);
      ws.style(0, 7).format("0%").set();
      ws.value(0, 8, 1234.5);
      ws.style(0, 8).format("#,##0.00").set();
      ws.formula(0, 9, "1+1");
      ws.value(0, 10, "0334986R");
    }
    List<List<String>> rows = new ArrayList<>();
    try (TableReader.Rows r = new XlsxReader().open(new ByteArrayInputStream(out.toByteArray()))) {
      for (List<String> row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    List<String> row = rows.get(0);
    assertEquals("2026-09-01", row.get(0));
    assertEquals("2025-02-28", row.get(1));
    assertEquals("2026-09-01T08:30", row.get(2));
    assertEquals("0334986", row.get(3));
    assertEquals("48.8566", row.get(4));
    assertEquals("true", row.get(5));
    assertEquals("640", row.get(6));
    assertEquals("0.25", row.get(7)); // a percentage is its value, not a date
    assertEquals("1234.5", row.get(8));
    assertEquals("0334986R", row.get(10));
  }

  @Test
  void tellsDateFormatsFromOthers() {
    assertTrue(XlsxReader.isDate(14, "m/d/yyyy"));
    assertTrue(XlsxReader.isDate(164, "dd.mm.yyyy"));
    assertTrue(XlsxReader.isDate(165, "[$-40C]d mmmm yyyy;@"));
    assertFalse(XlsxReader.isDate(0, "General"));
    assertFalse(XlsxReader.isDate(166, "#,##0.00\" days\""));
    assertFalse(XlsxReader.isDate(167, "[h]:mm:ss"));
    assertFalse(XlsxReader.isDate(168, "0.00%"));
    assertEquals("1904-01-02", XlsxReader.date(BigDecimal.ONE, true));
    assertEquals("2026-09-01", XlsxReader.date(new BigDecimal(46266), false));
    assertEquals("2026-09-01", XlsxReader.date(new BigDecimal(44804), true));
  }
}
