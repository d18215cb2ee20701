package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.ExportDataset;
import org.unesco.aspnet.export.ExportFormat;
import org.unesco.aspnet.export.Exporter;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;

/**
 * Each dataset lists the formats that write it, as the formats say ({@link Exporter#writes}), and
 * a download in another format is a 400 before any row is read: no dead links, one check.
 */
class ExportsTest {

  /** A map format, like the GeoJSON plugin: only datasets with coordinates. */
  private static class Points implements Exporter {
    final List<String> opened = new ArrayList<>();

    @Override
    public String mediaType() {
      return "application/geo+json";
    }

    @Override
    public String extension() {
      return "points";
    }

    @Override
    public String description() {
      return "points (datasets with latitude and longitude)";
    }

    @Override
    public boolean writes(Sheet sheet) {
      return sheet.indexOf("latitude") >= 0 && sheet.indexOf("longitude") >= 0;
    }

    @Override
    public RowWriter open(Sheet sheet, OutputStream out) {
      opened.add(sheet.dataset());
      return new RowWriter() {
        @Override
        public void row(Object[] values) {
          // not needed here
        }

        @Override
        public void close() {
          // nothing buffered
        }
      };
    }
  }

  /**
   * A dataset that begins with {@code columns} and declares {@code declared}, or, as the projects
   * bundle's do, none (null).
   */
  private static final class Rows implements Dataset {
    final List<Column> columns;
    final List<Column> declared;
    int exported;

    Rows(List<Column> columns, List<Column> declared) {
      this.columns = columns;
      this.declared = declared;
    }

    Rows(List<Column> columns) {
      this(columns, null);
    }

    @Override
    public List<Column> columns() {
      return declared == null ? Dataset.super.columns() : declared;
    }

    @Override
    public String description() {
      return "rows";
    }

    @Override
    public Set<String> filters() {
      return Set.of("country");
    }

    @Override
    public void export(Principal actor, Map<String, String> filters, Output output) throws IOException {
      exported++;
      output.begin(columns).row(new Object[columns.size()]);
    }
  }

  private static final List<Column> WITH_COORDINATES = List.of(Column.text("name", "Name"),
      new Column("latitude", "Latitude", Column.Type.DECIMAL), new Column("longitude", "Longitude", Column.Type.DECIMAL));

  private final Points points = new Points();
  private final Exports exports = new Exports();

  ExportsTest() {
    exporter("csv", new CsvExporter());
    exporter("json", new JsonExporter());
    exporter("points", points);
    dataset("schools", new SchoolsDataset(null, null));
    dataset("memberships", new MembershipsDataset(null, null));
    dataset("annual-reports", new AnnualReportsDataset(null, null));
  }

  private void exporter(String key, Exporter e) {
    exports.addExporter(e, Map.of(ExportFormat.PROPERTY, key));
  }

  private void dataset(String key, Dataset d) {
    exports.addDataset(d, Map.of(ExportDataset.PROPERTY, key));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> listed(String dataset) {
    List<Map<String, Object>> datasets = (List<Map<String, Object>>) exports.catalogue().get("datasets");
    return datasets.stream().filter(d -> d.get("name").equals(dataset)).findFirst().orElseThrow();
  }

  private long export(String dataset, String format, ByteArrayOutputStream out) throws IOException {
    return exports.export(Principal.system(), dataset, format, Map.of(), (exporter, fileName) -> out);
  }

  @Test
  void eachDatasetListsOnlyTheFormatsThatWriteIt() {
    assertEquals(Set.of("csv", "json", "points"), listed("schools").get("formats"), "schools have coordinates");
    assertEquals(Set.of("csv", "json"), listed("memberships").get("formats"));
    assertEquals(Set.of("csv", "json"), listed("annual-reports").get("formats"));
    dataset("participations", new Rows(List.of(Column.text("campaign", "Campaign"))));
    assertEquals(Set.of("csv", "json"), listed("participations").get("formats"),
        "a dataset that declares no columns: the formats that write any dataset");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> formats = (List<Map<String, Object>>) exports.catalogue().get("formats");
    assertEquals(List.of("csv", "json", "points"), formats.stream().map(f -> f.get("name")).toList(),
        "the formats themselves are all listed");
  }

  @Test
  void aFormatThatDoesNotWriteTheDatasetIsA400BeforeAnyRowIsRead() throws IOException {
    Rows participations = new Rows(WITH_COORDINATES); // undeclared: its columns are not known before
    dataset("participations", participations);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProblemException p = assertThrows(ProblemException.class, () -> export("participations", "points", out));
    assertEquals(400, p.status());
    assertEquals("format", p.errors().get(0).field());
    assertEquals("points cannot write participations (points (datasets with latitude and longitude)); "
        + "participations comes as csv, json", p.errors().get(0).message());
    assertEquals(0, participations.exported, "the dataset is not read");
    assertTrue(points.opened.isEmpty());
    assertEquals(1, export("participations", "csv", out), "the same dataset in a format that writes it");
  }

  @Test
  void aDatasetThatBeginsWithoutTheColumnsItDeclaredIsA400BeforeTheFirstByte() {
    dataset("places", new Rows(List.of(Column.text("name", "Name")), WITH_COORDINATES));
    assertEquals(Set.of("csv", "json", "points"), listed("places").get("formats"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProblemException p = assertThrows(ProblemException.class, () -> export("places", "points", out));
    assertEquals(400, p.status());
    assertTrue(p.errors().get(0).message().endsWith("places comes as csv, json"), p.errors().toString());
    assertTrue(points.opened.isEmpty(), "never opened");
    assertEquals(0, out.size());
  }

  @Test
  void aDatasetWithCoordinatesIsWrittenByTheFormatThatNeedsThem() throws IOException {
    dataset("places", new Rows(WITH_COORDINATES, WITH_COORDINATES));
    assertEquals(1, export("places", "points", new ByteArrayOutputStream()));
    assertEquals(List.of("places"), points.opened);
  }

  @Test
  void aFormatThatFailsToSayWhatItWritesIsLeftOutOfTheListingAndFailsItsOwnDownloads() throws IOException {
    exporter("broken", new Points() {
      @Override
      public boolean writes(Sheet sheet) {
        throw new IllegalStateException("boom");
      }
    });
    assertEquals(Set.of("csv", "json", "points"), listed("schools").get("formats"));
    dataset("places", new Rows(WITH_COORDINATES));
    ProblemException p = assertThrows(ProblemException.class, () -> export("places", "broken", new ByteArrayOutputStream()));
    assertEquals(500, p.status());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(1, export("places", "csv", out), "other formats unaffected");
    assertFalse(out.toString(StandardCharsets.UTF_8).isEmpty());
  }
}
