package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ASPNET_DEMO=true fills an empty installation with a believable network a newcomer can sign in to. */
class DemoDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDemoNetworkLoadsOnceWithEveryStatusAndItsAccounts() throws Exception {
    try (Installation platform = new Installation()) {
      platform.environment.put("ASPNET_DEMO", "true");
      platform.start();
      // health says the network is still loading (its accounts do not sign in yet), then that it is in
      JsonNode loading = JSON.readTree(platform.get("/api/v1/health").body());
      String demo = loading.path("components").path("demo").path("status").asText();
      assertTrue(demo.equals("DEGRADED") && loading.path("status").asText().equals("DEGRADED") || demo.equals("UP"),
          loading.toString());
      platform.awaitDemoData(Duration.ofSeconds(120));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // the document is rebuilt once a second
      while (!JSON.readTree(platform.get("/api/v1/health").body()).path("components").path("demo").path("status").asText().equals("UP")) {
        assertTrue(System.nanoTime() < deadline, platform.get("/api/v1/health").body());
        Thread.sleep(200);
      }
      JsonNode stats = JSON.readTree(platform.get("/api/v1/stats").body());
      assertEquals(180, stats.path("members").asLong(), stats.toString());
      assertEquals(5, stats.path("byRegion").size(), "every UNESCO region");
      assertEquals(40, stats.path("byCountry").size());
      String nc = JSON.readTree(platform.login("nc.fr@demo.aspnet.local", "demo-password").body()).path("token").asText();
      JsonNode french = JSON.readTree(platform.get("/api/v1/schools?country=FR&limit=100", "Authorization", "Bearer " + nc).body());
      assertTrue(french.path("items").size() > 0);
      assertTrue(french.toString().contains("UNDER_NATIONAL_REVIEW") || french.toString().contains("APPLIED")
          || french.toString().contains("RECOMMENDED"), "the NC sees candidates to review: " + french);
      assertEquals(200, platform.login("hq@demo.aspnet.local", "demo-password").statusCode());
      assertEquals(200, platform.login("school.1@demo.aspnet.local", "demo-password").statusCode());

      // a past: members certified over the years, each certificate of its year, reports filed on time, late or not at all
      JsonNode years = stats.path("certificationsByYear");
      assertTrue(years.size() >= 10, "certified over the years, not all today: " + years);
      int thisYear = java.time.Year.now().getValue();
      years.forEach(y -> assertTrue(y.path("year").asInt() < thisYear, "a demo member certified this year: " + years));
      String hq = JSON.readTree(platform.login("hq@demo.aspnet.local", "demo-password").body()).path("token").asText();
      java.util.Map<String, Integer> states = new java.util.HashMap<>();
      for (String country : java.util.List.of("FR", "DE", "KE", "BR", "JP", "IN", "CA", "MX")) {
        JsonNode owed = JSON.readTree(platform.get("/api/v1/countries/" + country + "/annual-reports/" + (thisYear - 1),
            "Authorization", "Bearer " + hq).body());
        owed.path("items").forEach(r -> states.merge(r.path("state").asText(), 1, Integer::sum));
      }
      assertTrue(states.getOrDefault("SUBMITTED", 0) > 0 && states.getOrDefault("MISSING", 0) > 0, states.toString());
      long school = french.path("items").get(0).path("id").asLong();
      JsonNode membership = JSON.readTree(platform.get("/api/v1/memberships/" + french.path("items").get(0).path("membershipId").asLong(),
          "Authorization", "Bearer " + nc).body());
      assertTrue(membership.path("appliedAt").asText().compareTo(String.valueOf(thisYear)) < 0
          || java.util.List.of("APPLIED", "UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "REJECTED")
              .contains(membership.path("status").asText()), "school " + school + ": " + membership);
      if (!membership.path("certifiedAt").isNull()) {
        assertTrue(membership.path("certificateNumber").asText().contains("-" + membership.path("certifiedAt").asText().substring(0, 4) + "-"),
            membership.toString());
      }

      noGetEndpointShowsPersonalDataToTheAnonymousPublic(platform);
      theMapPointsAreTheMemberSchoolsForEverybody(platform, nc);

      platform.stop();
      platform.start();
      Thread.sleep(2000);
      assertEquals(180, JSON.readTree(platform.get("/api/v1/stats").body()).path("members").asLong(), "loaded once, not twice");
    }
  }

