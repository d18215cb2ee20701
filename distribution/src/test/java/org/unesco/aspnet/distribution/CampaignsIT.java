package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Campaigns over real HTTP with the shipped Trash Hack and Sandwatch plugins: HQ and an NC create
 * campaigns, schools join, report and are moderated with every scope enforced; the summary equals
 * sums computed here over generated submissions; and the Trash Hack plugin leaves and comes back
 * with its data intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRASH_HACK_JAR = "org.unesco.aspnet.campaign.trashhack.jar";
  private static final String[] TYPES = {"PLASTIC", "PAPER", "GLASS", "METAL", "ORGANIC"};
  private static Installation platform;
  private static String hq;
  private static String ncFrance;
  private static String ncKenya;
  private static long paris;
  private static long lyon;
  private static long nairobi;
  private static long candidate;
  private static String staffParis;
  private static String staffLyon;
  private static String staffNairobi;
  private static long trashHack;
  private static long national;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation().start();
    hq = platform.adminToken();
    ncFrance = invited("nc.fr@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"FR\"}");
    ncKenya = invited("nc.ke@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");
    paris = member("Lycée Voltaire", "FR", "Paris");
    lyon = member("Collège Ampère", "FR", "Lyon");
    nairobi = member("Moi Girls School", "KE", "Nairobi");
    candidate = apply("École candidate", "FR", "Lille");
    staffParis = invited("staff.paris@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + paris + "\"}");
    staffLyon = invited("staff.lyon@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + lyon + "\"}");
    staffNairobi = invited("staff.nairobi@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + nairobi + "\"}");
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  // ---- helpers ----

  private static String invited(String email, String grant) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(grant);
    body.put("email", email);
    HttpResponse<String> inv = send("POST", "/api/v1/invitations", body.toString(), hq);
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    HttpResponse<String> accepted = platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Someone\",\"password\":\"a long enough password\"}",
        "Content-Type", "application/json");
    assertEquals(200, accepted.statusCode(), accepted.body());
    return JSON.readTree(platform.login(email, "a long enough password").body()).path("token").asText();
  }

  private static long apply(String name, String country, String city) throws Exception {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", name).put("country", country).put("city", city).put("address", "1 main street");
    s.putArray("levels").add("SECONDARY");
    s.putArray("themes").add("ESD");
    s.putArray("languages").add("fr");
    s.put("students", 500).put("teachers", 40).put("email", "contact@" + city.toLowerCase() + ".example.org");
    FrenchSchools.complete(s);
    HttpResponse<String> r = platform.send("POST", "/api/v1/applications", s.toString(), "Content-Type", "application/json");
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("schoolId").asLong();
  }

  private static long member(String name, String country, String city) throws Exception {
    long school = apply(name, country, city);
    long membership = JSON.readTree(send("GET", "/api/v1/schools/" + school, null, hq).body()).path("membershipId").asLong();
    for (String to : List.of("UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "MEMBER")) {
      HttpResponse<String> r = send("POST", "/api/v1/memberships/" + membership + "/transitions", "{\"to\":\"" + to + "\"}", hq);
      assertEquals(200, r.statusCode(), r.body());
    }
    return school;
  }

  private static HttpResponse<String> send(String method, String path, String body, String token, String... more)
      throws Exception {
    return platform.sendAs(method, path, body, token, more);
  }

  private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static List<String> errorFields(HttpResponse<String> r) throws Exception {
    JsonNode p = json(r, 400);
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    List<String> fields = new ArrayList<>();
    p.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static ObjectNode waste(String type, double mass, String unit) {
    return JSON.createObjectNode().put("type", type).put("mass", mass).put("unit", unit);
  }

  private static ObjectNode submission(long school, LocalDate date, int pupils, ObjectNode... waste) {
    ObjectNode s = JSON.createObjectNode();
    s.put("school", school).put("date", date.toString()).put("phase", "act").put("text", "We cleaned the river bank")
        .put("pupils", pupils).put("teachers", 2);
    ObjectNode metrics = s.putObject("metrics");
    ArrayNode w = metrics.putArray("waste");
    for (ObjectNode item : waste) {
      w.add(item);
    }
    metrics.put("itemsRecycled", 10);
    s.putArray("media").addObject().put("url", "https://example.org/photo.jpg").put("type", "photo")
        .put("showsPupils", true).put("parentalConsent", true);
    return s;
  }

  private static HttpResponse<String> submit(long campaign, String token, ObjectNode body) throws Exception {
    return send("POST", "/api/v1/campaigns/" + campaign + "/submissions", body.toString(), token);
  }

  private static HttpResponse<String> decide(long campaign, long submission, String decision, String comment, String token)
      throws Exception {
    ObjectNode d = JSON.createObjectNode().put("decision", decision);
    if (comment != null) {
      d.put("comment", comment);
    }
    return send("POST", "/api/v1/campaigns/" + campaign + "/submissions/" + submission + "/decision", d.toString(), token);
  }

  // ---- the story ----

  @Test
  @Order(1)
  void hqCreatesGlobalCampaignsAndAnNcNationalOnes() throws Exception {
    // phases around today: the activities below are dated up to two months back, in "act"
    LocalDate today = LocalDate.now();
    String trash = "{\"kind\":\"CAMPAIGN\",\"module\":\"trash-hack\",\"title\":{\"en\":\"Trash Hack 2026\",\"fr\":\"Trash Hack 2026\"},"
        + "\"description\":{\"en\":\"Observe, act, reflect, celebrate\"},"
        + "\"phases\":[{\"key\":\"observe\",\"starts\":\"" + today.minusDays(400) + "\",\"ends\":\"" + today.minusDays(91) + "\"},"
        + "{\"key\":\"act\",\"starts\":\"" + today.minusDays(90) + "\",\"ends\":\"" + today.plusDays(365) + "\"}],"
        + "\"membersOnly\":true,\"open\":true}";
    assertEquals(401, send("POST", "/api/v1/campaigns", trash, null).statusCode());
    assertEquals(403, send("POST", "/api/v1/campaigns", trash, ncFrance).statusCode(), "an NC does not create global ones");
    assertEquals(403, send("POST", "/api/v1/campaigns", trash, staffParis).statusCode());
    assertEquals(List.of("module"), errorFields(send("POST", "/api/v1/campaigns", trash.replace("trash-hack", "no-such-module"), hq)));
    // a module that is not installed is one error among the others, in the request's language
    HttpResponse<String> noModule = send("POST", "/api/v1/campaigns",
        "{\"kind\":\"PROJECT\",\"country\":\"FR\",\"module\":\"nope\",\"title\":{\"en\":\" \",\"xx\":\"y\"}}", hq, "Accept-Language", "fr");
    assertEquals(List.of("module", "title.en", "title.xx"), errorFields(noModule));
    assertTrue(JSON.readTree(noModule.body()).path("errors").get(0).path("message").asText()
        .startsWith("aucun module de campagne nope n'est installé"), noModule.body());
    // a title is one line that reads as written: no override turning it round, no line break
    assertEquals(List.of("title.en", "title.fr"), errorFields(send("POST", "/api/v1/campaigns", trash
        .replace("\"en\":\"Trash Hack 2026\"", "\"en\":\"Trash \\u202ekcaH\"").replace("\"fr\":\"Trash Hack 2026\"", "\"fr\":\"Trash\\nHack\""),
        hq)));
    assertEquals(List.of("phases[0].key"), errorFields(send("POST", "/api/v1/campaigns", trash.replace("\"observe\"", "\"party\""), hq)));
    assertEquals(List.of("phases[0].starts", "phases[1].ends"), errorFields(send("POST", "/api/v1/campaigns",
        trash.replace(today.minusDays(400).toString(), "-999999999-01-01").replace(today.plusDays(365).toString(), "+999999999-12-31"), hq)),
        "a phase is planned years ahead, not millennia");
    // a wrong type is told with the other fields' errors, in the request's language, and nothing is created
    HttpResponse<String> mixed = send("POST", "/api/v1/campaigns", trash.replace("\"open\":true", "\"open\":\"yes\"")
        .replace("\"observe\"", "\"party\"").replace(today.minusDays(91).toString(), today.minusDays(500).toString()), hq,
        "Accept-Language", "fr");
    assertEquals(List.of("open", "phases[0].key", "phases[0].ends"), errorFields(mixed));
    assertEquals("ne doit pas précéder le début", JSON.readTree(mixed.body()).path("errors").get(2).path("message").asText(),
        mixed.body());
    assertEquals(List.of("open"), errorFields(send("POST", "/api/v1/campaigns", trash.replace("\"open\":true", "\"open\":\"yes\"")
        .replace("\"observe\"", "\"party\""), ncFrance)), "an NC does not create global ones: the type only, as before");
    assertEquals(0, json(platform.get("/api/v1/campaigns"), 200).path("items").size(), "nothing was created");
    HttpResponse<String> created = send("POST", "/api/v1/campaigns", trash, hq);
    JsonNode c = json(created, 201);
    trashHack = c.path("id").asLong();
    assertEquals("trash-hack", c.path("module").asText());
    assertTrue(c.path("moduleAvailable").asBoolean());
    assertTrue(c.path("country").isNull());

    String nationalBody = "{\"kind\":\"PROJECT\",\"country\":\"FR\",\"title\":{\"fr\":\"Jardins partagés\"},\"membersOnly\":false}";
    assertEquals(403, send("POST", "/api/v1/campaigns", nationalBody, ncKenya).statusCode(), "not Kenya's to create");
    national = json(send("POST", "/api/v1/campaigns", nationalBody, ncFrance), 201).path("id").asLong();

    JsonNode api = json(platform.get("/api/v1/openapi.json"), 200);
    assertTrue(api.path("paths").has("/api/v1/campaigns/{id}/summary"), "documented in the OpenAPI document");
    JsonNode modules = json(platform.get("/api/v1/campaign-modules"), 200);
    List<String> keys = new ArrayList<>();
    modules.path("items").forEach(m -> keys.add(m.path("key").asText()));
    assertEquals(List.of("sandwatch", "trash-hack"), keys, "the shipped modules");
    assertEquals(400, platform.get("/api/v1/campaign-modules?kind=PROJECT").statusCode(), "a filter it does not have");

    JsonNode list = json(platform.get("/api/v1/campaigns"), 200);
    assertEquals(2, list.path("items").size(), list.toString());
    assertEquals(1, json(platform.get("/api/v1/campaigns?limit=1"), 200).path("items").size());
    assertEquals(national, json(platform.get("/api/v1/campaigns?country=FR"), 200).path("items").get(0).path("id").asLong());

    // Updates take If-Match; only those who run the campaign make them.
    HttpResponse<String> read = platform.get("/api/v1/campaigns/" + national);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertEquals(428, send("PATCH", "/api/v1/campaigns/" + national, "{\"open\":true}", ncFrance).statusCode());
    assertEquals(403, send("PATCH", "/api/v1/campaigns/" + national, "{\"open\":false}", ncKenya, "If-Match", etag).statusCode());
    JsonNode patched = json(send("PATCH", "/api/v1/campaigns/" + national,
        "{\"description\":{\"fr\":\"Un jardin par école\"}}", ncFrance, "If-Match", etag), 200);
    assertEquals("Un jardin par école", patched.path("description").path("fr").asText());
    // the audit says what the edit changed: the description, before and after
    JsonNode edit = json(send("GET", "/api/v1/audit?country=FR&limit=50", null, ncFrance), 200).path("items");
    JsonNode update = null;
    for (JsonNode e : edit) {
      if (e.path("action").asText().equals("campaign.update") && e.path("entityId").asText().equals(String.valueOf(national))) {
        update = e;
        break;
      }
    }
    assertNotNull(update, edit.toString());
    assertEquals("Un jardin par école", update.path("after").path("description").path("fr").asText(), update.toString());
    assertNotEquals(update.path("before").path("description"), update.path("after").path("description"), update.toString());
    assertTrue(update.path("after").path("phases").isArray(), update.toString());
    assertEquals(412, send("PATCH", "/api/v1/campaigns/" + national, "{\"open\":false}", ncFrance, "If-Match", etag).statusCode());
    // a wrong type with a blank title and another country: all three in one 400, the campaign as it was
    HttpResponse<String> before = platform.get("/api/v1/campaigns/" + national);
    String current = before.headers().firstValue("ETag").orElseThrow();
    assertEquals(List.of("open", "title.fr", "countries"), errorFields(send("PATCH", "/api/v1/campaigns/" + national,
        "{\"open\":\"no\",\"title\":{\"fr\":\" \"},\"countries\":[\"KE\"]}", ncFrance, "If-Match", current)));
    assertEquals(List.of("open"), errorFields(send("PATCH", "/api/v1/campaigns/" + national,
        "{\"open\":\"no\",\"title\":{\"fr\":\" \"}}", ncKenya, "If-Match", current)), "not Kenya's to edit: the type only");
    HttpResponse<String> after = platform.get("/api/v1/campaigns/" + national);
    assertEquals(current, after.headers().firstValue("ETag").orElseThrow(), "nothing was changed");
    assertEquals(before.body(), after.body());
    // a patch that changes nothing (null leaves a field as it is) makes no new revision
    int revision = patched.path("revision").asInt();
    HttpResponse<String> same = send("PATCH", "/api/v1/campaigns/" + national,
        "{\"title\":null,\"description\":{\"fr\":\"Un jardin par école\"}}", ncFrance, "If-Match", "\"" + revision + "\"");
    assertEquals(revision, json(same, 200).path("revision").asInt(), same.body());
    // a national campaign stays national: its country sent as null is refused, not read as "not given"
    HttpResponse<String> global = send("PATCH", "/api/v1/campaigns/" + national, "{\"country\":null}", ncFrance,
        "If-Match", "\"" + revision + "\"");
    assertEquals(400, global.statusCode(), global.body());
    assertEquals(List.of("country"), errorFields(global), global.body());
    assertEquals(403, send("PATCH", "/api/v1/campaigns/" + national, "{\"country\":null}", ncKenya,
        "If-Match", "\"" + revision + "\"").statusCode(), "not Kenya's to edit: told so first");
    // texts each within their limit but too much together as stored: a 400 on the field, not a 500
    ObjectNode crowded = JSON.createObjectNode();
    ObjectNode many = crowded.putObject("description");
    for (String language : List.of("en", "fr", "es", "de", "ar", "zh", "ru", "pt", "it")) {
      many.put(language, "\"".repeat(4000));
    }
    String now = platform.get("/api/v1/campaigns/" + national).headers().firstValue("ETag").orElseThrow();
    assertEquals(List.of("description"), errorFields(send("PATCH", "/api/v1/campaigns/" + national, crowded.toString(), ncFrance,
        "If-Match", now)));
    assertEquals(now, platform.get("/api/v1/campaigns/" + national).headers().firstValue("ETag").orElseThrow(), "nothing written");
    // an edit past the audit's cut of a long description still shows as a change
    String longText = "Chaque école plante un jardin. ".repeat(40);
    JsonNode first = json(send("PATCH", "/api/v1/campaigns/" + national, "{\"description\":{\"fr\":\"" + longText + "A\"}}",
        ncFrance, "If-Match", now), 200);
    json(send("PATCH", "/api/v1/campaigns/" + national, "{\"description\":{\"fr\":\"" + longText + "B\"}}",
        ncFrance, "If-Match", "\"" + first.path("revision").asInt() + "\""), 200);
    JsonNode last = json(send("GET", "/api/v1/audit?country=FR&action=campaign.update&entity=campaign&entityId=" + national + "&limit=1",
        null, ncFrance), 200).path("items").get(0);
    assertNotEquals(last.path("before").path("description"), last.path("after").path("description"), last.toString());
  }

  @Test
  @Order(2)
  void schoolsJoinWhenEligible() throws Exception {
    String path = "/api/v1/campaigns/" + trashHack + "/participants";
    // a misspelt member with the school it leaves out, a wrong type with an unknown member: both, nobody joins
    assertEquals(List.of("schoolId", "school"), errorFields(send("POST", path, "{\"schoolId\":" + paris + "}", staffParis)));
    assertEquals(List.of("school", "note"), errorFields(send("POST", path, "{\"school\":\"" + paris + "\",\"note\":1}", staffParis)));
    assertEquals(0, json(platform.get(path), 200).path("items").size(), "nobody joined");
    assertEquals(201, send("POST", path, "{\"school\":" + paris + "}", staffParis).statusCode());
    assertEquals(403, send("POST", path, "{\"school\":" + lyon + "}", staffParis).statusCode(), "not their school");
    assertEquals(401, send("POST", path, "{\"school\":" + lyon + "}", null).statusCode());
    assertEquals(409, send("POST", path, "{\"school\":" + candidate + "}", hq).statusCode(), "members only");
    assertEquals(409, send("POST", path, "{\"school\":" + paris + "}", staffParis).statusCode(), "already in");
    // said in the request's language, the ids as they are
    HttpResponse<String> again = send("POST", path, "{\"school\":" + paris + "}", staffParis, "Accept-Language", "fr");
    assertEquals("L'école " + paris + " participe déjà à la campagne " + trashHack,
        JSON.readTree(again.body()).path("detail").asText(), again.body());
    assertEquals(201, send("POST", path, "{\"school\":" + nairobi + "}", staffNairobi).statusCode());
    assertEquals(409, send("POST", "/api/v1/campaigns/" + national + "/participants", "{\"school\":" + nairobi + "}",
        staffNairobi).statusCode(), "a national campaign of France");
    assertEquals(201, send("POST", "/api/v1/campaigns/" + national + "/participants", "{\"school\":" + candidate + "}",
        ncFrance).statusCode(), "candidates welcome in this one");

    JsonNode all = json(platform.get(path), 200);
    assertEquals(2, all.path("items").size(), all.toString());
    JsonNode kenya = json(platform.get(path + "?country=KE"), 200);
    assertEquals(1, kenya.path("items").size());
    assertEquals("Moi Girls School", kenya.path("items").get(0).path("name").asText());
    // "does this school take part?", as the portal asks it, whatever the campaign's size
    JsonNode parisIn = json(send("GET", path + "?school=" + paris, null, staffParis), 200).path("items");
    assertEquals(1, parisIn.size(), parisIn.toString());
    assertEquals(paris, parisIn.get(0).path("school").asLong());
    assertEquals(0, json(send("GET", path + "?school=" + lyon, null, staffLyon), 200).path("items").size(), "Lyon is not in");
    assertEquals(List.of("school"), errorFields(send("GET", path + "?school=abc", null, staffLyon)));
    assertEquals(0, json(platform.get("/api/v1/campaigns/" + national + "/participants?school=" + candidate), 200)
        .path("items").size(), "a candidate taking part is not shown to the public");
    assertEquals(0, json(platform.get("/api/v1/campaigns/" + national + "/participants"), 200).path("items").size(),
        "a candidate is not shown to the public");
    assertEquals(1, json(send("GET", "/api/v1/campaigns/" + national + "/participants", null, ncFrance), 200)
        .path("items").size(), "but to its NC");
    // ... nor counted for the public: the count is what the caller's list shows
    assertEquals(0, json(platform.get("/api/v1/campaigns/" + national), 200).path("participants").asLong(),
        "the public count leaves the candidate out");
    assertEquals(0, json(platform.get("/api/v1/campaigns/" + national + "/summary"), 200).path("participants").asLong());
    json(platform.get("/api/v1/campaigns"), 200).path("items").forEach(c -> assertEquals(
        c.path("id").asLong() == national ? 0 : 2, c.path("participants").asLong(), "in the list too: " + c));
    assertEquals(1, json(send("GET", "/api/v1/campaigns/" + national, null, ncFrance), 200).path("participants").asLong());
    assertEquals(0, json(send("GET", "/api/v1/campaigns/" + national, null, ncKenya), 200).path("participants").asLong(),
        "Kenya's NC neither runs France's campaign nor sees France's candidate");
  }

  @Test
  @Order(3)
  void aSchoolTheCallerMayNotSeeAnswersLikeAnUnknownOne() throws Exception {
    long kenyanCandidate = apply("Mombasa Academy", "KE", "Mombasa");
    String path = "/api/v1/campaigns/" + trashHack + "/participants";
    HttpResponse<String> unknown = send("POST", path, "{\"school\":999999}", ncFrance);
    assertEquals(404, unknown.statusCode(), unknown.body());
    HttpResponse<String> hidden = send("POST", path, "{\"school\":" + kenyanCandidate + "}", ncFrance);
    assertEquals(404, hidden.statusCode(), "Kenya's candidate does not exist for France's NC: " + hidden.body());
    assertEquals(JSON.readTree(unknown.body()).path("detail").asText().replace("999999", "#"),
        JSON.readTree(hidden.body()).path("detail").asText().replace(String.valueOf(kenyanCandidate), "#"), "the same answer");
    assertEquals(404, send("POST", path, "{\"school\":" + kenyanCandidate + "}", null).statusCode(), "nor for the public");
    assertEquals(403, send("POST", path, "{\"school\":" + nairobi + "}", ncFrance).statusCode(), "a member is public, not France's");
    assertEquals(409, send("POST", path, "{\"school\":" + kenyanCandidate + "}", ncKenya).statusCode(),
        "Kenya's NC sees it: members only");
  }

  @Test
  @Order(4)
  void submissionsAreCheckedByThePlatformAndTheModule() throws Exception {
    LocalDate day = LocalDate.now().minusDays(3);
    assertEquals(403, submit(trashHack, staffLyon, submission(lyon, day, 5, waste("PAPER", 1, "kg"))).statusCode(),
        "Lyon does not take part");
    assertEquals(403, submit(trashHack, staffParis, submission(nairobi, day, 5, waste("PAPER", 1, "kg"))).statusCode(),
        "not Paris's school");
    assertEquals(401, submit(trashHack, null, submission(paris, day, 5, waste("PAPER", 1, "kg"))).statusCode());
    assertEquals(List.of("metrics.waste[0].mass"),
        errorFields(submit(trashHack, staffParis, submission(paris, day, 5, waste("PAPER", -4, "kg")))));
    assertEquals(List.of("metrics.waste[1].unit"),
        errorFields(submit(trashHack, staffParis, submission(paris, day, 5, waste("PAPER", 1, "kg"), waste("GLASS", 2, "stone")))));
    assertEquals(List.of("date"),
        errorFields(submit(trashHack, staffParis, submission(paris, LocalDate.now().plusDays(10), 5, waste("PAPER", 1, "kg")))));
    HttpResponse<String> beforeAct = submit(trashHack, staffParis, submission(paris, LocalDate.now().minusDays(100), 5, waste("PAPER", 1, "kg")));
    assertEquals(List.of("date"), errorFields(beforeAct), "dated in the observe phase, named act");
    assertTrue(beforeAct.body().contains("must be within the phase Act"), beforeAct.body());
    // named by the module's label in the request's language, not by its key
    HttpResponse<String> german = send("POST", "/api/v1/campaigns/" + trashHack + "/submissions",
        submission(paris, LocalDate.now().minusDays(100), 5, waste("PAPER", 1, "kg")).toString(), staffParis, "Accept-Language", "de");
    assertTrue(german.body().contains("muss in der Phase Handeln liegen"), german.body());
    ObjectNode noConsent = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    ((ObjectNode) noConsent.path("media").get(0)).remove("parentalConsent");
    assertEquals(List.of("media[0].parentalConsent"), errorFields(submit(trashHack, staffParis, noConsent)));
    // a media link passes a resource's checks: once approved, the public is shown it
    ObjectNode elsewhere = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    ArrayNode links = elsewhere.putArray("media");
    for (String url : List.of("https://www.unesco.org@evil.example/x.jpg", "https://127.0.0.1/x.jpg", "https://localhost/x.jpg",
        "https://example.org:99999/x.jpg")) {
      links.addObject().put("url", url).put("type", "photo").put("showsPupils", false);
    }
    assertEquals(List.of("media[0].url", "media[1].url", "media[2].url", "media[3].url"),
        errorFields(submit(trashHack, staffParis, elsewhere)));
    // a link that shows no pupils needs no consent, and its answer says so as the API document does (null)
    ObjectNode noPupils = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    ((ObjectNode) noPupils.path("media").get(0)).put("showsPupils", false).remove("parentalConsent");
    JsonNode noPupilsSent = json(submit(trashHack, staffParis, noPupils), 201);
    assertTrue(noPupilsSent.path("media").get(0).path("parentalConsent").isNull(), noPupilsSent.toString());
    assertEquals(204, send("DELETE", "/api/v1/campaigns/" + trashHack + "/submissions/" + noPupilsSent.path("id").asLong(),
        null, staffParis).statusCode(), "withdrawn again: the tests after count the school's reports");
    ObjectNode unknownField = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    ((ObjectNode) unknownField.path("metrics")).put("litres", 3);
    assertEquals(List.of("metrics.litres"), errorFields(submit(trashHack, staffParis, unknownField)));
    // Whole numbers are compared as they are, not as a long: 2^64 + 1 is not 1, 2^63 is not negative
    for (String big : List.of("18446744073709551617", "9223372036854775808")) {
      ObjectNode huge = submission(paris, day, 5, waste("PAPER", 1, "kg"));
      ((ObjectNode) huge.path("metrics")).put("itemsRecycled", new BigInteger(big));
      HttpResponse<String> refused = submit(trashHack, staffParis, huge);
      assertEquals(List.of("metrics.itemsRecycled"), errorFields(refused), big);
      assertEquals("must be from 0 to 100000000",
          JSON.readTree(refused.body()).path("errors").get(0).path("message").asText(), big);
    }
    // 1e400 is a number beyond the range (read as infinite), not "not a number"
    ObjectNode overflow = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    ((ObjectNode) overflow.path("metrics").path("waste").get(0)).put("mass", new java.math.BigDecimal("1e400"));
    HttpResponse<String> tooMuch = submit(trashHack, staffParis, overflow);
    assertEquals(List.of("metrics.waste[0].mass"), errorFields(tooMuch), tooMuch.body());
    assertEquals("must be from 0 to 1000000", JSON.readTree(tooMuch.body()).path("errors").get(0).path("message").asText(),
        tooMuch.body());
    // every error at once, the school's with the report's
    List<String> all = errorFields(send("POST", "/api/v1/campaigns/" + trashHack + "/submissions", "{}", staffParis));
    assertEquals(1, java.util.Collections.frequency(all, "school"), "named once: " + all);
    assertTrue(all.containsAll(List.of("school", "date", "phase", "text")), all.toString());
    // a wrong type does not hide the rest: the teachers sent as text, the missing text and the
    // missing consent in one answer, and no "school is required" for the school the body names
    ObjectNode mixed = submission(paris, day, 5, waste("PAPER", 1, "kg"));
    mixed.put("teachers", "x").remove("text");
    ((ObjectNode) mixed.path("media").get(0)).remove("parentalConsent");
    List<String> mixedFields = errorFields(submit(trashHack, staffParis, mixed));
    assertTrue(mixedFields.containsAll(List.of("teachers", "text", "media[0].parentalConsent")), mixedFields.toString());
    assertFalse(mixedFields.contains("school"), mixedFields.toString());
    // so does a control character in the text: it is one error among the others
    mixed.put("text", "Tidy\u0001up");
    List<String> controlFields = errorFields(submit(trashHack, staffParis, mixed));
    assertEquals(List.of("media[0].parentalConsent", "teachers", "text"), controlFields.stream().sorted().toList());
    assertEquals(0, json(send("GET", "/api/v1/campaigns/" + trashHack + "/submissions", null, hq), 200).path("items").size(),
        "nothing was stored");
    // a filter these lists do not have is refused, not ignored (the whole list passed off as filtered)
    assertEquals(List.of("state"), errorFields(send("GET", "/api/v1/campaigns/" + trashHack + "/submissions?state=PENDING", null, hq)));
    assertEquals(List.of("countries"), errorFields(send("GET", "/api/v1/campaigns/" + trashHack + "/participants?countries=DE", null, hq)));
    assertEquals(List.of("countries"), errorFields(send("GET", "/api/v1/audit?countries=DE", null, hq)));
  }

  @Test
  @Order(5)
  void moderatorsDecideWithinTheirScope() throws Exception {
    long s = json(submit(trashHack, staffParis, submission(paris, LocalDate.now().minusDays(1), 12, waste("PLASTIC", 3.5, "kg"))), 201)
        .path("id").asLong();
    String path = "/api/v1/campaigns/" + trashHack + "/submissions/" + s;
    assertEquals(404, platform.get(path).statusCode(), "pending: not public");
    assertEquals(200, send("GET", path, null, staffParis).statusCode(), "its school sees it");
    // A pending submission another country's NC may not read does not exist for them: 404, as GET answers
    assertEquals(404, send("GET", path, null, ncKenya).statusCode());
    assertEquals(404, decide(trashHack, s, "APPROVED", null, ncKenya).statusCode(), "another country's NC");
    assertEquals(404, decide(trashHack, s, "APPROVED", null, staffNairobi).statusCode(), "nor another school");
    assertEquals(404, decide(trashHack, s, "APPROVED", null, null).statusCode(), "nor the public");
    assertEquals(403, decide(trashHack, s, "APPROVED", null, staffParis).statusCode(), "a school does not moderate itself");
    assertEquals(List.of("comment"), errorFields(decide(trashHack, s, "REJECTED", null, ncFrance)));
    // a decision that is none with a comment too long: both, for whoever may decide; the type only for the others
    String mixed = "{\"decision\":\"MAYBE\",\"comment\":\"" + "x".repeat(2001) + "\"}";
    assertEquals(List.of("decision", "comment"), errorFields(send("POST", path + "/decision", mixed, ncFrance)));
    assertEquals(List.of("decision"), errorFields(send("POST", path + "/decision", mixed, ncKenya)), "not Kenya's: the type only");
    assertEquals(List.of("decision"), errorFields(send("POST", path + "/decision", mixed, staffParis)));
    // a decision is one of two, its messages in the request's language
    HttpResponse<String> maybe = send("POST", path + "/decision", "{\"decision\":\"MAYBE\"}", ncFrance);
    assertEquals("'MAYBE' is not one of APPROVED, REJECTED",
        json(maybe, 400).path("errors").get(0).path("message").asText(), maybe.body());
    assertEquals("es obligatorio para rechazar: diga a la escuela por qué", json(send("POST", path + "/decision",
        "{\"decision\":\"REJECTED\"}", ncFrance, "Accept-Language", "es"), 400).path("errors").get(0).path("message").asText());
    assertEquals("debe ser APPROVED o REJECTED", json(send("POST", path + "/decision", "{\"comment\":\"?\"}", ncFrance,
        "Accept-Language", "es"), 400).path("errors").get(0).path("message").asText());
    HttpResponse<String> undecided = send("GET", path, null, staffParis);
    assertEquals("PENDING", json(undecided, 200).path("status").asText(), "nothing was decided");
    assertEquals("\"1\"", undecided.headers().firstValue("ETag").orElseThrow());
    JsonNode approved = json(decide(trashHack, s, "APPROVED", "Bravo", ncFrance), 200);
    assertEquals("APPROVED", approved.path("status").asText());
    assertEquals("Bravo", approved.path("comment").asText());
    assertEquals(200, platform.get(path).statusCode(), "approved: public");
    // its comment is the school's and the moderators', not the public's
    assertFalse(json(platform.get(path), 200).path("comment").isTextual(), "the public");
    assertFalse(json(platform.get("/api/v1/campaigns/" + trashHack + "/submissions"), 200).path("items").get(0)
        .path("comment").isTextual(), "the public's list");
    assertEquals("Bravo", json(send("GET", path, null, staffParis), 200).path("comment").asText());
    assertEquals("Bravo", json(send("GET", "/api/v1/campaigns/" + trashHack + "/submissions", null, ncFrance), 200)
        .path("items").get(0).path("comment").asText());
    assertEquals(403, decide(trashHack, s, "REJECTED", "No", ncKenya).statusCode(), "readable now, still not Kenya's to decide");

    // A campaign coordinator moderates everywhere in their campaign, and nowhere else.
    String coordinator = invited("coordinator@example.org",
        "{\"role\":\"CAMPAIGN_COORDINATOR\",\"campaign\":\"" + trashHack + "\"}");
    long k = json(submit(trashHack, staffNairobi, submission(nairobi, LocalDate.now().minusDays(2), 8, waste("METAL", 500, "g"))), 201)
        .path("id").asLong();
    assertEquals("REJECTED", json(decide(trashHack, k, "REJECTED", "Please add the photos' consent forms", coordinator), 200)
        .path("status").asText());
    assertEquals(404, platform.get("/api/v1/campaigns/" + trashHack + "/submissions/" + k).statusCode(), "rejected: not public");
    // a decision taken is changed only by someone who has seen it (If-Match); restating it is harmless
    assertEquals(428, decide(trashHack, k, "APPROVED", null, hq).statusCode(), "HQ has not seen the rejection");
    assertEquals(428, decide(trashHack, k, "REJECTED", "Off topic", hq).statusCode(), "nor the reason the school reads");
    JsonNode restated = json(decide(trashHack, k, "REJECTED", "Please add the photos' consent forms", coordinator), 200);
    assertEquals("Please add the photos' consent forms", restated.path("comment").asText(), restated.toString());
    String seen = send("GET", "/api/v1/campaigns/" + trashHack + "/submissions/" + k, null, hq).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> overturned = send("POST", "/api/v1/campaigns/" + trashHack + "/submissions/" + k + "/decision",
        "{\"decision\":\"APPROVED\"}", hq, "If-Match", seen);
    assertEquals(200, overturned.statusCode(), overturned.body());
    assertEquals(200, send("POST", "/api/v1/campaigns/" + trashHack + "/submissions/" + k + "/decision",
        "{\"decision\":\"REJECTED\",\"comment\":\"Please add the photos' consent forms\"}", hq,
        "If-Match", overturned.headers().firstValue("ETag").orElseThrow()).statusCode(), "as the coordinator had it, for the summary below");
    // The campaign lists its coordinator: by name for the public, with the address for the signed-in
    JsonNode listed = JSON.readTree(platform.get("/api/v1/campaigns/" + trashHack + "/coordinators").body()).path("items");
    assertEquals(1, listed.size(), listed.toString());
    assertTrue(listed.get(0).path("email").isNull(), listed.toString());
    assertEquals("coordinator@example.org",
        JSON.readTree(send("GET", "/api/v1/campaigns/" + trashHack + "/coordinators", null, hq).body()).path("items").get(0).path("email").asText());
    // The school takes back a report that is not public; an approved one stays
    assertEquals(409, send("DELETE", path, null, staffParis).statusCode(), "approved: public and counted");
    assertEquals(200, platform.get(path).statusCode(), "still there");
    long mistake = json(submit(trashHack, staffParis, submission(paris, LocalDate.now().minusDays(1), 3, waste("PAPER", 1, "kg"))), 201)
        .path("id").asLong();
    String mistakePath = "/api/v1/campaigns/" + trashHack + "/submissions/" + mistake;
    assertEquals(404, send("DELETE", mistakePath, null, staffNairobi).statusCode(), "another school does not see it");
    assertEquals(404, send("DELETE", mistakePath, null, null).statusCode(), "nor the public");
    assertEquals(412, send("DELETE", mistakePath, null, staffParis, "If-Match", "\"7\"").statusCode(), "a stale ETag");
    assertEquals(204, send("DELETE", mistakePath, null, staffParis, "If-Match", "\"1\"").statusCode());
    assertEquals(404, send("GET", mistakePath, null, staffParis).statusCode(), "withdrawn");
    assertEquals(404, send("DELETE", mistakePath, null, staffParis).statusCode(), "gone already");
    assertEquals(401, platform.get("/api/v1/audit").statusCode());
    String audit = send("GET", "/api/v1/audit?limit=200", null, hq).body();
    assertTrue(audit.contains("submission.moderate") && audit.contains("campaign.join") && audit.contains("campaign.create")
        && audit.contains("submission.withdraw"), audit);
  }

  /** Sums of approved submissions, computed here as the submissions are generated. */
  private static final Map<String, Double> expectedKgByCountry = new HashMap<>();
  private static final Map<String, Long> expectedPupilsByCountry = new HashMap<>();
  private static int expectedSubmissions;

  @Test
  @Order(6)
  void theSummaryEqualsSumsComputedIndependently() throws Exception {
    // What the earlier tests approved: Paris, 3.5 kg, 12 pupils.
    expectedKgByCountry.put("FR", 3.5);
    expectedPupilsByCountry.put("FR", 12L);
    expectedSubmissions = 1;
    Random random = new Random(2026);
    String[] units = {"kg", "g", "lb"};
    double[] factor = {1, 0.001, 0.45359237};
    for (int i = 0; i < 24; i++) {
      boolean france = random.nextBoolean();
      long school = france ? paris : nairobi;
      String country = france ? "FR" : "KE";
      List<ObjectNode> items = new ArrayList<>();
      double kg = 0;
      for (int j = 0; j < 1 + random.nextInt(3); j++) {
        int u = random.nextInt(units.length);
        double mass = Math.round(random.nextDouble() * 10_000) / 100.0;
        items.add(waste(TYPES[random.nextInt(TYPES.length)], mass, units[u]));
        kg += mass * factor[u];
      }
      int pupils = random.nextInt(40);
      long id = json(submit(trashHack, france ? staffParis : staffNairobi,
          submission(school, LocalDate.now().minusDays(1 + random.nextInt(60)), pupils, items.toArray(ObjectNode[]::new))), 201)
          .path("id").asLong();
      int fate = random.nextInt(3); // approve, reject or leave pending
      if (fate == 0) {
        assertEquals(200, decide(trashHack, id, "APPROVED", null, france ? ncFrance : ncKenya).statusCode());
        expectedKgByCountry.merge(country, kg, Double::sum);
        expectedPupilsByCountry.merge(country, (long) pupils, Long::sum);
        expectedSubmissions++;
      } else if (fate == 1) {
        assertEquals(200, decide(trashHack, id, "REJECTED", "Not this campaign's activity", hq).statusCode());
      }
    }
    HttpResponse<String> summary = platform.get("/api/v1/campaigns/" + trashHack + "/summary");
    checkSummary(json(summary, 200));
    // a coordinator's summary counts reports the public's leaves out: private to its reader
    assertEquals(List.of("private, no-cache"), summary.headers().allValues("Cache-Control"), summary.headers().toString());
    assertTrue(summary.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Authorization") && v.contains("Cookie")),
        summary.headers().toString());
  }

  private static void checkSummary(JsonNode summary) {
    double total = expectedKgByCountry.values().stream().mapToDouble(Double::doubleValue).sum();
    long pupils = expectedPupilsByCountry.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(expectedSubmissions, summary.path("totals").path("submissions").asInt(), summary.toString());
    assertEquals(pupils, summary.path("totals").path("pupils").asLong());
    assertEquals(total, summary.path("totals").path("metrics").path("wasteKg").asDouble(), 0.002);
    assertEquals(total, summary.path("summary").path("wasteKg").asDouble(), 0.002);
    assertEquals(expectedKgByCountry.size(), summary.path("countries").size());
    for (JsonNode c : summary.path("countries")) {
      String country = c.path("country").asText();
      assertEquals(expectedKgByCountry.get(country), c.path("metrics").path("wasteKg").asDouble(), 0.002, country);
      assertEquals(expectedPupilsByCountry.get(country), c.path("pupils").asLong(), country);
    }
    assertEquals("Europe and North America", summary.path("countries").get(0).path("region").asText(), "FR first");
    assertTrue(summary.path("regions").size() >= 1);
  }

  @Test
  @Order(7)
  void sandwatchKeepsATimeSeriesPerSite() throws Exception {
    long sandwatch = json(send("POST", "/api/v1/campaigns",
        "{\"kind\":\"CAMPAIGN\",\"module\":\"sandwatch\",\"title\":{\"en\":\"Sandwatch\"},\"membersOnly\":true,"
            + "\"phases\":[{\"key\":\"monitor\",\"starts\":\"" + LocalDate.now().minusYears(1) + "\",\"ends\":\""
            + LocalDate.now().plusYears(1) + "\"}]}", hq), 201).path("id").asLong();
    assertEquals(201, send("POST", "/api/v1/campaigns/" + sandwatch + "/participants", "{\"school\":" + nairobi + "}", staffNairobi).statusCode());
    JsonNode schema = json(platform.get("/api/v1/campaigns/" + sandwatch + "/schema"), 200);
    assertEquals("sandwatch", schema.path("key").asText());
    // a form in German names the change of the beach in German, choice by choice
    JsonNode change = schema.path("schema").path("metrics").get(1).path("fields").get(3);
    assertEquals("change", change.path("name").asText(), schema.toString());
    assertEquals("Erosion oder Anlandung", change.path("labels").path("de").asText(), change.toString());
    assertEquals("Anlandung", change.path("choiceLabels").path("ACCRETION").path("de").asText(), change.toString());
    assertEquals("Engraissement", change.path("choiceLabels").path("ACCRETION").path("fr").asText(), change.toString());
    String[] widths = {"21.5", "20.25"};
    for (int i = 0; i < 2; i++) {
      String body = "{\"school\":" + nairobi + ",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"phase\":\"monitor\","
          + "\"text\":\"Measured the beach\",\"pupils\":6,\"teachers\":1,\"metrics\":{\"site\":{\"name\":\"Diani\"},"
          + "\"measurements\":[{\"date\":\"" + LocalDate.now().minusDays(20 - 10 * i) + "\",\"beachWidth\":" + widths[i]
          + ",\"unit\":\"m\",\"change\":\"EROSION\"}]}}";
      long id = json(send("POST", "/api/v1/campaigns/" + sandwatch + "/submissions", body, staffNairobi), 201).path("id").asLong();
      assertEquals(200, decide(sandwatch, id, "APPROVED", null, ncKenya).statusCode());
    }
    JsonNode summary = json(platform.get("/api/v1/campaigns/" + sandwatch + "/summary"), 200);
    JsonNode totals = summary.path("totals").path("metrics");
    assertEquals(1, totals.path("sites").asInt(), summary.toString());
    assertEquals(1, totals.path("erodingSites").asInt());
    assertEquals(2, totals.path("series").get(0).path("points").size());
    assertEquals(20.25, totals.path("series").get(0).path("points").get(1).path("beachWidthM").asDouble(), 1e-9);
  }

  @Test
  @Order(8)
  void removingTheTrashHackPluginKeepsItsDataWhichComesBackWithIt() throws Exception {
    Path saved = platform.root.resolve("trash-hack.jar");
    Files.copy(platform.home.resolve("plugins").resolve(TRASH_HACK_JAR), saved);
    String submissionsBefore = send("GET", "/api/v1/campaigns/" + trashHack + "/submissions?limit=500", null, hq).body();
    assertEquals(submissionsBefore, send("GET", "/api/v1/campaigns/" + trashHack + "/submissions?limit=500&cursor=", null, hq).body(),
        "a blank cursor is the first page");
    assertEquals(List.of("cursor"), errorFields(send("GET", "/api/v1/campaigns/" + trashHack + "/submissions?cursor=0", null, hq)));
    JsonNode summaryBefore = json(platform.get("/api/v1/campaigns/" + trashHack + "/summary"), 200);

    platform.removePlugin(TRASH_HACK_JAR);
    platform.awaitResponse("/api/v1/campaigns/" + trashHack, Duration.ofSeconds(20),
        r -> r.statusCode() == 200 && r.body().contains("\"moduleAvailable\":false"));
    HttpResponse<String> summary = platform.get("/api/v1/campaigns/" + trashHack + "/summary");
    assertEquals(503, summary.statusCode(), summary.body());
    assertEquals("https://aspnet.unesco.org/problems/campaign-module-unavailable", JSON.readTree(summary.body()).path("type").asText());
    HttpResponse<String> refused = submit(trashHack, staffParis, submission(paris, LocalDate.now(), 3, waste("PAPER", 1, "kg")));
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals(submissionsBefore, send("GET", "/api/v1/campaigns/" + trashHack + "/submissions?limit=500", null, hq).body(),
        "every submission is kept and readable");
    // Nothing else notices: the national campaign and health are fine.
    assertEquals(200, platform.get("/api/v1/campaigns/" + national + "/summary").statusCode());
    assertEquals(200, platform.get("/api/v1/health").statusCode());
    assertEquals(201, send("POST", "/api/v1/campaigns/" + trashHack + "/participants", "{\"school\":" + lyon + "}", staffLyon)
        .statusCode(), "joining needs no module");
    // only the module knows its phases: a change of phases waits for it, other edits do not
    String etag = platform.get("/api/v1/campaigns/" + trashHack).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> phases = send("PATCH", "/api/v1/campaigns/" + trashHack,
        "{\"phases\":[{\"key\":\"bogus\",\"starts\":\"" + LocalDate.now().minusDays(1) + "\",\"ends\":\"" + LocalDate.now() + "\"}]}",
        hq, "If-Match", etag);
    assertEquals(503, phases.statusCode(), phases.body());
    JsonNode opened = json(send("PATCH", "/api/v1/campaigns/" + trashHack, "{\"open\":true}", hq, "If-Match", etag), 200);
    assertTrue(opened.path("phases").toString().contains("\"act\"") && !opened.path("phases").toString().contains("bogus"), opened.toString());

    platform.deployPlugin(saved, TRASH_HACK_JAR);
    platform.awaitResponse("/api/v1/campaigns/" + trashHack + "/summary", Duration.ofSeconds(20), r -> r.statusCode() == 200);
    JsonNode summaryAfter = json(platform.get("/api/v1/campaigns/" + trashHack + "/summary"), 200);
    ((ObjectNode) summaryBefore).remove("participants");
    ((ObjectNode) summaryAfter).remove("participants");
    assertEquals(summaryBefore, summaryAfter, "the same figures come back");
    checkSummary(summaryAfter);
  }

  /** A plugin made here from {@link BrokenCampaignModule}: manifest, component description, class. */
  private static Path brokenPlugin() throws Exception {
    Path jar = platform.root.resolve("broken-campaign.jar");
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    java.util.jar.Attributes a = manifest.getMainAttributes();
    a.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Bundle-ManifestVersion", "2");
    a.putValue("Bundle-SymbolicName", "org.unesco.aspnet.test.brokencampaign");
    a.putValue("Bundle-Version", "1.0.0");
    a.putValue("Import-Package",
        "org.unesco.aspnet.core;version=\"[1.0,2)\",org.unesco.aspnet.projects.campaign;version=\"[1.0,2)\"");
    a.putValue("Service-Component", "OSGI-INF/broken.xml");
    String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"broken-campaign\">"
        + "<property name=\"aspnet.campaign\" type=\"String\" value=\"broken\"/>"
        + "<service><provide interface=\"org.unesco.aspnet.projects.campaign.CampaignModule\"/></service>"
        + "<implementation class=\"" + BrokenCampaignModule.class.getName() + "\"/></scr:component>";
    String classFile = BrokenCampaignModule.class.getName().replace('.', '/') + ".class";
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
        java.io.InputStream bytes = BrokenCampaignModule.class.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new java.util.jar.JarEntry("OSGI-INF/broken.xml"));
      out.write(component.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new java.util.jar.JarEntry(classFile));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  @Test
  @Order(9)
  void aModuleThatThrowsFailsOnlyItsOwnCampaign() throws Exception {
    platform.deployPlugin(brokenPlugin(), "broken-campaign.jar");
    String body = "{\"kind\":\"CAMPAIGN\",\"module\":\"broken\",\"title\":{\"en\":\"Broken\"}}";
    platform.awaitResponse("/api/v1/campaign-modules", Duration.ofSeconds(20), r -> r.body().contains("\"broken\""));
    long broken = json(send("POST", "/api/v1/campaigns", body, hq), 201).path("id").asLong();
    assertEquals(201, send("POST", "/api/v1/campaigns/" + broken + "/participants", "{\"school\":" + paris + "}", staffParis)
        .statusCode());
    String report = "{\"school\":" + paris + ",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"text\":\"x\","
        + "\"pupils\":1,\"teachers\":1,\"metrics\":{%s}}";
    long id = json(send("POST", "/api/v1/campaigns/" + broken + "/submissions", String.format(report, ""), staffParis), 201)
        .path("id").asLong();
    assertEquals(200, decide(broken, id, "APPROVED", null, hq).statusCode());

    HttpResponse<String> failing = send("POST", "/api/v1/campaigns/" + broken + "/submissions",
        String.format(report, "\"explode\":true"), staffParis);
    assertEquals(503, failing.statusCode(), failing.body());
    assertEquals("broken", JSON.readTree(failing.body()).path("module").asText());
    HttpResponse<String> summary = platform.get("/api/v1/campaigns/" + broken + "/summary");
    assertEquals(503, summary.statusCode(), summary.body());
    assertTrue(!summary.body().contains("ArrayIndexOutOfBounds"), "no internals to the client: " + summary.body());

    // Everything else goes on; health says which module misbehaves, and still answers 200.
    checkSummary(json(platform.get("/api/v1/campaigns/" + trashHack + "/summary"), 200));
    assertEquals(200, platform.get("/api/v1/campaigns/" + broken).statusCode());
    HttpResponse<String> health = platform.get("/api/v1/health");
    assertEquals(200, health.statusCode(), health.body());
    JsonNode modules = JSON.readTree(health.body()).path("components").path("campaign-modules");
    assertEquals("DEGRADED", modules.path("status").asText(), health.body());
    assertTrue(platform.log().contains("Campaign module broken failed"), "logged for the operator");
    platform.removePlugin("broken-campaign.jar");
  }

  @Test
  @Order(10)
  void aSchoolLeavesAndItsSubmissionsStay() throws Exception {
    String path = "/api/v1/campaigns/" + trashHack + "/participants/";
    int approved = json(platform.get("/api/v1/campaigns/" + trashHack + "/summary"), 200).path("totals").path("submissions").asInt();
    assertEquals(403, send("DELETE", path + paris, null, staffNairobi).statusCode(), "not Nairobi's to decide");
    assertEquals(401, send("DELETE", path + paris, null, null).statusCode());
    assertEquals(204, send("DELETE", path + paris, null, staffParis).statusCode());
    assertEquals(404, send("DELETE", path + paris, null, staffParis).statusCode(), "gone already");
    JsonNode participants = json(platform.get("/api/v1/campaigns/" + trashHack + "/participants?country=FR"), 200);
    participants.path("items").forEach(p -> assertTrue(p.path("school").asLong() != paris, participants.toString()));
    assertEquals(403, submit(trashHack, staffParis, submission(paris, LocalDate.now(), 3, waste("PAPER", 1, "kg"))).statusCode(),
        "no longer takes part");
    assertEquals(approved, json(platform.get("/api/v1/campaigns/" + trashHack + "/summary"), 200).path("totals")
        .path("submissions").asInt(), "its approved reports still count");
  }

  /** An activity for a campaign without a module. */
  private static String activity(long school) {
    return "{\"school\":" + school + ",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"text\":\"We planted a garden\","
        + "\"pupils\":12,\"teachers\":2,\"metrics\":{},\"media\":[]}";
  }

  private static JsonNode exported(String dataset, String token) throws Exception {
    JsonNode rows = json(send("GET", "/api/v1/exports/" + dataset, null, token), 200);
    assertTrue(rows.isArray(), rows.toString());
    return rows;
  }

  @Test
  @Order(11)
  void nothingIsToldAboutASchoolTheCallerMayNotSee() throws Exception {
    // In France's national campaign (candidates welcome): its candidate reports, its NC approves
    String base = "/api/v1/campaigns/" + national;
    long hidden = json(send("POST", base + "/submissions", activity(candidate), ncFrance), 201).path("id").asLong();
    assertEquals(200, decide(national, hidden, "APPROVED", null, ncFrance).statusCode());
    // and a member reports, is approved, then HQ suspends it
    long rouen = member("Lycée Jean Moulin", "FR", "Rouen");
    assertEquals(201, send("POST", base + "/participants", "{\"school\":" + rouen + "}", ncFrance).statusCode());
    long suspended = json(send("POST", base + "/submissions", activity(rouen), ncFrance), 201).path("id").asLong();
    assertEquals(200, decide(national, suspended, "APPROVED", null, ncFrance).statusCode());
    assertEquals(200, platform.get(base + "/submissions/" + suspended).statusCode(), "a member's: public");
    long membership = json(send("GET", "/api/v1/schools/" + rouen, null, hq), 200).path("membershipId").asLong();
    assertEquals(200, send("POST", "/api/v1/memberships/" + membership + "/transitions",
        "{\"to\":\"SUSPENDED\",\"comment\":\"No annual report for three years\"}", hq).statusCode());

    for (String token : Arrays.asList(null, ncKenya, staffNairobi)) {
      String who = token == null ? "the public" : token.equals(ncKenya) ? "Kenya's NC" : "Nairobi's staff";
      JsonNode listed = json(send("GET", base + "/submissions", null, token), 200);
      assertEquals(0, listed.path("items").size(), who + ": " + listed);
      assertEquals(404, send("GET", base + "/submissions/" + hidden, null, token).statusCode(), who);
      assertEquals(404, send("GET", base + "/submissions/" + suspended, null, token).statusCode(), who);
      JsonNode summary = json(send("GET", base + "/summary?per=school", null, token), 200);
      assertEquals(0, summary.path("totals").path("submissions").asInt(), who + ": " + summary);
      assertEquals(0, summary.path("schools").size(), who + ": " + summary);
      assertFalse(summary.toString().contains("École candidate") || summary.toString().contains("Jean Moulin"), who + ": " + summary);
      for (String dataset : List.of("submissions.json", "participations.json")) {
        JsonNode rows = exported(dataset, token);
        rows.forEach(r -> assertTrue(r.path("schoolId").asLong() != candidate && r.path("schoolId").asLong() != rouen,
            who + ", " + dataset + ": " + r));
      }
      String csv = send("GET", "/api/v1/exports/submissions.csv", null, token).body();
      assertFalse(csv.contains("École candidate") || csv.contains("Jean Moulin"), who + ": " + csv);
    }
    assertEquals(404, decide(national, hidden, "REJECTED", "No", ncKenya).statusCode(), "as GET answers");
    assertEquals(2, json(send("GET", base + "/submissions", null, ncFrance), 200).path("items").size(), "their country's");
    assertEquals(200, send("GET", base + "/submissions/" + hidden, null, ncFrance).statusCode());
    assertEquals(2, json(send("GET", base + "/summary", null, ncFrance), 200).path("totals").path("submissions").asInt());
    assertEquals(2, json(send("GET", base + "/summary", null, hq), 200).path("totals").path("submissions").asInt());

    // An NC exports their country's rows only, not even another country's public ones
    for (String dataset : List.of("submissions.json", "participations.json")) {
      JsonNode kenya = exported(dataset, ncKenya);
      assertTrue(kenya.size() > 0, dataset + ": Nairobi's rows");
      kenya.forEach(r -> assertEquals("KE", r.path("country").asText(), dataset + " for Kenya's NC: " + r));
      JsonNode france = exported(dataset, ncFrance);
      assertTrue(france.size() > 0, dataset);
      france.forEach(r -> assertEquals("FR", r.path("country").asText(), dataset + " for France's NC: " + r));
      assertEquals(0, exported(dataset + "?country=KE", ncFrance).size(), dataset + ": another country's, an empty file");
      List<String> everywhere = new ArrayList<>();
      exported(dataset, hq).forEach(r -> everywhere.add(r.path("country").asText()));
      assertTrue(everywhere.contains("KE") && everywhere.contains("FR"), dataset + ": HQ exports everything");
    }

    // HQ moves a candidate to another country: its former NC no longer sees it, the list shows it as it is now
    long kisumu = apply("Kisumu Day School", "KE", "Kisumu");
    long open = json(send("POST", "/api/v1/campaigns",
        "{\"kind\":\"INITIATIVE\",\"title\":{\"en\":\"Open gardens\"},\"membersOnly\":false}", hq), 201).path("id").asLong();
    String participants = "/api/v1/campaigns/" + open + "/participants";
    assertEquals(201, send("POST", participants, "{\"school\":" + kisumu + "}", ncKenya).statusCode());
    assertEquals(1, json(send("GET", participants, null, ncKenya), 200).path("items").size());
    String etag = send("GET", "/api/v1/schools/" + kisumu, null, hq).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = send("PATCH", "/api/v1/schools/" + kisumu,
        "{\"country\":\"TZ\",\"city\":\"Arusha\",\"name\":\"Arusha Day School\"}", hq, "If-Match", etag);
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(0, json(send("GET", participants, null, ncKenya), 200).path("items").size(), "no longer Kenya's candidate");
    assertEquals(0, json(send("GET", "/api/v1/campaigns/" + open, null, ncKenya), 200).path("participants").asLong());
    assertEquals(0, json(send("GET", participants + "?country=KE", null, hq), 200).path("items").size());
    JsonNode now = json(send("GET", participants + "?country=TZ", null, hq), 200).path("items").get(0);
    assertEquals(List.of(String.valueOf(kisumu), "Arusha Day School", "TZ", "Arusha"), List.of(now.path("school").asText(),
        now.path("name").asText(), now.path("country").asText(), now.path("city").asText()), now.toString());

    // Query values: a country in any case, an unknown one a 400 naming it; per is school or a 400
    String trash = "/api/v1/campaigns/" + trashHack;
    assertEquals(List.of("country"), errorFields(platform.get("/api/v1/campaigns?country=ZZ")));
    assertEquals(List.of("country"), errorFields(platform.get(trash + "/participants?country=ZZ")));
    assertEquals(List.of("country"), errorFields(platform.get(trash + "/submissions?country=ZZ")));
    assertEquals(national, json(platform.get("/api/v1/campaigns?country=fr"), 200).path("items").get(0).path("id").asLong());
    JsonNode kenyans = json(platform.get(trash + "/participants?country=ke"), 200).path("items");
    assertEquals(1, kenyans.size(), kenyans.toString());
    assertEquals(nairobi, kenyans.get(0).path("school").asLong());
    assertEquals(json(platform.get(trash + "/submissions?country=KE"), 200).path("items"),
        json(platform.get(trash + "/submissions?country=ke"), 200).path("items"));
    assertEquals(List.of("per"), errorFields(platform.get(trash + "/summary?per=foo")));
    assertEquals(200, platform.get(trash + "/summary?per=school").statusCode());
  }

  @Test
  @Order(12)
  void coordinatorsKeepACampaignsTeachingResourcesAndEveryoneReadsThem() throws Exception {
    String resources = "/api/v1/campaigns/" + national + "/resources";
    String guide = "{\"kind\":\"GUIDE\",\"url\":\"https://example.org/jardins/guide.pdf\","
        + "\"title\":{\"fr\":\"Guide de l'enseignant\",\"ar\":\"دليل المعلم\"},\"languages\":[\"fr\",\"AR\"]}";
    assertEquals(401, send("POST", resources, guide, null).statusCode());
    assertEquals(403, send("POST", resources, guide, ncKenya).statusCode(), "another country's NC");
    assertEquals(403, send("POST", resources, guide, staffParis).statusCode(), "a school's staff read, they do not keep");
    // every error at once, a wrong type among them, in the request's language; nothing written
    HttpResponse<String> wrong = send("POST", resources, "{\"kind\":\"BOOK\",\"url\":\"javascript:alert(1)\","
        + "\"title\":{\"fr\":\" \"},\"languages\":[\"français\"]}", ncFrance, "Accept-Language", "fr");
    assertEquals(List.of("kind", "url", "title.fr", "languages[0]"), errorFields(wrong));
    assertTrue(wrong.body().contains("doit être une adresse http ou https"), wrong.body());
    assertEquals(0, json(platform.get(resources), 200).path("items").size(), "nothing was written");
    // one wrong type alone: the detail says it in the same words as the errors list
    JsonNode oneWrong = json(send("POST", resources, guide.replace("\"GUIDE\"", "\"BOOK\""), ncFrance, "Accept-Language", "fr"), 400);
    assertEquals("kind: " + oneWrong.path("errors").get(0).path("message").asText(), oneWrong.path("detail").asText(), oneWrong.toString());
    assertTrue(oneWrong.path("detail").asText().contains("n'est pas l'une des valeurs GUIDE"), oneWrong.toString());

    HttpResponse<String> added = send("POST", resources, guide, ncFrance);
    JsonNode r = json(added, 201);
    long id = r.path("id").asLong();
    assertEquals(resources + "/" + id, added.headers().firstValue("Location").orElse(""));
    assertEquals("دليل المعلم", r.path("title").path("ar").asText(), "any script kept exactly");
    assertEquals("[\"fr\",\"ar\"]", r.path("languages").toString());
    // a second tap adds nothing and names the first, also when the address is written another way
    JsonNode twice = json(send("POST", resources, guide.replace("https://example.org", "HTTPS://Example.ORG:443"), ncFrance,
        "Accept-Language", "fr"), 409);
    assertEquals(id, twice.path("resource").asLong());
    assertTrue(twice.path("detail").asText().startsWith("Cette campagne propose déjà https://example.org/jardins/guide.pdf"),
        twice.toString());
    // an address that would open another site than it shows is refused
    assertEquals(List.of("url"), errorFields(send("POST", resources,
        guide.replace("https://example.org/jardins/guide.pdf", "https://www.unesco.org@evil.example/guide.pdf"), ncFrance)));
    // a title is one line that reads as written
    assertEquals(List.of("title.fr"), errorFields(send("POST", resources,
        guide.replace("Guide de l'enseignant", "Guide \\u202egnp.exe\\nsecond line"), ncFrance)));
    // the public reads the list, in the order added
    json(send("POST", resources, "{\"kind\":\"VIDEO\",\"url\":\"https://example.org/jardins/video\","
        + "\"title\":{\"en\":\"Planting day\"}}", hq), 201);
    JsonNode list = json(platform.get(resources), 200).path("items");
    assertEquals(2, list.size());
    assertEquals(id, list.get(0).path("id").asLong());
    assertEquals("VIDEO", list.get(1).path("kind").asText());

    // an edit needs the ETag read; it merges titles by language
    String one = resources + "/" + id;
    String etag = platform.get(one).headers().firstValue("ETag").orElseThrow();
    String patch = "{\"title\":{\"es\":\"Guía docente\",\"ar\":null}}";
    assertEquals(428, send("PATCH", one, patch, ncFrance).statusCode());
    assertEquals(403, send("PATCH", one, patch, ncKenya, "If-Match", etag).statusCode());
    JsonNode edited = json(send("PATCH", one, patch, ncFrance, "If-Match", etag), 200);
    assertEquals("{\"fr\":\"Guide de l'enseignant\",\"es\":\"Guía docente\"}", edited.path("title").toString());
    assertEquals(412, send("PATCH", one, patch, ncFrance, "If-Match", etag).statusCode(), "a stale ETag");

    // removed by HQ; the audit log keeps what it was, for the NC of France to read
    assertEquals(403, send("DELETE", one, null, staffParis).statusCode());
    assertEquals(204, send("DELETE", one, null, hq).statusCode());
    assertEquals(404, platform.get(one).statusCode());
    assertEquals(1, json(platform.get(resources), 200).path("items").size());
    JsonNode audit = json(send("GET", "/api/v1/audit?country=FR&entity=campaign&entityId=" + national + "&limit=10", null, ncFrance), 200)
        .path("items");
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.path("action").asText()));
    assertTrue(actions.containsAll(List.of("campaign.resource.add", "campaign.resource.update", "campaign.resource.remove")),
        actions.toString());
    assertTrue(audit.toString().contains("https://example.org/jardins/guide.pdf"), audit.toString());
    assertEquals(404, platform.get("/api/v1/campaigns/999999/resources").statusCode());
  }

  @Test
  @Order(30)
  void aSchoolMovedToAnotherCountryTakesItsReportsToThatCountrysNc() throws Exception {
    long moving = member("Lycée Frontière", "FR", "Menton");
    assertEquals(201, send("POST", "/api/v1/campaigns/" + trashHack + "/participants", "{\"school\":" + moving + "}", ncFrance)
        .statusCode());
    assertEquals(201, send("POST", "/api/v1/campaigns/" + national + "/participants", "{\"school\":" + moving + "}", ncFrance)
        .statusCode(), "France's national campaign, while it is French");
    long pending = json(submit(trashHack, ncFrance, submission(moving, LocalDate.now().minusDays(1), 9, waste("GLASS", 2, "kg"))), 201)
        .path("id").asLong();
    String path = "/api/v1/campaigns/" + trashHack + "/submissions/" + pending;
    assertEquals(404, send("GET", path, null, ncKenya).statusCode(), "France's while the school is French");

    // HQ corrects the school's country (and its name and city)
    HttpResponse<String> read = send("GET", "/api/v1/schools/" + moving, null, hq);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = send("PATCH", "/api/v1/schools/" + moving,
        "{\"country\":\"KE\",\"name\":\"Border School\",\"city\":\"Mombasa\",\"fields\":null}", hq, "If-Match", etag);
    assertEquals(200, moved.statusCode(), moved.body());

    // Copies follow on Event Admin's thread, a moment after the edit
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (send("GET", path, null, ncKenya).statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    JsonNode report = json(send("GET", path, null, ncKenya), 200);
    assertEquals("KE", report.path("country").asText(), report.toString());
    assertEquals("Border School", report.path("schoolName").asText(), report.toString());
    assertEquals(404, decide(trashHack, pending, "APPROVED", null, ncFrance).statusCode(), "no longer France's to moderate");
    // it reports no more to France's national campaign: the rule that let it join holds when it reports
    HttpResponse<String> notFrench = send("POST", "/api/v1/campaigns/" + national + "/submissions", "{\"school\":" + moving
        + ",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"text\":\"We planted a garden\",\"pupils\":3,\"teachers\":1}", ncKenya,
        "Accept-Language", "fr");
    assertEquals(409, notFrench.statusCode(), notFrench.body());
    assertTrue(JSON.readTree(notFrench.body()).path("detail").asText().contains("est désormais en KE"), notFrench.body());
    assertEquals("APPROVED", json(decide(trashHack, pending, "APPROVED", null, ncKenya), 200).path("status").asText());
    JsonNode kenyan = json(platform.get("/api/v1/campaigns/" + trashHack + "/participants?country=KE&school=" + moving), 200);
    assertEquals(1, kenyan.path("items").size(), kenyan.toString());
    assertTrue(kenyan.toString().contains("Border School") && kenyan.toString().contains("Mombasa"), kenyan.toString());
    assertEquals(0, json(platform.get("/api/v1/campaigns/" + trashHack + "/participants?country=FR&school=" + moving), 200)
        .path("items").size());
  }

  @Test
  @Order(13)
  void everyoneReadsTheCalendarOfInternationalDaysAndHqKeepsIt() throws Exception {
    String days = "/api/v1/international-days";
    // the shipped list, in the reader's language, by date; a decade once with its whole span
    HttpResponse<String> listed = platform.send("GET", days + "?year=2027", null, "Accept-Language", "es");
    JsonNode year = json(listed, 200).path("items");
    assertTrue(year.size() >= 70, year.size() + " observances");
    assertTrue(year.get(0).path("start").asText().startsWith("2021-"), "the decades under way come first: " + year.get(0));
    JsonNode logic = year.get(2);
    assertEquals("world-logic-day", logic.path("id").asText(), logic.toString());
    assertEquals("Día Mundial de la Lógica", logic.path("name").asText());
    assertEquals("2027-01-14", logic.path("start").asText());
    JsonNode philosophy = json(platform.get(days + "/world-philosophy-day?year=2026"), 200);
    assertEquals("2026-11-19", philosophy.path("start").asText(), "the third Thursday of November 2026");
    // a browser on a slow connection asks again and gets a 304 while nothing changed
    String etag = listed.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, platform.send("GET", days + "?year=2027", null, "Accept-Language", "es", "If-None-Match", etag).statusCode());
    // a period and a theme
    JsonNode winter = json(platform.get(days + "?from=2026-12-01&to=2027-01-31&theme=peace_gced"), 200).path("items");
    assertTrue(winter.size() > 0);
    winter.forEach(d -> assertTrue(d.path("themes").toString().contains("PEACE_GCED"), d.toString()));
    assertEquals(List.of("from"), errorFields(platform.get(days + "?from=2026-13-01&to=2027-01-31")));
    assertEquals(List.of("to"), errorFields(platform.get(days + "?from=2026-01-01&to=2029-01-31")));
    assertEquals(List.of("theme"), errorFields(platform.get(days + "?theme=SPORT")));
    assertEquals(List.of("country"), errorFields(platform.get(days + "?country=FR")));

    // the calendar for a teacher's calendar application
    HttpResponse<String> ics = platform.send("GET", days + ".ics?year=2027&lang=fr", null, "Accept", "text/calendar");
    assertEquals(200, ics.statusCode(), ics.body());
    assertEquals("text/calendar;charset=utf-8", ics.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
    assertTrue(ics.headers().firstValue("Content-Disposition").orElse("").contains("international-days-2027.ics"));
    assertTrue(ics.body().contains("SUMMARY:Journée mondiale de la philosophie\r\n"), ics.body().substring(0, 400));
    assertTrue(ics.body().contains("DTSTART;VALUE=DATE:20271118\r\n"), "World Philosophy Day 2027");

    // HQ adds, edits and removes; nobody else does; each change audited
    String play = "{\"names\":{\"en\":\"International Day of Play\",\"fr\":\"Journée internationale du jeu\"},"
        + "\"observed\":\"06-11\",\"themes\":[\"PEACE_GCED\"],\"source\":\"https://www.un.org/en/observances/play-day\"}";
    assertEquals(401, send("POST", days, play, null).statusCode());
    assertEquals(403, send("POST", days, play, ncFrance).statusCode());
    assertEquals(List.of("themes[0]", "names.en", "observed"), errorFields(send("POST", days,
        "{\"names\":{\"fr\":\"Jeu\"},\"observed\":\"31 June\",\"themes\":[\"GAMES\"]}", hq)));
    assertEquals(List.of("names.fr", "names.es"), errorFields(send("POST", days, play.replace("\"fr\":\"Journée internationale du jeu\"",
        "\"fr\":\"Journée \\u202euej ud\",\"es\":\"Día del \\u2066juego\\u2069\""), hq)), "one line that reads as written");
    HttpResponse<String> added = send("POST", days, play, hq);
    JsonNode a = json(added, 201);
    assertEquals(days + "/international-day-of-play", added.headers().firstValue("Location").orElse(""));
    assertEquals("international-day-of-play", json(send("POST", days, play, hq), 409).path("day").asText());
    String one = days + "/" + a.path("id").asText();
    String tag = platform.get(one).headers().firstValue("ETag").orElseThrow();
    assertEquals(428, send("PATCH", one, "{\"observed\":\"second Sunday of June\"}", hq).statusCode());
    assertEquals(403, send("PATCH", one, "{\"observed\":\"second Sunday of June\"}", ncFrance, "If-Match", tag).statusCode());
    JsonNode moved = json(send("PATCH", one, "{\"observed\":\"second Sunday of June\",\"names\":{\"fr\":null}}", hq,
        "If-Match", tag), 200);
    assertEquals("second Sunday of June", moved.path("observed").asText());
    assertEquals("{\"en\":\"International Day of Play\"}", moved.path("names").toString());
    assertEquals(412, send("PATCH", one, "{\"observed\":\"06-11\"}", hq, "If-Match", tag).statusCode());
    assertEquals(204, send("DELETE", one, null, hq).statusCode());
    assertEquals(404, platform.get(one).statusCode());
    JsonNode audit = json(send("GET", "/api/v1/audit?entity=international-day&entityId=international-day-of-play&limit=10", null, hq),
        200).path("items");
    List<String> actions = new ArrayList<>();
    audit.forEach(e -> actions.add(e.path("action").asText()));
    assertTrue(actions.containsAll(List.of("international-day.add", "international-day.update", "international-day.remove")),
        actions.toString());
  }
}
