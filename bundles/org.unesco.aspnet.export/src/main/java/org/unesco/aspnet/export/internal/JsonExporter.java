package org.unesco.aspnet.export.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.web.Json;

/** A JSON array of objects, one per row, members named by column key; written as it streams. */
@Component
@ExportFormat("json")
public final class JsonExporter implements Exporter {

  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public String extension() {
    return "json";
  }

  @Override
  public String description() {
    return "JSON: one array of objects";
  }

  @Override
  public RowWriter open(Sheet sheet, OutputStream out) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.writeStartArray();
    return new ObjectRows(g, sheet.columns(), false) {
      @Override
      public void close() throws IOException {
        g.writeEndArray();
        g.flush();
      }
    };
  }

  /** Writes each row as one JSON object; shared with NDJSON. */
  abstract static class ObjectRows implements RowWriter {
    private final JsonGenerator g;
    private final String[] keys;
    private final boolean lines;

    ObjectRows(JsonGenerator g, List<Column> columns, boolean lines) {
      this.g = g;
      this.keys = columns.stream().map(Column::key).toArray(String[]::new);
      this.lines = lines;
    }

    @Override
    public void row(Object[] values) throws IOException {
      g.writeStartObject();
      for (int i = 0; i < keys.length; i++) {
        g.writeFieldName(keys[i]);
        value(g, values[i]);
      }
      g.writeEndObject();
      if (lines) {
        g.writeRaw('\n');
      }
    }

    static void value(JsonGenerator g, Object v) throws IOException {
      if (v == null) {
        g.writeNull();
      } else if (v instanceof String s) {
        g.writeString(s);
      } else if (v instanceof Integer n) {
        g.writeNumber(n);
      } else if (v instanceof Long n) {
        g.writeNumber(n);
      } else if (v instanceof Double d) {
        g.writeNumber(d);
      } else if (v instanceof List<?> list) {
        g.writeStartArray();
        for (Object o : list) {
          value(g, o);
        }
        g.writeEndArray();
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else {
        g.writeString(Cells.text(v));
      }
    }
  }
}
