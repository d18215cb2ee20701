package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint, called over HTTP by every kind of person, with their own scope and another's,
 * against a table kept here: A (allowed, 2xx), D (denied: 401, 403 or 404) or U (the school named
 * in the body is answered as an unknown one: 400 field "school") or N (allowed, but the platform
 * sends no email, as here: 409, which comes only once the rights are checked). On the demo
 * network: X is a French candidate school, Y a French member school; the focal point is X's.
 */
class AuthorizationMatrixIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int YEAR = java.time.Year.now().getValue() - 1;

  // who:                   public, noRole, focalX, ncFR, ncDE, hq, admin (admin is also HQ)
  private static final String[][] TABLE = {
    {"GET /api/v1/health",                                 "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/openapi.json",                           "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/stats",                                  "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/countries",                              "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/schools?country=FR",                     "A", "A", "A", "A", "A", "A", "A"},
    {"POST /api/v1/applications",                          "A", "A", "A", "A", "A", "A", "A"},
    {"POST /api/v1/tokens",                                "D", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/countries/FR",                           "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/schools/{Y}",                            "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/schools/{X}",                            "D", "D", "A", "A", "D", "A", "A"},
    {"GET /api/v1/memberships/{mX}",                       "D", "D", "A", "A", "D", "A", "A"},
    {"GET /api/v1/memberships/{mX}/history",               "D", "D", "A", "A", "D", "A", "A"},
    {"PATCH /api/v1/schools/{X}",                          "D", "D", "A", "A", "D", "A", "A"},
    {"PATCH /api/v1/schools/{Y}",                          "D", "D", "D", "A", "D", "A", "A"},
    {"GET /api/v1/schools/{X}/annual-reports/{year}",      "D", "D", "A", "A", "D", "A", "A"},
    {"PUT /api/v1/schools/{X}/annual-reports/{year}",      "D", "D", "A", "A", "D", "A", "A"},
    {"GET /api/v1/countries/FR/annual-reports/{year}",     "D", "D", "D", "A", "D", "A", "A"},
    {"GET /api/v1/annual-reports/{year}",                 "D", "D", "D", "A", "A", "A", "A"},
    {"GET /api/v1/annual-report-reminders?country=FR&year={year}", "D", "D", "D", "A", "D", "A", "A"},
    {"POST /api/v1/annual-report-reminders",               "D", "D", "D", "N", "D", "N", "N"},
    {"PATCH /api/v1/countries/DE",                         "D", "D", "D", "D", "D", "A", "A"},
    {"GET /api/v1/audit?country=FR",                      "D", "D", "D", "A", "D", "A", "A"},
    {"GET /api/v1/audit",                                  "D", "D", "D", "A", "A", "A", "A"},
    {"GET /api/v1/plugins",                                "D", "D", "D", "D", "D", "D", "A"},
    {"GET /api/v1/mail",                                   "D", "D", "D", "D", "D", "D", "A"},
    {"GET /api/v1/me",                                     "D", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/tokens",                                 "D", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/roles",                                  "D", "A", "A", "A", "A", "A", "A"},
    // every account for HQ and administrators; one account for whoever may reset its password (FX: X's focal point)
    {"GET /api/v1/accounts",                               "D", "D", "D", "D", "D", "A", "A"},
    {"GET /api/v1/accounts/{FX}",                          "D", "D", "D", "A", "D", "A", "A"},
    // each reads the webhooks of the countries they read (a teacher's or a stranger's list is empty)
    {"GET /api/v1/webhooks",                               "D", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/me/preferences",                         "D", "A", "A", "A", "A", "A", "A"},
    {"POST /api/v1/invitations#nc",                        "D", "D", "D", "D", "D", "A", "A"},
    {"POST /api/v1/invitations#staffX",                    "D", "U", "D", "A", "U", "A", "A"},
    // nobody@example.org applied for a French school above (its focal point): France's NC resets it
    {"POST /api/v1/password-resets",                       "D", "D", "D", "A", "D", "A", "A"},
    {"POST /api/v1/password-resets#focalX",                "D", "D", "D", "A", "D", "A", "A"},
    {"GET /api/v1/campaigns",                              "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaign-modules",                       "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaigns/{C}",                          "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaigns/{C}/participants",             "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaigns/{C}/submissions",              "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaigns/{C}/summary",                  "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/campaigns/{C}/resources",               "A", "A", "A", "A", "A", "A", "A"},
    // C is global: HQ keeps its resources (an NC keeps those of their country's national campaigns)
    {"POST /api/v1/campaigns/{C}/resources#resource",      "D", "D", "D", "D", "D", "A", "A"},
    // the calendar of international days: read by all, kept by HQ
    {"GET /api/v1/international-days",                    "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/international-days.ics",                "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/international-days/world-water-day",    "A", "A", "A", "A", "A", "A", "A"},
    {"POST /api/v1/international-days#day",                "D", "D", "D", "D", "D", "A", "A"},
    {"PATCH /api/v1/international-days/world-water-day",  "D", "D", "D", "D", "D", "A", "A"},
    {"POST /api/v1/campaigns#global",                      "D", "D", "D", "D", "D", "A", "A"},
    {"POST /api/v1/campaigns#nationalFR",                  "D", "D", "D", "A", "D", "A", "A"},
    // the demo's partnerships: PA accepted (school.7's French school and a Kenyan one: public),
    // PP proposed by a Mexican school to school.7's (its schools' staff, France's and Mexico's NCs, HQ)
    {"GET /api/v1/partnerships",                           "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/partnerships/{PA}",                      "A", "A", "A", "A", "A", "A", "A"},
    {"GET /api/v1/partnerships/{PP}",                      "D", "D", "D", "A", "D", "A", "A"},
    // only a school's own staff propose for it or answer for it: nobody here is Y's or school.7's
    {"POST /api/v1/partnerships#forY",                     "D", "D", "D", "D", "D", "D", "D"},
    {"POST /api/v1/partnerships/{PP}/transitions#accept",  "D", "D", "D", "D", "D", "D", "D"},
  };
  private static final String[] WHO = {"public", "noRole", "focalX", "ncFR", "ncDE", "hq", "admin"};

  @Test
  void everyEndpointForEveryRoleWithOwnAndOtherScope() throws Exception {
    try (Installation platform = new Installation()) {
      platform.environment.put("ASPNET_DEMO", "true");
      platform.start();
      platform.awaitDemoData(Duration.ofSeconds(120));
      platform.awaitDemoPartnerships(Duration.ofSeconds(120));
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("hq", token(platform, "hq@demo.aspnet.local", "demo-password"));
      tokens.put("admin", platform.adminToken());
      tokens.put("ncFR", token(platform, "nc.fr@demo.aspnet.local", "demo-password"));
      tokens.put("ncDE", token(platform, "nc.de@demo.aspnet.local", "demo-password"));
      platform.send("POST", "/api/v1/accounts", "{\"email\":\"nobody@example.org\",\"name\":\"No Role\",\"password\":\"a long enough password\"}",
          "Content-Type", "application/json");
      tokens.put("noRole", token(platform, "nobody@example.org", "a long enough password"));

      String hq = tokens.get("hq");
      JsonNode x = first(platform, "/api/v1/schools?country=FR&status=UNDER_NATIONAL_REVIEW&limit=1", hq);
      if (x == null) {
        x = first(platform, "/api/v1/schools?country=FR&status=APPLIED&limit=1", hq);
      }
      JsonNode y = first(platform, "/api/v1/schools?country=FR&status=MEMBER&limit=1", hq);
      String xId = x.path("id").asText();
      String campaign = JSON.readTree(platform.send("POST", "/api/v1/campaigns",
          "{\"kind\":\"CAMPAIGN\",\"module\":\"trash-hack\",\"title\":{\"en\":\"Matrix\"}}",
          "Content-Type", "application/json", "Authorization", "Bearer " + hq).body()).path("id").asText();
      JsonNode accepted = first(platform, "/api/v1/partnerships?status=ACCEPTED&limit=1", hq);
      JsonNode proposed = first(platform, "/api/v1/partnerships?status=PROPOSED&limit=1", hq);
      Map<String, String> ids = new java.util.HashMap<>(Map.of("{X}", xId, "{Y}", y.path("id").asText(),
          "{mX}", x.path("membershipId").asText(), "{year}", String.valueOf(YEAR), "{C}", campaign,
          "{PA}", accepted.path("id").asText(), "{PP}", proposed.path("id").asText(),
          "{PK}", accepted.path("partner").path("id").asText()));
      // X's focal point, by invitation of the French NC
      String inv = JSON.readTree(platform.send("POST", "/api/v1/invitations",
          "{\"email\":\"focal.x@example.org\",\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + xId + "\"}",
          "Content-Type", "application/json", "Authorization", "Bearer " + tokens.get("ncFR")).body()).path("token").asText();
      platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\"" + inv + "\",\"name\":\"Focal X\",\"password\":\"a long focal password\"}",
          "Content-Type", "application/json");
      tokens.put("focalX", token(platform, "focal.x@example.org", "a long focal password"));
      ids.put("{FX}", JSON.readTree(platform.get("/api/v1/me", "Authorization", "Bearer " + tokens.get("focalX")).body())
          .path("id").asText());

      List<String> wrong = new ArrayList<>();
      for (String[] line : TABLE) {
        for (int w = 0; w < WHO.length; w++) {
          HttpResponse<String> r = call(platform, line[0], ids, tokens.get(WHO[w]), hq);
          boolean allowed = r.statusCode() >= 200 && r.statusCode() < 300;
          boolean denied = List.of(401, 403, 404).contains(r.statusCode());
          boolean unknown = r.statusCode() == 400 && r.body().contains("\"field\":\"school\"");
          boolean noEmail = r.statusCode() == 409;
          String expected = line[w + 1];
          if (!(expected.equals("A") ? allowed : expected.equals("U") ? unknown : expected.equals("N") ? noEmail : denied)) {
            wrong.add(line[0] + " as " + WHO[w] + ": expected " + expected + ", got " + r.statusCode() + " " + r.body());
          }
        }
      }
      assertEquals(List.of(), wrong);
    }
  }

  private static String token(Installation platform, String email, String password) throws Exception {
    HttpResponse<String> r = platform.login(email, password);
    assertEquals(200, r.statusCode(), email + ": " + r.body());
    return JSON.readTree(r.body()).path("token").asText();
  }

  private static JsonNode first(Installation platform, String path, String token) throws Exception {
    JsonNode items = JSON.readTree(platform.get(path, "Authorization", "Bearer " + token).body()).path("items");
    return items.size() == 0 ? null : items.get(0);
  }

  /** One call of a table line; updates first read the current ETag as HQ so that only rights decide. */
  private static HttpResponse<String> call(Installation platform, String line, Map<String, String> ids, String token, String hq)
      throws Exception {
    String[] parts = line.split(" ", 2);
    String method = parts[0];
    String path = parts[1];
    String variant = path.contains("#") ? path.substring(path.indexOf('#') + 1) : "";
    path = path.replaceAll("#.*", "");
    for (Map.Entry<String, String> e : ids.entrySet()) {
      path = path.replace(e.getKey(), e.getValue());
    }
    List<String> headers = new ArrayList<>();
    if (token != null) {
      headers.addAll(List.of("Authorization", "Bearer " + token));
    }
    String body = null;
    switch (method) {
      case "PATCH" -> {
        body = path.contains("/countries/") ? "{\"region\":\"Europe and North America\"}"
            : path.contains("/international-days/") ? "{\"names\":{\"sw\":\"Siku ya Maji Duniani " + System.nanoTime() + "\"}}"
            : "{\"students\": 321}";
        headers.addAll(List.of("Content-Type", "application/merge-patch+json"));
        headers.addAll(List.of("If-Match", platform.get(path, "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElse("\"0\"")));
      }
      case "PUT" -> {
        body = "{\"activities\":\"Peace week\",\"themes\":[\"PEACE_GCED\"],\"studentsInvolved\":50,\"teachersInvolved\":3}";
        headers.addAll(List.of("Content-Type", "application/json"));
        String etag = platform.get(path, "Authorization", "Bearer " + hq).headers().firstValue("ETag").orElse("\"0\"");
        if (!etag.equals("\"0\"")) {
          headers.addAll(List.of("If-Match", etag));
        }
      }
      case "POST" -> {
        headers.addAll(List.of("Content-Type", "application/json"));
        body = switch (variant.isEmpty() ? path : variant) {
          case "/api/v1/applications" -> "{\"name\":\"Matrix School " + System.nanoTime() + "\",\"country\":\"FR\","
              + "\"city\":\"Lille\",\"address\":\"1 rue\"," + FrenchSchools.members()
              + "\"levels\":[\"PRIMARY\"],\"themes\":[\"ESD\"],"
              + "\"languages\":[\"fr\"],\"email\":\"matrix@example.org\",\"confirmDuplicate\":true}";
          case "/api/v1/tokens" -> "{\"name\":\"matrix\"}";
          case "nc" -> "{\"email\":\"new.nc.de@example.org\",\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"DE\"}";
          case "global" -> "{\"kind\":\"CAMPAIGN\",\"title\":{\"en\":\"Global\"}}";
          case "nationalFR" -> "{\"kind\":\"PROJECT\",\"country\":\"FR\",\"title\":{\"fr\":\"National\"}}";
          case "staffX" -> "{\"email\":\"staff.x@example.org\",\"role\":\"SCHOOL_STAFF\",\"school\":\"" + ids.get("{X}") + "\"}";
          case "focalX" -> "{\"email\":\"focal.x@example.org\"}";
          case "forY" -> "{\"proposer\":" + ids.get("{Y}") + ",\"partner\":" + ids.get("{PK}")
              + ",\"theme\":\"ESD\",\"message\":\"Matrix\"}";
          case "accept" -> "{\"to\":\"ACCEPTED\"}";
          case "resource" -> "{\"kind\":\"GUIDE\",\"url\":\"https://example.org/matrix/" + System.nanoTime()
              + "\",\"title\":{\"en\":\"Matrix guide\"}}";
          case "day" -> "{\"names\":{\"en\":\"Matrix Day " + System.nanoTime() + "\"},\"observed\":\"06-11\"}";
          case "/api/v1/annual-report-reminders" -> "{\"country\":\"FR\",\"year\":" + YEAR + "}";
          default -> "{\"email\":\"nobody@example.org\"}";
        };
      }
      default -> { }
    }
    return platform.send(method, path, body, headers.toArray(String[]::new));
  }
}
