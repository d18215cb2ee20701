package org.unesco.aspnet.export.geojson.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.Column;
import org.unesco.aspnet.export.Column.Type;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.export.Sheet;
import org.unesco.aspnet.web.Json;

/** GeoJSON writes the datasets with coordinates, and only those: the others do not list it. */
class GeoJsonExporterTest {
  private static final List<Column> SCHOOLS = List.of(new Column("id", "ID", Type.INTEGER), Column.text("name", "Name"),
      new Column("latitude", "Latitude", Type.DECIMAL), new Column("longitude", "Longitude", Type.DECIMAL),
      Column.text("status", "Status"));
  private static final List<Column> MEMBERSHIPS = List.of(new Column("membershipId", "Membership ID", Type.INTEGER),
      Column.text("country", "Country"), Column.text("status", "Status"));

  private final GeoJsonExporter geojson = new GeoJsonExporter();

  @Test
  void writesOnlyDatasetsWithLatitudeAndLongitude() {
    assertTrue(geojson.writes(new Sheet("schools", SCHOOLS, Map.of())));
    assertFalse(geojson.writes(new Sheet("memberships", MEMBERSHIPS, Map.of())));
    assertFalse(geojson.writes(new Sheet("participations", List.of(), Map.of())), "a dataset that declares no columns");
    assertFalse(geojson.writes(new Sheet("half", List.of(new Column("latitude", "Latitude", Type.DECIMAL)), Map.of())));
  }

  @Test
  void openedWithoutCoordinatesItIsStillA400() {
    ProblemException p = assertThrows(ProblemException.class,
        () -> geojson.open(new Sheet("memberships", MEMBERSHIPS, Map.of()), new ByteArrayOutputStream()));
    assertEquals(400, p.status());
    assertEquals("format", p.errors().get(0).field());
  }

  @Test
  void memberSchoolsWithCoordinatesArePoints() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriter w = geojson.open(new Sheet("schools", SCHOOLS, Map.of()), out);
    w.row(new Object[] {1, "Lycée Hugo", 45.75, 4.85, "MEMBER"});
    w.row(new Object[] {2, "Candidate", 48.85, 2.35, "APPLIED"});
    w.row(new Object[] {3, "Nowhere", null, null, "MEMBER"});
    w.close();
    JsonNode features = Json.MAPPER.readTree(out.toByteArray()).path("features");
    assertEquals(1, features.size());
    assertEquals("[4.85,45.75]", features.get(0).path("geometry").path("coordinates").toString(), "longitude first");
    assertEquals("Lycée Hugo", features.get(0).path("properties").path("name").asText());
  }
}
