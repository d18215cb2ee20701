package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The national profiles of the default installation (Germany and France, shipped in plugins/)
 * through the real runtime: forms from the profile endpoint, per-field errors in the profile's
 * language, the German ladder, removal and return of a plugin with its data, an update, and a
 * profile that throws or hangs.
 */
class NationalProfilesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FAULTY = Installation.EXAMPLES.resolve("org.unesco.aspnet.example.faultyprofile.jar");
  private static Installation platform;
  private static String hq;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation();
    platform.start();
    hq = platform.adminToken();
    platform.awaitResponse("/api/v1/countries/DE/profile", Duration.ofSeconds(30), r -> r.statusCode() == 200);
    platform.awaitResponse("/api/v1/countries/FR/profile", Duration.ofSeconds(30), r -> r.statusCode() == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  private static HttpResponse<String> send(String method, String path, Object body, String token, String... headers)
      throws Exception {
    List<String> h = new ArrayList<>(List.of("Content-Type", "application/json", "Authorization", "Bearer " + token));
    h.addAll(List.of(headers));
    return platform.send(method, path, body instanceof String s ? s : JSON.writeValueAsString(body), h.toArray(String[]::new));
  }

  private static String account(String email, String role, String country, String unit) throws Exception {
    ObjectNode invitation = JSON.createObjectNode().put("email", email).put("role", role).put("country", country);
    if (unit != null) {
      invitation.put("unit", unit);
    }
    HttpResponse<String> inv = send("POST", "/api/v1/invitations", invitation, hq);
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    assertEquals(200, platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Coordinator\",\"password\":\"a long coordinator password\"}",
        "Content-Type", "application/json").statusCode());
    return JSON.readTree(platform.login(email, "a long coordinator password").body()).path("token").asText();
  }

  private static ObjectNode school(String name, String country, String unit, String city) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", name).put("country", country).put("city", city).put("address", "Schulstraße 1");
    if (unit != null) {
      s.put("unit", unit);
    }
    s.putArray("levels").add("SECONDARY");
    s.putArray("themes").add("ESD");
    s.putArray("languages").add("de");
    s.put("email", "office@" + city.toLowerCase().replaceAll("[^a-z]", "") + ".example.org");
    s.put("confirmDuplicate", true);
    return s;
  }

  private static JsonNode errorsOf(HttpResponse<String> r) throws Exception {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    return JSON.readTree(r.body()).path("errors");
  }

  private static String message(JsonNode errors, String field) {
    for (JsonNode e : errors) {
      if (e.path("field").asText().equals(field)) {
        return e.path("message").asText();
      }
    }
    return null;
  }

  @Test
  void theProfileEndpointDescribesFormsInTheCallersLanguage() throws Exception {
    JsonNode de = JSON.readTree(platform.get("/api/v1/countries/DE/profile", "Accept-Language", "de").body());
    assertEquals(16, de.path("units").size());
    assertEquals("Bayern", find(de.path("units"), "code", "BY").path("name").asText());
    assertEquals("Schulform", find(de.path("fields"), "key", "schulform").path("label").asText());
    assertEquals("choice", find(de.path("fields"), "key", "schulform").path("type").asText());
    assertEquals("multi-choice", find(de.path("fields"), "key", "schwerpunkte").path("type").asText());
    List<String> stages = new ArrayList<>();
    de.path("ladder").path("stages").forEach(s -> stages.add(s.path("label").asText()));
    assertEquals(List.of("interessierte Schule", "mitarbeitende Schule", "anerkannte UNESCO-Projektschule"), stages);
    assertEquals("P2Y", de.path("ladder").path("moves").get(0).path("minimumTime").asText());
    JsonNode en = JSON.readTree(platform.get("/api/v1/countries/DE/profile?lang=en").body());
    assertEquals("Type of school", find(en.path("fields"), "key", "schulform").path("label").asText());
    // A malformed Accept-Language states nothing: the profile's own language, not English; and no
    // Content-Language claims a language the texts may not be in
    var malformed = platform.get("/api/v1/countries/DE/profile", "Accept-Language", "xx;q=!!");
    assertEquals("Schulform", find(JSON.readTree(malformed.body()).path("fields"), "key", "schulform").path("label").asText());
    assertTrue(malformed.headers().firstValue("Content-Language").isEmpty(), malformed.headers().toString());
    JsonNode fr = JSON.readTree(platform.get("/api/v1/countries/fr/profile").body());
    assertEquals(30, fr.path("units").size());
    assertEquals("Numéro UAI", fr.path("labels").path("school.nationalId").asText());
    // the core fields a country requires beyond the platform's, for forms to mark
    assertEquals("[\"nationalId\"]", fr.path("requiredCoreFields").toString());
    assertEquals("[]", JSON.readTree(platform.get("/api/v1/countries/DE/profile").body()).path("requiredCoreFields").toString());
    // the list of countries says which have one, so that a client asks only those
    java.util.Map<String, Boolean> flags = new java.util.HashMap<>();
    JSON.readTree(platform.get("/api/v1/countries").body()).path("items")
        .forEach(c -> flags.put(c.path("iso2").asText(), c.path("profile").asBoolean(false)));
    assertEquals(java.util.Set.of("DE", "FR"), flags.entrySet().stream().filter(java.util.Map.Entry::getValue)
        .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
    assertTrue(JSON.readTree(platform.get("/api/v1/countries/fr").body()).path("profile").asBoolean());
    HttpResponse<String> none = platform.get("/api/v1/countries/KE/profile");
    assertEquals(404, none.statusCode());
    assertTrue(none.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    JsonNode openApi = JSON.readTree(platform.get("/api/v1/openapi.json").body());
    assertTrue(openApi.path("paths").has("/api/v1/countries/{iso2}/profile"), "documented");
    assertTrue(openApi.path("paths").has("/api/v1/memberships/{id}/stages"), "documented");
  }

  private static JsonNode find(JsonNode array, String key, String value) {
    for (JsonNode n : array) {
      if (n.path(key).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError(value + " not in " + array);
  }

  @Test
  void frenchFieldsAreRequiredAndExplainedInFrenchAndNothingIsWritten() throws Exception {
    String name = "Lycée Sans UAI " + System.nanoTime();
    JsonNode errors = errorsOf(send("POST", "/api/v1/applications", school(name, "FR", null, "Lyon"), hq, "Accept-Language", "fr"));
    assertTrue(message(errors, "nationalId").startsWith("le numéro UAI est obligatoire"), errors.toString());
    assertEquals("est obligatoire", message(errors, "fields.typeEtablissement"));
    assertEquals("est obligatoire", message(errors, "unit"));
    // A Spanish reader: the platform's sentences in Spanish, the profile's own (fr, en) in French
    errors = errorsOf(send("POST", "/api/v1/applications", school(name, "FR", null, "Lyon"), hq, "Accept-Language", "es"));
    assertEquals("es un dato obligatorio", message(errors, "unit"), errors.toString());
    assertEquals("es un dato obligatorio", message(errors, "fields.typeEtablissement"), errors.toString());
    assertTrue(message(errors, "nationalId").startsWith("le numéro UAI est obligatoire"), errors.toString());

    ObjectNode wrongLetter = school(name, "FR", "lyon", "Lyon").put("nationalId", "0690001A");
    wrongLetter.putObject("fields").put("typeEtablissement", "lycee").put("inconnu", "x");
    errors = errorsOf(send("POST", "/api/v1/applications", wrongLetter, hq, "Accept-Language", "fr"));
    assertTrue(message(errors, "nationalId").contains("lettre de contrôle"), errors.toString());
    assertTrue(message(errors, "fields.inconnu").startsWith("n'est pas un champ"), errors.toString());
    assertEquals(0, JSON.readTree(send("GET", "/api/v1/schools?country=FR&q=" + "sans%20uai", null, hq).body()).path("items").size());

    ObjectNode valid = school(name, "FR", "lyon", "Lyon").put("nationalId", FrenchSchools.uai());
    valid.putObject("fields").put("typeEtablissement", "college").put("secteur", "public");
    HttpResponse<String> applied = send("POST", "/api/v1/applications", valid, hq);
    assertEquals(201, applied.statusCode(), applied.body());
    long id = JSON.readTree(applied.body()).path("schoolId").asLong();
    JsonNode stored = JSON.readTree(send("GET", "/api/v1/schools/" + id, null, hq).body());
    assertEquals("college", stored.path("fields").path("typeEtablissement").asText());

    // A UAI typed in lower case is the same UAI: the profile accepts it, the core stores it
    // upper-cased, and the duplicate check finds the school that has it
    String uai = valid.path("nationalId").asText();
    ObjectNode twin = school("Lycée Homonyme " + System.nanoTime(), "FR", "lyon", "Villeurbanne").put("nationalId", uai.toLowerCase());
    twin.remove("confirmDuplicate");
    twin.putObject("fields").put("typeEtablissement", "lycee");
    HttpResponse<String> duplicate = send("POST", "/api/v1/applications", twin, hq);
    assertEquals(409, duplicate.statusCode(), duplicate.body());
    assertEquals(id, JSON.readTree(duplicate.body()).path("duplicates").get(0).path("id").asLong(), duplicate.body());
    String fresh = FrenchSchools.uai();
    ObjectNode lower = school("Lycée Minuscule " + System.nanoTime(), "FR", "lyon", "Bron").put("nationalId", fresh.toLowerCase());
    lower.putObject("fields").put("typeEtablissement", "lycee");
    HttpResponse<String> lowerApplied = send("POST", "/api/v1/applications", lower, hq);
    assertEquals(201, lowerApplied.statusCode(), lowerApplied.body());
    assertEquals(fresh, JSON.readTree(send("GET", "/api/v1/schools/" + JSON.readTree(lowerApplied.body()).path("schoolId").asLong(), null, hq)
        .body()).path("nationalId").asText(), "stored upper-cased");
    String audit = send("GET", "/api/v1/audit?country=FR&limit=100", null, hq).body();
    assertTrue(audit.contains("\"typeEtablissement\":\"college\""), "the audit log carries the extra fields");

    // Moved to another country, the former country's fields and unit are left behind (Kenya has no
    // profile): not shown on a Kenyan school; the audit entry of the move keeps them
    String etag = send("GET", "/api/v1/schools/" + id, null, hq).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = send("PATCH", "/api/v1/schools/" + id, "{\"country\":\"KE\",\"city\":\"Nairobi\"}",
        hq, "If-Match", etag);
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(0, JSON.readTree(moved.body()).path("fields").size(), "left behind: " + moved.body());
    assertTrue(JSON.readTree(moved.body()).path("unit").isNull() || JSON.readTree(moved.body()).path("unit").isMissingNode(), moved.body());
    assertFalse(send("GET", "/api/v1/schools/" + id, null, hq).body().contains("secteur"), "no French field on a Kenyan school");
    String movedAudit = send("GET", "/api/v1/audit?entity=school&entityId=" + id + "&limit=1", null, hq).body();
    assertTrue(movedAudit.contains("\"secteur\":\"public\""), "the move's audit entry keeps what was left: " + movedAudit);
    assertEquals(400, send("PATCH", "/api/v1/schools/" + id, "{\"fields\":{\"secteur\":\"prive\"}}", hq,
        "If-Match", moved.headers().firstValue("ETag").orElseThrow()).statusCode(), "not a field in Kenya");
  }

  @Test
  void theGermanLadderTheLandCoordinatorAndTheHotPlugOfTheProfile() throws Exception {
    String bavaria = account("land.by@example.org", "SUBNATIONAL_COORDINATOR", "DE", "BY");
    // a Land's code in another case is that Land, in an invitation as in a school
    String hamburg = account("land.hh@example.org", "SUBNATIONAL_COORDINATOR", "DE", "hh");
    assertEquals("HH", JSON.readTree(send("GET", "/api/v1/me", null, hamburg).body()).path("roles").get(0).path("unit").asText());
    String nc = account("nc.de@example.org", "NATIONAL_COORDINATOR", "DE", null);

    // a Land's code in another case is that Land, as in the directory's filters and imports
    ObjectNode body = school("Goethe-Gymnasium Regensburg", "DE", "by", "Regensburg");
    body.putObject("fields").put("schulform", "gymnasium").putArray("schwerpunkte").add("welterbe").add("frieden");
    JsonNode errors = errorsOf(send("POST", "/api/v1/applications", school("Ohne Schulform", "DE", "XX", "Ulm"), hq, "Accept-Language", "de"));
    assertEquals("ist erforderlich", message(errors, "fields.schulform"));
    assertTrue(message(errors, "unit").startsWith("muss einer dieser Werte sein"), errors.toString());

    HttpResponse<String> applied = send("POST", "/api/v1/applications", body, hq);
    assertEquals(201, applied.statusCode(), applied.body());
    long school = JSON.readTree(applied.body()).path("schoolId").asLong();
    assertEquals("BY", JSON.readTree(send("GET", "/api/v1/schools/" + school, null, hq).body()).path("unit").asText(),
        "stored as the profile writes the code");
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    assertEquals("interessiert", JSON.readTree(send("GET", "/api/v1/memberships/" + membership, null, hq).body()).path("stage").asText());

    String stages = "/api/v1/memberships/" + membership + "/stages";
    HttpResponse<String> skipped = send("POST", stages, "{\"stage\":\"anerkannt\"}", hq, "Accept-Language", "de");
    assertEquals(409, skipped.statusCode());
    assertTrue(JSON.readTree(skipped.body()).path("detail").asText().contains("mitarbeitende Schule"), skipped.body());
    HttpResponse<String> early = send("POST", stages, "{\"stage\":\"mitarbeitend\"}", bavaria);
    assertEquals(409, early.statusCode());
    assertTrue(JSON.readTree(early.body()).path("detail").asText().contains("at least 2 years"), early.body());
    // the platform's sentence in the reader's language, the ladder's stage as the profile names it
    HttpResponse<String> earlyInFrench = send("POST", stages, "{\"stage\":\"mitarbeitend\"}", bavaria, "Accept-Language", "fr");
    assertEquals(409, earlyInFrench.statusCode());
    assertTrue(JSON.readTree(earlyInFrench.body()).path("detail").asText().startsWith("Un établissement reste au moins 2 ans à l'étape"),
        earlyInFrench.body());
    assertEquals(409, send("POST", "/api/v1/memberships/" + membership + "/transitions",
        "{\"to\":\"UNDER_NATIONAL_REVIEW\"}", nc).statusCode(), "the ladder decides this move, not a bare transition");
    // An application that is no school is rejected at once: the ladder's two years are for schools
    ObjectNode spam = school("Billig Hausarbeiten Kaufen", "DE", "BY", "Passau");
    spam.putObject("fields").put("schulform", "gymnasium");
    HttpResponse<String> spamApplied = send("POST", "/api/v1/applications", spam, hq);
    assertEquals(201, spamApplied.statusCode(), spamApplied.body());
    long spamMembership = JSON.readTree(spamApplied.body()).path("membershipId").asLong();
    assertEquals(403, send("POST", "/api/v1/memberships/" + spamMembership + "/transitions",
        "{\"to\":\"REJECTED\",\"comment\":\"Werbung\"}", bavaria).statusCode(), "the country rejects, not the Land");
    HttpResponse<String> rejected = send("POST", "/api/v1/memberships/" + spamMembership + "/transitions",
        "{\"to\":\"REJECTED\",\"comment\":\"Keine Schule: Werbung\"}", nc);
    assertEquals(200, rejected.statusCode(), rejected.body());
    assertEquals(404, send("POST", stages, "{\"stage\":\"mitarbeitend\"}", hamburg).statusCode(), "another Land's coordinator");
    assertEquals(0, JSON.readTree(send("GET", "/api/v1/schools?country=DE&status=APPLIED&limit=100", null, hamburg).body())
        .path("items").size(), "a Land coordinator sees only their Land's candidates");
    // the directory and its exports by unit: a Land's schools, with their country
    JsonNode inBavaria = JSON.readTree(send("GET", "/api/v1/schools?country=DE&unit=BY&limit=100", null, hq).body()).path("items");
    assertTrue(inBavaria.toString().contains("Goethe-Gymnasium Regensburg"), inBavaria.toString());
    inBavaria.forEach(s -> assertEquals("BY", s.path("unit").asText(), s.toString()));
    HttpResponse<String> inHamburg = send("GET", "/api/v1/schools?country=DE&unit=HH&limit=100", null, hq);
    assertEquals(200, inHamburg.statusCode(), inHamburg.body());
    assertFalse(inHamburg.body().contains("Regensburg"), inHamburg.body());
    assertTrue(send("GET", "/api/v1/schools?country=DE&unit=BY&q=Regensburg", null, hq).body().contains("Goethe-Gymnasium"),
        "with a word too");
    HttpResponse<String> wordElsewhere = send("GET", "/api/v1/schools?country=DE&unit=HH&q=Regensburg", null, hq);
    assertEquals(200, wordElsewhere.statusCode(), wordElsewhere.body());
    assertFalse(wordElsewhere.body().contains("Goethe-Gymnasium"), "a word and another unit");
    assertEquals("unit", errorsOf(send("GET", "/api/v1/schools?unit=BY", null, hq)).get(0).path("field").asText(), "a unit needs its country");
    assertEquals("unit", errorsOf(send("GET", "/api/v1/schools?country=DE&unit=XX", null, hq)).get(0).path("field").asText(),
        "a unit the profile does not have is no empty list");
    assertTrue(send("GET", "/api/v1/schools?country=de&unit=by", null, hq).body().contains("Goethe-Gymnasium"), "in any case");
    assertEquals(200, send("GET", "/api/v1/schools/points?country=DE&unit=BY", null, hq).statusCode(), "the map takes it too");
    assertEquals("unit", errorsOf(send("GET", "/api/v1/schools/points?country=DE&unit=XX", null, hq)).get(0).path("field").asText());
    assertTrue(send("GET", "/api/v1/exports/schools.csv?country=DE&unit=BY", null, hq).body().contains("Regensburg"));
    HttpResponse<String> exportHamburg = send("GET", "/api/v1/exports/schools.csv?country=DE&unit=HH", null, hq);
    assertEquals(200, exportHamburg.statusCode(), exportHamburg.body());
    assertFalse(exportHamburg.body().contains("Regensburg"), exportHamburg.body());
    assertEquals(400, send("GET", "/api/v1/exports/schools.csv?unit=HH", null, hq).statusCode());
    assertTrue(send("GET", "/api/v1/exports/schools.csv?country=DE&unit=by", null, hq).body().contains("Regensburg"), "in any case");
    assertEquals("unit", errorsOf(send("GET", "/api/v1/exports/memberships.csv?country=DE&unit=XX", null, hq)).get(0).path("field").asText(),
        "a unit the profile does not have is no empty file");

    // An operator shortens the waiting time: the profile takes the new configuration without a restart
    Files.writeString(platform.home.resolve("config/org.unesco.aspnet.profile.de.cfg"), "minimumYearsPerStage=0\n");
    platform.awaitResponse("/api/v1/countries/DE/profile", Duration.ofSeconds(20),
        r -> r.body().contains("\"minimumTime\":\"P0D\""));
    assertEquals(403, send("POST", stages, "{\"stage\":\"mitarbeitend\"}", nc).statusCode(), "the Land decides the first stage");
    // a move on the ladder decided on an older reading is refused as a transition is (If-Match)
    HttpResponse<String> stale = send("POST", stages, "{\"stage\":\"mitarbeitend\"}", bavaria, "If-Match", "\"0\"");
    assertEquals(412, stale.statusCode(), stale.body());
    String readEtag = send("GET", "/api/v1/memberships/" + membership, null, bavaria).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = send("POST", stages, "{\"stage\":\"mitarbeitend\",\"comment\":\"Willkommen\"}", bavaria,
        "If-Match", readEtag);
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals("\"1\"", readEtag, "applied: one line of history (the refused moves wrote none)");
    assertEquals("\"2\"", moved.headers().firstValue("ETag").orElse(null), "then this one move");
    assertEquals("UNDER_NATIONAL_REVIEW", JSON.readTree(moved.body()).path("status").asText());
    JsonNode history = JSON.readTree(send("GET", "/api/v1/memberships/" + membership + "/history", null, hq).body()).path("items");
    assertEquals("mitarbeitend", history.get(history.size() - 1).path("toStage").asText());
    // the last stage is the country's to decide: the refusal names the country, not the Land
    HttpResponse<String> notTheLand = send("POST", stages, "{\"stage\":\"anerkannt\"}", bavaria);
    assertEquals(403, notTheLand.statusCode(), notTheLand.body());
    String detail = JSON.readTree(notTheLand.body()).path("detail").asText();
    assertTrue(detail.contains(" of DE,") && !detail.contains("DE-BY"), detail);
    // recommended, then sent back by HQ: the school returns to a stage it has served its time in,
    // which counts from when it entered it, not from the send-back
    String since = JSON.readTree(moved.body()).path("stageSince").asText();
    assertFalse(since.isEmpty(), moved.body());
    HttpResponse<String> recognised = send("POST", stages, "{\"stage\":\"anerkannt\"}", nc);
    assertEquals(200, recognised.statusCode(), recognised.body());
    String transitions = "/api/v1/memberships/" + membership + "/transitions";
    assertEquals(200, send("POST", transitions, "{\"to\":\"UNDER_HQ_REVIEW\"}", hq).statusCode());
    HttpResponse<String> sentBack = send("POST", transitions, "{\"to\":\"UNDER_NATIONAL_REVIEW\",\"comment\":\"Bitte ergänzen\"}", hq);
    assertEquals(200, sentBack.statusCode(), sentBack.body());
    JsonNode back0 = JSON.readTree(sentBack.body());
    assertEquals("mitarbeitend", back0.path("stage").asText(), sentBack.body());
    assertEquals(since, back0.path("stageSince").asText(), "the time in the stage counts from its first entry");

    // The annual report answers the profile's extra questions
    String report = "/api/v1/schools/" + school + "/annual-reports/2025";
    String answers = "{\"activities\":\"Projekttag Welterbe\",\"themes\":[\"ESD\"],\"studentsInvolved\":80,"
        + "\"teachersInvolved\":6,\"answers\":{\"landestreffen\":\"%s\"}}";
    JsonNode badAnswer = errorsOf(send("PUT", report, answers.formatted("vielleicht"), hq, "Accept-Language", "de"));
    assertEquals("muss einer dieser Werte sein: ja, nein", message(badAnswer, "answers.landestreffen"));
    HttpResponse<String> reported = send("PUT", report, answers.formatted("ja"), hq);
    assertEquals(201, reported.statusCode(), reported.body());
    assertEquals("ja", JSON.readTree(reported.body()).path("answers").path("landestreffen").asText());

    // Removed: the profile goes, the stored values stay (and cannot be changed without it)
    Path saved = platform.home.resolve("..").resolve("profile.de.jar");
    Files.copy(platform.home.resolve("plugins/org.unesco.aspnet.profile.de.jar"), saved);
    platform.removePlugin("org.unesco.aspnet.profile.de.jar");
    platform.awaitResponse("/api/v1/countries/DE/profile", Duration.ofSeconds(30), r -> r.statusCode() == 404);
    HttpResponse<String> read = send("GET", "/api/v1/schools/" + school, null, hq);
    assertEquals("gymnasium", JSON.readTree(read.body()).path("fields").path("schulform").asText());
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertEquals(400, send("PATCH", "/api/v1/schools/" + school, "{\"fields\":{\"schulform\":\"realschule\"}}", hq,
        "If-Match", etag).statusCode());
    HttpResponse<String> edited = send("PATCH", "/api/v1/schools/" + school, "{\"city\":\"Regensburg-Stadtamhof\"}", hq, "If-Match", etag);
    assertEquals(200, edited.statusCode(), edited.body());
    assertEquals("gymnasium", JSON.readTree(edited.body()).path("fields").path("schulform").asText());
    // and the ladder is not skipped meanwhile: a national move of a school on one of its stages
    // waits for the profile (a bare RECOMMENDED left status and stage apart)
    String membershipPath = "/api/v1/memberships/" + membership;
    JsonNode offered = JSON.readTree(send("GET", membershipPath, null, nc).body());
    assertEquals(0, offered.path("next").size(), "no national move offered: " + offered);
    HttpResponse<String> skipping = send("POST", transitions, "{\"to\":\"RECOMMENDED\"}", nc);
    assertEquals(503, skipping.statusCode(), skipping.body());
    assertTrue(JSON.readTree(skipping.body()).path("type").asText().endsWith("/national-profile-unavailable"), skipping.body());
    assertTrue(JSON.readTree(skipping.body()).path("detail").asText().contains("national ladder of DE (mitarbeitend)"), skipping.body());
    assertEquals("UNDER_NATIONAL_REVIEW", JSON.readTree(send("GET", membershipPath, null, hq).body()).path("status").asText());

    // Back as a new version: the profile and the values return, nothing was lost
    Path updated = Jars.variant(saved, platform.home.resolve("..").resolve("profile.de-2.jar"), Map.of("Bundle-Version", "0.2.0"), Map.of());
    platform.deployPlugin(updated, "org.unesco.aspnet.profile.de.jar");
    platform.awaitResponse("/api/v1/countries/DE/profile", Duration.ofSeconds(30), r -> r.statusCode() == 200);
    JsonNode back = JSON.readTree(send("GET", "/api/v1/schools/" + school, null, hq).body());
    assertEquals("gymnasium", back.path("fields").path("schulform").asText());
    assertEquals(2, back.path("fields").path("schwerpunkte").size());
    assertTrue(send("GET", "/api/v1/plugins", null, hq).body().contains("0.2.0"), "the new version runs");
    assertEquals("mitarbeitend", JSON.readTree(send("GET", "/api/v1/memberships/" + membership, null, hq).body()).path("stage").asText());
    assertEquals("ja", JSON.readTree(send("GET", report, null, hq).body()).path("answers").path("landestreffen").asText());
  }

  /**
   * A school that moves abroad leaves its country's ladder: back again, it stands at the first stage
   * of its status, and the time it had served there does not reappear.
   */
  @Test
  void aSchoolMovedAbroadAndBackDoesNotGetItsOldNationalStageBack() throws Exception {
    ObjectNode body = school("Schiller-Schule Wanderweg " + System.nanoTime(), "DE", "BY", "Landshut");
    body.putObject("fields").put("schulform", "realschule");
    HttpResponse<String> applied = send("POST", "/api/v1/applications", body, hq);
    assertEquals(201, applied.statusCode(), applied.body());
    long school = JSON.readTree(applied.body()).path("schoolId").asLong();
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    String path = "/api/v1/memberships/" + membership;
    JsonNode inGermany = JSON.readTree(send("GET", path, null, hq).body());
    assertEquals("interessiert", inGermany.path("stage").asText(), inGermany.toString());
    String enteredAt = inGermany.path("stageSince").asText();

    String etag = send("GET", "/api/v1/schools/" + school, null, hq).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> abroad = send("PATCH", "/api/v1/schools/" + school, "{\"country\":\"KE\",\"unit\":null,\"city\":\"Nairobi\"}",
        hq, "If-Match", etag);
    assertEquals(200, abroad.statusCode(), abroad.body());
    JsonNode inKenya = JSON.readTree(send("GET", path, null, hq).body());
    assertTrue(inKenya.path("stage").isNull() || inKenya.path("stage").isMissingNode(), "no German stage in Kenya: " + inKenya);
    assertEquals("APPLIED", inKenya.path("status").asText(), "the global status stays");
    JsonNode history = JSON.readTree(send("GET", path + "/history", null, hq).body()).path("items");
    JsonNode left = history.get(history.size() - 1);
    assertEquals("interessiert", left.path("fromStage").asText(), history.toString());
    assertTrue(left.path("toStage").isNull() || left.path("toStage").isMissingNode(), history.toString());
    assertEquals("DE \u2192 KE", left.path("comment").asText(), history.toString());
    for (String country : List.of("DE", "KE")) {
      String audit = send("GET", "/api/v1/audit?country=" + country + "&limit=100", null, hq).body();
      assertTrue(audit.contains("membership.stage") && audit.contains("\"stage\":\"interessiert\""),
          "the stage left is in the audit of " + country + ": " + audit);
    }

    etag = abroad.headers().firstValue("ETag").orElseThrow();
    // back home, its German fields are given again: they stayed behind when it left (the audit has them)
    HttpResponse<String> home = send("PATCH", "/api/v1/schools/" + school,
        "{\"country\":\"DE\",\"unit\":\"BY\",\"city\":\"Landshut\",\"fields\":{\"schulform\":\"gymnasium\"}}", hq, "If-Match", etag);
    assertEquals(200, home.statusCode(), home.body());
    JsonNode back = JSON.readTree(send("GET", path, null, hq).body());
    // at the first stage of its status (APPLIED: interessiert), as the ladder takes it, with its time from the move
    assertEquals("interessiert", back.path("stage").asText(), "the stage of its status, shown: " + back);
    assertTrue(java.time.Instant.parse(back.path("stageSince").asText()).isAfter(java.time.Instant.parse(enteredAt)), "its time counts from the move: " + back);
  }

  /**
   * A school moved abroad and back gets the unit and fields it left behind again, before the
   * required checks: nothing is lost by the move, and what the move back sends wins.
   */
  @Test
  void aSchoolMovedAbroadAndBackGetsItsUnitAndFieldsAgain() throws Exception {
    ObjectNode body = school("Humboldt-Schule Hin und Zurück " + System.nanoTime(), "DE", "BE", "Berlin");
    body.putObject("fields").put("schulform", "realschule").put("traeger", "privat")
        .putArray("schwerpunkte").add("frieden").add("welterbe");
    HttpResponse<String> applied = send("POST", "/api/v1/applications", body, hq);
    assertEquals(201, applied.statusCode(), applied.body());
    String path = "/api/v1/schools/" + JSON.readTree(applied.body()).path("schoolId").asLong();
    for (String back : List.of("{\"country\":\"DE\"}", "{\"country\":\"de\",\"fields\":{\"schulform\":\"gymnasium\",\"traeger\":null}}")) {
      String etag = send("GET", path, null, hq).headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> abroad = send("PATCH", path, "{\"country\":\"KE\"}", hq, "If-Match", etag);
      assertEquals(200, abroad.statusCode(), abroad.body());
      assertEquals(0, JSON.readTree(abroad.body()).path("fields").size(), abroad.body());
      HttpResponse<String> home = send("PATCH", path, back, hq, "If-Match", abroad.headers().firstValue("ETag").orElseThrow());
      assertEquals(200, home.statusCode(), back + ": " + home.body());
      JsonNode school = JSON.readTree(home.body());
      assertEquals("BE", school.path("unit").asText(), school.toString());
      JsonNode fields = school.path("fields");
      if (back.contains("gymnasium")) { // sent values win, a null too
        assertEquals("gymnasium", fields.path("schulform").asText(), school.toString());
        assertTrue(fields.path("traeger").isMissingNode(), school.toString());
      } else {
        assertEquals("realschule", fields.path("schulform").asText(), school.toString());
        assertEquals("privat", fields.path("traeger").asText(), school.toString());
      }
      assertEquals("[\"frieden\",\"welterbe\"]", fields.path("schwerpunkte").toString(), school.toString());
    }
  }

  @Test
  void aProfileThatThrowsOrHangsCostsOnlyItsOwnCountry() throws Exception {
    platform.deployPlugin(FAULTY, "org.unesco.aspnet.example.faultyprofile.jar");
    try {
      platform.awaitResponse("/api/v1/countries/IT/profile", Duration.ofSeconds(30), r -> r.statusCode() == 200);
      HttpResponse<String> exploded = send("POST", "/api/v1/applications", school("Liceo explode", "IT", null, "Roma"), hq);
      assertEquals(503, exploded.statusCode(), exploded.body());
      assertTrue(exploded.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
      assertFalse(exploded.body().contains("explodes on purpose") || exploded.body().contains("Exception"),
          "the profile's exception is for the log and the administrator, not the caller: " + exploded.body());
      JsonNode health = JSON.readTree(send("GET", "/api/v1/health", null, hq).body());
      assertEquals("DEGRADED", health.path("status").asText(), health.toString());
      assertTrue(health.toString().contains("IT: validate failed"), "the administrator is told why: " + health);
      JsonNode seenByAll = JSON.readTree(platform.get("/api/v1/health").body());
      assertEquals("DEGRADED", seenByAll.path("status").asText(), seenByAll.toString());
      assertEquals("DEGRADED", seenByAll.path("components").path("national-profiles").path("status").asText(), seenByAll.toString());
      assertFalse(seenByAll.toString().contains("detail"), "the public gets the statuses alone: " + seenByAll);
      assertTrue(platform.log().contains("this profile explodes on purpose"), "the failure is in the log");
      assertEquals(503, send("POST", "/api/v1/applications", school("Liceo explode", "IT", null, "Roma"), hq).statusCode());
      assertEquals(1, platform.log().lines().filter(l -> l.contains("National profile of IT failed in validate")).count(),
          "said once while it keeps failing so, not at every request");

      // While Italy's profile hangs, Kenya's applications go through
      CompletableFuture<HttpResponse<String>> hanging = CompletableFuture.supplyAsync(() -> {
        try {
          return send("POST", "/api/v1/applications", school("Liceo hang", "IT", null, "Milano"), hq);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long started = System.nanoTime();
      HttpResponse<String> kenya = send("POST", "/api/v1/applications", school("Alliance High School", "KE", null, "Kikuyu"), hq);
      assertEquals(201, kenya.statusCode(), kenya.body());
      assertTrue((System.nanoTime() - started) / 1_000_000 < 1_500, "Kenya did not wait for Italy");
      assertEquals(503, hanging.get().statusCode());
    } finally {
      platform.removePlugin("org.unesco.aspnet.example.faultyprofile.jar");
    }
    platform.awaitResponse("/api/v1/countries/IT/profile", Duration.ofSeconds(30), r -> r.statusCode() == 404);
    assertEquals("UP", JSON.readTree(platform.get("/api/v1/health").body()).path("status").asText());
  }
}
