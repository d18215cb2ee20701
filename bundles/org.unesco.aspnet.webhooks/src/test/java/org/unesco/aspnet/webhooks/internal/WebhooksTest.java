package org.unesco.aspnet.webhooks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.persistence.testing.TestDatabase;

class WebhooksTest {

  @Test
  void theSignatureIsAnHmacOfTheTimeAndTheBody() {
    // as a receiver computes it (docs/webhooks.md; Python's hmac gave this value)
    assertEquals("48fd3d0f3876665dff7fc03bb88dc3b2a1b2f8a017f4d738f3e7f26d5a7ad4c6",
        Webhooks.signature("whsec_test", "1733040000", "{\"event\":\"ping\"}"));
    assertFalse(Webhooks.signature("whsec_test", "1733040000", "{}").equals(Webhooks.signature("whsec_test", "1733040001", "{}")),
        "the time is signed: a replay later fails");
  }

  @Test
  void onlyHttpsAddressesOfPublicHostsWithoutCredentialsAreTaken() throws Exception {
    assertNull(Destinations.problem("https://93.184.215.14/hooks", false, false));
    assertNotNull(Destinations.problem("http://93.184.215.14/hooks", false, false), "http is off by default");
    assertNull(Destinations.problem("http://93.184.215.14/hooks", true, false));
    for (String inside : new String[] {"https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x", "https://192.168.0.9/x",
        "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[fd00::1]/x", "https://100.64.0.1/x", "https://0.0.0.0/x",
        "https://2130706433/x", "https://[::ffff:10.0.0.5]/x", "https://[64:ff9b::a9fe:a9fe]/x", "https://[2002:0a00:0005::1]/x",
        "https://[::7f00:1]/x", "https://198.18.0.1/x", "https://192.0.0.8/x", "https://255.255.255.255/x", "https://240.1.2.3/x",
        // what a hunt found let through: local-use NAT64, IPv4-translated, Teredo, documentation and other reserved ranges
        "https://[64:ff9b:1::7f00:1]/x", "https://[::ffff:0:127.0.0.1]/x", "https://[::ffff:0:a9fe:a9fe]/x", "https://[2001:0:7f00:1::]/x",
        "https://[2001::80ff:fffe]/x", "https://192.0.2.1/x", "https://198.51.100.1/x", "https://203.0.113.1/x", "https://192.88.99.1/x",
        "https://[100::1]/x", "https://[2001:db8::1]/x"}) {
      String why = Destinations.problem(inside, false, false);
      assertNotNull(why, inside);
      assertTrue(why.contains("own network"), inside + ": " + why);
      assertNull(Destinations.problem(inside, false, true), "allowed when configured: " + inside);
    }
    assertTrue(Destinations.problem("https://user:pw@93.184.215.14/x", false, false).contains("password"));
    assertNotNull(Destinations.problem("https://93.184.215.14:99999/x", false, false), "a port out of range");
    assertNotNull(Destinations.problem("https://93.184.215.14:0/x", false, false));
    assertNull(Destinations.problem("https://93.184.215.14:8443/x", false, false));
    assertNotNull(Destinations.problem("https://93.184.215.14/\u202eabc", false, false), "text turned round");
    assertNotNull(Destinations.problem("ftp://93.184.215.14/x", true, true));
    assertNotNull(Destinations.problem("https:///x", true, true));
    assertNotNull(Destinations.problem("not an address", true, true));
    assertNotNull(Destinations.problem("https://x.invalid/x", false, false), "a host that cannot be found");
    assertNotNull(Destinations.problem(null, true, true));
    assertTrue(Destinations.isPrivate(InetAddress.getByName("172.16.5.4")));
    assertFalse(Destinations.isPrivate(InetAddress.getByName("172.32.5.4")));
    assertFalse(Destinations.isPrivate(InetAddress.getByName("64:ff9b::5db8:d70e")), "NAT64 of a public address");
    assertFalse(Destinations.isPrivate(InetAddress.getByName("2606:4700::1111")));
  }

