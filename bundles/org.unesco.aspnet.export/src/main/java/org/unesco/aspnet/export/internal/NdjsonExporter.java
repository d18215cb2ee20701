package org.unesco.aspnet.export.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.web.Json;

/** Newline-delimited JSON: one object per line, for pipelines that read line by line. */
@Component
@ExportFormat("ndjson")
public final class NdjsonExporter implements Exporter {

  @Override
  public String mediaType() {
    return "application/x-ndjson";
  }

  @Override
  public String extension() {
    return "ndjson";
  }

  @Override
  public String description() {
    return "NDJSON: one JSON object per line";
  }

  @Override
  public RowWriter open(Sheet sheet, OutputStream out) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.setPrettyPrinter(new MinimalPrettyPrinter(""));
    return new JsonExporter.ObjectRows(g, sheet.columns(), true) {
      @Override
      public void close() throws IOException {
        g.flush();
      }
    };
  }
}
