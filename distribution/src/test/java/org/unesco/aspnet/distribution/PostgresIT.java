package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installation on PostgreSQL instead of embedded Derby, as docs/configuration.md tells an
 * operator to set it up: the driver bundle dropped into plugins/, the persistence configuration
 * edited. Every bundle's migrations, the demo data, search through the word index, the membership
 * lifecycle, exports, imports and a restart then run against a real server.
 *
 * <p>Needs {@code ASPNET_TEST_POSTGRES}, a JDBC URL of a database where the user may create a
 * schema (e.g. {@code jdbc:postgresql://localhost:5432/aspnet?user=aspnet&password=aspnet});
 * {@code .ci/run} installs and starts PostgreSQL and sets it. Without it this class is skipped.
 */
class PostgresIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVER = System.getenv("ASPNET_TEST_POSTGRES");
  private static final String SCHEMA = "aspnet_it_" + ProcessHandle.current().pid();
  private static Installation platform;
  private static String hq;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(SERVER != null && !SERVER.isBlank(),
        "ASPNET_TEST_POSTGRES is not set: no PostgreSQL server to test against (.ci/run sets one up)");
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    platform = onPostgresql(new Installation(), SERVER, SCHEMA);
    platform.environment.put("ASPNET_DEMO", "true");
    platform.start();
    platform.awaitDemoData(Duration.ofSeconds(240));
    hq = platform.adminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    if (platform != null) {
      platform.close();
    }
    if (SERVER != null && !SERVER.isBlank()) {
      try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  @Test
  void theDemoNetworkLivesInPostgresqlAndOutlivesARestart() throws Exception {
    String log = platform.log();
    assertTrue(log.contains("Database open: jdbc:postgresql://"), "the platform runs on PostgreSQL");
    assertTrue(!log.contains(" ERROR "), "no error at start-up, the driver arriving from plugins/ included:\n" + log);
    for (String table : new String[] {"sec_account", "mem_school", "mem_school_word", "prj_submission"}) {
      assertEquals(1, count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + SCHEMA
          + "' AND table_name = '" + table + "'"), table + ": every bundle's migrations ran in the schema");
    }
    JsonNode stats = JSON.readTree(platform.get("/api/v1/stats").body());
    int members = stats.path("members").asInt();
    assertTrue(members > 100, "the demo's members: " + members);

    // search through the word index: a prefix of a word of the name or city, accents aside
    JsonNode found = JSON.readTree(platform.get("/api/v1/schools?country=FR&q=lyc&limit=50").body()).path("items");
    assertTrue(found.size() > 0);
    found.forEach(s -> assertTrue((" " + fold(s.path("name").asText()) + " " + fold(s.path("city").asText())).contains(" lyc"),
        s.toString()));

    platform.stop();
    platform.start();
    String after = platform.get("/api/v1/stats").body();
    assertEquals(members, JSON.readTree(after).path("members").asInt(), "kept over a restart: " + after + "\n" + platform.log());
  }

  @Test
  void aSchoolAppliesAndIsCertifiedThenExportedAndImportedAgain() throws Exception {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", "Escuela Gabriela Mistral de Prueba").put("country", "CL").put("city", "Valparaíso")
        .put("address", "Avenida Brasil 1").put("latitude", -33.04).put("longitude", -71.62)
        .put("students", 300).put("teachers", 20).put("email", "contacto@mistral-prueba.example.org");
    s.putArray("levels").add("PRIMARY");
    s.putArray("themes").add("ESD");
    s.putArray("languages").add("es");
    HttpResponse<String> applied = platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(s),
        "Content-Type", "application/json");
    assertEquals(201, applied.statusCode(), applied.body());
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    long school = JSON.readTree(applied.body()).path("schoolId").asLong();
    for (String to : new String[] {"UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "MEMBER"}) {
      HttpResponse<String> moved = platform.send("POST", "/api/v1/memberships/" + membership + "/transitions",
          "{\"to\":\"" + to + "\",\"comment\":\"checked\"}", "Content-Type", "application/json", "Authorization", "Bearer " + hq);
      assertEquals(200, moved.statusCode(), to + ": " + moved.body());
    }
    assertEquals(200, platform.get("/api/v1/schools/" + school).statusCode(), "a member: public now");
    assertEquals(1, JSON.readTree(platform.get("/api/v1/schools?country=CL&q=mistral%20valpa").body()).path("items").size());

    // the CSV export of Chile, then the same file as an import: every row unchanged
    HttpResponse<String> csv = platform.get("/api/v1/exports/schools.csv?country=CL", "Authorization", "Bearer " + hq);
    assertEquals(200, csv.statusCode());
    int rows = csv.body().strip().split("\r?\n").length - 1;
    assertTrue(rows >= 1 && csv.body().contains("Escuela Gabriela Mistral de Prueba"));
    JsonNode dry = importCsv("?dryRun=true", csv.body());
    assertEquals("DONE", dry.path("state").asText(), dry.toString());
    assertEquals(rows, dry.path("report").path("unchanged").asInt(), dry.toString());
    assertEquals(0, dry.path("report").path("duplicates").asInt(), dry.toString());
    // one cell corrected in the spreadsheet: that school is updated, in a PostgreSQL transaction
    JsonNode before = JSON.readTree(platform.get("/api/v1/schools/" + school).body());
    String[] lines = csv.body().split("\r?\n");
    StringBuilder corrected = new StringBuilder();
    int changed = 0;
    for (String line : lines) {
      if (line.contains("Escuela Gabriela Mistral de Prueba") && line.contains("," + before.path("students").asInt() + ",")) {
        line = line.replace("," + before.path("students").asInt() + ",", "," + (before.path("students").asInt() + 1) + ",");
        changed++;
      }
      corrected.append(line).append("\n");
    }
    assertEquals(1, changed, csv.body());
    JsonNode updated = importCsv("?dryRun=false", corrected.toString());
    assertEquals("DONE", updated.path("state").asText(), updated.toString());
    assertEquals(1, updated.path("report").path("updated").asInt(), updated.toString());
    assertEquals(before.path("students").asInt() + 1,
        JSON.readTree(platform.get("/api/v1/schools/" + school).body()).path("students").asInt());

    // a real import, all or nothing, in one PostgreSQL transaction
    String file = "name,country,city,address,levels,email\n"
        + "Escuela Nueva Uno,CL,Santiago,Calle 1,PRIMARY,uno@example.org\n"
        + "Escuela Nueva Dos,CL,Temuco,Calle 2,SECONDARY,dos@example.org\n";
    JsonNode refused = importCsv("?dryRun=false", file + "Escuela sin país,,Temuco,Calle 3,SECONDARY,tres@example.org\n");
    assertEquals(0, refused.path("report").path("written").asInt(), refused.toString());
    assertEquals(0, count("SELECT COUNT(*) FROM " + SCHEMA + ".MEM_SCHOOL WHERE NAME LIKE 'Escuela Nueva%'"), "nothing half-written");
    JsonNode written = importCsv("?dryRun=false", file);
    assertEquals(2, written.path("report").path("written").asInt(), written.toString());
    assertEquals(2, count("SELECT COUNT(*) FROM " + SCHEMA + ".MEM_SCHOOL WHERE NAME LIKE 'Escuela Nueva%'"));
    assertEquals(1, JSON.readTree(platform.get("/api/v1/schools?country=CL&q=nueva%20temu", "Authorization", "Bearer " + hq).body())
        .path("items").size(), "imported schools are in the word index");
  }

  private static JsonNode importCsv(String query, String csv) throws Exception {
    JsonNode job = platform.upload(query, csv.getBytes(StandardCharsets.UTF_8), "text/csv", hq);
    // a small file is done at once (200); a larger one answers 202 and is followed at its Location
    int status = job.path("httpStatus").asInt();
    assertTrue(status == 200 || status == 202, job.toString());
    return job;
  }

  /**
   * {@code node} set up as docs/configuration.md tells an operator: the PostgreSQL driver bundle in
   * plugins/, the persistence configuration naming {@code server} and {@code schema}.
   */
  static Installation onPostgresql(Installation node, String server, String schema) throws Exception {
    Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(driver, node.home.resolve("plugins").resolve("postgresql.jar"));
    Path config = node.home.resolve("config").resolve("org.unesco.aspnet.persistence.cfg");
    String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Files.writeString(config, Files.readString(config).replaceFirst("(?m)^url=.*$", java.util.regex.Matcher.quoteReplacement(
        "url=" + url + "\ndriver.target=(osgi.jdbc.driver.class=org.postgresql.Driver)\ndriver.cardinality.minimum=1")));
    return node;
  }

  private static int count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String fold(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase();
  }
}
