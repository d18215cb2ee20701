package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhooks plugin (shipped in plugins/) over real HTTP: a Kenyan NC's system receives the
 * country's membership moves, signed, and nothing of another country's; a failing receiver is
 * tried again; the owner's role taken away stops the flow. A receiver on this machine needs the
 * plugin's allowHttp and allowPrivateDestinations, which the test switches on.
 */
class WebhooksIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Installation platform;
  private static HttpServer receiver;
  /** What the receiver got: headers and body of each post. */
  private static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
  /** The status the receiver answers with. */
  private static final AtomicInteger ANSWER = new AtomicInteger(204);

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      RECEIVED.add(Map.of("event", String.valueOf(exchange.getRequestHeaders().getFirst("X-ASPnet-Event")),
          "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-ASPnet-Timestamp")),
          "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-ASPnet-Signature")), "body", body));
      exchange.sendResponseHeaders(ANSWER.get(), -1);
      exchange.close();
    });
    // a receiver that answers at once and then sends its body a byte a second for half a minute
    receiver.createContext("/slow", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 0);
      try (java.io.OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 30; i++) {
          out.write('.');
          out.flush();
          Thread.sleep(1_000);
        }
      } catch (java.io.IOException | InterruptedException gone) {
        // the platform closed the answer unread: what it should do
      }
      exchange.close();
    });
    // a receiver that takes the connection and never answers (the platform gives up after 10 s)
    receiver.createContext("/hang", exchange -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    receiver.start();
    Installation installation = new Installation();
    Path cfg = installation.home.resolve("config/org.unesco.aspnet.webhooks.cfg");
    Files.writeString(cfg, Files.readString(cfg).replace("allowHttp=false", "allowHttp=true")
        .replace("allowPrivateDestinations=false", "allowPrivateDestinations=true"));
    platform = installation.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      platform.close();
    } finally {
      receiver.stop(0);
    }
  }

  private static String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
  }

  /** A new National Coordinator of {@code country}, signed in; [token, role id]. */
  private static String coordinator(String hq, String email, String country) throws Exception {
    HttpResponse<String> inv = platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"" + email + "\",\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"" + country + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq);
    assertEquals(201, inv.statusCode(), inv.body());
    assertEquals(200, platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\"" + JSON.readTree(inv.body()).path("token").asText()
        + "\",\"name\":\"Coordinator\",\"password\":\"a long coordinator password\"}", "Content-Type", "application/json").statusCode());
    return JSON.readTree(platform.login(email, "a long coordinator password").body()).path("token").asText();
  }

  private static HttpResponse<String> subscribe(String token, String body) throws Exception {
    return platform.send("POST", "/api/v1/webhooks", body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
  }

  private static long apply(String name, String country, String city) throws Exception {
    ObjectNode s = JSON.createObjectNode().put("name", name).put("country", country).put("city", city).put("address", "1 Main Street")
        .put("email", "office@" + city.toLowerCase() + ".example.org");
    s.putArray("levels").add("SECONDARY");
    HttpResponse<String> r = platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(s), "Content-Type", "application/json");
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("schoolId").asLong();
  }

  /** The posts received for {@code schoolId}, once {@code n} of them came (at most 20 s). */
  private static List<JsonNode> receivedFor(long schoolId, int n) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    Installation.await(n + " deliveries for school " + schoolId, Duration.ofSeconds(20), () -> {
      found.clear();
      for (Map<String, String> post : RECEIVED) {
        JsonNode body = JSON.readTree(post.get("body"));
        if (body.path("data").path("schoolId").asLong() == schoolId) {
          found.add(body);
        }
      }
      return found.size() >= n;
    });
    return found;
  }

  private static String hmac(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReceiverThatDripsItsAnswerHoldsNothingUpAndACountryHasTenWebhooksAtMost() throws Exception {
    String hq = platform.adminToken();
    String slow = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow";
    HttpResponse<String> none = subscribe(hq, "{\"url\":\"" + slow + "\",\"country\":\"TZ\",\"events\":[]}");
    assertEquals(400, none.statusCode(), none.body());
    long id = JSON.readTree(subscribe(hq, "{\"url\":\"" + slow + "\",\"country\":\"TZ\"}").body()).path("id").asLong();
    apply("Hooks School Arusha", "TZ", "Arusha");
    apply("Hooks School Dodoma", "TZ", "Dodoma");
    Installation.await("both delivered while the first answer still drips", Duration.ofSeconds(15), () -> {
      JsonNode items = JSON.readTree(platform.get("/api/v1/webhooks/" + id + "/deliveries", "Authorization", "Bearer " + hq).body())
          .path("items");
      return items.size() == 2 && items.get(0).path("state").asText().equals("DELIVERED")
          && items.get(1).path("state").asText().equals("DELIVERED");
    });
    for (int i = 2; i <= 10; i++) {
      assertEquals(201, subscribe(hq, "{\"url\":\"" + slow + "?n=" + i + "\",\"country\":\"TZ\"}").statusCode());
    }
    HttpResponse<String> eleventh = subscribe(hq, "{\"url\":\"" + slow + "?n=11\",\"country\":\"TZ\"}");
    assertEquals(409, eleventh.statusCode(), eleventh.body());
    JsonNode all = JSON.readTree(platform.get("/api/v1/webhooks", "Authorization", "Bearer " + hq).body()).path("items");
    for (JsonNode hook : all) {
      if ("TZ".equals(hook.path("country").asText())) {
        assertEquals(204, platform.send("DELETE", "/api/v1/webhooks/" + hook.path("id").asText(), null, "Authorization", "Bearer " + hq)
            .statusCode());
      }
    }
  }

  @Test
  void aReceiverThatNeverAnswersDelaysOnlyItsOwnWebhook() throws Exception {
    String hq = platform.adminToken();
    String hang = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hang";
    long dead = JSON.readTree(subscribe(hq, "{\"url\":\"" + hang + "\",\"country\":\"MZ\"}").body()).path("id").asLong();
    long alive = JSON.readTree(subscribe(hq, "{\"url\":\"" + url() + "\",\"country\":\"MZ\"}").body()).path("id").asLong();
    long started = System.nanoTime();
    long school = apply("Hooks School Maputo", "MZ", "Maputo");
    receivedFor(school, 1); // the dead receiver's delivery comes first in the queue
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertTrue(seconds < 8, "the live receiver waited " + seconds + " s for the one that never answers (10 s)");
    Installation.await("the dead receiver's attempt recorded", Duration.ofSeconds(20), () -> {
      JsonNode latest = JSON.readTree(platform.get("/api/v1/webhooks/" + dead + "/deliveries", "Authorization", "Bearer " + hq).body())
          .path("items").get(0);
      return latest.path("attempts").asInt() == 1 && latest.path("state").asText().equals("WAITING");
    });
    for (long id : new long[] {dead, alive}) {
      assertEquals(204, platform.send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", "Bearer " + hq).statusCode());
    }
  }

  @Test
  void aCountrysSystemReceivesItsMovesSignedAndNothingOfAnotherCountry() throws Exception {
    String hq = platform.adminToken();
    String ncKe = coordinator(hq, "nc.hooks.ke@example.org", "KE");
    String ncUg = coordinator(hq, "nc.hooks.ug@example.org", "UG");

    // refused field by field, and for a country the coordinator does not read; never with an API token
    HttpResponse<String> bad = subscribe(ncKe, "{\"url\":\"ftp://example.org\",\"country\":\"ZZ\",\"events\":[\"everything\"]}");
    assertEquals(400, bad.statusCode(), bad.body());
    for (String field : List.of("\"url\"", "\"country\"", "\"events\"")) {
      assertTrue(bad.body().contains(field), field + " in " + bad.body());
    }
    assertEquals(403, subscribe(ncKe, "{\"url\":\"" + url() + "\",\"country\":\"UG\"}").statusCode());
    assertEquals(403, subscribe(ncKe, "{\"url\":\"" + url() + "\"}").statusCode(), "every country's events are HQ's");
    String apiToken = JSON.readTree(platform.send("POST", "/api/v1/tokens", "{\"name\":\"sync\"}", "Content-Type", "application/json",
        "Authorization", "Bearer " + ncKe).body()).path("token").asText();
    assertEquals(403, subscribe(apiToken, "{\"url\":\"" + url() + "\",\"country\":\"KE\"}").statusCode());

    HttpResponse<String> made = subscribe(ncKe, "{\"url\":\"" + url() + "\",\"country\":\"ke\",\"description\":\"Ministry of Education\"}");
    assertEquals(201, made.statusCode(), made.body());
    JsonNode hook = JSON.readTree(made.body());
    String secret = hook.path("secret").asText();
    assertTrue(secret.startsWith("whsec_"), made.body());
    long id = hook.path("id").asLong();
    assertEquals("KE", hook.path("country").asText());
    assertFalse(platform.get("/api/v1/webhooks/" + id, "Authorization", "Bearer " + ncKe).body().contains(secret), "shown once");
    assertEquals(404, platform.get("/api/v1/webhooks/" + id, "Authorization", "Bearer " + ncUg).statusCode(), "another country's NC");
    assertEquals(0, JSON.readTree(platform.get("/api/v1/webhooks", "Authorization", "Bearer " + ncUg).body()).path("items").size());
    assertEquals(1, JSON.readTree(platform.get("/api/v1/webhooks", "Authorization", "Bearer " + hq).body()).path("items").size());

    // a Ugandan application is not Kenya's news; a Kenyan one arrives, signed over its time and body
    long ugandan = apply("Hooks School Kampala", "UG", "Kampala");
    long kenyan = apply("Hooks School Kisumu", "KE", "Kisumu");
    JsonNode applied = receivedFor(kenyan, 1).get(0);
    assertEquals("membership.status", applied.path("event").asText());
    assertEquals("APPLIED", applied.path("data").path("to").asText());
    assertEquals("KE", applied.path("data").path("country").asText());
    assertEquals(id, applied.path("subscriptionId").asLong());
    Map<String, String> post = RECEIVED.stream().filter(p -> p.get("body").contains("\"schoolId\":" + kenyan)).findFirst().orElseThrow();
    assertEquals("membership.status", post.get("event"));
    assertEquals("sha256=" + hmac(secret, post.get("timestamp") + "." + post.get("body")), post.get("signature"));
    assertTrue(Math.abs(Long.parseLong(post.get("timestamp")) - System.currentTimeMillis() / 1000) < 60, post.get("timestamp"));
    Thread.sleep(1_000);
    assertEquals(List.of(), receivedFor(ugandan, 0), "nothing of Uganda");

    // a receiver that fails is tried again later; the deliveries say so
    ANSWER.set(500);
    long membership = JSON.readTree(platform.get("/api/v1/schools/" + kenyan, "Authorization", "Bearer " + ncKe).body())
        .path("membershipId").asLong();
    assertEquals(200, platform.send("POST", "/api/v1/memberships/" + membership + "/transitions", "{\"to\":\"UNDER_NATIONAL_REVIEW\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + ncKe).statusCode());
    receivedFor(kenyan, 2);
    Installation.await("the failed attempt recorded", Duration.ofSeconds(10), () -> {
      JsonNode latest = JSON.readTree(platform.get("/api/v1/webhooks/" + id + "/deliveries", "Authorization", "Bearer " + ncKe).body())
          .path("items").get(0);
      return latest.path("state").asText().equals("WAITING") && latest.path("lastStatus").asInt() == 500
          && latest.path("attempts").asInt() == 1 && !latest.path("nextAttemptAt").isNull();
    });
    ANSWER.set(204);
    HttpResponse<String> ping = platform.send("POST", "/api/v1/webhooks/" + id + "/ping", null, "Authorization", "Bearer " + ncKe);
    assertEquals(202, ping.statusCode(), ping.body());
    Installation.await("the ping", Duration.ofSeconds(20), () -> RECEIVED.stream().anyMatch(p -> "ping".equals(p.get("event"))));
    assertEquals(429, platform.send("POST", "/api/v1/webhooks/" + id + "/ping", null, "Authorization", "Bearer " + ncKe).statusCode(),
        "one test every 15 s");
    // the receiver is back: what waited for it (the move it answered 500 to) goes now, not at its next attempt a minute on
    Installation.await("the waiting delivery sent once the receiver took the test", Duration.ofSeconds(10), () -> {
      for (JsonNode d : JSON.readTree(platform.get("/api/v1/webhooks/" + id + "/deliveries", "Authorization", "Bearer " + ncKe).body())
          .path("items")) {
        if (d.path("event").asText().equals("membership.status") && d.path("attempts").asInt() == 2
            && d.path("state").asText().equals("DELIVERED")) {
          return true;
        }
      }
      return false;
    });

    // the coordinator hands over their post: their webhook hears no more
    JsonNode roles = JSON.readTree(platform.get("/api/v1/roles?q=nc.hooks.ke", "Authorization", "Bearer " + hq).body());
    assertEquals(204, platform.send("DELETE", "/api/v1/roles/" + roles.path("items").get(0).path("id").asText(), null,
        "Authorization", "Bearer " + hq).statusCode());
    long later = apply("Hooks School Nakuru", "KE", "Nakuru");
    Thread.sleep(2_000);
    assertEquals(List.of(), receivedFor(later, 0), "no owner who reads Kenya: nothing goes out");

    // HQ removes it (with a session: a token may not); audited under Kenya
    String hqToken = JSON.readTree(platform.send("POST", "/api/v1/tokens", "{\"name\":\"hq sync\"}", "Content-Type", "application/json",
        "Authorization", "Bearer " + hq).body()).path("token").asText();
    assertEquals(403, platform.send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", "Bearer " + hqToken).statusCode());
    assertEquals(204, platform.send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", "Bearer " + hq).statusCode());
    assertEquals(404, platform.get("/api/v1/webhooks/" + id, "Authorization", "Bearer " + hq).statusCode());
    String audit = platform.get("/api/v1/audit?country=KE&limit=100", "Authorization", "Bearer " + hq).body();
    assertTrue(audit.contains("webhook.create") && audit.contains("webhook.delete"), audit);
  }
}
