package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two platform nodes on one PostgreSQL database, as DESIGN.md section 4 and
 * docs/configuration.md describe a platform past one machine: started at the same moment on an
 * empty schema, each bundle's migrations run once; a sign-in on one node is a session on the
 * other, and a sign-out on one ends it on both; a change made through one is what the other
 * answers at once, and its ETag is taken by the first; the international days, written into the
 * database at their first use, are written once when both nodes are asked at the same moment.
 *
 * <p>Needs {@code ASPNET_TEST_POSTGRES} as {@link PostgresIT} does; skipped without it.
 */
class ClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVER = System.getenv("ASPNET_TEST_POSTGRES");
  private static final String SCHEMA = "aspnet_cluster_" + ProcessHandle.current().pid();
  private static Installation a;
  private static Installation b;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(SERVER != null && !SERVER.isBlank(),
        "ASPNET_TEST_POSTGRES is not set: no PostgreSQL server to test against (.ci/run sets one up)");
    sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    sql("CREATE SCHEMA " + SCHEMA);
    a = PostgresIT.onPostgresql(new Installation(), SERVER, SCHEMA);
    b = PostgresIT.onPostgresql(new Installation(), SERVER, SCHEMA);
    // both at once: the migration lock, the first account and the tables' creation are raced for
    CompletableFuture<Installation> first = CompletableFuture.supplyAsync(() -> started(a));
    CompletableFuture<Installation> second = CompletableFuture.supplyAsync(() -> started(b));
    first.join();
    second.join();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Installation node : new Installation[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
    if (SERVER != null && !SERVER.isBlank()) {
      sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void eachMigrationRanOnceAndBothNodesStartedClean() throws Exception {
    int applied = count("SELECT COUNT(*) FROM " + SCHEMA + ".ASPNET_SCHEMA_HISTORY");
    assertEquals(applied, count("SELECT COUNT(*) FROM (SELECT DISTINCT BUNDLE, VERSION FROM " + SCHEMA + ".ASPNET_SCHEMA_HISTORY) x"));
    assertTrue(applied > 10, "every bundle's migrations are recorded: " + applied);
    assertEquals(1, count("SELECT COUNT(*) FROM " + SCHEMA + ".SEC_ACCOUNT WHERE EMAIL = '" + Installation.ADMIN_EMAIL + "'"),
        "one first account, made by whichever node came first");
    for (Installation node : new Installation[] {a, b}) {
      String log = node.log();
      assertTrue(!log.contains(" ERROR "), "no error on a node that started beside another:\n" + log);
    }
  }

  @Test
  void aSessionMadeOnOneNodeIsASessionOnTheOtherAndEndsOnBoth() throws Exception {
    HttpResponse<String> signedIn = a.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD);
    assertEquals(200, signedIn.statusCode(), signedIn.body());
    String token = JSON.readTree(signedIn.body()).path("token").asText();
    String csrf = JSON.readTree(signedIn.body()).path("csrfToken").asText();
    HttpResponse<String> me = b.get("/api/v1/me", "Authorization", "Bearer " + token);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(Installation.ADMIN_EMAIL, JSON.readTree(me.body()).path("email").asText());
    // the cookie and its CSRF token as well: a browser behind a load balancer goes to either node
    HttpResponse<String> viaCookie = b.send("PUT", "/api/v1/me/preferences", "{\"language\":\"fr\"}",
        "Content-Type", "application/json", "Cookie", "ASPNET_SESSION=" + token, "X-CSRF-Token", csrf);
    assertEquals(200, viaCookie.statusCode(), viaCookie.body());
    assertEquals("fr", JSON.readTree(a.get("/api/v1/me/preferences", "Authorization", "Bearer " + token).body())
        .path("language").asText(), "what one node wrote, the other reads");

    assertEquals(204, a.send("POST", "/api/v1/auth/logout", null, "Authorization", "Bearer " + token).statusCode());
    assertEquals(401, b.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode(), "signed out on both nodes");
  }

  @Test
  void aChangeThroughOneNodeIsWhatTheOtherAnswersAtOnce() throws Exception {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", "Colegio del Clúster").put("country", "UY").put("city", "Montevideo").put("address", "Rambla 1")
        .put("latitude", -34.9).put("longitude", -56.16).put("students", 420).put("teachers", 31)
        .put("email", "contacto@cluster-prueba.example.org");
    s.putArray("levels").add("SECONDARY");
    s.putArray("themes").add("PEACE_GCED");
    s.putArray("languages").add("es");
    HttpResponse<String> applied = a.send("POST", "/api/v1/applications", JSON.writeValueAsString(s), "Content-Type", "application/json");
    assertEquals(201, applied.statusCode(), applied.body());
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    long school = JSON.readTree(applied.body()).path("schoolId").asLong();
    String hq = b.adminToken();

    HttpResponse<String> read = b.get("/api/v1/schools/" + school, "Authorization", "Bearer " + hq);
    assertEquals(200, read.statusCode(), read.body());
    assertEquals(420, JSON.readTree(read.body()).path("students").asInt());
    String etag = read.headers().firstValue("ETag").orElseThrow();
    // the ETag one node gave is the revision the other compares
    HttpResponse<String> edited = a.send("PATCH", "/api/v1/schools/" + school, "{\"students\":421}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(200, edited.statusCode(), edited.body());
    assertEquals(421, JSON.readTree(b.get("/api/v1/schools/" + school, "Authorization", "Bearer " + hq).body()).path("students").asInt(),
        "no node answers from a copy of its own");
    HttpResponse<String> stale = b.send("PATCH", "/api/v1/schools/" + school, "{\"students\":422}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(412, stale.statusCode(), "the older revision is stale on the other node too: " + stale.body());

    HttpResponse<String> moved = b.send("POST", "/api/v1/memberships/" + membership + "/transitions",
        "{\"to\":\"UNDER_NATIONAL_REVIEW\",\"comment\":\"seen\"}", "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(200, moved.statusCode(), moved.body());
    JsonNode history = JSON.readTree(a.get("/api/v1/memberships/" + membership + "/history", "Authorization", "Bearer " + hq).body());
    assertEquals("UNDER_NATIONAL_REVIEW", history.path("items").get(history.path("items").size() - 1).path("to").asText(), history.toString());
  }

  @Test
  void theInternationalDaysAreWrittenOnceWhenBothNodesAreAskedAtTheSameMoment() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Installation node = i % 2 == 0 ? a : b;
        answers.add(pool.submit(() -> node.get("/api/v1/international-days?year=2027")));
      }
      Integer listed = null;
      for (Future<HttpResponse<String>> f : answers) {
        HttpResponse<String> r = f.get();
        assertEquals(200, r.statusCode(), r.body());
        int n = JSON.readTree(r.body()).path("items").size();
        assertTrue(listed == null || listed == n, "every node lists the same days: " + listed + " and " + n);
        listed = n;
      }
      assertTrue(listed > 50, "the shipped list: " + listed);
    } finally {
      pool.shutdownNow();
    }
    int days = count("SELECT COUNT(*) FROM " + SCHEMA + ".PRJ_DAY");
    assertEquals(days, count("SELECT COUNT(*) FROM " + SCHEMA + ".PRJ_DAY_SEEDED"), "each shipped row written once, and marked once");
  }

  private static Installation started(Installation node) {
    try {
      return node.start();
    } catch (Throwable e) {
      String log;
      try {
        log = node.log();
      } catch (java.io.IOException unread) {
        log = "(log unread: " + unread + ")";
      }
      throw new IllegalStateException(e.getMessage() + "\n" + log, e);
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static int count(String query) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