  @Test
  void eventsCarryIdsCountriesAndStatusesAndAMoveReachesBothCountries() {
    Events.Described certified = Events.describe(new Event("org/unesco/aspnet/membership/MEMBER", Map.of("membershipId", 7L,
        "schoolId", 5L, "country", "KE", "from", "UNDER_HQ_REVIEW", "to", "MEMBER", "certificateNumber", "ASP-KE-0005", "actor", "x")));
    assertEquals(Events.MEMBERSHIP_STATUS, certified.event());
    assertEquals(List.of("KE"), certified.countries());
    assertEquals(Map.of("membershipId", 7L, "schoolId", 5L, "country", "KE", "from", "UNDER_HQ_REVIEW", "to", "MEMBER",
        "certificateNumber", "ASP-KE-0005"), certified.data(), "no account id goes out");
    Events.Described moved = Events.describe(new Event("org/unesco/aspnet/school/CHANGED", Map.of("schoolId", 5L, "country", "UG",
        "previousCountry", "KE", "name", "Kisumu Girls", "city", "Kampala")));
    assertEquals(Events.SCHOOL_MOVED, moved.event());
    assertEquals(List.of("UG", "KE"), moved.countries());
    Events.Described accepted = Events.describe(new Event("org/unesco/aspnet/partnerships/ACCEPTED", Map.of("partnershipId", 9L,
        "status", "ACCEPTED", "from", "PROPOSED", "proposerId", 5L, "proposerCountry", "KE", "partnerId", 8L, "partnerCountry", "FR",
        "countries", new String[] {"KE", "FR"}, "actor", "x")));
    assertEquals(Events.PARTNERSHIP_STATUS, accepted.event());
    assertEquals(List.of("KE", "FR"), accepted.countries(), "both NCs read it");
    assertEquals(Map.of("partnershipId", 9L, "status", "ACCEPTED", "from", "PROPOSED", "proposerId", 5L, "proposerCountry", "KE",
        "partnerId", 8L, "partnerCountry", "FR"), accepted.data());
    assertNull(Events.describe(new Event("org/unesco/aspnet/campaigns/JOINED", Map.of("country", "KE"))));
  }

  @Test
  void aDeliveryIsClaimedOnceRetriedAndForgottenWithItsSubscription() {
    TestDatabase db = new TestDatabase("webhooks");
    db.run("V1__webhooks.sql");
    Instant now = Instant.parse("2026-12-02T08:00:00Z");
    long sub = db.inTransaction(c -> WebhookStore.subscribe(c, "owner", "KE", "https://example.org/h", "whsec_x",
        List.of(Events.MEMBERSHIP_STATUS), null, now));
    WebhookStore.Subscription s = db.read(c -> WebhookStore.subscription(c, sub)).orElseThrow();
    assertTrue(s.wants(Events.MEMBERSHIP_STATUS));
    assertFalse(s.wants(Events.SCHOOL_MOVED));
    assertEquals(List.of(sub), db.read(c -> WebhookStore.forCountry(c, "KE")).stream().map(WebhookStore.Subscription::id).toList());
    assertEquals(List.of(), db.read(c -> WebhookStore.forCountry(c, "UG")));
    long d = db.inTransaction(c -> WebhookStore.enqueue(c, sub, Events.MEMBERSHIP_STATUS, "{}", now));
    assertEquals(List.of(d), ids(db.read(c -> WebhookStore.due(c, now, 10))));
    assertTrue(db.inTransaction(c -> WebhookStore.claim(c, d, now, now.plusSeconds(120))).isPresent());
    assertFalse(db.inTransaction(c -> WebhookStore.claim(c, d, now, now.plusSeconds(120))).isPresent(), "another node finds it taken");
    Instant held = now.plusSeconds(120);
    assertEquals(Boolean.FALSE, db.inTransaction(c -> WebhookStore.failed(c, d, 503, "late", now, null, now.plusSeconds(1))),
        "a sender whose hold is not this one records nothing");
    assertEquals(Boolean.TRUE, db.inTransaction(c -> WebhookStore.failed(c, d, 503, "answered 503", now, now.plus(Webhooks.backOff(1)), held)));
    // the receiver is down: the webhook's other delivery waits for the same attempt, not counted as one
    long d2 = db.inTransaction(c -> WebhookStore.enqueue(c, sub, Events.MEMBERSHIP_STATUS, "{\"second\":true}", now));
    assertEquals(Integer.valueOf(1), db.inTransaction(c -> WebhookStore.postpone(c, sub, now.plus(Webhooks.backOff(1)), now)));
    assertEquals(List.of(), ids(db.read(c -> WebhookStore.due(c, now.plusSeconds(30), 10))), "waits its back-off, and so does the other");
    assertEquals(List.of(d, d2), ids(db.read(c -> WebhookStore.due(c, now.plusSeconds(61), 10))));
    WebhookStore.Line line = db.read(c -> WebhookStore.latest(c, sub, 10)).get(1); // newest first: d2, then d
    assertEquals(d, line.id());
    assertEquals(0, db.read(c -> WebhookStore.latest(c, sub, 10)).get(0).attempts(), "a postponed one counts no attempt");
    assertEquals(1, line.attempts());
    assertEquals(503, line.lastStatus());
    assertEquals("WAITING", Webhooks.json(line).get("state"));
    assertEquals(Boolean.TRUE, db.inTransaction(c -> WebhookStore.unsubscribe(c, sub)));
    assertEquals(List.of(), ids(db.read(c -> WebhookStore.due(c, now.plusSeconds(61), 10))), "its deliveries went with it");
  }

  private static List<Long> ids(List<WebhookStore.Waiting> due) {
    return due.stream().map(WebhookStore.Waiting::id).toList();
  }

