package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ASPNET_DEMO=true fills an empty installation with a believable network a newcomer can sign in to. */
class DemoDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDemoNetworkLoadsOnceWithEveryStatusAndItsAccounts() throws Exception {
    try (Installation platform = new Installation()) {
      platform.environment.put("ASPNET_DEMO", "true");
      platform.start();
      platform.awaitDemoData(Duration.ofSeconds(120));
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

      noGetEndpointShowsPersonalDataToTheAnonymousPublic(platform);

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
}
