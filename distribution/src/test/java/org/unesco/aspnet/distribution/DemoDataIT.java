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
      Installation.await("demo data", Duration.ofSeconds(120), () -> platform.log().contains("Demo data loaded"));
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

      platform.stop();
      platform.start();
      Thread.sleep(2000);
      assertEquals(180, JSON.readTree(platform.get("/api/v1/stats").body()).path("members").asLong(), "loaded once, not twice");
    }
  }
}
