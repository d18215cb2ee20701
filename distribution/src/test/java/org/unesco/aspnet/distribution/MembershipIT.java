package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A school's way into the network over real HTTP: it applies, its NC reviews and recommends, HQ
 * certifies, and it appears in the public directory; with the scopes enforced at every step and
 * bad input refused with nothing written.
 */
class MembershipIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Installation platform;
  private static String hq;
  private static String ncFrance;
  private static String ncKenya;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation().start();
    hq = platform.adminToken();
    ncFrance = coordinator("nc.fr@example.org", "FR");
    ncKenya = coordinator("nc.ke@example.org", "KE");
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  private static String coordinator(String email, String country) throws Exception {
    HttpResponse<String> inv = platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"" + email + "\",\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"" + country + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    assertEquals(200, platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Coordinator\",\"password\":\"a long coordinator password\"}",
        "Content-Type", "application/json").statusCode());
    return JSON.readTree(platform.login(email, "a long coordinator password").body()).path("token").asText();
  }

  private static ObjectNode school(String name, String country, String city) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", name);
    s.put("country", country);
    s.put("city", city);
    s.put("address", "1 rue de l'École");
    s.put("latitude", 48.85);
    s.put("longitude", 2.35);
    s.putArray("levels").add("SECONDARY");
    s.putArray("themes").add("PEACE_GCED").add("ESD");
    s.putArray("languages").add("fr");
    s.put("students", 640);
    s.put("teachers", 48);
    s.put("email", "contact@" + city.toLowerCase().replaceAll("[^a-z]", "") + ".example.org");
    s.put("website", "https://example.org/" + city.toLowerCase().replaceAll("[^a-z]", ""));
    return FrenchSchools.complete(s);
  }

  private static HttpResponse<String> apply(ObjectNode body, String... headers) throws Exception {
    List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
    h.addAll(List.of(headers));
    return platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(body), h.toArray(String[]::new));
  }

  private static HttpResponse<String> move(long membership, String to, String comment, String token) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("to", to);
    if (comment != null) {
      body.put("comment", comment);
    }
    return platform.send("POST", "/api/v1/memberships/" + membership + "/transitions", JSON.writeValueAsString(body),
        "Content-Type", "application/json", "Authorization", "Bearer " + token);
  }

  private static int schoolCount(String token) throws Exception {
    String auth = token == null ? null : "Bearer " + token;
    HttpResponse<String> r = auth == null ? platform.get("/api/v1/schools?limit=100")
        : platform.get("/api/v1/schools?limit=100", "Authorization", auth);
    return JSON.readTree(r.body()).path("items").size();
  }

  @Test
  void aSchoolAppliesItsNcRecommendsHqCertifiesAndThePublicSeesIt() throws Exception {
    HttpResponse<String> applied = apply(school("Lycée Émile Zola", "FR", "Rennes"));
    assertEquals(201, applied.statusCode(), applied.body());
    JsonNode a = JSON.readTree(applied.body());
    long schoolId = a.path("schoolId").asLong();
    long membership = a.path("membershipId").asLong();
    assertEquals("APPLIED", a.path("status").asText());
    assertEquals(404, platform.get("/api/v1/schools/" + schoolId).statusCode(), "a candidate is not public");
    assertEquals("Es gibt keine Schule " + schoolId,
        JSON.readTree(platform.get("/api/v1/schools/" + schoolId, "Accept-Language", "de").body()).path("detail").asText());

    // Another country's candidates do not exist for an NC: 404, so nothing leaks about them.
    assertEquals(404, move(membership, "UNDER_NATIONAL_REVIEW", null, ncKenya).statusCode(), "another country's NC");
    assertEquals(200, move(membership, "UNDER_NATIONAL_REVIEW", null, ncFrance).statusCode());
    HttpResponse<String> skip = move(membership, "MEMBER", null, hq);
    assertEquals(409, skip.statusCode(), "no skipping the ladder: " + skip.body());
    assertTrue(JSON.readTree(skip.body()).path("detail").asText().contains("it may move to 'Recommended' (RECOMMENDED)"), skip.body());
    // The refusal is written for the person reading it: in French for a French request
    HttpResponse<String> skipInFrench = platform.send("POST", "/api/v1/memberships/" + membership + "/transitions",
        "{\"to\":\"MEMBER\"}", "Content-Type", "application/json", "Authorization", "Bearer " + hq,
        "Accept-Language", "fr-FR,fr;q=0.9");
    assertEquals(409, skipInFrench.statusCode(), skipInFrench.body());
    JsonNode frenchProblem = JSON.readTree(skipInFrench.body());
    assertEquals("Conflit", frenchProblem.path("title").asText(), skipInFrench.body());
    assertTrue(frenchProblem.path("detail").asText().startsWith("Une adhésion « En examen national » (UNDER_NATIONAL_REVIEW)"
        + " ne peut pas passer à « Membre » (MEMBER)"), skipInFrench.body());
    assertEquals(200, move(membership, "RECOMMENDED", "Active in the Sandwatch project", ncFrance).statusCode());
    assertEquals(200, move(membership, "UNDER_HQ_REVIEW", null, hq).statusCode(), "HQ takes it into its queue");
    HttpResponse<String> notTheNcs = platform.send("POST", "/api/v1/memberships/" + membership + "/transitions?lang=es",
        "{\"to\":\"MEMBER\"}", "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(403, notTheNcs.statusCode(), "HQ certifies, not the NC: " + notTheNcs.body());
    assertEquals("El paso a «Miembro» (MEMBER) lo decide la Sede de la UNESCO",
        JSON.readTree(notTheNcs.body()).path("detail").asText(), notTheNcs.body());
    assertEquals("No permitido", JSON.readTree(notTheNcs.body()).path("title").asText());
    HttpResponse<String> certified = move(membership, "MEMBER", null, hq);
    assertEquals(200, certified.statusCode(), certified.body());
    // Several memberships at once (a page of the console): those the caller may see, in the order asked
    HttpResponse<String> several = platform.get("/api/v1/memberships?ids=" + membership + ",99999999," + membership,
        "Authorization", "Bearer " + ncFrance);
    assertEquals(200, several.statusCode(), several.body());
    JsonNode items = JSON.readTree(several.body()).path("items");
    assertEquals(1, items.size(), several.body());
    assertEquals("MEMBER", items.get(0).path("status").asText());
    assertEquals(0, JSON.readTree(platform.get("/api/v1/memberships?ids=" + membership, "Authorization", "Bearer " + ncKenya)
        .body()).path("items").size(), "another country's NC sees none of it");
    assertEquals(List.of("ids"), errorFields(platform.get("/api/v1/memberships?ids=1,x", "Authorization", "Bearer " + hq)));
    assertEquals(List.of("ids"), errorFields(platform.get("/api/v1/memberships", "Authorization", "Bearer " + hq)));
    String certificate = JSON.readTree(certified.body()).path("certificateNumber").asText();
    assertTrue(certificate.startsWith("ASPNET-FR-"), certified.body());

    // anyone checks the certificate: valid, and whose it is; never cached
    HttpResponse<String> check = platform.get("/api/v1/certificates/" + certificate.toLowerCase(java.util.Locale.ROOT));
    assertEquals(200, check.statusCode(), check.body());
    assertEquals("no-store", check.headers().firstValue("Cache-Control").orElse(""));
    JsonNode valid = JSON.readTree(check.body());
    assertTrue(valid.path("valid").asBoolean(), check.body());
    assertEquals(certificate, valid.path("number").asText());
    assertEquals("Lycée Émile Zola", valid.path("school").path("name").asText());
    assertEquals(404, platform.get("/api/v1/certificates/ASPNET-FR-1999-000000").statusCode());
    assertTrue(platform.get("/api/v1/certificates/ASPNET-FR-1999-000000").headers().firstValue("Content-Type").orElse("")
        .startsWith("application/problem+json"));
    assertEquals(405, platform.send("POST", "/api/v1/certificates/" + certificate, "{}", "Content-Type", "application/json").statusCode());
    // the QR code a printed certificate carries, drawn by the encoder copied into the membership bundle
    HttpResponse<String> qr = platform.get("/api/v1/certificates/" + certificate + "/qr.svg", "Accept", "image/svg+xml");
    assertEquals(200, qr.statusCode(), qr.body());
    assertEquals("image/svg+xml;charset=utf-8", qr.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
    assertTrue(qr.body().startsWith("<svg ") && qr.body().contains("<path fill=\"#000\" d=\"M"), qr.body());
    assertTrue(qr.body().contains("<title>http://localhost:" + platform.port + "/certificates/" + certificate + "</title>"), qr.body());
    assertEquals(404, platform.get("/api/v1/certificates/" + certificate + "/qr.png").statusCode());
    assertEquals(404, platform.get("/api/v1/certificates/not%20a%20number/qr.svg").statusCode());

    HttpResponse<String> publicView = platform.get("/api/v1/schools/" + schoolId);
    assertEquals(200, publicView.statusCode());
    JsonNode pub = JSON.readTree(publicView.body());
    assertEquals("Lycée Émile Zola", pub.path("name").asText());
    assertTrue(pub.path("email").isNull() || pub.path("email").isMissingNode(), "no contact for the public: " + pub);
    assertFalse(publicView.body().contains("@"), "no email at all in the public view");
    // the page comes from memory with its headers added, not set: each must still be there once
    assertEquals(List.of("application/json;charset=utf-8"), publicView.headers().allValues("Content-Type"));
    assertEquals(List.of("private, no-cache"), publicView.headers().allValues("Cache-Control"));
    assertEquals(1, publicView.headers().allValues("ETag").size(), publicView.headers().toString());
    assertEquals(List.of(String.valueOf(publicView.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)),
        publicView.headers().allValues("Content-Length"));
    JsonNode found = JSON.readTree(platform.get("/api/v1/schools?q=emile%20zola&country=FR").body());
    assertEquals(1, found.path("items").size(), "accent-insensitive search finds it: " + found);
    HttpResponse<String> punctuation = platform.get("/api/v1/schools?q=%25&country=FR");
    assertEquals(400, punctuation.statusCode(), "punctuation alone is no search: " + punctuation.body());
    assertEquals("q", JSON.readTree(punctuation.body()).path("errors").path(0).path("field").asText());

    JsonNode history = JSON.readTree(platform.get("/api/v1/memberships/" + membership + "/history", "Authorization", "Bearer " + ncFrance).body());
    List<String> steps = new ArrayList<>();
    history.path("items").forEach(h -> steps.add(h.path("to").asText()));
    assertEquals(List.of("APPLIED", "UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "MEMBER"), steps);
    assertEquals("Active in the Sandwatch project", history.path("items").get(2).path("comment").asText());
    // who made each move, by name: the NC recommended, HQ certified
    String ncName = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + ncFrance).body()).path("name").asText();
    String hqName = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + hq).body()).path("name").asText();
    assertFalse(ncName.isBlank());
    assertEquals(ncName, history.path("items").get(2).path("actorName").asText(), history.toString());
    assertEquals(hqName, history.path("items").get(4).path("actorName").asText(), history.toString());
    assertTrue(history.path("items").get(0).path("actorName").isNull(), "an anonymous application has no one to name");
    assertEquals(401, platform.get("/api/v1/memberships/" + membership + "/history").statusCode());

    String audit = platform.get("/api/v1/audit?country=FR&limit=100", "Authorization", "Bearer " + ncFrance).body();
    assertTrue(audit.contains("membership.transition") && audit.contains("application.create"), audit);
    assertEquals(403, platform.get("/api/v1/audit?country=FR", "Authorization", "Bearer " + ncKenya).statusCode());
    assertEquals(audit, platform.get("/api/v1/audit?country=fr&limit=100", "Authorization", "Bearer " + ncFrance).body(),
        "a country in lower case, as every other list takes it");
    HttpResponse<String> noSuchCountry = platform.get("/api/v1/audit?country=ZZ", "Authorization", "Bearer " + hq);
    assertEquals(400, noSuchCountry.statusCode(), "not an empty log: " + noSuchCountry.body());
    assertEquals("country", JSON.readTree(noSuchCountry.body()).path("errors").path(0).path("field").asText());
    assertEquals(400, platform.get("/api/v1/audit?country=ZZ", "Authorization", "Bearer " + ncFrance).statusCode(),
        "the same 400 for an NC: which countries exist is no secret");
    assertEquals(401, platform.get("/api/v1/audit?country=ZZ").statusCode(), "the public is told to sign in first");

    assertEquals(200, move(membership, "SUSPENDED", "No annual report since 2023", hq).statusCode());
    JsonNode suspended = JSON.readTree(platform.get("/api/v1/certificates/" + certificate).body());
    assertFalse(suspended.path("valid").asBoolean(), suspended.toString());
    assertEquals("SUSPENDED", suspended.path("status").asText());
    assertTrue(java.time.Duration.between(java.time.Instant.parse(suspended.path("endedAt").asText()), java.time.Instant.now()).toMinutes() < 5,
        "valid until the suspension, a moment ago: " + suspended);
    assertTrue(suspended.path("school").isNull(), "a suspended school is not named to the public: " + suspended);
    assertEquals(schoolId, JSON.readTree(platform.get("/api/v1/certificates/" + certificate, "Authorization", "Bearer " + ncFrance).body())
        .path("school").path("id").asLong(), "its NC sees whose it is");
    // the audit names the certificate where it was issued, not on every later move (it did not change)
    List<JsonNode> moves = new ArrayList<>();
    JSON.readTree(platform.get("/api/v1/audit?entity=membership&entityId=" + membership + "&limit=100",
        "Authorization", "Bearer " + hq).body()).path("items").forEach(moves::add);
    JsonNode issuing = moves.stream().filter(e -> e.path("after").path("status").asText().equals("MEMBER")).findFirst().orElseThrow();
    assertEquals(certificate, issuing.path("after").path("certificateNumber").asText(), issuing.toString());
    JsonNode suspension = moves.stream().filter(e -> e.path("after").path("status").asText().equals("SUSPENDED")).findFirst().orElseThrow();
    assertFalse(suspension.path("after").has("certificateNumber"), suspension.toString());
    assertEquals("No annual report since 2023", suspension.path("after").path("comment").asText());
  }

  /** A script sending applications by the hundred fills no NC's queue: the public's hourly limit per address. */
  @Test
  void thePublicAppliesAtMostSoManyTimesAnHourFromOneAddress() throws Exception {
    java.nio.file.Path cfg = platform.home.resolve("config/org.unesco.aspnet.membership.applications.cfg");
    String before = java.nio.file.Files.readString(cfg);
    java.nio.file.Files.writeString(cfg, "perHourPerAddress=2\n");
    try {
      // the tests before applied from this address already: once the edit is read, the next is refused
      HttpResponse<String> refused = null;
      for (int i = 0; i < 100 && (refused == null || refused.statusCode() != 429); i++) {
        refused = apply(school("Flood School " + i, "KE", "Eldoret"), "Accept-Language", "fr");
        if (refused.statusCode() != 429) {
          assertEquals(201, refused.statusCode(), refused.body());
          Thread.sleep(100);
        }
      }
      assertEquals(429, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("too-many-attempts"), refused.body());
      assertTrue(JSON.readTree(refused.body()).path("detail").asText().startsWith("Cette connexion a envoyé 2 candidatures"), refused.body());
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
      HttpResponse<String> blocked = apply(school("Flood School Blocked", "KE", "Eldoret"));
      assertEquals(429, blocked.statusCode(), blocked.body());
      JsonNode none = JSON.readTree(platform.get("/api/v1/schools?country=KE&q=Blocked", "Authorization", "Bearer " + hq).body());
      assertEquals(0, none.path("items").size(), "nothing written: " + none);
      // a signed-in coordinator entering schools is not counted
      assertEquals(201, apply(school("Entered By HQ School", "KE", "Eldoret"), "Authorization", "Bearer " + hq).statusCode());
    } finally {
      java.nio.file.Files.writeString(cfg, before);
    }
    // the limit raised again (live, as every configuration edit): the public applies again
    HttpResponse<String> again = null;
    for (int i = 0; i < 100 && (again == null || again.statusCode() != 201); i++) {
      again = apply(school("After The Flood School " + i, "KE", "Eldoret"));
      if (again.statusCode() != 201) {
        Thread.sleep(100);
      }
    }
    assertEquals(201, again.statusCode(), again.body());
  }

  @Test
  void anApplicationThatIsNoSchoolIsRejectedWithoutAReviewFirst() throws Exception {
    HttpResponse<String> applied = apply(school("Cheap Essays Online Academy", "FR", "Nowhere"));
    assertEquals(201, applied.statusCode(), applied.body());
    long membership = JSON.readTree(applied.body()).path("membershipId").asLong();
    assertEquals(400, move(membership, "REJECTED", null, ncFrance).statusCode(), "the school is told why");
    assertEquals(404, move(membership, "REJECTED", "Not a school", ncKenya).statusCode(), "another country's NC");
    HttpResponse<String> rejected = move(membership, "REJECTED", "Not a school: an advertisement", ncFrance);
    assertEquals(200, rejected.statusCode(), rejected.body());
    assertEquals("REJECTED", JSON.readTree(rejected.body()).path("status").asText());
    JsonNode history = JSON.readTree(platform.get("/api/v1/memberships/" + membership + "/history", "Authorization", "Bearer " + hq).body());
    List<String> steps = new ArrayList<>();
    history.path("items").forEach(h -> steps.add(h.path("to").asText()));
    assertEquals(List.of("APPLIED", "REJECTED"), steps);
  }

  @Test
  void aCountrysNationalNetworkIsKeptByItsCoordinatorAndShownToThePublic() throws Exception {
    String body = "{\"nationalCommission\":{\"name\":\"Kenya National Commission for UNESCO\",\"website\":\"https://unesco.go.ke\"},"
        + "\"coordinators\":[{\"name\":\"Achieng Otieno\",\"email\":\"aspnet@unesco.go.ke\",\"role\":\"National Coordinator\"}]}";
    String read = countryEtag("KE");
    HttpResponse<String> blind = platform.send("PATCH", "/api/v1/countries/KE", body,
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKenya);
    assertEquals(428, blind.statusCode(), "coordinators are replaced whole: an edit names what it read");
    HttpResponse<String> ok = platform.send("PATCH", "/api/v1/countries/KE", body,
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKenya, "If-Match", read);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(countryEtag("KE"), ok.headers().firstValue("ETag").orElseThrow());
    // the same values again (a second save of an unchanged form) write nothing: no new ETag, no audit entry
    int entries = JSON.readTree(platform.get("/api/v1/audit?entity=country&entityId=KE&limit=100", "Authorization", "Bearer " + hq).body())
        .path("items").size();
    HttpResponse<String> again = platform.send("PATCH", "/api/v1/countries/KE", body,
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKenya, "If-Match", countryEtag("KE"));
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(ok.headers().firstValue("ETag").orElseThrow(), again.headers().firstValue("ETag").orElseThrow());
    assertEquals(entries, JSON.readTree(platform.get("/api/v1/audit?entity=country&entityId=KE&limit=100", "Authorization", "Bearer " + hq)
        .body()).path("items").size(), "a non-event is not audited");
    assertEquals(200, patchCountry("KE", "{\"region\":\"Africa\"}", hq).statusCode());
    assertEquals(ok.headers().firstValue("ETag").orElseThrow(), countryEtag("KE"), "its region as it is: nothing written");
    HttpResponse<String> stale = platform.send("PATCH", "/api/v1/countries/KE", "{\"coordinators\":[]}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", read);
    assertEquals(412, stale.statusCode(), "HQ's page was read before the NC's edit: " + stale.body());
    JsonNode kenya = JSON.readTree(platform.get("/api/v1/countries/ke").body());
    assertEquals("Kenya National Commission for UNESCO", kenya.path("nationalCommission").path("name").asText());
    assertEquals("Achieng Otieno", kenya.path("coordinators").get(0).path("name").asText());
    assertTrue(kenya.path("coordinators").get(0).path("email").isNull(), "no address for harvesters");
    JsonNode signedIn = JSON.readTree(platform.get("/api/v1/countries/KE", "Authorization", "Bearer " + ncFrance).body());
    assertEquals("aspnet@unesco.go.ke", signedIn.path("coordinators").get(0).path("email").asText());
    // an account anyone may register, without a role, is no reader of the network's addresses
    assertEquals(201, platform.send("POST", "/api/v1/accounts", "{\"email\":\"harvester@example.org\",\"name\":\"H\","
        + "\"password\":\"a harvester's password\"}", "Content-Type", "application/json").statusCode());
    String harvester = JSON.readTree(platform.login("harvester@example.org", "a harvester's password").body()).path("token").asText();
    JsonNode registered = JSON.readTree(platform.get("/api/v1/countries/KE", "Authorization", "Bearer " + harvester).body());
    assertTrue(registered.path("coordinators").get(0).path("email").isNull(), registered.toString());
    assertEquals(403, platform.send("PATCH", "/api/v1/countries/KE", body,
        "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance).statusCode());
    assertEquals(403, platform.send("PATCH", "/api/v1/countries/KE", "{\"region\":\"Arab States\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKenya).statusCode(), "regions are HQ's");
    HttpResponse<String> bad = platform.send("PATCH", "/api/v1/countries/KE", "{\"coordinators\":[{\"name\":\"X\"}],\"color\":1}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKenya);
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("Africa", JSON.readTree(platform.get("/api/v1/countries/KE").body()).path("region").asText());
    assertEquals("Achieng Otieno", JSON.readTree(platform.get("/api/v1/countries/KE").body())
        .path("coordinators").get(0).path("name").asText(), "nothing half-written");
  }

  /** A merge patch of the country as it is now (If-Match with the ETag just read). */
  private static HttpResponse<String> patchCountry(String iso2, String body, String token) throws Exception {
    return platform.send("PATCH", "/api/v1/countries/" + iso2, body,
        "Content-Type", "application/merge-patch+json", "Authorization", "Bearer " + token, "If-Match", countryEtag(iso2));
  }

  private static String countryEtag(String iso2) throws Exception {
    return platform.get("/api/v1/countries/" + iso2).headers().firstValue("ETag").orElseThrow();
  }

  private static List<String> errorFields(HttpResponse<String> r) throws Exception {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    List<String> fields = new ArrayList<>();
    JSON.readTree(r.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  @Test
  void aCountryPatchRefusedForOnePartWritesNoPartOfIt() throws Exception {
    String jeanne = "{\"name\":\"Jeanne Martin\",\"email\":\"jeanne.martin@example.org\",\"phone\":\"+33 1 45 68 10 00\"}";
    HttpResponse<String> ok = patchCountry("FR", "{\"coordinators\":[" + jeanne + "]}", ncFrance);
    assertEquals(200, ok.statusCode(), ok.body());
    String newPhone = "{\"coordinators\":[" + jeanne.replace("10 00", "99 99") + "]";

    HttpResponse<String> notHers = patchCountry("FR", newPhone + ",\"region\":\"Africa\"}", ncFrance);
    assertEquals(403, notHers.statusCode(), "the region is HQ's: " + notHers.body());
    HttpResponse<String> mars = patchCountry("FR", newPhone + ",\"region\":\"Mars\"}", hq);
    assertEquals(List.of("region"), errorFields(mars));
    HttpResponse<String> asHq = platform.get("/api/v1/countries/FR", "Authorization", "Bearer " + hq);
    // the coordinators' emails are for signed-in readers: kept by no shared cache, keyed on who asks
    assertEquals(List.of("private, no-cache"), asHq.headers().allValues("Cache-Control"));
    assertTrue(asHq.headers().allValues("Vary").toString().contains("Authorization, Cookie"), asHq.headers().toString());
    JsonNode fr = JSON.readTree(asHq.body());
    assertEquals("+33 1 45 68 10 00", fr.path("coordinators").get(0).path("phone").asText(), "nothing half-written: " + fr);
    assertEquals("Europe and North America", fr.path("region").asText());

    HttpResponse<String> both = patchCountry("FR", newPhone + ",\"region\":\"Europe and North America\"}", hq);
    assertEquals(200, both.statusCode(), both.body());
    assertEquals("+33 1 45 68 99 99", JSON.readTree(both.body()).path("coordinators").get(0).path("phone").asText());
  }

  /** {@code ?lang=} is every endpoint's, the directory's too; another unknown parameter is still refused. */
  @Test
  void theDirectoryTakesLangAsEveryEndpointDoes() throws Exception {
    HttpResponse<String> list = platform.get("/api/v1/schools?country=FR&lang=fr");
    assertEquals(200, list.statusCode(), list.body());
    assertEquals(200, platform.get("/api/v1/schools/points?country=FR&lang=fr").statusCode());
    assertEquals(List.of("colour"), errorFields(platform.get("/api/v1/schools?lang=fr&colour=red")));
  }

  /** An empty merge patch writes nothing, and is refused or answered as any other edit of the country. */
  @Test
  void anEmptyCountryPatchIsStillAnEdit() throws Exception {
    String etag = countryEtag("FR");
    String merge = "application/merge-patch+json";
    assertEquals(401, platform.send("PATCH", "/api/v1/countries/FR", "{}", "Content-Type", merge, "If-Match", etag).statusCode());
    assertEquals(403, platform.send("PATCH", "/api/v1/countries/FR", "{}", "Content-Type", merge, "If-Match", etag,
        "Authorization", "Bearer " + ncKenya).statusCode(), "another country's coordinator");
    assertEquals(428, platform.send("PATCH", "/api/v1/countries/FR", "{}", "Content-Type", merge,
        "Authorization", "Bearer " + ncFrance).statusCode());
    assertEquals(412, platform.send("PATCH", "/api/v1/countries/FR", "{}", "Content-Type", merge, "If-Match", "\"9999\"",
        "Authorization", "Bearer " + ncFrance).statusCode());
    HttpResponse<String> ok = patchCountry("FR", "{}", ncFrance);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(etag, ok.headers().firstValue("ETag").orElseThrow(), "nothing written");
    assertEquals(etag, countryEtag("FR"));
  }

  /**
   * A member of the wrong type does not hide the other members' mistakes: one 400 lists them all,
   * as for a school, and nothing is written.
   */
  @Test
  void aCountryPatchWithAWrongTypeListsEveryOtherMembersErrorAndWritesNothing() throws Exception {
    String etag = countryEtag("GH");
    JsonNode before = JSON.readTree(platform.get("/api/v1/countries/GH", "Authorization", "Bearer " + hq).body());
    HttpResponse<String> r = platform.send("PATCH", "/api/v1/countries/GH",
        "{\"region\":\"Mars\",\"nationalCommission\":\"Ghana National Commission\",\"coordinators\":[{\"name\":\"Kofi Mensah\"}]}",
        "Content-Type", "application/merge-patch+json", "Authorization", "Bearer " + hq, "If-Match", etag, "Accept-Language", "fr");
    assertEquals(List.of("nationalCommission", "region", "coordinators[0].email"), errorFields(r));
    JsonNode problem = JSON.readTree(r.body());
    assertEquals("https://aspnet.unesco.org/problems/validation", problem.path("type").asText());
    assertEquals("doit être un objet", problem.path("errors").get(0).path("message").asText(), r.body());
    assertTrue(problem.path("errors").get(1).path("message").asText().startsWith("doit être l'une des valeurs Africa"), r.body());
    assertEquals(etag, countryEtag("GH"), "nothing written");
    assertEquals(before, JSON.readTree(platform.get("/api/v1/countries/GH", "Authorization", "Bearer " + hq).body()));
    // Whoever may not change the part named learns its types only: the refusal comes once they are right
    assertEquals(List.of("colour"), errorFields(patchCountry("GH", "{\"colour\":1,\"region\":\"Mars\"}", ncKenya)));
  }

  /**
   * A wrong type inside the commission or a coordinator hides only itself: the other members of
   * that object and the other coordinators are checked in the same 400, and nothing is written.
   */
  @Test
  void aWrongTypeInsideTheNetworkHidesNoOtherMistakeOfItAndWritesNothing() throws Exception {
    String etag = countryEtag("SN");
    JsonNode before = JSON.readTree(platform.get("/api/v1/countries/SN", "Authorization", "Bearer " + hq).body());
    HttpResponse<String> r = patchCountry("SN", "{\"nationalCommission\":{\"name\":\"Commission nationale\",\"website\":5,"
        + "\"email\":\"nope\"},\"coordinators\":[{\"name\":42,\"email\":\"nope\"},{\"email\":\"awa@example.org\"}]}", hq);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(List.of("nationalCommission.website", "coordinators[0].name", "nationalCommission.email",
        "coordinators[0].email", "coordinators[1].name"), errorFields(r));
    JsonNode problem = JSON.readTree(r.body());
    assertEquals("must be a string", problem.path("errors").get(0).path("message").asText(), r.body());
    assertEquals("must be a string", problem.path("errors").get(1).path("message").asText(), r.body());
    assertEquals(etag, countryEtag("SN"), "nothing written");
    assertEquals(before, JSON.readTree(platform.get("/api/v1/countries/SN", "Authorization", "Bearer " + hq).body()));
  }

  @Test
  void aMoveWithAWrongTypeListsTheOtherFieldsErrors() throws Exception {
    long membership = JSON.readTree(apply(school("Lycée Voltaire", "FR", "Orléans")).body()).path("membershipId").asLong();
    HttpResponse<String> r = platform.send("POST", "/api/v1/memberships/" + membership + "/transitions",
        "{\"to\":\"UNDER_NATIONAL_REVIEW\",\"certifiedOn\":\"2020-01-01\",\"comment\":7}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(List.of("comment", "certifiedOn"), errorFields(r), "a date only for a move to MEMBER, told with the comment's type");
    JsonNode history = JSON.readTree(platform.get("/api/v1/memberships/" + membership + "/history", "Authorization", "Bearer " + hq).body());
    assertEquals(1, history.path("items").size(), "not moved: " + history);
  }

  @Test
  void theNationalCommissionIsMergedAndABlankNameIsRefused() throws Exception {
    HttpResponse<String> set = patchCountry("FR", "{\"nationalCommission\":{\"name\":\"Commission nationale\","
        + "\"email\":\"natcom@unesco.fr\",\"website\":\"https://www.unesco.fr\"}}", ncFrance);
    assertEquals(200, set.statusCode(), set.body());

    HttpResponse<String> blank = patchCountry("FR", "{\"nationalCommission\":{\"name\":\"\"}}", ncFrance);
    assertEquals(List.of("nationalCommission.name"), errorFields(blank));
    assertEquals("is required", JSON.readTree(blank.body()).path("errors").get(0).path("message").asText());
    JsonNode kept = JSON.readTree(platform.get("/api/v1/countries/FR", "Authorization", "Bearer " + ncFrance).body())
        .path("nationalCommission");
    assertEquals("Commission nationale", kept.path("name").asText(), "not deleted: " + kept);
    assertEquals("natcom@unesco.fr", kept.path("email").asText());

    // A merge patch: the name changes, the email and website stay; null removes
    HttpResponse<String> renamed = patchCountry("FR",
        "{\"nationalCommission\":{\"name\":\"Commission nationale française pour l'UNESCO\"}}", ncFrance);
    assertEquals(200, renamed.statusCode(), renamed.body());
    JsonNode nc = JSON.readTree(renamed.body()).path("nationalCommission");
    assertEquals("Commission nationale française pour l'UNESCO", nc.path("name").asText());
    assertEquals("natcom@unesco.fr", nc.path("email").asText(), nc.toString());
    assertEquals("https://www.unesco.fr", nc.path("website").asText(), nc.toString());
    JsonNode noSite = JSON.readTree(patchCountry("FR", "{\"nationalCommission\":{\"website\":null}}", ncFrance).body())
        .path("nationalCommission");
    assertTrue(noSite.path("website").isNull(), noSite.toString());
    assertEquals("natcom@unesco.fr", noSite.path("email").asText());
    HttpResponse<String> removed = patchCountry("FR", "{\"nationalCommission\":null}", ncFrance);
    assertEquals(200, removed.statusCode(), removed.body());
    assertTrue(JSON.readTree(removed.body()).path("nationalCommission").isNull(), removed.body());
  }

  @Test
  void aLikelyDuplicateShowsACandidateOnlyToThoseWhoMaySeeIt() throws Exception {
    ObjectNode original = school("Lycée Jules Ferry", "FR", "Dijon");
    HttpResponse<String> first = apply(original);
    assertEquals(201, first.statusCode(), first.body());
    long id = JSON.readTree(first.body()).path("schoolId").asLong();

    ObjectNode sameName = school("LYCEE jules-ferry", "FR", "dijon");
    ObjectNode sameUai = school("Un autre nom", "FR", "Beaune");
    sameUai.put("nationalId", original.path("nationalId").asText());
    for (ObjectNode twin : List.of(sameName, sameUai)) {
      for (String[] who : new String[][] {{"the public", null}, {"Kenya's NC", ncKenya}}) {
        HttpResponse<String> r = who[1] == null ? apply(twin) : apply(twin, "Authorization", "Bearer " + who[1]);
        assertEquals(409, r.statusCode(), r.body());
        JsonNode d = JSON.readTree(r.body()).path("duplicates");
        assertEquals(1, d.size(), r.body());
        assertEquals("Lycée Jules Ferry", d.get(0).path("name").asText(), "that a look-alike exists: " + r.body());
        assertEquals("Dijon", d.get(0).path("city").asText());
        assertEquals("FR", d.get(0).path("country").asText());
        for (String hidden : List.of("id", "status", "nationalId", "email")) {
          assertTrue(d.get(0).path(hidden).isMissingNode(), who[0] + " learns no " + hidden + " of a candidate: " + r.body());
        }
        assertFalse(r.body().contains("APPLIED"), r.body());
      }
    }
    HttpResponse<String> seen = apply(sameName, "Authorization", "Bearer " + ncFrance);
    assertEquals(409, seen.statusCode(), seen.body());
    JsonNode whole = JSON.readTree(seen.body()).path("duplicates").get(0);
    assertEquals(id, whole.path("id").asLong(), "France's NC sees France's candidate: " + seen.body());
    assertEquals("APPLIED", whole.path("status").asText());
    assertEquals(original.path("nationalId").asText(), whole.path("nationalId").asText());
  }

  @Test
  void anUnknownRegionIsRefusedByEveryReaderOfTheDirectory() throws Exception {
    for (String path : List.of("/api/v1/schools?region=FOO", "/api/v1/schools/points?region=FOO",
        "/api/v1/exports/schools.csv?region=FOO", "/api/v1/exports/memberships.json?region=FOO")) {
      HttpResponse<String> r = platform.get(path, "Authorization", "Bearer " + hq);
      assertEquals(List.of("region"), errorFields(r), path + ": " + r.body());
      assertTrue(JSON.readTree(r.body()).path("errors").get(0).path("message").asText().contains("Arab States"), r.body());
    }
    assertEquals(List.of("region"), errorFields(platform.get("/api/v1/schools?region=Mars")), "for the public too");
    // "UK" is not GB: a country that does not exist is an error, not an empty list that looks like one without schools
    for (String path : List.of("/api/v1/schools?country=UK", "/api/v1/schools/points?country=uk",
        "/api/v1/exports/schools.csv?country=UK", "/api/v1/exports/participations.json?country=ZZ")) {
      HttpResponse<String> r = platform.get(path, "Authorization", "Bearer " + hq);
      assertEquals(List.of("country"), errorFields(r), path + ": " + r.body());
    }
    assertEquals(200, platform.get("/api/v1/schools?country=gb").statusCode(), "a real one in any case");
    certifiedSchool("Alliance High School", "KE", "Kikuyu");
    for (String region : List.of("Africa", "africa", "AFRICA")) {
      HttpResponse<String> r = platform.get("/api/v1/schools?limit=100&region=" + region);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode items = JSON.readTree(r.body()).path("items");
      assertTrue(items.size() >= 1, region + ": " + r.body());
      for (JsonNode school : items) {
        String country = school.path("country").asText();
        assertEquals("Africa", JSON.readTree(platform.get("/api/v1/countries/" + country).body()).path("region").asText(),
            country + " in " + region);
      }
      HttpResponse<String> points = platform.get("/api/v1/schools/points?region=" + region);
      assertEquals(200, points.statusCode(), points.body());
    }
    HttpResponse<String> arab = platform.get("/api/v1/schools?region=arab%20states");
    assertEquals(200, arab.statusCode(), arab.body());
  }

  @Test
  void badApplicationsAreRefusedFieldByFieldAndWriteNothing() throws Exception {
    int before = schoolCount(hq);
    ObjectNode bad = school("", "XX", "Nowhere");
    bad.put("latitude", 123.0);
    bad.put("students", -5);
    bad.put("email", "not-an-email");
    bad.putArray("levels").add("UNIVERSITY");
    HttpResponse<String> r = apply(bad);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    List<String> fields = new ArrayList<>();
    JSON.readTree(r.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    for (String f : List.of("name", "country", "latitude", "students", "email")) {
      assertTrue(fields.stream().anyMatch(x -> x.startsWith(f)), f + " in " + fields);
    }
    assertTrue(fields.stream().anyMatch(x -> x.startsWith("levels")), "levels in " + fields);
    ObjectNode wrongType = school("Escuela", "MX", "Oaxaca");
    wrongType.put("students", "many");
    assertEquals(400, apply(wrongType).statusCode());
    ObjectNode tooLong = school("x".repeat(5000), "FR", "Lille");
    assertEquals(400, apply(tooLong).statusCode());
    assertEquals(400, platform.send("POST", "/api/v1/applications", "{\"name\": ", "Content-Type", "application/json").statusCode());
    assertEquals(before, schoolCount(hq), "nothing written");
  }

  @Test
  void bodiesThatSayTwoThingsOrNothingAreRefusedInTheReadersLanguage() throws Exception {
    int before = schoolCount(hq);
    String twice = JSON.writeValueAsString(school("Lycée Deux Fois", "FR", "Lyon"))
        .replace("\"city\":\"Lyon\"", "\"city\":\"Lyon\",\"city\":\"Paris\"");
    HttpResponse<String> r = platform.send("POST", "/api/v1/applications", twice, "Content-Type", "application/json");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(List.of("city"), errorFields(r));
    HttpResponse<String> invisible = apply(school("\u202e\u200b", "KE", "Nairobi"));
    assertEquals(400, invisible.statusCode(), invisible.body());
    assertTrue(errorFields(invisible).contains("name"), invisible.body());
    // a blank where a number is expected is no default
    HttpResponse<String> blankDays = platform.send("POST", "/api/v1/tokens", "{\"name\":\"export\",\"days\":\" \"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(400, blankDays.statusCode(), blankDays.body());
    assertEquals(List.of("days"), errorFields(blankDays));
    // Latin-1 bytes are not UTF-8: refused, not stored as U+FFFD
    HttpResponse<String> latin1 = platform.sendBytes("POST", "/api/v1/applications",
        JSON.writeValueAsString(school("École Latine", "KE", "Nairobi")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        "Content-Type", "application/json");
    assertEquals(400, latin1.statusCode(), latin1.body());
    assertTrue(JSON.readTree(latin1.body()).path("detail").asText().contains("UTF-8"), latin1.body());
    // the mapping's own messages in the reader's language
    HttpResponse<String> fr = platform.send("POST", "/api/v1/tokens", "{\"name\":5}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "Accept-Language", "fr");
    assertEquals(400, fr.statusCode(), fr.body());
    assertEquals("doit être une chaîne de caractères", JSON.readTree(fr.body()).path("errors").path(0).path("message").asText());
    assertEquals(before, schoolCount(hq), "nothing written");
  }

  @Test
  void aSchoolHasOneAddressAndJsonRefusedIsNotServed() throws Exception {
    long id = JSON.readTree(platform.get("/api/v1/schools?limit=1", "Authorization", "Bearer " + hq).body())
        .path("items").path(0).path("id").asLong();
    assertTrue(id > 0);
    assertEquals(200, platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).statusCode());
    StringBuilder fullWidth = new StringBuilder();
    String.valueOf(id).chars().forEach(d -> fullWidth.append((char) ('\uff10' + (d - '0'))));
    for (String other : List.of("0" + id, "%2B" + id,
        java.net.URLEncoder.encode(fullWidth.toString(), java.nio.charset.StandardCharsets.UTF_8))) {
      HttpResponse<String> r = platform.get("/api/v1/schools/" + other, "Authorization", "Bearer " + hq);
      assertEquals(404, r.statusCode(), other + ": " + r.body());
    }
    HttpResponse<String> refused = platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq,
        "Accept", "application/json;q=0, */*");
    assertEquals(406, refused.statusCode(), refused.body());
  }

  @Test
  void aLikelyDuplicateNeedsConfirmationAndUnicodeNamesAreKeptExactly() throws Exception {
    String name = "مدرسة النور الثانوية";
    assertEquals(201, apply(school(name, "MA", "Fès")).statusCode());
    HttpResponse<String> twin = apply(school(name, "MA", "Fes"));
    assertEquals(409, twin.statusCode(), twin.body());
    assertTrue(JSON.readTree(twin.body()).path("duplicates").size() >= 1, twin.body());
    ObjectNode confirmed = school(name, "MA", "Fes");
    confirmed.put("confirmDuplicate", true);
    HttpResponse<String> ok = apply(confirmed);
    assertEquals(201, ok.statusCode(), ok.body());
    long id = JSON.readTree(ok.body()).path("schoolId").asLong();
    assertEquals(name, JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).body()).path("name").asText());

    // An edit that turns another school into a look-alike is checked too
    long other = JSON.readTree(apply(school("Lycée Ibn Khaldoun", "MA", "Meknès")).body()).path("schoolId").asLong();
    HttpResponse<String> read = platform.get("/api/v1/schools/" + other, "Authorization", "Bearer " + hq);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    String rename = "{\"name\":\"" + name + "\",\"city\":\"Fès\"}";
    HttpResponse<String> renamed = platform.send("PATCH", "/api/v1/schools/" + other, rename,
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(409, renamed.statusCode(), renamed.body());
    assertEquals("Lycée Ibn Khaldoun", JSON.readTree(platform.get("/api/v1/schools/" + other, "Authorization", "Bearer " + hq).body())
        .path("name").asText(), "nothing written");
    HttpResponse<String> confirmedEdit = platform.send("PATCH", "/api/v1/schools/" + other,
        rename.replace("}", ",\"confirmDuplicate\":true}"),
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(200, confirmedEdit.statusCode(), confirmedEdit.body());
  }

  /**
   * A name typed partly with the wrong keyboard layout (a Cyrillic о and е in a Latin name) is the
   * school it looks like: a likely duplicate of it, and found by the name typed in Latin letters.
   */
  @Test
  void aNameTypedWithLettersOfAnotherScriptIsTheSchoolItLooksLike() throws Exception {
    String mixed = "Gimnazija Tesla V\u043Eltair\u0435"; // Cyrillic о and е
    HttpResponse<String> first = apply(school(mixed, "RS", "Novi Sad"));
    assertEquals(201, first.statusCode(), first.body());
    long id = JSON.readTree(first.body()).path("schoolId").asLong();
    HttpResponse<String> twin = apply(school("Gimnazija Tesla Voltaire", "RS", "Novi Sad"));
    assertEquals(409, twin.statusCode(), twin.body());
    // the public is told the candidate's name, as typed, not its id
    assertEquals(mixed, JSON.readTree(twin.body()).path("duplicates").path(0).path("name").asText(), twin.body());
    HttpResponse<String> found = platform.get("/api/v1/schools?country=RS&q=voltaire", "Authorization", "Bearer " + hq);
    assertEquals(200, found.statusCode(), found.body());
    assertEquals(List.of(id), ids(found), found.body());
    assertEquals(mixed, JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).body())
        .path("name").asText(), "the name is kept as typed");
    // a name in Cyrillic alone keeps its letters: found by them, not by Latin look-alikes
    ObjectNode cyrillicName = school("Гимназија Сосна", "RS", "Нови Сад");
    cyrillicName.put("email", "office@sosna.example.rs");
    HttpResponse<String> sosna = apply(cyrillicName);
    assertEquals(201, sosna.statusCode(), sosna.body());
    long cyrillic = JSON.readTree(sosna.body()).path("schoolId").asLong();
    assertEquals(List.of(cyrillic), ids(platform.get("/api/v1/schools?country=RS&q=%D1%81%D0%BE%D1%81", "Authorization", "Bearer " + hq)));
    assertEquals(List.of(), ids(platform.get("/api/v1/schools?country=RS&q=cocha", "Authorization", "Bearer " + hq)));
  }

  @Test
  void updatesNeedTheCurrentEtagAndTheRightScope() throws Exception {
    long id = JSON.readTree(apply(school("Collège Jean Moulin", "FR", "Lyon")).body()).path("schoolId").asLong();
    HttpResponse<String> read = platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + ncFrance);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    String patch = "{\"students\": 700}";
    assertEquals(428, platform.send("PATCH", "/api/v1/schools/" + id, patch, "Content-Type", "application/merge-patch+json",
        "Authorization", "Bearer " + ncFrance).statusCode());
    assertEquals(404, platform.send("PATCH", "/api/v1/schools/" + id, patch, "Content-Type", "application/merge-patch+json",
        "If-Match", etag, "Authorization", "Bearer " + ncKenya).statusCode(), "another country's candidate does not exist for them");
    HttpResponse<String> ok = platform.send("PATCH", "/api/v1/schools/" + id, patch, "Content-Type", "application/merge-patch+json",
        "If-Match", etag, "Authorization", "Bearer " + ncFrance);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(700, JSON.readTree(ok.body()).path("students").asInt());
    HttpResponse<String> stale = platform.send("PATCH", "/api/v1/schools/" + id, "{\"students\": 1}", "Content-Type", "application/merge-patch+json",
        "If-Match", etag, "Authorization", "Bearer " + ncFrance, "Accept-Language", "fr");
    assertEquals(412, stale.statusCode(), stale.body());
    assertEquals("L'école " + id + " a changé depuis votre lecture ; relisez-la et refaites votre modification",
        JSON.readTree(stale.body()).path("detail").asText(), "in the reader's language");
    assertEquals(700, JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).body()).path("students").asInt());
    // an edit that changes nothing writes nothing: the same ETag, no audit entry; a stale one is still 412
    String current = ok.headers().firstValue("ETag").orElseThrow();
    String auditBefore = platform.get("/api/v1/audit?country=FR&limit=100", "Authorization", "Bearer " + ncFrance).body();
    for (String same : new String[] {"{}", "{\"students\": 700}"}) {
      HttpResponse<String> nothing = platform.send("PATCH", "/api/v1/schools/" + id, same, "Content-Type", "application/merge-patch+json",
          "If-Match", current, "Authorization", "Bearer " + ncFrance);
      assertEquals(200, nothing.statusCode(), nothing.body());
      assertEquals(current, nothing.headers().firstValue("ETag").orElseThrow(), same);
    }
    assertEquals(412, platform.send("PATCH", "/api/v1/schools/" + id, "{}", "Content-Type", "application/merge-patch+json",
        "If-Match", etag, "Authorization", "Bearer " + ncFrance).statusCode());
    assertEquals(auditBefore, platform.get("/api/v1/audit?country=FR&limit=100", "Authorization", "Bearer " + ncFrance).body());
    String audit = platform.get("/api/v1/audit?country=FR&limit=100", "Authorization", "Bearer " + ncFrance).body();
    assertTrue(audit.contains("school.update"), audit);
    assertEquals(audit, platform.get("/api/v1/audit?limit=100", "Authorization", "Bearer " + ncFrance).body(),
        "without ?country= an NC reads their own country");
    assertEquals(403, platform.get("/api/v1/audit?country=KE", "Authorization", "Bearer " + ncFrance).statusCode());
  }

  /** A GET as a browser sends it (Accept-Encoding: gzip), the body as the bytes on the wire. */
  private static HttpResponse<byte[]> getAsBrowser(String path, String... headers) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + platform.port + path))
        .header("Accept-Encoding", "gzip, deflate, br");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode gunzip(HttpResponse<byte[]> r) throws Exception {
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""), r.headers().toString());
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      return JSON.readTree(in);
    }
  }

  @Test
  void largeAnswersAreGzippedForABrowserAndTheirEtagStillGuardsEdits() throws Exception {
    // Chinese text is three bytes a character: this school's JSON is well over the 1 KB threshold
    ObjectNode big = school("上海市世界和平与国际理解实验学校".repeat(5), "CN", "Shanghai");
    big.put("address", "中国上海市浦东新区和平路一百二十三号国际理解教育中心大楼".repeat(9));
    HttpResponse<String> applied = apply(big);
    assertEquals(201, applied.statusCode(), applied.body());
    long id = JSON.readTree(applied.body()).path("schoolId").asLong();
    String plain = platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).body();

    HttpResponse<byte[]> zipped = getAsBrowser("/api/v1/schools/" + id, "Authorization", "Bearer " + hq);
    assertEquals(200, zipped.statusCode());
    assertEquals(JSON.readTree(plain), gunzip(zipped));
    assertTrue(zipped.body().length < plain.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 2,
        zipped.body().length + " bytes on the wire");
    assertTrue(zipped.headers().allValues("Vary").toString().contains("Accept-Encoding"), zipped.headers().toString());
    // the public reads the same revision without the email: a browser keeps the two apart
    assertTrue(zipped.headers().allValues("Vary").toString().contains("Authorization, Cookie"), zipped.headers().toString());
    long member = certifiedSchool("Lycée des Deux Lectures", "FR", "Vannes");
    HttpResponse<String> publicCopy = platform.get("/api/v1/schools/" + member);
    assertEquals(200, publicCopy.statusCode(), publicCopy.body());
    assertTrue(publicCopy.headers().allValues("Vary").toString().contains("Cookie"), "the public's copy too");
    // so is the public's page of the directory (kept in memory, written apart): a coordinator reads another
    HttpResponse<String> publicList = platform.get("/api/v1/schools?country=FR&limit=5");
    assertEquals(200, publicList.statusCode(), publicList.body());
    assertEquals(List.of("private, no-cache"), publicList.headers().allValues("Cache-Control"), publicList.headers().toString());
    assertTrue(publicList.headers().allValues("Vary").toString().contains("Authorization, Cookie"), publicList.headers().toString());
    String etag = zipped.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.endsWith("--gzip\""), "Jetty marks the compressed form: " + etag);

    // What a browser does next: revalidate, then edit with the ETag it got
    assertEquals(304, getAsBrowser("/api/v1/schools/" + id, "Authorization", "Bearer " + hq, "If-None-Match", etag).statusCode());
    HttpResponse<String> edited = platform.send("PATCH", "/api/v1/schools/" + id, "{\"students\": 812}",
        "Content-Type", "application/merge-patch+json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(200, edited.statusCode(), edited.body());
    HttpResponse<String> stale = platform.send("PATCH", "/api/v1/schools/" + id, "{\"students\": 1}",
        "Content-Type", "application/merge-patch+json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(412, stale.statusCode(), "the compressed ETag names the revision it was read at: " + stale.body());
    assertEquals(812, JSON.readTree(platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + hq).body()).path("students").asInt());

    // A page of the directory and the list of countries, loaded on every page of the UI
    for (String path : List.of("/api/v1/schools?limit=100", "/api/v1/countries")) {
      HttpResponse<byte[]> page = getAsBrowser(path);
      assertEquals(JSON.readTree(platform.get(path).body()), gunzip(page), path);
    }
    // Health stays small and uncompressed, and a client that does not ask gets plain JSON
    assertTrue(getAsBrowser("/api/v1/health").headers().firstValue("Content-Encoding").isEmpty());
    assertTrue(platform.get("/api/v1/countries").headers().firstValue("Content-Encoding").isEmpty());
  }

  @Test
  void countriesComeWithTheirRegionAndNamesInTheRequestLanguage() throws Exception {
    JsonNode de = JSON.readTree(platform.get("/api/v1/countries/DE", "Accept-Language", "fr").body());
    assertEquals("Allemagne", de.path("name").asText());
    assertEquals("Europe and North America", de.path("region").asText());
    assertEquals("Alemania", JSON.readTree(platform.get("/api/v1/countries/DE?lang=es").body()).path("name").asText());
    assertEquals(404, platform.get("/api/v1/countries/XX").statusCode());
    assertTrue(JSON.readTree(platform.get("/api/v1/countries").body()).path("items").size() > 190);
    assertEquals(403, platform.send("PATCH", "/api/v1/countries/DE", "{\"region\":\"Africa\"}", "Content-Type", "application/json",
        "Authorization", "Bearer " + ncFrance).statusCode());
  }

  @Test
  void theListOfCountriesIsDownloadedAgainOnlyWhenItChanged() throws Exception {
    HttpResponse<String> first = platform.get("/api/v1/countries");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    // a coordinator reads the contacts the public does not: the browser keeps it, no shared cache
    assertEquals("private, no-cache", first.headers().firstValue("Cache-Control").orElse(""));
    String vary = String.join(", ", first.headers().allValues("Vary"));
    assertTrue(vary.contains("Authorization") && vary.contains("Cookie") && vary.contains("Accept-Language"), first.headers().toString());
    HttpResponse<String> again = platform.get("/api/v1/countries", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(200, platform.get("/api/v1/countries", "If-None-Match", etag, "Accept-Language", "fr").statusCode(),
        "other names, another ETag");
    // compressed, Jetty marks the ETag; sent back so, it still names the same list
    HttpResponse<String> gzipped = platform.get("/api/v1/countries", "Accept-Encoding", "gzip");
    String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
    assertTrue(gzipEtag.endsWith("--gzip\""), gzipEtag);
    assertEquals(304, platform.get("/api/v1/countries", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode());
    // a new candidate changes a count: downloaded again
    assertEquals(201, apply(school("Escola da Ponte", "PT", "Porto")).statusCode());
    HttpResponse<String> changed = platform.get("/api/v1/countries", "If-None-Match", etag);
    assertEquals(200, changed.statusCode());
    assertTrue(!changed.headers().firstValue("ETag").orElseThrow().equals(etag));
    // a filter the list does not have is refused, not ignored (the whole list passed off as Africa's)
    HttpResponse<String> region = platform.get("/api/v1/countries?region=Africa");
    assertEquals(400, region.statusCode(), region.body());
    assertTrue(region.body().contains("\"field\":\"region\""), region.body());
    // one country: its ETag is the revision an edit names, and its counts are not in it, so the
    // ETag read is no reason for a 304 once a new candidate has changed them
    HttpResponse<String> france = platform.get("/api/v1/countries/FR", "Authorization", "Bearer " + ncFrance);
    assertEquals(201, apply(school("Lycée du Compte", "FR", "Tours")).statusCode());
    HttpResponse<String> counted = platform.get("/api/v1/countries/FR", "Authorization", "Bearer " + ncFrance,
        "If-None-Match", france.headers().firstValue("ETag").orElseThrow());
    assertEquals(200, counted.statusCode());
    assertEquals(JSON.readTree(france.body()).path("candidates").asInt() + 1, JSON.readTree(counted.body()).path("candidates").asInt(),
        counted.body());
  }

  @Test
  void aCoordinatorEnteringASchoolDoesNotBecomeItsFocalPoint() throws Exception {
    // an NC or HQ entering a school on its behalf already answers for it: a role of the school's own
    // would follow them on every school they enter (its reminders, a staff role after a hand-over)
    for (String coordinator : new String[] {ncFrance, hq}) {
      HttpResponse<String> entered = apply(school("Collège de la Saisie " + coordinator.hashCode(), "FR", "Rouen"),
          "Authorization", "Bearer " + coordinator);
      assertEquals(201, entered.statusCode(), entered.body());
      String id = JSON.readTree(entered.body()).path("schoolId").asText();
      String roles = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + coordinator).body()).path("roles").toString();
      assertFalse(roles.contains("\"school\":\"" + id + "\""), roles);
      assertEquals(200, platform.get("/api/v1/schools/" + id, "Authorization", "Bearer " + coordinator).statusCode());
    }
  }

  @Test
  void aSignedInApplicantBecomesTheFocalPointAndMayEditOnlyTheirSchool() throws Exception {
    assertEquals(201, platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"teacher@example.org\",\"name\":\"Teacher\",\"password\":\"a long teacher password\"}",
        "Content-Type", "application/json").statusCode());
    String teacher = JSON.readTree(platform.login("teacher@example.org", "a long teacher password").body()).path("token").asText();
    long own = JSON.readTree(apply(school("Escola Paulo Freire", "BR", "Recife"), "Authorization", "Bearer " + teacher).body()).path("schoolId").asLong();
    JsonNode me = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher).body());
    assertTrue(me.path("roles").toString().contains("SCHOOL_FOCAL_POINT") && me.path("roles").toString().contains("\"school\":\"" + own + "\""), me.toString());
    HttpResponse<String> read = platform.get("/api/v1/schools/" + own, "Authorization", "Bearer " + teacher);
    assertEquals(200, read.statusCode(), "the focal point sees their candidate school");
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertEquals(200, platform.send("PATCH", "/api/v1/schools/" + own, "{\"teachers\": 31}", "Content-Type", "application/merge-patch+json",
        "If-Match", etag, "Authorization", "Bearer " + teacher).statusCode());
    String etag2 = platform.get("/api/v1/schools/" + own, "Authorization", "Bearer " + teacher).headers().firstValue("ETag").orElseThrow();
    assertEquals(403, platform.send("PATCH", "/api/v1/schools/" + own, "{\"country\": \"PT\"}", "Content-Type", "application/merge-patch+json",
        "If-Match", etag2, "Authorization", "Bearer " + teacher).statusCode(), "a school does not move itself abroad");
    long other = JSON.readTree(apply(school("Escola Anísio Teixeira", "BR", "Salvador")).body()).path("schoolId").asLong();
    assertEquals(404, platform.get("/api/v1/schools/" + other, "Authorization", "Bearer " + teacher).statusCode());
  }

  /** A school HQ moves abroad: the move is in the log of the country it left as well as the new one's. */
  @Test
  void aSchoolMovedAbroadIsAuditedInBothCountries() throws Exception {
    long moving = JSON.readTree(apply(school("École Voyageuse", "FR", "Strasbourg")).body()).path("schoolId").asLong();
    String etag = platform.get("/api/v1/schools/" + moving, "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = platform.send("PATCH", "/api/v1/schools/" + moving, "{\"country\": \"KE\", \"city\": \"Nairobi\"}",
        "Content-Type", "application/merge-patch+json", "If-Match", etag, "Authorization", "Bearer " + hq);
    assertEquals(200, moved.statusCode(), moved.body());
    for (String[] nc : new String[][] {{"FR", ncFrance}, {"KE", ncKenya}}) {
      JsonNode entries = JSON.readTree(platform.get("/api/v1/audit?country=" + nc[0] + "&limit=20", "Authorization", "Bearer " + nc[1]).body()).path("items");
      boolean found = false;
      for (JsonNode e : entries) {
        found |= e.path("action").asText().equals("school.update") && e.path("entityId").asText().equals(String.valueOf(moving))
            && e.path("before").path("country").asText().equals("FR") && e.path("after").path("country").asText().equals("KE");
      }
      assertTrue(found, nc[0] + "'s coordinator reads the move: " + entries);
    }
  }

  @Test
  void aMemberReportsItsYearAndTheNcSeesWhoHasNot() throws Exception {
    long reporting = certifiedSchool("École des Arts", "FR", "Nantes");
    long silent = certifiedSchool("École du Port", "FR", "Brest");
    // certified today: they owe this year's report, not last year's
    int year = java.time.Year.now().getValue();
    JsonNode lastYear = JSON.readTree(platform.get("/api/v1/schools/" + reporting + "/annual-reports/" + (year - 1),
        "Authorization", "Bearer " + ncFrance).body());
    assertEquals("NOT_DUE", lastYear.path("state").asText(), lastYear.toString());
    JsonNode chasedLastYear = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + (year - 1),
        "Authorization", "Bearer " + ncFrance).body());
    chasedLastYear.path("items").forEach(r -> assertTrue(r.path("schoolId").asLong() != reporting && r.path("schoolId").asLong() != silent,
        "not members last year, not chased for it: " + chasedLastYear));
    String path = "/api/v1/schools/" + reporting + "/annual-reports/" + year;
    JsonNode before = JSON.readTree(platform.get(path, "Authorization", "Bearer " + ncFrance).body());
    assertTrue(List.of("OPEN", "MISSING").contains(before.path("state").asText()), before.toString());
    String report = "{\"activities\":\"Trash Hack: 40 kg collected\",\"themes\":[\"ESD\"],\"studentsInvolved\":120,\"teachersInvolved\":6}";
    assertEquals(400, platform.send("PUT", path, "{\"activities\":\"\",\"themes\":[],\"studentsInvolved\":-1,\"teachersInvolved\":1}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance).statusCode());
    // a fraction among the counts does not hide the rest: every field's mistake in one answer
    HttpResponse<String> all = platform.send("PUT", path, "{\"activities\":\"\",\"studentsInvolved\":2.5}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(List.of("activities", "studentsInvolved", "teachersInvolved", "themes"),
        errorFields(all).stream().sorted().toList(), all.body());
    HttpResponse<String> kenya = platform.send("PUT", path, report, "Content-Type", "application/json",
        "Authorization", "Bearer " + ncKenya, "Accept-Language", "fr");
    assertEquals(403, kenya.statusCode(), "a member school is public, but another country's NC may not report for it");
    assertTrue(JSON.readTree(kenya.body()).path("detail").asText().startsWith("Vos rôles ne permettent pas de"),
        "the refusal in the reader's language: " + kenya.body());
    // "de" elided before a vowel
    HttpResponse<String> plugins = platform.get("/api/v1/plugins", "Authorization", "Bearer " + ncFrance, "Accept-Language", "fr");
    assertEquals(403, plugins.statusCode(), plugins.body());
    assertEquals("Vos rôles ne permettent pas d'administrer la plateforme", JSON.readTree(plugins.body()).path("detail").asText());
    // a theme that is none: one error, on its place, in words
    HttpResponse<String> sport = platform.send("PUT", path, report.replace("\"ESD\"", "\"SPORT\""), "Content-Type", "application/json",
        "Authorization", "Bearer " + ncFrance, "Accept-Language", "fr");
    assertEquals(400, sport.statusCode(), sport.body());
    assertEquals(List.of("themes[0]"), errorFields(sport), sport.body());
    assertFalse(sport.body().contains("[PEACE_GCED"), sport.body());
    HttpResponse<String> saved = platform.send("PUT", path, report, "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(201, saved.statusCode(), "the first report is created: " + saved.body());
    assertTrue(List.of("SUBMITTED", "LATE").contains(JSON.readTree(saved.body()).path("state").asText()), saved.body());
    String firstEtag = saved.headers().firstValue("ETag").orElseThrow();
    // the same first report sent again without If-Match (its answer was lost on the way): answered as the first was
    HttpResponse<String> retried = platform.send("PUT", path, report, "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(201, retried.statusCode(), retried.body());
    assertEquals(firstEtag, retried.headers().firstValue("ETag").orElse(null), "nothing written twice");
    HttpResponse<String> blindChange = platform.send("PUT", path, report.replace("40 kg", "45 kg"), "Content-Type", "application/json",
        "Authorization", "Bearer " + ncFrance);
    assertEquals(428, blindChange.statusCode(), "replacing needs If-Match: " + blindChange.body());
    assertTrue(JSON.readTree(blindChange.body()).path("detail").asText().contains("read it again"), blindChange.body());
    // sent again as it is (a double click, a retry): nothing new, the same ETag, no audit entry
    HttpResponse<String> resent = platform.send("PUT", path, report, "Content-Type", "application/json",
        "Authorization", "Bearer " + ncFrance, "If-Match", firstEtag);
    assertEquals(200, resent.statusCode(), resent.body());
    assertEquals(firstEtag, resent.headers().firstValue("ETag").orElse(null));
    JsonNode audit = JSON.readTree(platform.get("/api/v1/audit?country=FR&limit=100", "Authorization", "Bearer " + hq).body());
    int submits = 0;
    for (JsonNode e : audit.path("items")) {
      submits += e.path("action").asText().equals("annualReport.submit") && e.path("entityId").asText().equals(String.valueOf(reporting)) ? 1 : 0;
    }
    assertEquals(1, submits, "one submission recorded: " + audit);
    JsonNode compliance = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + year, "Authorization", "Bearer " + ncFrance).body());
    java.util.Map<Long, String> states = new java.util.HashMap<>();
    compliance.path("items").forEach(r -> states.put(r.path("schoolId").asLong(), r.path("state").asText()));
    assertTrue(List.of("SUBMITTED", "LATE").contains(states.get(reporting)), compliance.toString());
    assertTrue(List.of("OPEN", "MISSING").contains(states.get(silent)), compliance.toString());
    assertTrue(List.of("OPEN", "MISSING").contains(compliance.path("items").get(0).path("state").asText()), "the missing come first");
    // the NC chases those who have not reported: only them, with their address
    JsonNode chase = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + year + "?state=open,MISSING",
        "Authorization", "Bearer " + ncFrance).body());
    List<Long> chased = new java.util.ArrayList<>();
    chase.path("items").forEach(r -> {
      chased.add(r.path("schoolId").asLong());
      assertTrue(List.of("OPEN", "MISSING").contains(r.path("state").asText()), chase.toString());
    });
    assertTrue(chased.contains(silent) && !chased.contains(reporting), chase.toString());
    chase.path("items").forEach(r -> {
      if (r.path("schoolId").asLong() == silent) {
        assertTrue(r.path("email").asText().contains("@"), "its contact address: " + r);
      }
    });
    // suspended for not reporting: still a member of that year, so still chased, in the list and the export
    long silentMembership = JSON.readTree(platform.get("/api/v1/schools/" + silent, "Authorization", "Bearer " + hq).body())
        .path("membershipId").asLong();
    assertEquals(200, move(silentMembership, "SUSPENDED", "no annual report", hq).statusCode());
    JsonNode afterSuspension = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + year + "?state=OPEN,MISSING",
        "Authorization", "Bearer " + ncFrance).body());
    List<Long> stillChased = new java.util.ArrayList<>();
    afterSuspension.path("items").forEach(r -> stillChased.add(r.path("schoolId").asLong()));
    assertTrue(stillChased.contains(silent), "a suspended school still owes its year: " + afterSuspension);
    String exported = platform.get("/api/v1/exports/annual-reports.csv?country=FR&year=" + year,
        "Authorization", "Bearer " + ncFrance).body();
    assertTrue(exported.lines().anyMatch(l -> l.startsWith(silent + ",")), "and the export lists it: " + exported);
    assertEquals(200, move(silentMembership, "MEMBER", "reported at last", hq).statusCode());
    for (String query : List.of("?state=forgotten", "?status=MISSING")) {
      HttpResponse<String> refused = platform.get("/api/v1/countries/FR/annual-reports/" + year + query, "Authorization", "Bearer " + ncFrance);
      assertEquals(400, refused.statusCode(), query + ": " + refused.body());
    }
    assertEquals(403, platform.get("/api/v1/countries/FR/annual-reports/" + year, "Authorization", "Bearer " + ncKenya).statusCode());
    assertEquals(401, platform.get("/api/v1/countries/FR/annual-reports/" + year).statusCode());

    // the roll-up counts what the country's list says, state by state: the NC of France reads France only
    JsonNode list = JSON.readTree(platform.get("/api/v1/countries/FR/annual-reports/" + year, "Authorization", "Bearer " + ncFrance).body());
    java.util.Map<String, Integer> byState = new java.util.HashMap<>();
    list.path("items").forEach(r -> byState.merge(r.path("state").asText(), 1, Integer::sum));
    JsonNode rollup = JSON.readTree(platform.get("/api/v1/annual-reports/" + year, "Authorization", "Bearer " + ncFrance).body());
    assertEquals(1, rollup.path("countries").size(), rollup.toString());
    JsonNode france = rollup.path("countries").get(0);
    assertEquals("FR", france.path("country").asText());
    assertEquals(list.path("items").size(), france.path("owed").asInt(), rollup + " against " + list);
    assertEquals(byState.getOrDefault("SUBMITTED", 0), france.path("onTime").asInt());
    assertEquals(byState.getOrDefault("LATE", 0), france.path("late").asInt());
    assertEquals(byState.getOrDefault("OPEN", 0) + byState.getOrDefault("MISSING", 0), france.path("notSent").asInt());
    // the schools certified today owe this year's report, not sent and not yet due: open, not missing
    assertTrue(byState.getOrDefault("OPEN", 0) > 0 && !rollup.path("duePassed").asBoolean(), rollup + " against " + list);
    // HQ reads every country, and the total is their sum
    JsonNode everywhere = JSON.readTree(platform.get("/api/v1/annual-reports/" + year, "Authorization", "Bearer " + hq).body());
    long owed = 0;
    boolean franceThere = false;
    for (JsonNode c : everywhere.path("countries")) {
      owed += c.path("owed").asLong();
      franceThere |= c.equals(france);
    }
    assertTrue(franceThere, everywhere.toString());
    assertEquals(owed, everywhere.path("total").path("owed").asLong());
    JsonNode kenyan = JSON.readTree(platform.get("/api/v1/annual-reports/" + year, "Authorization", "Bearer " + ncKenya).body());
    assertEquals(1, kenyan.path("countries").size(), "Kenya's NC reads Kenya only: " + kenyan);
    assertEquals("KE", kenyan.path("countries").get(0).path("country").asText(), kenyan.toString());
    assertEquals(401, platform.get("/api/v1/annual-reports/" + year).statusCode());
    assertEquals(400, platform.get("/api/v1/annual-reports/1999", "Authorization", "Bearer " + hq).statusCode());
    assertEquals(400, platform.get("/api/v1/annual-reports/" + year + "?country=FR", "Authorization", "Bearer " + hq).statusCode(),
        "a filter it does not have is refused, not ignored");
  }

  /** A field given twice is one field's error among the others, in one 400, and nothing is written. */
  @Test
  void aFieldGivenTwiceIsToldWithTheOtherFieldsErrors() throws Exception {
    String json = JSON.writeValueAsString(school("École Doublon", "KE", "Kisumu").put("students", -1));
    String twice = json.replaceFirst("\\{", "{\"name\":\"École Doublon A\",");
    HttpResponse<String> r = platform.send("POST", "/api/v1/applications", twice, "Content-Type", "application/json");
    List<String> fields = errorFields(r);
    assertTrue(fields.contains("name") && fields.contains("students"), r.body());
    assertEquals(fields.size(), new java.util.HashSet<>(fields).size(), "each field once: " + r.body());
    for (JsonNode e : JSON.readTree(r.body()).path("errors")) {
      if (e.path("field").asText().equals("name")) {
        assertEquals("is given twice: send each field once", e.path("message").asText(), r.body());
      }
    }
    assertEquals(0, JSON.readTree(platform.get("/api/v1/schools?country=KE&q=Doublon", "Authorization", "Bearer " + hq)
        .body()).path("items").size(), "nothing written");
  }

  /** A network brought onto the platform keeps its members' certification dates, and the reports they owe. */
  @Test
  void hqCertifiesAMemberSinceBeforeThePlatformWithItsDate() throws Exception {
    JsonNode a = JSON.readTree(apply(school("École Ancienne", "FR", "Rouen")).body());
    long m = a.path("membershipId").asLong();
    for (String step : new String[] {"UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW"}) {
      assertEquals(200, move(m, step, step.equals("RECOMMENDED") ? "good" : null, hq).statusCode());
    }
    String path = "/api/v1/memberships/" + m + "/transitions";
    HttpResponse<String> future = platform.send("POST", path, "{\"to\":\"MEMBER\",\"certifiedOn\":\"" + java.time.LocalDate.now().plusDays(2) + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(400, future.statusCode(), future.body());
    assertTrue(future.body().contains("\"field\":\"certifiedOn\""), future.body());
    HttpResponse<String> certified = platform.send("POST", path, "{\"to\":\"MEMBER\",\"certifiedOn\":\"2010-05-17\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(200, certified.statusCode(), certified.body());
    JsonNode member = JSON.readTree(certified.body());
    assertEquals("2010-05-17T00:00:00Z", member.path("certifiedAt").asText());
    assertTrue(member.path("certificateNumber").asText().startsWith("ASPNET-FR-2010-"), member.toString());
    long school = a.path("schoolId").asLong();
    int lastYear = java.time.Year.now().getValue() - 1;
    assertEquals("MISSING", JSON.readTree(platform.get("/api/v1/schools/" + school + "/annual-reports/" + lastYear,
        "Authorization", "Bearer " + ncFrance).body()).path("state").asText(), "a member since 2010 owes last year's report");
    assertEquals("NOT_DUE", JSON.readTree(platform.get("/api/v1/schools/" + school + "/annual-reports/2009",
        "Authorization", "Bearer " + ncFrance).body()).path("state").asText());
    HttpResponse<String> suspended = platform.send("POST", path, "{\"to\":\"SUSPENDED\",\"comment\":\"x\",\"certifiedOn\":\"2010-05-17\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(400, suspended.statusCode(), "a date of certification on another move: " + suspended.body());

    // withdrawn, then back through the platform: the new period begins when it applied, not in 2010
    String chasedPath = "/api/v1/countries/FR/annual-reports/" + lastYear + "?state=MISSING";
    assertTrue(platform.get(chasedPath, "Authorization", "Bearer " + ncFrance).body().contains("\"schoolId\":" + school + ","),
        "a member of last year is chased for its report");
    assertEquals(200, move(m, "WITHDRAWN", "closed its ASPnet club", hq).statusCode());
    assertFalse(platform.get(chasedPath, "Authorization", "Bearer " + ncFrance).body().contains("\"schoolId\":" + school + ","),
        "withdrawn, it has left the network: nobody chases it");
    assertEquals(415, platform.send("POST", "/api/v1/schools/" + school + "/applications", "garbage{",
        "Content-Type", "text/plain", "Authorization", "Bearer " + hq).statusCode(), "a body is {} or nothing, not dropped");
    // as curl -X POST without -d sends it: no Content-Length, no body (and {} is taken too)
    String again;
    try (java.net.Socket socket = new java.net.Socket("localhost", platform.port)) {
      socket.getOutputStream().write(("POST /api/v1/schools/" + school + "/applications HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + hq + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      again = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    assertTrue(again.startsWith("HTTP/1.1 201"), again);
    java.util.regex.Matcher period = java.util.regex.Pattern.compile("\"membershipId\":(\\d+)").matcher(again);
    assertTrue(period.find(), again);
    long second = Long.parseLong(period.group(1));
    for (String step : new String[] {"UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW"}) {
      assertEquals(200, move(second, step, step.equals("RECOMMENDED") ? "good" : null, hq).statusCode());
    }
    HttpResponse<String> backdated = platform.send("POST", "/api/v1/memberships/" + second + "/transitions",
        "{\"to\":\"MEMBER\",\"certifiedOn\":\"2010-05-17\"}", "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(400, backdated.statusCode(), backdated.body());
    assertTrue(backdated.body().contains("\"field\":\"certifiedOn\""), backdated.body());
    assertEquals("UNDER_HQ_REVIEW", JSON.readTree(platform.get("/api/v1/memberships/" + second, "Authorization", "Bearer " + hq)
        .body()).path("status").asText(), "nothing written");
    // nor on the day the previous period ended (it would begin at that day's start, before the withdrawal)
    java.time.LocalDate endedOn = java.time.Instant.parse(JSON.readTree(platform.get("/api/v1/memberships/" + m,
        "Authorization", "Bearer " + hq).body()).path("endedAt").asText()).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    HttpResponse<String> sameDay = platform.send("POST", "/api/v1/memberships/" + second + "/transitions",
        "{\"to\":\"MEMBER\",\"certifiedOn\":\"" + endedOn + "\"}", "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(400, sameDay.statusCode(), sameDay.body());
    assertTrue(sameDay.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), sameDay.headers().toString());
    assertTrue(sameDay.body().contains("\"field\":\"certifiedOn\""), sameDay.body());
    assertTrue(sameDay.body().contains(endedOn.plusDays(1).toString()), "names the earliest day allowed: " + sameDay.body());
    JsonNode still = JSON.readTree(platform.get("/api/v1/memberships/" + second, "Authorization", "Bearer " + hq).body());
    assertEquals("UNDER_HQ_REVIEW", still.path("status").asText(), "nothing written: " + still);
    assertTrue(still.path("certifiedAt").isNull() || still.path("certifiedAt").isMissingNode(), still.toString());
    HttpResponse<String> today = move(second, "MEMBER", null, hq);
    assertEquals(200, today.statusCode(), today.body());
    assertTrue(JSON.readTree(today.body()).path("certificateNumber").asText()
        .startsWith("ASPNET-FR-" + java.time.Year.now().getValue() + "-"), today.body());
  }

  /** RFC 9110: If-Match names a current representation, so on a report not yet written it fails (412). */
  @Test
  void anIfMatchOnAReportNotYetWrittenFailsAndCreatesNothing() throws Exception {
    long school = certifiedSchool("École des Dunes", "FR", "Arcachon");
    int year = java.time.Year.now().getValue() - 1;
    String path = "/api/v1/schools/" + school + "/annual-reports/" + year;
    HttpResponse<String> before = platform.get(path, "Authorization", "Bearer " + ncFrance);
    assertEquals(200, before.statusCode(), before.body());
    assertTrue(before.headers().firstValue("ETag").isEmpty(), "a report not yet submitted has no ETag: " + before.headers());
    String report = "{\"activities\":\"Beach clean-up\",\"themes\":[\"ESD\"],\"studentsInvolved\":30,\"teachersInvolved\":2}";
    HttpResponse<String> blind = platform.send("PUT", path, report, "Content-Type", "application/json",
        "Authorization", "Bearer " + ncFrance, "If-Match", "\"7\"");
    assertEquals(412, blind.statusCode(), blind.body());
    assertEquals("NOT_DUE", JSON.readTree(platform.get(path, "Authorization", "Bearer " + ncFrance).body())
        .path("state").asText(), "nothing created (certified today, it did not owe last year's)");
    HttpResponse<String> created = platform.send("PUT", path, report, "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance);
    assertEquals(201, created.statusCode(), created.body());
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertEquals(etag, platform.get(path, "Authorization", "Bearer " + ncFrance).headers().firstValue("ETag").orElseThrow());
    assertEquals(200, platform.send("PUT", path, report, "Content-Type", "application/json", "Authorization", "Bearer " + ncFrance,
        "If-Match", etag).statusCode(), "a replacement with the current ETag");
  }

  /** National ids are one id in any case: stored upper-cased, compared so by applications, edits and imports. */
  @Test
  void aNationalIdTypedInAnotherCaseIsTheSameId() throws Exception {
    platform.awaitResponse("/api/v1/countries/FR/profile", java.time.Duration.ofSeconds(30), r -> r.statusCode() == 200);
    String uai = FrenchSchools.uai();
    HttpResponse<String> first = apply(school("Lycée Montaigne", "FR", "Bordeaux").put("nationalId", uai), "Authorization", "Bearer " + hq);
    assertEquals(201, first.statusCode(), first.body());
    long firstId = JSON.readTree(first.body()).path("schoolId").asLong();

    HttpResponse<String> lower = apply(school("Collège Montesquieu", "FR", "Pessac").put("nationalId", uai.toLowerCase()),
        "Authorization", "Bearer " + hq);
    assertEquals(409, lower.statusCode(), lower.body());
    assertEquals(firstId, JSON.readTree(lower.body()).path("duplicates").get(0).path("id").asLong(), lower.body());

    String otherUai = FrenchSchools.uai();
    HttpResponse<String> typedLower = apply(school("Lycée Camille Jullian", "FR", "Bordeaux").put("nationalId", " " + otherUai.toLowerCase() + " "),
        "Authorization", "Bearer " + hq);
    assertEquals(201, typedLower.statusCode(), typedLower.body());
    long second = JSON.readTree(typedLower.body()).path("schoolId").asLong();
    HttpResponse<String> read = platform.get("/api/v1/schools/" + second, "Authorization", "Bearer " + hq);
    assertEquals(otherUai, JSON.readTree(read.body()).path("nationalId").asText(), "stored trimmed and upper-cased");

    // An edit to another school's id, typed in lower case, is a look-alike too
    HttpResponse<String> patched = platform.send("PATCH", "/api/v1/schools/" + second, "{\"nationalId\":\"" + uai.toLowerCase() + "\"}",
        "Content-Type", "application/merge-patch+json", "Authorization", "Bearer " + hq,
        "If-Match", read.headers().firstValue("ETag").orElseThrow());
    assertEquals(409, patched.statusCode(), patched.body());
    assertEquals(otherUai, JSON.readTree(platform.get("/api/v1/schools/" + second, "Authorization", "Bearer " + hq).body())
        .path("nationalId").asText(), "nothing written");

    // An import finds them as well: within the file, and against the directory
    String third = FrenchSchools.uai();
    String csv = "name,country,unit,city,address,levels,email,nationalId,fields.typeEtablissement\n"
        + "Lycée Casse A,FR,lyon,Lyon,1 rue A,SECONDARY,a@casse.example.org," + third + ",lycee\n"
        + "Lycée Casse B,FR,lyon,Villeurbanne,2 rue B,SECONDARY,b@casse.example.org," + third.toLowerCase() + ",lycee\n"
        + "Lycée Casse C,FR,lyon,Bron,3 rue C,SECONDARY,c@casse.example.org," + uai.toLowerCase() + ",lycee\n";
    JsonNode dry = platform.upload("?dryRun=true", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv", hq);
    JsonNode report = dry.path("report");
    assertEquals(2, report.path("duplicates").asInt(), dry.toString());
    assertEquals(3, report.path("rows").get(0).path("line").asInt(), dry.toString());
    assertEquals(2, report.path("rows").get(0).path("duplicateOfLine").asInt(), dry.toString());
    assertEquals(4, report.path("rows").get(1).path("line").asInt(), dry.toString());
    assertEquals(firstId, report.path("rows").get(1).path("duplicateOf").get(0).asLong(), dry.toString());
  }

  /**
   * docs/membership.md: a sub-national coordinator may put an application of their unit under
   * review; recommending it to HQ or rejecting it is the National Coordinator's (or HQ's) decision.
   */
  @Test
  void aSubNationalCoordinatorReviewsButOnlyTheCountryRecommendsOrRejects() throws Exception {
    // the académie de Lyon comes from France's national profile, a plugin that may still be starting
    platform.awaitResponse("/api/v1/countries/FR/profile", java.time.Duration.ofSeconds(30), r -> r.statusCode() == 200);
    HttpResponse<String> inv = platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"snc.lyon@example.org\",\"role\":\"SUBNATIONAL_COORDINATOR\",\"country\":\"FR\",\"unit\":\"lyon\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(201, inv.statusCode(), inv.body());
    assertEquals(200, platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(inv.body()).path("token").asText() + "\",\"name\":\"Coordinator\",\"password\":\"a long coordinator password\"}",
        "Content-Type", "application/json").statusCode());
    String lyon = JSON.readTree(platform.login("snc.lyon@example.org", "a long coordinator password").body()).path("token").asText();

    ObjectNode body = school("Lycée du Parc", "FR", "Lyon").put("unit", "lyon").put("confirmDuplicate", true);
    HttpResponse<String> applied = apply(body);
    assertEquals(201, applied.statusCode(), applied.body());
    long m = JSON.readTree(applied.body()).path("membershipId").asLong();

    HttpResponse<String> review = move(m, "UNDER_NATIONAL_REVIEW", null, lyon);
    assertEquals(200, review.statusCode(), review.body());
    HttpResponse<String> recommend = move(m, "RECOMMENDED", null, lyon);
    assertEquals(403, recommend.statusCode(), recommend.body());
    assertEquals(403, move(m, "REJECTED", "not for us", lyon).statusCode());
    assertEquals("UNDER_NATIONAL_REVIEW", JSON.readTree(platform.get("/api/v1/memberships/" + m, "Authorization", "Bearer " + hq).body())
        .path("status").asText(), "nothing moved");
    assertEquals(200, move(m, "RECOMMENDED", "Active in Sandwatch", ncFrance).statusCode(), "the NC recommends");
  }

  @Test
  void publicStatisticsAgreeWithTheDirectory() throws Exception {
    // a country that is none: the directory's message, in the request's language
    HttpResponse<String> zz = platform.get("/api/v1/stats?country=ZZ", "Accept-Language", "fr");
    assertEquals(400, zz.statusCode(), zz.body());
    HttpResponse<String> zzSchools = platform.get("/api/v1/schools?country=ZZ", "Accept-Language", "fr");
    assertEquals(JSON.readTree(zzSchools.body()).path("errors"), JSON.readTree(zz.body()).path("errors"), zz.body());
    assertEquals("ZZ n'est ni un État membre ni un Membre associé de l'UNESCO",
        JSON.readTree(zz.body()).path("errors").get(0).path("message").asText(), zz.body());
    certifiedSchool("Kenya High School", "KE", "Nairobi");
    apply(school("Nairobi School", "KE", "Nairobi"));
    JsonNode stats = JSON.readTree(platform.get("/api/v1/stats").body());
    // Counted independently: HQ pages through the whole directory.
    long members = 0;
    long candidates = 0;
    long kenyaMembers = 0;
    String cursor = null;
    do {
      JsonNode page = JSON.readTree(platform.get("/api/v1/schools?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
          "Authorization", "Bearer " + hq).body());
      for (JsonNode s : page.path("items")) {
        String status = s.path("status").asText();
        if (status.equals("MEMBER")) {
          members++;
          if (s.path("country").asText().equals("KE")) {
            kenyaMembers++;
          }
        } else if (List.of("APPLIED", "UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW").contains(status)) {
          candidates++;
        }
      }
      cursor = page.path("next").isNull() ? null : page.path("next").asText();
    } while (cursor != null);
    // No test reads the statistics before this one, so they were built just now, and nothing
    // was written since.
    assertEquals(members, stats.path("members").asLong(), stats.toString());
    assertEquals(candidates, stats.path("candidates").asLong(), stats.toString());
    long statsKenya = 0;
    for (JsonNode c : stats.path("byCountry")) {
      if (c.path("country").asText().equals("KE")) {
        statsKenya = c.path("members").asLong();
      }
    }
    assertEquals(kenyaMembers, statsKenya, stats.toString());
    long regionSum = 0;
    for (JsonNode r : stats.path("byRegion")) {
      regionSum += r.path("members").asLong();
    }
    assertEquals(stats.path("members").asLong(), regionSum, "regions add up to the total");
    assertFalse(platform.get("/api/v1/stats").body().contains("@"), "no contact in statistics");
    // a country's own figures, which agree with the network's row of that country
    JsonNode kenyaStats = JSON.readTree(platform.get("/api/v1/stats?country=ke").body());
    assertEquals("KE", kenyaStats.path("country").asText(), kenyaStats.toString());
    assertEquals(kenyaMembers, kenyaStats.path("members").asLong(), kenyaStats.toString());
    long kenyaLevels = 0;
    for (JsonNode l : kenyaStats.path("byLevel")) {
      kenyaLevels += l.path("members").asLong();
    }
    assertTrue(kenyaLevels >= kenyaMembers, "each member counted under its levels: " + kenyaStats);
    assertFalse(kenyaStats.toString().contains("@"), "no contact in statistics");
    HttpResponse<String> unknown = platform.get("/api/v1/stats?country=UK");
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("\"field\":\"country\""), unknown.body());
    HttpResponse<String> filtered = platform.get("/api/v1/stats?level=PRIMARY");
    assertEquals(400, filtered.statusCode(), "a filter the statistics do not have is refused, not ignored: " + filtered.body());
    assertEquals(200, platform.get("/api/v1/stats?lang=fr").statusCode(), "lang is taken by every endpoint");
  }

  @Test
  void aMoveDecidedOnAnOlderReadingIsRefusedEvenWhenTheStatusCameBack() throws Exception {
    long school = certifiedSchool("Lycée des Révisions", "FR", "Rennes");
    long m = JSON.readTree(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + hq).body())
        .path("membershipId").asLong();
    HttpResponse<String> read = platform.get("/api/v1/memberships/" + m, "Authorization", "Bearer " + ncFrance);
    assertEquals(200, read.statusCode(), read.body());
    String etag = read.headers().firstValue("ETag").orElseThrow();
    assertEquals("\"5\"", etag, "five moves recorded: applied and four steps to MEMBER");
    assertEquals(5, JSON.readTree(read.body()).path("revision").asInt());
    // the ETag is the revision a move sends back, not a validator of the whole answer (next is the reader's)
    assertEquals(200, platform.get("/api/v1/memberships/" + m, "Authorization", "Bearer " + ncFrance,
        "If-None-Match", etag).statusCode());
    assertEquals(400, platform.get("/api/v1/memberships/" + m + "/history?limit=1", "Authorization", "Bearer " + ncFrance)
        .statusCode(), "a history is one page: a limit would be ignored");
    assertEquals(401, platform.get("/api/v1/memberships?ids=" + m).statusCode(), "as one membership is: sign in");

    // HQ suspends and reinstates while the NC reads: the status is MEMBER again, the revision is not
    HttpResponse<String> suspended = move(m, "SUSPENDED", "no report for two years", hq);
    assertEquals("\"6\"", suspended.headers().firstValue("ETag").orElse(null), suspended.body());
    assertEquals(200, move(m, "MEMBER", "reported", hq).statusCode());
    HttpResponse<String> stale = platform.send("POST", "/api/v1/memberships/" + m + "/transitions",
        "{\"to\":\"SUSPENDED\",\"comment\":\"decided on the first reading\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", etag);
    assertEquals(412, stale.statusCode(), stale.body());
    assertTrue(stale.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertTrue(JSON.readTree(stale.body()).path("detail").asText().contains("read it again"), stale.body());
    HttpResponse<String> history = platform.get("/api/v1/memberships/" + m + "/history", "Authorization", "Bearer " + hq);
    assertEquals(7, JSON.readTree(history.body()).path("items").size(), "the refused move wrote nothing: " + history.body());
    assertEquals("MEMBER", JSON.readTree(platform.get("/api/v1/memberships/" + m, "Authorization", "Bearer " + hq).body())
        .path("status").asText());

    // read again, the same move goes through, and its answer carries the ETag for the next one
    String current = platform.get("/api/v1/memberships/" + m, "Authorization", "Bearer " + hq).headers()
        .firstValue("ETag").orElseThrow();
    assertEquals("\"7\"", current);
    HttpResponse<String> fresh = platform.send("POST", "/api/v1/memberships/" + m + "/transitions",
        "{\"to\":\"SUSPENDED\",\"comment\":\"decided on the current reading\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", current);
    assertEquals(200, fresh.statusCode(), fresh.body());
    assertEquals("\"8\"", fresh.headers().firstValue("ETag").orElse(null));
    assertEquals(8, JSON.readTree(fresh.body()).path("revision").asInt());
    // If-Match: * would let any revision through: refused as a school edit refuses it
    assertEquals(428, platform.send("POST", "/api/v1/memberships/" + m + "/transitions", "{\"to\":\"MEMBER\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq, "If-Match", "*").statusCode());
    assertEquals(200, move(m, "MEMBER", "reinstated", hq).statusCode()); // a public member again, as the other tests expect
  }

  /** Applies and walks the ladder to MEMBER; returns the school id. */
  private static long certifiedSchool(String name, String country, String city) throws Exception {
    JsonNode a = JSON.readTree(apply(school(name, country, city)).body());
    long m = a.path("membershipId").asLong();
    for (String[] step : new String[][] {{"UNDER_NATIONAL_REVIEW", null}, {"RECOMMENDED", "good"}, {"UNDER_HQ_REVIEW", null}, {"MEMBER", null}}) {
      assertEquals(200, move(m, step[0], step[1], hq).statusCode());
    }
    return a.path("schoolId").asLong();
  }

  private static List<Long> ids(HttpResponse<String> page) throws Exception {
    assertEquals(200, page.statusCode(), page.body());
    List<Long> ids = new ArrayList<>();
    JSON.readTree(page.body()).path("items").forEach(s -> ids.add(s.path("id").asLong()));
    return ids;
  }

  @Test
  void aCopyOfTheDirectoryAsksForWhatChangedSinceItsLastReading() throws Exception {
    long a = certifiedSchool("Sync Academy", "NA", "Windhoek");
    long b = certifiedSchool("Sync College", "NA", "Swakopmund");
    Thread.sleep(1_100); // the Date header counts whole seconds: the reading below comes after both
    HttpResponse<String> reading = platform.get("/api/v1/schools?country=NA&limit=100");
    assertEquals(List.of(a, b), ids(reading));
    String since = java.time.ZonedDateTime.parse(reading.headers().firstValue("Date").orElseThrow(),
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
    assertEquals(List.of(), ids(platform.get("/api/v1/schools?country=NA&updatedSince=" + since)), "nothing changed yet");

    String etag = platform.get("/api/v1/schools/" + b, "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElseThrow();
    assertEquals(200, platform.send("PATCH", "/api/v1/schools/" + b, "{\"students\": 701}", "Content-Type",
        "application/merge-patch+json", "If-Match", etag, "Authorization", "Bearer " + hq).statusCode());
    assertEquals(List.of(b), ids(platform.get("/api/v1/schools?country=NA&updatedSince=" + since)), "the edited school");
    String csv = platform.get("/api/v1/exports/schools.csv?country=NA&updatedSince=" + since, "Authorization", "Bearer " + hq).body();
    assertTrue(csv.contains("Sync College") && !csv.contains("Sync Academy"), "an export takes the filter too: " + csv);

    // a move changes the school too; the public no longer sees a suspended school, its coordinators do
    long membership = JSON.readTree(platform.get("/api/v1/schools/" + a, "Authorization", "Bearer " + hq).body()).path("membershipId").asLong();
    assertEquals(200, move(membership, "SUSPENDED", "no report for two years", hq).statusCode());
    assertEquals(List.of(a, b), ids(platform.get("/api/v1/schools?country=NA&updatedSince=" + since, "Authorization", "Bearer " + hq)));
    assertEquals(List.of(b), ids(platform.get("/api/v1/schools?country=NA&updatedSince=" + since)));

    // a day, an offset sent with its + unescaped (a space by the time it arrives), and what is no time
    assertEquals(List.of(a, b), ids(platform.get("/api/v1/schools?country=NA&updatedSince=2000-01-01", "Authorization", "Bearer " + hq)));
    assertEquals(List.of(a, b), ids(platform.get("/api/v1/schools?country=NA&updatedSince=2000-01-01T00:00:00+01:00",
        "Authorization", "Bearer " + hq)));
    assertEquals(List.of(), ids(platform.get("/api/v1/schools?country=NA&updatedSince=2999-01-01")));
    HttpResponse<String> bad = platform.get("/api/v1/schools?updatedSince=yesterday");
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals(List.of("updatedSince"), errorFields(bad));
    assertEquals(400, platform.get("/api/v1/exports/schools.csv?updatedSince=2026-13-01", "Authorization", "Bearer " + hq).statusCode());
  }

  @Test
  void aFocalPointHandsTheRoleToAColleagueAndStaysOnAsStaff() throws Exception {
    assertEquals(201, platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"leaving@example.org\",\"name\":\"Leaving Teacher\",\"password\":\"a long leaving password\"}",
        "Content-Type", "application/json").statusCode());
    String leaving = JSON.readTree(platform.login("leaving@example.org", "a long leaving password").body()).path("token").asText();
    long school = JSON.readTree(apply(school("Liceo Gabriela Mistral", "CL", "Valparaíso"), "Authorization", "Bearer " + leaving).body())
        .path("schoolId").asLong();
    String invite = "{\"email\":\"next@example.org\",\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}";
    HttpResponse<String> kenya = platform.send("POST", "/api/v1/invitations", invite, "Content-Type", "application/json",
        "Authorization", "Bearer " + ncKenya);
    // not the Kenyan NC, who may not even see a Chilean candidate: answered as an unknown school
    assertEquals(400, kenya.statusCode(), kenya.body());
    assertTrue(kenya.body().contains("\"field\":\"school\"") && !kenya.body().contains("CL"), kenya.body());
    HttpResponse<String> inv = platform.send("POST", "/api/v1/invitations", invite, "Content-Type", "application/json",
        "Authorization", "Bearer " + leaving);
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    assertEquals(200, platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Next Teacher\",\"password\":\"a long next password\"}",
        "Content-Type", "application/json").statusCode());
    String next = JSON.readTree(platform.login("next@example.org", "a long next password").body()).path("token").asText();
    String nextRoles = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + next).body()).path("roles").toString();
    assertTrue(nextRoles.contains("SCHOOL_FOCAL_POINT") && nextRoles.contains("\"school\":\"" + school + "\""), nextRoles);
    String leavingRoles = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + leaving).body()).path("roles").toString();
    assertTrue(leavingRoles.contains("SCHOOL_STAFF") && !leavingRoles.contains("SCHOOL_FOCAL_POINT"), leavingRoles);
    assertEquals(200, platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + next).statusCode());
    // audited as done by the focal point who handed the role over, naming who is staff now
    JsonNode handover = JSON.readTree(platform.get("/api/v1/audit?action=school.focalPoint.handover&entity=school&entityId=" + school + "&limit=5",
        "Authorization", "Bearer " + hq).body()).path("items");
    assertEquals(1, handover.size(), handover.toString());
    assertEquals("leaving@example.org", handover.get(0).path("actorEmail").asText(), handover.toString());
    assertEquals("[\"leaving@example.org\"]", handover.get(0).path("before").path("previousFocalPoints").toString(), handover.toString());
    assertEquals("next@example.org", handover.get(0).path("after").path("focalPoint").asText(), handover.toString());

    // handed back to the former focal point, who is staff now: one role each, never the same one twice
    HttpResponse<String> back = platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"leaving@example.org\",\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + next);
    assertEquals(201, back.statusCode(), back.body());
    HttpResponse<String> taken = platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(back.body()).path("token").asText() + "\",\"password\":\"a long leaving password\"}",
        "Content-Type", "application/json");
    assertEquals(200, taken.statusCode(), taken.body());
    JsonNode leavingNow = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + leaving).body()).path("roles");
    assertEquals(1, leavingNow.size(), leavingNow.toString());
    assertEquals("SCHOOL_FOCAL_POINT", leavingNow.get(0).path("role").asText(), leavingNow.toString());
    JsonNode nextNow = JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + next).body()).path("roles");
    assertEquals(1, nextNow.size(), nextNow.toString());
    assertEquals("SCHOOL_STAFF", nextNow.get(0).path("role").asText(), nextNow.toString());
  }
}