  @Test
  void aWebhookWhoseReceiverIsDownKeepsItsOrderAndANotDueDeliveryIsNotClaimed() {
    TestDatabase db = new TestDatabase("webhooks-order");
    db.run("V1__webhooks.sql");
    Instant now = Instant.parse("2026-12-02T08:00:00Z");
    long down = db.inTransaction(c -> WebhookStore.subscribe(c, "o", "KE", "https://example.org/a", "s", List.of(Events.MEMBERSHIP_STATUS), null, now));
    long up = db.inTransaction(c -> WebhookStore.subscribe(c, "o", "KE", "https://example.org/b", "s", List.of(Events.MEMBERSHIP_STATUS), null, now));
    long first = db.inTransaction(c -> WebhookStore.enqueue(c, down, Events.MEMBERSHIP_STATUS, "{}", now));
    long other = db.inTransaction(c -> WebhookStore.enqueue(c, up, Events.MEMBERSHIP_STATUS, "{}", now));
    long second = db.inTransaction(c -> WebhookStore.enqueue(c, down, Events.MEMBERSHIP_STATUS, "{}", now));
    assertEquals(List.of(down, up), db.read(c -> WebhookStore.dueSubscriptions(c, now, 10)), "the one whose oldest is oldest first");
    assertEquals(List.of(first, second), db.read(c -> WebhookStore.dueOf(c, down, now, 10)));
    // the first fails and the receiver looks down: the second waits with it, and so does a new one
    Instant held = now.plusSeconds(120);
    Instant next = now.plus(Webhooks.backOff(1));
    assertTrue(db.inTransaction(c -> WebhookStore.claim(c, first, now, held)).isPresent());
    assertEquals(Boolean.TRUE, db.inTransaction(c -> WebhookStore.failed(c, first, 503, "answered 503", now, next, held)));
    assertEquals(Integer.valueOf(1), db.inTransaction(c -> WebhookStore.postpone(c, down, next, now)));
    assertEquals(next, db.read(c -> WebhookStore.notBefore(c, down, now)), "a new delivery waits behind them");
    assertEquals(now, db.read(c -> WebhookStore.notBefore(c, up, now)));
    assertFalse(db.inTransaction(c -> WebhookStore.claim(c, second, now, held)).isPresent(),
        "a node that read the list before the postponing does not claim it");
    assertEquals(List.of(up), db.read(c -> WebhookStore.dueSubscriptions(c, now, 10)));
    assertEquals(List.of(other), db.read(c -> WebhookStore.dueOf(c, up, now, 10)));
    // the receiver takes one again: what waited is due at once
    assertEquals(Integer.valueOf(2), db.inTransaction(c -> WebhookStore.resume(c, down, now)));
    assertEquals(List.of(first, second), db.read(c -> WebhookStore.dueOf(c, down, now, 10)));
  }

  @Test
  void theWaitsDoubleUpToAnHour() {
    assertEquals(Duration.ofMinutes(1), Webhooks.backOff(1));
    assertEquals(Duration.ofMinutes(8), Webhooks.backOff(4));
    assertEquals(Duration.ofMinutes(60), Webhooks.backOff(9));
  }

  @Test
  void aWebhookAndItsDeliveriesTakeNoParameter() {
    // the latest 50 deliveries come whole: a limit, a cursor or a filter would be ignored, so each is refused
    WebhooksServlet servlet = new WebhooksServlet(null, null, null); // refused before the store is asked
    for (String path : List.of("/3", "/3/deliveries")) {
      for (String query : List.of("limit=0", "limit=501", "limit=abc", "limit=10", "cursor=x", "foo=1")) {
        ProblemException p = assertThrows(ProblemException.class, () -> servlet.doGet(get(path, query), response()), path + "?" + query);
        assertEquals(400, p.status(), path + "?" + query);
        assertEquals(query.substring(0, query.indexOf('=')), p.errors().get(0).field(), path + "?" + query);
        assertTrue(p.errors().get(0).message().startsWith("is not a parameter"), p.errors().get(0).message());
      }
      // ?lang= is every endpoint's: on to the store (none here)
      assertThrows(NullPointerException.class, () -> servlet.doGet(get(path, "lang=fr"), response()), path);
    }
  }

  /** A GET of {@code path} under /api/v1/webhooks by Kenya's NC, with {@code query}. */
  private static HttpServletRequest get(String path, String query) {
    Principal nc = new Principal("nc-ke", "nc@example.org", "NC", "en", List.of(Grant.country(Role.NATIONAL_COORDINATOR, "KE")));
    return (HttpServletRequest) Proxy.newProxyInstance(WebhooksTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getAttribute" -> Principal.class.getName().equals(args[0]) ? nc : null;
          case "getPathInfo" -> path;
          case "getQueryString" -> query;
          case "getMethod" -> "GET";
          default -> null;
        });
  }

  private static HttpServletResponse response() {
    return (HttpServletResponse) Proxy.newProxyInstance(WebhooksTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> null);
  }
}
