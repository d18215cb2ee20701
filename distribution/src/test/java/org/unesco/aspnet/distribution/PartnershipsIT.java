package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Partnerships over real HTTP on the demo network (docs/partnerships.md): the demo's two
 * partnerships of school.7's French school, a German school's proposals to member schools abroad,
 * every refusal of the contract (one 400 with every field, 409s, 403, 404, 412), what the public and
 * each National Coordinator see, and the audit entries each country's NC reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnershipsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The demo schools: school.<n>'s school is the n-th, whose id is n in the demo's fresh database. */
  private static final long FRENCH = 7;
  private static final long KENYAN = 10;
  private static final long MEXICAN = 19;
  private static final long GERMAN = 20;
  private static final long ITALIAN = 26;
  private static final long GERMAN_DORMANT = 27;

  private static Installation platform;
  private static String hq;
  private static String french;
  private static String kenyan;
  private static String mexican;
  private static String german;
  private static String italian;
  private static String ncFrance;
  private static String ncGermany;
  private static String ncMexico;
  private static long demoAccepted;
  private static long demoProposed;
  private static long germanItalian;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation();
    platform.environment.put("ASPNET_DEMO", "true");
    platform.start();
    platform.awaitDemoData(Duration.ofSeconds(120));
    platform.awaitDemoPartnerships(Duration.ofSeconds(120));
    hq = token("hq@demo.aspnet.local", "demo-password");
    french = token("school.7@demo.aspnet.local", "demo-password");
    kenyan = token("school.10@demo.aspnet.local", "demo-password");
    mexican = token("school.19@demo.aspnet.local", "demo-password");
    german = token("school.20@demo.aspnet.local", "demo-password");
    ncFrance = token("nc.fr@demo.aspnet.local", "demo-password");
    ncGermany = token("nc.de@demo.aspnet.local", "demo-password");
    ncMexico = token("nc.mx@demo.aspnet.local", "demo-password");
    // the Italian school has no demo account: HQ invites a teacher
    HttpResponse<String> inv = send("POST", "/api/v1/invitations",
        "{\"email\":\"teacher.napoli@example.org\",\"role\":\"SCHOOL_STAFF\",\"school\":\"" + ITALIAN + "\"}", hq);
    assertEquals(201, inv.statusCode(), inv.body());
    HttpResponse<String> accepted = platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(inv.body()).path("token").asText() + "\",\"name\":\"Insegnante\","
            + "\"password\":\"a long enough password\"}", "Content-Type", "application/json");
    assertEquals(200, accepted.statusCode(), accepted.body());
    italian = token("teacher.napoli@example.org", "a long enough password");
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  // ---- helpers ----

  private static String token(String email, String password) throws Exception {
    HttpResponse<String> r = platform.login(email, password);
    assertEquals(200, r.statusCode(), email + ": " + r.body());
    return JSON.readTree(r.body()).path("token").asText();
  }

  private static HttpResponse<String> send(String method, String path, String body, String token, String... more)
      throws Exception {
    return platform.sendAs(method, path, body, token, more);
  }

  private static HttpResponse<String> propose(long proposer, long partner, String token) throws Exception {
    return send("POST", "/api/v1/partnerships", "{\"proposer\":" + proposer + ",\"partner\":" + partner
        + ",\"theme\":\"PEACE_GCED\",\"message\":\"Shall our pupils write to each other?\"}", token);
  }

  private static HttpResponse<String> move(long id, String to, String token, String... more) throws Exception {
    return send("POST", "/api/v1/partnerships/" + id + "/transitions", "{\"to\":\"" + to + "\"}", token, more);
  }

  private static JsonNode items(String query, String token) throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/partnerships" + query, null, token);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("items");
  }

  /** Id to status of the items of a list. */
  private static Map<Long, String> statuses(JsonNode items) {
    Map<Long, String> found = new TreeMap<>();
    items.forEach(p -> found.put(p.path("id").asLong(), p.path("status").asText()));
    return found;
  }

  private static List<String> fields(HttpResponse<String> r) throws Exception {
    List<String> fields = new ArrayList<>();
    JSON.readTree(r.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  // ---- the tests, in order ----

  @Test
  @Order(1)
  void theDemoHasAnAcceptedAndAProposedPartnershipOfSchool7() throws Exception {
    JsonNode mine = items("", french);
    assertEquals(2, mine.size(), mine.toString());
    for (JsonNode p : mine) {
      if (p.path("status").asText().equals("ACCEPTED")) {
        demoAccepted = p.path("id").asLong();
        assertEquals(FRENCH, p.path("proposer").path("id").asLong());
        assertEquals(KENYAN, p.path("partner").path("id").asLong());
        assertEquals("KE", p.path("partner").path("country").asText());
        assertFalse(p.path("message").asText().isEmpty());
      } else {
        demoProposed = p.path("id").asLong();
        assertEquals("PROPOSED", p.path("status").asText());
        assertEquals(MEXICAN, p.path("proposer").path("id").asLong());
        assertEquals(FRENCH, p.path("partner").path("id").asLong());
        assertEquals("MX", p.path("proposer").path("country").asText());
      }
    }
    assertTrue(demoAccepted > 0 && demoProposed > 0);
    // the public: the accepted one only, without message and comment
    JsonNode open = items("", null);
    assertEquals(Map.of(demoAccepted, "ACCEPTED"), statuses(open));
    assertTrue(open.get(0).path("message").isNull() || open.get(0).path("message").isMissingNode(), open.toString());
    assertTrue(open.get(0).path("comment").isNull() || open.get(0).path("comment").isMissingNode(), open.toString());
    assertEquals("École primaire Louise Michel", open.get(0).path("proposer").path("name").asText());
    assertEquals(404, send("GET", "/api/v1/partnerships/" + demoProposed, null, null).statusCode());
  }

  @Test
  @Order(2)
  void aSchoolProposesWithLocationAndETag() throws Exception {
    HttpResponse<String> r = propose(GERMAN, ITALIAN, german);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode p = JSON.readTree(r.body());
    germanItalian = p.path("id").asLong();
    assertEquals("/api/v1/partnerships/" + germanItalian, r.headers().firstValue("Location").orElse(null));
    assertEquals("\"1\"", r.headers().firstValue("ETag").orElse(null));
    assertEquals("PROPOSED", p.path("status").asText());
    assertEquals("DE", p.path("proposer").path("country").asText());
    assertEquals("IT", p.path("partner").path("country").asText());
    assertEquals("PEACE_GCED", p.path("theme").asText());
    assertTrue(p.path("answeredAt").isNull());
    HttpResponse<String> read = send("GET", "/api/v1/partnerships/" + germanItalian, null, italian);
    assertEquals(200, read.statusCode(), read.body());
    assertEquals("\"1\"", read.headers().firstValue("ETag").orElse(null));
    assertEquals("Shall our pupils write to each other?", JSON.readTree(read.body()).path("message").asText());
    assertEquals(200, send("GET", "/api/v1/partnerships/" + germanItalian, null, italian, "If-None-Match", "\"1\"").statusCode(),
        "the ETag names the revision for If-Match; the schools' copies are not in it: no 304");
    assertEquals(400, send("GET", "/api/v1/partnerships/" + germanItalian + "?status=PROPOSED", null, italian).statusCode(),
        "one partnership has no filter");
  }

  @Test
  @Order(3)
  void everyMistakeOfAProposalInOne400() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/partnerships",
        "{\"proposer\":" + GERMAN + ",\"partner\":\"Napoli\",\"theme\":\"SPORT\",\"message\":\"\\u200b \"}", german);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(List.of("message", "partner", "theme"), fields(r).stream().sorted().toList(), r.body());
    // a school of the same country, not a member: on the partner, in the request's language
    HttpResponse<String> dormant = send("POST", "/api/v1/partnerships?lang=fr", "{\"proposer\":" + GERMAN + ",\"partner\":"
        + GERMAN_DORMANT + ",\"message\":\"" + "x".repeat(2001) + "\"}", german);
    assertEquals(400, dormant.statusCode(), dormant.body());
    assertEquals(List.of("message", "partner", "theme"), fields(dormant).stream().sorted().toList(), dormant.body());
    assertTrue(dormant.body().contains("doit compter au plus 2000 caractères"), dormant.body());
    // a wrong type (theme) does not hide what is wrong with the schools
    HttpResponse<String> wrongTheme = send("POST", "/api/v1/partnerships", "{\"proposer\":" + GERMAN + ",\"partner\":"
        + GERMAN_DORMANT + ",\"theme\":\"SPORT\",\"message\":\"Hi\"}", german);
    assertEquals(List.of("partner", "theme"), fields(wrongTheme).stream().sorted().toList(), wrongTheme.body());
    HttpResponse<String> extra = send("POST", "/api/v1/partnerships", "{\"proposer\":" + GERMAN + ",\"partner\":" + ITALIAN
        + ",\"theme\":\"ESD\",\"message\":\"Hi\",\"status\":\"ACCEPTED\"}", german);
    assertEquals(400, extra.statusCode(), extra.body());
    assertEquals(List.of("status"), fields(extra));
    // another school's staff, an NC and HQ do not propose for a school
    assertEquals(403, propose(FRENCH, KENYAN, german).statusCode());
    assertEquals(403, propose(FRENCH, ITALIAN, ncFrance).statusCode());
    assertEquals(403, propose(FRENCH, ITALIAN, hq).statusCode());
    assertEquals(401, propose(FRENCH, ITALIAN, null).statusCode());
    // the public: 401 before the body is read, however wrong the body
    HttpResponse<String> anonymous = send("POST", "/api/v1/partnerships", "{\"proposer\":\"x\",\"extra\":1}", null);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    HttpResponse<String> anonymousMove = send("POST", "/api/v1/partnerships/1/transitions", "not json", null);
    assertEquals(401, anonymousMove.statusCode(), anonymousMove.body());
  }

  @Test
  @Order(4)
  void oneOpenPartnershipPerPairAndTenProposalsWaitingAtMost() throws Exception {
    HttpResponse<String> again = propose(GERMAN, ITALIAN, german);
    assertEquals(409, again.statusCode(), again.body());
    HttpResponse<String> reverse = propose(ITALIAN, GERMAN, italian);
    assertEquals(409, reverse.statusCode(), reverse.body());
    // nine more, to member schools of other countries: ten waiting
    JsonNode members = JSON.readTree(send("GET", "/api/v1/schools?status=MEMBER&limit=100", null, hq).body()).path("items");
    List<Long> abroad = new ArrayList<>();
    members.forEach(s -> {
      long id = s.path("id").asLong();
      if (!s.path("country").asText().equals("DE") && id != ITALIAN && id != FRENCH) {
        abroad.add(id);
      }
    });
    for (int i = 0; i < 9; i++) {
      HttpResponse<String> r = propose(GERMAN, abroad.get(i), german);
      assertEquals(201, r.statusCode(), r.body());
    }
    HttpResponse<String> eleventh = propose(GERMAN, abroad.get(9), german);
    assertEquals(409, eleventh.statusCode(), eleventh.body());
    assertTrue(eleventh.body().contains("10 proposals waiting"), eleventh.body());
  }

  @Test
  @Order(5)
  void onlyThePartnerAcceptsWithACurrentIfMatch() throws Exception {
    HttpResponse<String> byProposer = move(germanItalian, "ACCEPTED", german);
    assertEquals(403, byProposer.statusCode(), byProposer.body());
    HttpResponse<String> stale = move(germanItalian, "ACCEPTED", italian, "If-Match", "\"5\"");
    assertEquals(412, stale.statusCode(), stale.body());
    // a status written in another case, or one no move leads to, is told the moves there are
    for (String notAMove : new String[] {"accepted", "PROPOSED"}) {
      HttpResponse<String> refused = move(germanItalian, notAMove, italian);
      assertEquals(400, refused.statusCode(), refused.body());
      assertEquals("must be ACCEPTED, DECLINED, WITHDRAWN or ENDED",
          JSON.readTree(refused.body()).path("errors").get(0).path("message").asText(), refused.body());
    }
    // a wrong type or an unknown member elsewhere hides nothing of to: every field in one 400
    String transitions = "/api/v1/partnerships/" + germanItalian + "/transitions";
    HttpResponse<String> both = send("POST", transitions, "{\"to\":\"MAYBE\",\"comment\":5}", italian);
    assertEquals(400, both.statusCode(), both.body());
    assertEquals(List.of("comment", "to"), fields(both).stream().sorted().toList(), both.body());
    HttpResponse<String> unknown = send("POST", transitions, "{\"to\":\"MAYBE\",\"x\":1}", italian);
    assertEquals(List.of("to", "x"), fields(unknown).stream().sorted().toList(), unknown.body());
    HttpResponse<String> noTo = send("POST", transitions, "{\"comment\":5}", italian);
    assertEquals(List.of("comment", "to"), fields(noTo).stream().sorted().toList(), noTo.body());
    assertTrue(noTo.body().contains("is required"), noTo.body());
    HttpResponse<String> accepted = send("POST", "/api/v1/partnerships/" + germanItalian + "/transitions",
        "{\"to\":\"ACCEPTED\",\"comment\":\"Volentieri!\"}", italian, "If-Match", "\"1\"");
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals("\"2\"", accepted.headers().firstValue("ETag").orElse(null));
    JsonNode p = JSON.readTree(accepted.body());
    assertEquals("ACCEPTED", p.path("status").asText());
    assertEquals("Volentieri!", p.path("comment").asText());
    assertFalse(p.path("answeredAt").isNull());
    HttpResponse<String> twice = move(germanItalian, "DECLINED", italian);
    assertEquals(409, twice.statusCode(), twice.body());
    HttpResponse<String> withdraw = move(germanItalian, "WITHDRAWN", german);
    assertEquals(409, withdraw.statusCode(), withdraw.body());
    assertEquals(404, move(999_999, "ACCEPTED", italian).statusCode());
    assertEquals(404, send("GET", "/api/v1/partnerships/07", null, hq).statusCode());
    // the public now sees it, without the texts
    HttpResponse<String> open = send("GET", "/api/v1/partnerships/" + germanItalian, null, null);
    assertEquals(200, open.statusCode(), open.body());
    assertTrue(JSON.readTree(open.body()).path("message").isNull(), open.body());
    assertTrue(JSON.readTree(open.body()).path("comment").isNull(), open.body());
    assertEquals(Map.of(demoAccepted, "ACCEPTED", germanItalian, "ACCEPTED"), statuses(items("", null)));
  }

  @Test
  @Order(6)
  void franceSeesFranceNotAGermanProposal() throws Exception {
    JsonNode seen = items("?limit=500", ncFrance);
    Map<Long, String> byId = statuses(seen);
    assertEquals("ACCEPTED", byId.get(demoAccepted));
    assertEquals("PROPOSED", byId.get(demoProposed));
    for (JsonNode p : seen) {
      boolean french = p.path("proposer").path("country").asText().equals("FR") || p.path("partner").path("country").asText().equals("FR");
      // of the others, only the public ones, without their texts
      assertTrue(french || p.path("status").asText().equals("ACCEPTED") && p.path("message").isNull(), p.toString());
    }
    assertEquals(Map.of(demoAccepted, "ACCEPTED", demoProposed, "PROPOSED"), statuses(items("?country=fr", ncFrance)));
    assertEquals(Map.of(), statuses(items("?school=" + GERMAN + "&status=PROPOSED", ncFrance)));
    long germanProposal = statuses(items("?school=" + GERMAN + "&status=PROPOSED", ncGermany)).keySet().iterator().next();
    assertEquals(404, send("GET", "/api/v1/partnerships/" + germanProposal, null, ncFrance).statusCode());
    assertEquals(404, move(germanProposal, "DECLINED", ncFrance).statusCode());
    assertEquals(403, move(germanItalian, "ENDED", ncFrance).statusCode());
    assertEquals(403, move(germanItalian, "ENDED", ncGermany).statusCode(), "an NC sees everything of their country, moves nothing");
    assertEquals(9, statuses(items("?school=" + GERMAN + "&status=PROPOSED", ncGermany)).size(), "ten proposed, one accepted");
    HttpResponse<String> bad = send("GET", "/api/v1/partnerships?country=XX&status=OPEN&sort=id", null, ncFrance);
    assertEquals(400, bad.statusCode(), bad.body());
  }

  @Test
  @Order(7)
  void eachCountrysCoordinatorReadsTheMovesInTheirAudit() throws Exception {
    HttpResponse<String> declined = send("POST", "/api/v1/partnerships/" + demoProposed + "/transitions",
        "{\"to\":\"DECLINED\",\"comment\":\"Pas cette année, merci !\"}", french);
    assertEquals(200, declined.statusCode(), declined.body());
    assertEquals("DECLINED", JSON.readTree(declined.body()).path("status").asText());
    assertTrue(audited(ncFrance, "FR", "partnership.decline", demoProposed));
    assertTrue(audited(ncMexico, "MX", "partnership.decline", demoProposed));
    assertTrue(audited(ncGermany, "DE", "partnership.accept", germanItalian));
    assertTrue(audited(hq, "IT", "partnership.accept", germanItalian));
    assertFalse(audited(ncFrance, null, "partnership.accept", germanItalian), "a German-Italian move is not France's");
    assertTrue(audited(ncGermany, "DE", "partnership.propose", germanItalian));
    // the partner's NC and the proposer's school read the comment; the proposer may no longer withdraw it
    assertEquals("Pas cette année, merci !", JSON.readTree(send("GET", "/api/v1/partnerships/" + demoProposed, null, mexican)
        .body()).path("comment").asText());
    assertEquals(409, move(demoProposed, "WITHDRAWN", mexican).statusCode());
  }

  @Test
  @Order(8)
  void eitherSchoolEndsAndThePublicNoLongerSeesIt() throws Exception {
    assertEquals(403, move(demoAccepted, "ENDED", german).statusCode());
    HttpResponse<String> ended = move(demoAccepted, "ENDED", kenyan);
    assertEquals(200, ended.statusCode(), ended.body());
    assertFalse(JSON.readTree(ended.body()).path("endedAt").isNull());
    assertEquals(Map.of(germanItalian, "ACCEPTED"), statuses(items("", null)));
    assertTrue(audited(ncFrance, "FR", "partnership.end", demoAccepted));
    // ended: the two schools may propose again
    assertEquals(201, propose(FRENCH, KENYAN, french).statusCode());
  }

  @Test
  @Order(9)
  void theExportHoldsWhatEachCallerMayRead() throws Exception {
    // listed, in every format that writes a dataset without coordinates
    JsonNode catalogue = JSON.readTree(send("GET", "/api/v1/exports", null, null).body());
    JsonNode listed = null;
    for (JsonNode d : catalogue.path("datasets")) {
      if (d.path("name").asText().equals("partnerships")) {
        listed = d;
      }
    }
    assertTrue(listed != null, catalogue.toString());
    assertEquals("[\"csv\",\"json\",\"ndjson\",\"xlsx\"]", listed.path("formats").toString());
    assertEquals("[\"country\",\"school\",\"status\"]", listed.path("filters").toString());

    // HQ: every partnership, oldest first, with the texts
    HttpResponse<String> all = send("GET", "/api/v1/exports/partnerships.csv", null, hq);
    assertEquals(200, all.statusCode(), all.body());
    assertTrue(all.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(all.headers().firstValue("Content-Disposition").orElse("").contains("aspnet-partnerships-"));
    assertEquals("id,status,theme,proposerId,proposerName,proposerCountry,partnerId,partnerName,partnerCountry,"
        + "proposedAt,acceptedAt,endedAt,message,comment", all.body().split("\r\n", 2)[0]);
    List<Map<String, String>> rows = ExportIT.csv(all.body());
    assertEquals(statuses(items("?limit=500", hq)), byId(rows), "the rows of HQ's list");
    Map<String, String> deIt = row(rows, germanItalian);
    assertEquals("Shall our pupils write to each other?", deIt.get("message"));
    assertEquals("Volentieri!", deIt.get("comment"));
    assertEquals("DE", deIt.get("proposerCountry"));
    assertEquals("IT", deIt.get("partnerCountry"));
    assertFalse(deIt.get("acceptedAt").isEmpty());
    assertTrue(deIt.get("endedAt").isEmpty());
    Map<String, String> ended = row(rows, demoAccepted);
    assertEquals("ENDED", ended.get("status"));
    assertFalse(ended.get("acceptedAt").isEmpty() || ended.get("endedAt").isEmpty());
    assertTrue(row(rows, demoProposed).get("acceptedAt").isEmpty(), "declined: never accepted");
    List<Long> order = rows.stream().map(r -> Long.parseLong(r.get("id"))).toList();
    assertEquals(order.stream().sorted().toList(), order, "oldest first");

    // France's NC: France's partnerships only, of every status, with their texts; never the German-Italian one
    HttpResponse<String> french = send("GET", "/api/v1/exports/partnerships.csv", null, ncFrance);
    assertEquals(200, french.statusCode(), french.body());
    List<Map<String, String>> frRows = ExportIT.csv(french.body());
    assertEquals(statuses(items("?country=FR&limit=500", ncFrance)), byId(frRows));
    assertTrue(frRows.stream().allMatch(r -> r.get("proposerCountry").equals("FR") || r.get("partnerCountry").equals("FR")));
    assertFalse(french.body().contains("Volentieri!"), "not a word of the German-Italian partnership");
    assertEquals("Pas cette année, merci !", row(frRows, demoProposed).get("comment"));
    assertEquals(List.of(), ExportIT.csv(send("GET", "/api/v1/exports/partnerships.csv?school=" + GERMAN + "&status=ACCEPTED",
        null, ncFrance).body()), "Germany's accepted one is not France's");

    // the public: the accepted ones of two members, without message and comment columns
    HttpResponse<String> open = send("GET", "/api/v1/exports/partnerships.csv", null, null);
    assertEquals(200, open.statusCode(), open.body());
    assertEquals("id,status,theme,proposerId,proposerName,proposerCountry,partnerId,partnerName,partnerCountry,"
        + "proposedAt,acceptedAt,endedAt", open.body().split("\r\n", 2)[0]);
    assertEquals(Map.of(germanItalian, "ACCEPTED"), byId(ExportIT.csv(open.body())));
    assertFalse(open.body().contains("Shall our pupils"));

    // the list's filters; the other formats write the same rows
    assertEquals(Map.of(germanItalian, "ACCEPTED"), byId(ExportIT.csv(send("GET",
        "/api/v1/exports/partnerships.csv?country=it&status=ACCEPTED", null, hq).body())));
    HttpResponse<String> json = send("GET", "/api/v1/exports/partnerships.json?country=FR", null, ncFrance);
    assertEquals(200, json.statusCode(), json.body());
    assertEquals(frRows.size(), JSON.readTree(json.body()).size());
    assertEquals("Pas cette année, merci !", jsonRow(JSON.readTree(json.body()), demoProposed).path("comment").asText());
    HttpResponse<String> ndjson = send("GET", "/api/v1/exports/partnerships.ndjson", null, null);
    assertEquals(200, ndjson.statusCode(), ndjson.body());
    assertEquals(1, ndjson.body().lines().filter(l -> !l.isBlank()).count());
    HttpResponse<String> xlsx = send("GET", "/api/v1/exports/partnerships.xlsx", null, hq);
    assertEquals(200, xlsx.statusCode());
    assertTrue(xlsx.body().startsWith("PK"), "a zip file");
    assertEquals(400, send("GET", "/api/v1/exports/partnerships.geojson", null, hq).statusCode(), "no coordinates");
    HttpResponse<String> bad = send("GET", "/api/v1/exports/partnerships.csv?status=OPEN&sort=id", null, hq);
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals(400, send("GET", "/api/v1/exports/partnerships.csv?status=OPEN", null, hq).statusCode());
  }

  /** Id to status of an export's rows. */
  private static Map<Long, String> byId(List<Map<String, String>> rows) {
    Map<Long, String> found = new TreeMap<>();
    rows.forEach(r -> found.put(Long.parseLong(r.get("id")), r.get("status")));
    return found;
  }

  private static Map<String, String> row(List<Map<String, String>> rows, long id) {
    return rows.stream().filter(r -> r.get("id").equals(String.valueOf(id))).findFirst().orElseThrow();
  }

  private static JsonNode jsonRow(JsonNode array, long id) {
    for (JsonNode n : array) {
      if (n.path("id").asLong() == id) {
        return n;
      }
    }
    throw new AssertionError("no row " + id + " in " + array);
  }

  /**
   * Whether the audit that {@code token} reads (of {@code country}, or all they may read) has {@code
   * action} on partnership {@code id}, recorded under that country.
   */
  private static boolean audited(String token, String country, String action, long id) throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/audit?limit=500" + (country == null ? "" : "&country=" + country), null, token);
    assertEquals(200, r.statusCode(), r.body());
    for (JsonNode e : JSON.readTree(r.body()).path("items")) {
      if (e.path("action").asText().equals(action) && e.path("entity").asText().equals("partnership")
          && e.path("entityId").asText().equals(String.valueOf(id)) && (country == null || e.path("country").asText().equals(country))) {
        return true;
      }
    }
    return false;
  }
}
