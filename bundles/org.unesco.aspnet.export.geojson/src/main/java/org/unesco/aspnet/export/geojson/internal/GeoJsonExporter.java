package org.unesco.aspnet.export.geojson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.web.Json;

/**
 * GeoJSON (RFC 7946): a FeatureCollection of points, one per row with coordinates, the other
 * columns as properties. When the dataset has a {@code status} column only MEMBER rows become
 * points: the map shows the network, not the candidates. It writes only datasets with {@code
 * latitude} and {@code longitude} columns ({@link #writes}): the others do not list it, and get a
 * 400 when asked.
 */
@Component
@ExportFormat("geojson")
public final class GeoJsonExporter implements Exporter {

  @Override
  public String mediaType() {
    return "application/geo+json";
  }

  @Override
  public String extension() {
    return "geojson";
  }

  @Override
  public String description() {
    return "GeoJSON: member schools as points (datasets with latitude and longitude)";
  }

  /** Points need coordinates: only datasets with {@code latitude} and {@code longitude} columns. */
  @Override
  public boolean writes(Sheet sheet) {
    return sheet.indexOf("latitude") >= 0 && sheet.indexOf("longitude") >= 0;
  }

  @Override
  public RowWriter open(Sheet sheet, OutputStream out) throws IOException {
    if (!writes(sheet)) { // the platform asks writes() first; this guards a direct call
      throw ProblemException.validation("format", "geojson needs a dataset with latitude and longitude, such as schools");
    }
    int lat = sheet.indexOf("latitude");
    int lon = sheet.indexOf("longitude");
    int status = sheet.indexOf("status");
    List<Column> columns = sheet.columns();
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.writeStartObject();
    g.writeStringField("type", "FeatureCollection");
    g.writeArrayFieldStart("features");
    return new RowWriter() {
      @Override
      public void row(Object[] v) throws IOException {
        if (!(v[lat] instanceof Double y) || !(v[lon] instanceof Double x)) {
          return;
        }
        if (status >= 0 && !"MEMBER".equals(v[status])) {
          return;
        }
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Point");
        g.writeArrayFieldStart("coordinates");
        g.writeNumber(x); // GeoJSON order: longitude, latitude
        g.writeNumber(y);
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        for (int i = 0; i < v.length; i++) {
          if (i == lat || i == lon) {
            continue;
          }
          g.writeFieldName(columns.get(i).key());
          value(g, v[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
      }

      @Override
      public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
      }
    };
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        value(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }
}