  private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

  /**
   * Every GET path in the OpenAPI document, with ids of real demo schools and memberships, asked
   * by an anonymous caller: no answer may carry an email address.
   */
  private static void noGetEndpointShowsPersonalDataToTheAnonymousPublic(Installation platform) throws Exception {
    JsonNode paths = JSON.readTree(platform.get("/api/v1/openapi.json").body()).path("paths");
    java.util.List<String> checked = new java.util.ArrayList<>();
    for (java.util.Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String template = it.next();
      if (!paths.path(template).has("get")) {
        continue;
      }
      for (String id : new String[] {"1", "2", "150", "299"}) {
        String path = template.replace("{id}", id).replace("{iso2}", "FR").replace("{year}", "2025")
            .replace("{dataset}", "schools").replace("{format}", "csv")
            .replaceAll("\\{[A-Za-z]+\\}", id); // any other path parameter ({school}, {submission}...)
        // a required query parameter (GET /api/v1/memberships?ids=) gets the id too
        String query = "";
        for (JsonNode parameter : paths.path(template).path("get").path("parameters")) {
          if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
            query += (query.isEmpty() ? "?" : "&") + parameter.path("name").asText() + "=" + id;
          }
        }
        path += query;
        var r = platform.get(path);
        assertTrue(java.util.List.of(200, 401, 404).contains(r.statusCode()), path + " -> " + r.statusCode());
        java.util.regex.Matcher m = EMAIL.matcher(r.body());
        assertTrue(!m.find(), path + " shows an email address to the public: " + r.body());
        checked.add(path);
      }
    }
    int listed = 0;
    String cursor = null;
    do {
      JsonNode page = JSON.readTree(platform.get("/api/v1/schools?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).body());
      for (JsonNode school : page.path("items")) {
        assertEquals("MEMBER", school.path("status").asText(), "the public sees members only");
        listed++;
      }
      assertTrue(!EMAIL.matcher(page.toString()).find(), "no email in the public directory");
      cursor = page.path("next").isNull() ? null : page.path("next").asText();
    } while (cursor != null);
    assertEquals(180, listed, "every member, and only members, in the public directory");
    assertTrue(checked.size() >= 20, "checked " + checked);
  }

  /**
   * {@code /api/v1/schools/points}: the public directory's members with coordinates, whoever asks
   * (an NC sees candidates in the directory, never on the map), with the same filters and the same
   * 400 for a bad one; {@code /api/v1/schools/{id}} is still the school's page.
   */
  private static void theMapPointsAreTheMemberSchoolsForEverybody(Installation platform, String nc) throws Exception {
    var r = platform.get("/api/v1/schools/points");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    assertEquals("public, max-age=60", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(!EMAIL.matcher(r.body()).find(), "no email on the map: " + r.body());
    JsonNode all = JSON.readTree(r.body());
    Map<Long, JsonNode> members = directory(platform, "");
    assertEquals(180, members.size(), "every demo member has coordinates");
    assertEquals(members.keySet(), pointsById(all, members), "the map shows the public directory's members");
    assertEquals(180, all.path("count").asInt());
    assertEquals(false, all.path("truncated").asBoolean(true));
    JsonNode asNc = JSON.readTree(platform.get("/api/v1/schools/points", "Authorization", "Bearer " + nc).body());
    assertEquals(all, asNc, "an NC sees the same public map, without the candidates of their country");

    Map<Long, JsonNode> french = directory(platform, "&country=FR");
    JsonNode frenchPoints = JSON.readTree(platform.get("/api/v1/schools/points?country=fr").body());
    assertTrue(!french.isEmpty() && french.size() < members.size(), "some members are French: " + french.size());
    assertEquals(french.keySet(), pointsById(frenchPoints, french), "country filter");

    String city = french.values().iterator().next().path("city").asText();
    String q = java.net.URLEncoder.encode(city, java.nio.charset.StandardCharsets.UTF_8);
    Map<Long, JsonNode> inCity = directory(platform, "&q=" + q);
    JsonNode cityPoints = JSON.readTree(platform.get("/api/v1/schools/points?q=" + q).body());
    assertTrue(!inCity.isEmpty(), "the directory finds " + city);
    assertEquals(inCity.keySet(), pointsById(cityPoints, inCity), "q filter: " + city);
    assertEquals(0, JSON.readTree(platform.get("/api/v1/schools/points?country=FR&q=zzqqxx").body()).path("count").asInt());

    for (String bad : new String[] {"level=NOPE", "country=FRA", "theme=x", "q=a+b+c+d+e+f", "status=MEMBER", "limit=10"}) {
      var problem = platform.get("/api/v1/schools/points?" + bad);
      assertEquals(400, problem.statusCode(), bad + ": " + problem.body());
      assertEquals("application/problem+json", problem.headers().firstValue("Content-Type").orElse("").split(";")[0], bad);
      if (!bad.startsWith("status") && !bad.startsWith("limit")) {
        JsonNode directoryProblem = JSON.readTree(platform.get("/api/v1/schools?" + bad).body());
        assertEquals(directoryProblem.path("errors"), JSON.readTree(problem.body()).path("errors"), "the directory's 400 for " + bad);
      }
    }

    long id = members.keySet().iterator().next();
    var school = platform.get("/api/v1/schools/" + id);
    assertEquals(200, school.statusCode(), school.body());
    assertEquals(id, JSON.readTree(school.body()).path("id").asLong(), "/api/v1/schools/{id} is still the school");
    assertEquals(404, platform.get("/api/v1/schools/points/1").statusCode(), "no endpoint below points");

    // gzipped for a browser: the same JSON, fewer bytes (about half on these 180 points, more saved on thousands)
    var http = java.net.http.HttpClient.newHttpClient();
    var zipped = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + platform.port + "/api/v1/schools/points"))
        .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), zipped.headers().toString());
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
      assertEquals(all, JSON.readTree(in));
    }
    int plain = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertTrue(zipped.body().length < plain * 2 / 3, zipped.body().length + " bytes gzipped of " + plain);
  }

  /**
   * The ids of an answer of {@code /api/v1/schools/points}, each point checked against its school
   * in {@code directory} ({@code [id, latitude, longitude, name, city, country]}).
   */
  private static java.util.Set<Long> pointsById(JsonNode answer, Map<Long, JsonNode> directory) {
    java.util.Set<Long> ids = new java.util.TreeSet<>();
    for (JsonNode p : answer.path("points")) {
      assertEquals(6, p.size(), p.toString());
      JsonNode school = directory.get(p.get(0).asLong());
      if (school != null) {
        assertEquals(school.path("name").asText(), p.get(3).asText());
        assertEquals(school.path("city").asText(), p.get(4).asText());
        assertEquals(school.path("country").asText(), p.get(5).asText());
        assertEquals(school.path("latitude").asDouble(), p.get(1).asDouble(), 1e-5);
        assertEquals(school.path("longitude").asDouble(), p.get(2).asDouble(), 1e-5);
      }
      assertTrue(ids.add(p.get(0).asLong()), "once: " + p);
    }
    assertEquals(ids.size(), answer.path("count").asInt(), "count");
    return ids;
  }

  /** The public directory (anonymous: members only) with {@code filters}, schools with coordinates by id. */
  private static Map<Long, JsonNode> directory(Installation platform, String filters) throws Exception {
    Map<Long, JsonNode> schools = new java.util.TreeMap<>();
    String cursor = null;
    do {
      var r = platform.get("/api/v1/schools?limit=100" + filters + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, r.statusCode(), r.body());
      JsonNode page = JSON.readTree(r.body());
      for (JsonNode school : page.path("items")) {
        if (school.hasNonNull("latitude") && school.hasNonNull("longitude")) {
          schools.put(school.path("id").asLong(), school);
        }
      }
      cursor = page.path("next").isNull() ? null : page.path("next").asText();
    } while (cursor != null);
    return schools;
  }
}
