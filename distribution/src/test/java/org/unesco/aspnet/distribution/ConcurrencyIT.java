package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same request sent by several clients at the same moment, over real HTTP: one wins, the
 * others are told why in a 4xx (never a 500, never a 503 after a lock wait), and nothing is
 * written twice. Each case is a burst of requests released together by a barrier; a race that is
 * lost only now and then makes the test fail now and then, so each burst is repeated.
 */
class ConcurrencyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int AT_ONCE = 6;
  private static Installation platform;
  private static String hq;
  private static String ncKenya;
  private static ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation().start();
    hq = platform.adminToken();
    ncKenya = invited("nc.ke@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");
    pool = Executors.newFixedThreadPool(AT_ONCE);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    platform.close();
  }

  // ---- helpers ----

  private static HttpResponse<String> send(String method, String path, String body, String token, String... more)
      throws Exception {
    List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
    if (token != null) {
      h.addAll(List.of("Authorization", "Bearer " + token));
    }
    h.addAll(List.of(more));
    return platform.send(method, path, body, h.toArray(String[]::new));
  }

  /** Runs {@code request} {@code n} times at once; the statuses with their count, and every body. */
  private static Burst burst(int n, Callable<HttpResponse<String>> request) throws Exception {
    CyclicBarrier together = new CyclicBarrier(n);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      answers.add(pool.submit(() -> {
        together.await(10, TimeUnit.SECONDS);
        return request.call();
      }));
    }
    Burst burst = new Burst(new TreeMap<>(), new ArrayList<>());
    for (Future<HttpResponse<String>> a : answers) {
      HttpResponse<String> r = a.get(30, TimeUnit.SECONDS);
      burst.statuses().merge(r.statusCode(), 1, Integer::sum);
      burst.bodies().add(r.statusCode() + " " + r.body());
    }
    return burst;
  }

  private record Burst(Map<Integer, Integer> statuses, List<String> bodies) {
    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }
  }

  private static String invited(String email, String grant) throws Exception {
    HttpResponse<String> accepted = accept(invite(email, grant), "Someone");
    assertEquals(200, accepted.statusCode(), accepted.body());
    return JSON.readTree(platform.login(email, "a long enough password").body()).path("token").asText();
  }

  private static String invite(String email, String grant) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(grant);
    body.put("email", email);
    HttpResponse<String> inv = send("POST", "/api/v1/invitations", body.toString(), hq);
    assertEquals(201, inv.statusCode(), inv.body());
    return JSON.readTree(inv.body()).path("token").asText();
  }

  private static HttpResponse<String> accept(String token, String name) throws Exception {
    return platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"password\":\"a long enough password\"}",
        "Content-Type", "application/json");
  }

  private static String application(String name, String city) {
    return "{\"name\":\"" + name + "\",\"country\":\"KE\",\"city\":\"" + city + "\",\"address\":\"1 Main Street\","
        + "\"levels\":[\"PRIMARY\"],\"themes\":[\"ESD\"],\"languages\":[\"en\"],\"students\":300,\"teachers\":20,"
        + "\"email\":\"office@" + city.toLowerCase() + ".example.org\"}";
  }

  private static long apply(String name, String city) throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/applications", application(name, city), null);
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("schoolId").asLong();
  }

  private static long membershipOf(long school) throws Exception {
    return JSON.readTree(send("GET", "/api/v1/schools/" + school, null, hq).body()).path("membershipId").asLong();
  }

  private static void move(long school, String to, String comment) throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/memberships/" + membershipOf(school) + "/transitions",
        comment == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"comment\":\"" + comment + "\"}", hq);
    assertEquals(200, r.statusCode(), r.body());
  }

  private static long member(String name, String city) throws Exception {
    long school = apply(name, city);
    for (String to : List.of("UNDER_NATIONAL_REVIEW", "RECOMMENDED", "UNDER_HQ_REVIEW", "MEMBER")) {
      move(school, to, null);
    }
    return school;
  }

  /** How many schools of Kenya the directory lists with {@code name} (as HQ, who sees every status). */
  private static int listed(String name) throws Exception {
    JsonNode page = JSON.readTree(send("GET", "/api/v1/schools?country=KE&limit=100&q="
        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8), null, hq).body());
    int n = 0;
    for (JsonNode s : page.path("items")) {
      n += s.path("name").asText().equals(name) ? 1 : 0;
    }
    return n;
  }

  // ---- the races ----

  @Test
  void theSameSchoolAppliedForAtOnceIsWrittenOnce() throws Exception {
    for (int round = 0; round < 4; round++) {
      String name = "Twin School " + round;
      Burst b = burst(AT_ONCE, () -> send("POST", "/api/v1/applications", application(name, "Malindi"), null));
      assertEquals(1, b.count(201), b.bodies().toString());
      assertEquals(AT_ONCE - 1, b.count(409), b.bodies().toString());
      b.bodies().stream().filter(s -> s.startsWith("409"))
          .forEach(s -> assertTrue(s.contains("likely-duplicate"), s));
      assertEquals(1, listed(name), name);
    }
  }

  @Test
  void reapplicationsAtOnceOpenOnePeriodAndTheOthersAreToldAtOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      long school = apply("Second Chance School " + round, "Kisumu");
      move(school, "REJECTED", "Not eligible yet");
      long started = System.nanoTime();
      Burst b = burst(AT_ONCE, () -> send("POST", "/api/v1/schools/" + school + "/applications", "{}", hq));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertEquals(1, b.count(201), b.bodies().toString());
      assertEquals(AT_ONCE - 1, b.count(409), b.bodies().toString());
      assertTrue(seconds < 5, "no lock wait: " + seconds + " s");
      JsonNode history = JSON.readTree(send("GET", "/api/v1/schools/" + school, null, hq).body());
      assertEquals("APPLIED", history.path("status").asText(), history.toString());
    }
  }

  @Test
  void aFirstAnnualReportSentTwiceAtOnceIsStoredOnceAndTheOthersAreToldSo() throws Exception {
    long school = member("Reporting School", "Nakuru");
    int year = LocalDate.now().getYear() - 1;
    String report = "{\"activities\":\"Sandwatch: two beaches measured\",\"themes\":[\"ESD\"],"
        + "\"studentsInvolved\":40,\"teachersInvolved\":3}";
    String path = "/api/v1/schools/" + school + "/annual-reports/" + year;
    Burst b = burst(AT_ONCE, () -> send("PUT", path, report, ncKenya));
    // one is stored; the same report sent after it is answered as it was (201), one that met it
    // being written is told so (409 or 428); none is stored twice
    assertTrue(b.count(201) >= 1, b.bodies().toString());
    assertEquals(AT_ONCE, b.count(201) + b.count(409) + b.count(428), b.bodies().toString());
    assertEquals("\"1\"", send("GET", path, null, ncKenya).headers().firstValue("ETag").orElse(null), "one revision");
    assertEquals(0, platform.log().lines().filter(l -> l.contains("ERROR") && l.contains("annual-reports")).count(),
        "a race is no incident");
  }

  @Test
  void movesDecidedOnTheSameReadingAtOnceMakeOneMoveAndTheOthersAreToldItMoved() throws Exception {
    for (int round = 0; round < 3; round++) {
      long membership = membershipOf(member("Kisumu Revision School " + round, "Kisumu" + round));
      String etag = send("GET", "/api/v1/memberships/" + membership, null, hq).headers().firstValue("ETag").orElseThrow();
      // half suspend, half mark dormant: each is allowed from MEMBER, and each decided on the same reading
      int[] turn = {0};
      Burst burst = burst(AT_ONCE, () -> {
        String to;
        synchronized (turn) {
          to = turn[0]++ % 2 == 0 ? "SUSPENDED" : "DORMANT";
        }
        return send("POST", "/api/v1/memberships/" + membership + "/transitions",
            "{\"to\":\"" + to + "\",\"comment\":\"decided at once\"}", hq, "If-Match", etag);
      });
      assertEquals(1, burst.count(200), burst.bodies().toString());
      assertEquals(AT_ONCE - 1, burst.count(412), burst.bodies().toString());
      JsonNode history = JSON.readTree(send("GET", "/api/v1/memberships/" + membership + "/history", null, hq).body());
      assertEquals(6, history.path("items").size(), "one move more than the five to MEMBER: " + history);
    }
  }

  @Test
  void joiningACampaignAtOnceJoinsOnce() throws Exception {
    long school = member("Joining School", "Eldoret");
    HttpResponse<String> created = send("POST", "/api/v1/campaigns",
        "{\"kind\":\"INITIATIVE\",\"title\":{\"en\":\"Clean Coasts\"},\"description\":{\"en\":\"Beaches\"}}", hq);
    assertEquals(201, created.statusCode(), created.body());
    long campaign = JSON.readTree(created.body()).path("id").asLong();
    Burst b = burst(AT_ONCE, () -> send("POST", "/api/v1/campaigns/" + campaign + "/participants", "{\"school\":" + school + "}", ncKenya));
    assertEquals(1, b.count(201), b.bodies().toString());
    assertEquals(AT_ONCE - 1, b.count(409), b.bodies().toString());
    JsonNode participants = JSON.readTree(platform.get("/api/v1/campaigns/" + campaign + "/participants").body());
    assertEquals(1, participants.path("items").size(), participants.toString());

    // and its report, decided by several moderators at once without If-Match: each decision is
    // taken in turn, none refused for a revision nobody named
    HttpResponse<String> submitted = send("POST", "/api/v1/campaigns/" + campaign + "/submissions",
        "{\"school\":" + school + ",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"text\":\"We cleaned a beach\","
            + "\"pupils\":12,\"teachers\":2,\"metrics\":{},\"media\":[]}", ncKenya);
    assertEquals(201, submitted.statusCode(), submitted.body());
    long submission = JSON.readTree(submitted.body()).path("id").asLong();
    Burst decided = burst(4, () -> send("POST", "/api/v1/campaigns/" + campaign + "/submissions/" + submission + "/decision",
        "{\"decision\":\"APPROVED\",\"comment\":\"Well done\"}", ncKenya));
    assertEquals(Map.of(200, 4), decided.statuses(), decided.bodies().toString());
  }

  /** Two edits made on the same read: one is written, the other told to read again, and then both are kept. */
  @Test
  void twoEditsOfACountryAtOnceLoseNeither() throws Exception {
    for (int round = 0; round < 4; round++) {
      String website = "https://natcom" + round + ".example.org";
      String address = "Address " + round;
      String[] bodies = {
          "{\"nationalCommission\":{\"name\":\"Kenya National Commission for UNESCO\",\"website\":\"" + website + "\"}}",
          "{\"nationalCommission\":{\"name\":\"Kenya National Commission for UNESCO\",\"address\":\"" + address + "\"}}"};
      String read = platform.get("/api/v1/countries/KE").headers().firstValue("ETag").orElseThrow();
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      java.util.List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      Burst b = burst(2, () -> {
        int i = next.getAndIncrement();
        HttpResponse<String> r = send("PATCH", "/api/v1/countries/KE", bodies[i], hq,
            "Content-Type", "application/merge-patch+json", "If-Match", read);
        if (r.statusCode() == 412) {
          order.add(i);
        }
        return r;
      });
      assertEquals(Map.of(200, 1, 412, 1), b.statuses(), b.bodies().toString());
      // the one told it was stale reads again and sends its edit again
      String again = platform.get("/api/v1/countries/KE").headers().firstValue("ETag").orElseThrow();
      assertEquals(200, send("PATCH", "/api/v1/countries/KE", bodies[order.get(0)], hq,
          "Content-Type", "application/merge-patch+json", "If-Match", again).statusCode());
      JsonNode commission = JSON.readTree(platform.get("/api/v1/countries/KE").body()).path("nationalCommission");
      assertEquals(website, commission.path("website").asText(), commission.toString());
      assertEquals(address, commission.path("address").asText(), commission.toString());
    }
  }

  @Test
  void anInvitationToARoleHeldAlreadyAddsNothing() throws Exception {
    String first = invite("nc.ng@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"NG\"}");
    assertEquals(200, accept(first, "Ngozi").statusCode());
    String[] again = {invite("nc.ng@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"NG\"}"),
        invite("nc.ng@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"NG\"}")};
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Burst b = burst(2, () -> accept(again[next.getAndIncrement()], "Ngozi"));
    assertEquals(Map.of(200, 2), b.statuses(), b.bodies().toString());
    String token = JSON.readTree(platform.login("nc.ng@example.org", "a long enough password").body()).path("token").asText();
    JsonNode me = JSON.readTree(send("GET", "/api/v1/me", null, token).body());
    assertEquals(1, me.path("roles").size(), me.toString());
  }
}
