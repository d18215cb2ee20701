package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Sign-in, sessions, CSRF, API tokens, throttling, registration and the audit log, over HTTP. */
class SecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Installation platform;
  /** Every body this test saw: none may carry a password hash. */
  private static final List<String> BODIES = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // Every test signs in from one address: its free attempts (20 by default) are not what these
    // tests are about, and each one's refusals would eat into the next one's (the address's own
    // throttle is checked on an installation of its own below).
    Installation shared = new Installation();
    java.nio.file.Path cfg = shared.home.resolve("config/org.unesco.aspnet.security.cfg");
    java.nio.file.Files.writeString(cfg, java.nio.file.Files.readString(cfg)
        .replace("freeAttemptsPerAddress=20", "freeAttemptsPerAddress=1000"));
    platform = shared.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      for (String body : BODIES) {
        assertFalse(body.contains("pbkdf2") || body.toLowerCase().contains("passwordhash"), "a password hash leaked: " + body);
      }
    } finally {
      platform.close();
    }
  }

  private static HttpResponse<String> seen(HttpResponse<String> r) {
    BODIES.add(r.body());
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(seen(r).body());
  }

  private static String register(String email, String password) throws Exception {
    HttpResponse<String> r = seen(platform.send("POST", "/api/v1/accounts",
        JSON.writeValueAsString(java.util.Map.of("email", email, "name", "Amina Diallo", "password", password, "language", "fr")),
        "Content-Type", "application/json"));
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("id").asText();
  }

  private static HttpResponse<String> invite(String token, String email, String grant) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(grant);
    body.put("email", email);
    return seen(platform.send("POST", "/api/v1/invitations", body.toString(),
        "Content-Type", "application/json", "Authorization", "Bearer " + token));
  }

  /** Invites a new account, accepts with "a long invited password" and signs it in. */
  private static String invited(String token, String email, String grant) throws Exception {
    HttpResponse<String> inv = invite(token, email, grant);
    assertEquals(201, inv.statusCode(), inv.body());
    HttpResponse<String> ok = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(inv.body()).path("token").asText() + "\",\"name\":\"Invited\",\"password\":\"a long invited password\"}",
        "Content-Type", "application/json"));
    assertEquals(200, ok.statusCode(), ok.body());
    return json(platform.login(email, "a long invited password")).path("token").asText();
  }

  private static HttpResponse<String> reset(String token, String email) throws Exception {
    return seen(platform.send("POST", "/api/v1/password-resets", "{\"email\":\"" + email + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + token));
  }

  private static HttpResponse<String> finishReset(String link, String password) throws Exception {
    return seen(platform.send("POST", "/api/v1/password-resets/accept",
        "{\"token\":\"" + link + "\",\"password\":\"" + password + "\"}", "Content-Type", "application/json"));
  }

  /** An application from the public: a candidate school, seen by HQ and its own country only. */
  private static String candidate(String name, String country, String city) throws Exception {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", name).put("country", country).put("city", city).put("address", "1 Main Street")
        .put("email", "office@" + city.toLowerCase() + ".example.org");
    s.putArray("levels").add("SECONDARY");
    HttpResponse<String> r = seen(platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(s), "Content-Type", "application/json"));
    assertEquals(201, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("schoolId").asText();
  }

  @Test
  void signInGivesAnHttpOnlySessionCookieAndABearerToken() throws Exception {
    HttpResponse<String> wrong = seen(platform.login(Installation.ADMIN_EMAIL, "not the password"));
    assertEquals(401, wrong.statusCode());
    // in the language of the sign-in page
    HttpResponse<String> faux = seen(platform.login(Installation.ADMIN_EMAIL, "not the password", "Accept-Language", "fr"));
    assertEquals("L'adresse électronique ou le mot de passe est erroné", JSON.readTree(faux.body()).path("detail").asText(), faux.body());
    HttpResponse<String> empty = platform.send("POST", "/api/v1/auth/login", "{\"email\":\"\",\"password\":\"\"}",
        "Content-Type", "application/json", "Accept-Language", "es");
    assertEquals(400, empty.statusCode(), empty.body());
    assertEquals(2, JSON.readTree(empty.body()).path("errors").size(), empty.body());
    JSON.readTree(empty.body()).path("errors").forEach(e -> assertEquals("es un dato obligatorio", e.path("message").asText(), empty.body()));
    HttpResponse<String> ok = seen(platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD));
    assertEquals(200, ok.statusCode(), ok.body());
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("ASPNET_SESSION="), cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
    // beside it, one the UI reads (no secret in it, same lifetime) to know whether to ask /me
    String marker = ok.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("aspnet_signed_in=")).findFirst().orElseThrow();
    assertTrue(marker.startsWith("aspnet_signed_in=1;") && !marker.contains("HttpOnly"), marker);
    assertEquals(maxAge(cookie), maxAge(marker), marker);
    JsonNode body = JSON.readTree(ok.body());
    String token = body.path("token").asText();
    assertTrue(cookie.startsWith("ASPNET_SESSION=" + token + ";"), "cookie and token are the same session");
    JsonNode me = json(platform.get("/api/v1/me", "Authorization", "Bearer " + token));
    assertEquals(Installation.ADMIN_EMAIL, me.path("email").asText());
    assertTrue(me.path("roles").toString().contains("PLATFORM_ADMIN") && me.path("roles").toString().contains("HQ_OFFICER"));
    assertEquals(401, seen(platform.get("/api/v1/me")).statusCode(), "anonymous has no /me");
    // two Authorization headers: which counts would depend on who reads them, so none does
    HttpResponse<String> two = seen(platform.get("/api/v1/me", "Authorization", "Bearer " + token, "Authorization", "Bearer nobody"));
    assertEquals(400, two.statusCode(), two.body());
    assertTrue(two.body().contains("one Authorization header"), two.body());
  }

  private static long maxAge(String setCookie) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Max-Age=(\\d+)").matcher(setCookie);
    assertTrue(m.find(), setCookie);
    return Long.parseLong(m.group(1));
  }

  @Test
  void aSignInAlwaysStartsANewSessionAndEndsTheOldOne() throws Exception {
    String first = json(platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD)).path("token").asText();
    String second = json(platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD, "Cookie", "ASPNET_SESSION=" + first)).path("token").asText();
    assertNotEquals(first, second);
    assertEquals(401, platform.get("/api/v1/me", "Authorization", "Bearer " + first).statusCode(), "the old session is gone");
    assertEquals(200, platform.get("/api/v1/me", "Authorization", "Bearer " + second).statusCode());
    HttpResponse<String> out = platform.send("POST", "/api/v1/auth/logout", null, "Authorization", "Bearer " + second);
    assertEquals(204, out.statusCode());
    assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("aspnet_signed_in=;") && c.contains("Max-Age=0")),
        "the UI's marker is cleared: " + out.headers().allValues("Set-Cookie"));
    assertEquals(401, platform.get("/api/v1/me", "Authorization", "Bearer " + second).statusCode(), "logged out");
    // a browser still sending the ended session's cookie reads the public view, and the UI's marker
    // is cleared, so that the UI knows it is signed out; not the session cookie (a shared cache
    // keeping a public answer must not end other readers' sessions)
    HttpResponse<String> stale = platform.get("/api/v1/countries", "Cookie", "ASPNET_SESSION=" + second + "; aspnet_signed_in=1");
    assertEquals(200, stale.statusCode());
    assertEquals(List.of("aspnet_signed_in=; Path=/; Max-Age=0; SameSite=Lax"), stale.headers().allValues("Set-Cookie"));
  }

  @Test
  void cookieWritesNeedTheCsrfToken() throws Exception {
    JsonNode in = json(platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD));
    String cookie = "ASPNET_SESSION=" + in.path("token").asText();
    String body = "{\"name\":\"csrf test\"}";
    HttpResponse<String> without = seen(platform.send("POST", "/api/v1/tokens", body, "Content-Type", "application/json", "Cookie", cookie));
    assertEquals(403, without.statusCode(), without.body());
    assertEquals(in.path("csrfToken").asText(), json(platform.get("/api/v1/me", "Cookie", cookie)).path("csrfToken").asText());
    // a session without the UI's marker (opened before it existed) gets it back; one with it, nothing
    HttpResponse<String> unmarked = platform.get("/api/v1/me", "Cookie", cookie);
    assertTrue(unmarked.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("aspnet_signed_in=1;")),
        unmarked.headers().toString());
    HttpResponse<String> marked = platform.get("/api/v1/me", "Cookie", cookie + "; aspnet_signed_in=1");
    assertEquals(List.of(), marked.headers().allValues("Set-Cookie"));
    assertEquals(List.of(), platform.get("/api/v1/countries", "Cookie", "aspnet_signed_in=1").headers().allValues("Set-Cookie"),
        "no session, no marker");
    HttpResponse<String> with = seen(platform.send("POST", "/api/v1/tokens", body, "Content-Type", "application/json",
        "Cookie", cookie, "X-CSRF-Token", in.path("csrfToken").asText()));
    assertEquals(201, with.statusCode(), with.body());
  }

  @Test
  void apiTokensActAsTheirOwnerAreShownOnceAndARevokedOneIsRefusedAtOnce() throws Exception {
    String session = platform.adminToken();
    HttpResponse<String> created = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"ministry sync\",\"days\":30}",
        "Content-Type", "application/json", "Authorization", "Bearer " + session));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode t = JSON.readTree(created.body());
    String secret = t.path("token").asText();
    assertTrue(secret.startsWith("asp_t_"));
    assertEquals(Installation.ADMIN_EMAIL, json(platform.get("/api/v1/me", "Authorization", "Bearer " + secret)).path("email").asText());
    // a token makes no tokens: a leaked one of a month would make itself one of a year
    HttpResponse<String> minted = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"minted\",\"days\":365}",
        "Content-Type", "application/json", "Authorization", "Bearer " + secret));
    assertEquals(403, minted.statusCode(), minted.body());
    // a token is no session: signing it out would answer 204 and leave it working
    HttpResponse<String> logout = seen(platform.send("POST", "/api/v1/auth/logout", "", "Authorization", "Bearer " + secret));
    assertEquals(400, logout.statusCode(), logout.body());
    assertTrue(logout.body().contains("DELETE /api/v1/tokens"), logout.body());
    String list = seen(platform.get("/api/v1/tokens", "Authorization", "Bearer " + session)).body();
    assertTrue(list.contains("ministry sync") && !list.contains(secret), "listed without its secret: " + list);
    assertFalse(list.contains("minted"), list);
    // an anonymous request refused for want of credentials names the scheme (RFC 9110 15.5.2)
    HttpResponse<String> anonymous = seen(platform.get("/api/v1/tokens"));
    assertEquals(401, anonymous.statusCode());
    assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""), anonymous.headers().toString());
    assertEquals(204, platform.send("DELETE", "/api/v1/tokens/" + t.path("id").asText(), null, "Authorization", "Bearer " + session).statusCode());
    HttpResponse<String> after = seen(platform.get("/api/v1/me", "Authorization", "Bearer " + secret));
    assertEquals(401, after.statusCode(), "revoked at once");
    assertEquals(400, seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"x\",\"days\":9999}",
        "Content-Type", "application/json", "Authorization", "Bearer " + session)).statusCode());
  }

  @Test
  void eachPathOfTheTokensAnswersItsOwnMethods() throws Exception {
    String session = platform.adminToken();
    // one token is only revoked: GET of it is not the list, POST to it creates nothing
    for (String method : new String[] {"GET", "POST"}) {
      HttpResponse<String> r = platform.send(method, "/api/v1/tokens/7", method.equals("POST") ? "{\"name\":\"x\"}" : null,
          "Content-Type", "application/json", "Authorization", "Bearer " + session);
      assertEquals(405, r.statusCode(), method + " " + r.body());
      assertEquals("DELETE, OPTIONS", r.headers().firstValue("Allow").orElse(""), method);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }
    HttpResponse<String> options = platform.send("OPTIONS", "/api/v1/tokens", null, "Authorization", "Bearer " + session);
    assertEquals("GET, HEAD, POST, OPTIONS", options.headers().firstValue("Allow").orElse(""));
    HttpResponse<String> delete = platform.send("DELETE", "/api/v1/tokens", null, "Authorization", "Bearer " + session);
    assertEquals(405, delete.statusCode());
    assertEquals("GET, HEAD, POST, OPTIONS", delete.headers().firstValue("Allow").orElse(""));
    assertEquals(404, platform.send("GET", "/api/v1/tokens/7/more", null, "Authorization", "Bearer " + session).statusCode());
    assertEquals(0, JSON.readTree(platform.get("/api/v1/tokens", "Authorization", "Bearer " + session).body())
        .path("items").findValues("name").stream().filter(n -> n.asText().equals("x")).count(), "nothing created");
  }

  @Test
  void failedSignInsSlowDownTheAccountButNeverLockItForGood() throws Exception {
    register("throttled@example.org", "correct horse battery");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, seen(platform.login("throttled@example.org", "wrong " + i)).statusCode());
    }
    HttpResponse<String> blocked = seen(platform.login("throttled@example.org", "correct horse battery"));
    assertEquals(429, blocked.statusCode(), "even the right password waits: " + blocked.body());
    assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
    Thread.sleep(1200); // the first delay is one second
    assertEquals(200, seen(platform.login("throttled@example.org", "correct horse battery")).statusCode());
  }

  /** Guesses sent all at once are counted one after the other: no more password checks than one by one. */
  @Test
  void guessesSentAtOnceAreThrottledLikeGuessesOneByOne() throws Exception {
    register("crowded@example.org", "correct horse battery");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        answers.add(pool.submit(() -> platform.login("crowded@example.org", "guess number " + n).statusCode()));
      }
      int checked = 0;
      int throttled = 0;
      for (java.util.concurrent.Future<Integer> a : answers) {
        int status = a.get();
        checked += status == 401 ? 1 : 0;
        throttled += status == 429 ? 1 : 0;
        assertTrue(status == 401 || status == 429, "a guess got " + status);
      }
      // five free attempts, and perhaps one more per second that the burst lasted
      assertTrue(checked <= 8 && throttled >= 12, checked + " guesses were checked, " + throttled + " throttled");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Right passwords sent at once are no failures: a class signing in together behind one address all get in. */
  @Test
  void rightPasswordsSentAtOnceAllSignIn() throws Exception {
    register("together.one@example.org", "correct horse battery");
    register("together.two@example.org", "correct horse battery");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 3; round++) {
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          String email = i % 2 == 0 ? "together.one@example.org" : "together.two@example.org";
          answers.add(pool.submit(() -> platform.login(email, "correct horse battery")));
        }
        for (java.util.concurrent.Future<HttpResponse<String>> a : answers) {
          HttpResponse<String> r = a.get();
          assertEquals(200, r.statusCode(), "round " + round + ": " + r.body());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void registrationValidatesEveryFieldAndRefusesATakenEmail() throws Exception {
    HttpResponse<String> bad = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"not-an-email\",\"name\":\"\",\"password\":\"short\",\"language\":\"xx\"}", "Content-Type", "application/json"));
    assertEquals(400, bad.statusCode());
    JsonNode errors = JSON.readTree(bad.body()).path("errors");
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("email", "name", "password", "language"), fields);
    HttpResponse<String> badInSpanish = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"not-an-email\",\"name\":\"\",\"password\":\"short\",\"language\":\"es\"}", "Content-Type", "application/json"));
    assertEquals("debe tener al menos 12 caracteres", JSON.readTree(badInSpanish.body()).path("errors").get(2).path("message").asText(),
        "a registration's errors in the language it asks for: " + badInSpanish.body());
    register("Focal.Point@Example.org", "a long enough password");
    HttpResponse<String> again = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"focal.point@example.org\",\"name\":\"X\",\"password\":\"a long enough password\"}", "Content-Type", "application/json"));
    assertEquals(409, again.statusCode(), "emails are compared without case");
    HttpResponse<String> againInGerman = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"focal.point@example.org\",\"name\":\"X\",\"password\":\"a long enough password\",\"language\":\"de\"}",
        "Content-Type", "application/json"));
    JsonNode taken = JSON.readTree(againInGerman.body()).path("errors").path(0);
    assertEquals("email", taken.path("field").asText(), "said on the email box: " + againInGerman.body());
    assertTrue(taken.path("message").asText().startsWith("hat schon ein Konto"), againInGerman.body());
    // look-alikes: a zero-width space is refused, a fullwidth spelling is the same account
    HttpResponse<String> hidden = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"focal.point@example.org\\u200b\",\"name\":\"X\",\"password\":\"a long enough password\"}",
        "Content-Type", "application/json"));
    assertEquals(400, hidden.statusCode(), hidden.body());
    assertEquals("email", JSON.readTree(hidden.body()).path("errors").get(0).path("field").asText(), hidden.body());
    String fullwidth = "\uFF46\uFF4F\uFF43\uFF41\uFF4C.point@example.org";
    HttpResponse<String> lookAlike = seen(platform.send("POST", "/api/v1/accounts",
        JSON.writeValueAsString(java.util.Map.of("email", fullwidth, "name", "X", "password", "a long enough password")),
        "Content-Type", "application/json"));
    assertEquals(409, lookAlike.statusCode(), "NFKC: a fullwidth spelling is the same email: " + lookAlike.body());
    assertEquals(200, seen(platform.login(fullwidth, "a long enough password")).statusCode(), "and signs the same account in");
    JsonNode in = json(platform.login("focal.point@example.org", "a long enough password"));
    assertEquals(0, in.path("account").path("roles").size(), "no role until an application");
  }

  /**
   * A registration's 409 says that an email has an account: each counts against the sender's
   * address like a failed sign-in, so probing addresses by registering is slowed the same way.
   * Its own installation, with 3 free attempts per address: the shared one's must stay free.
   */
  @Test
  void probingEmailsByRegisteringIsSlowedLikeSigningIn() throws Exception {
    try (Installation own = new Installation()) {
      java.nio.file.Path cfg = own.home.resolve("config/org.unesco.aspnet.security.cfg");
      java.nio.file.Files.writeString(cfg, java.nio.file.Files.readString(cfg)
          .replace("freeAttemptsPerAddress=20", "freeAttemptsPerAddress=3"));
      own.start();
      String body = "{\"email\":\"" + Installation.ADMIN_EMAIL + "\",\"name\":\"Prober\",\"password\":\"a long enough password\"}";
      for (int i = 0; i < 3; i++) {
        assertEquals(409, own.send("POST", "/api/v1/accounts", body, "Content-Type", "application/json").statusCode());
      }
      HttpResponse<String> slowed = own.send("POST", "/api/v1/accounts",
          body.replace(Installation.ADMIN_EMAIL, "someone.new@example.org"), "Content-Type", "application/json",
          "Accept-Language", "fr");
      assertEquals(429, slowed.statusCode(), "even a new email waits: " + slowed.body());
      assertTrue(slowed.headers().firstValue("Retry-After").isPresent(), slowed.headers().map().toString());
      assertTrue(JSON.readTree(slowed.body()).path("detail").asText().contains("depuis votre adresse"), slowed.body());
      Thread.sleep(1200); // the first delay is one second
      assertEquals(401, own.login("someone.new@example.org", "a long enough password").statusCode(), "nothing registered");
    }
  }

  @Test
  void theAuditLogRecordsChangesAndOnlyHqReadsItAll() throws Exception {
    register("audited@example.org", "a long enough password");
    String admin = platform.adminToken();
    HttpResponse<String> r = seen(platform.get("/api/v1/audit?limit=200", "Authorization", "Bearer " + admin));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("account.register") && r.body().contains("audited@example.org"), r.body());
    assertEquals(401, seen(platform.get("/api/v1/audit")).statusCode());
    String user = json(platform.login("audited@example.org", "a long enough password")).path("token").asText();
    assertEquals(403, seen(platform.get("/api/v1/audit", "Authorization", "Bearer " + user)).statusCode());
    assertEquals(403, seen(platform.get("/api/v1/audit?country=FR", "Authorization", "Bearer " + user)).statusCode());
    assertEquals(405, seen(platform.send("DELETE", "/api/v1/audit", null, "Authorization", "Bearer " + admin)).statusCode());
    JsonNode page = json(platform.get("/api/v1/audit?limit=1", "Authorization", "Bearer " + admin));
    assertEquals(1, page.path("items").size());
    assertFalse(page.path("next").isNull(), "a cursor to the next page");
  }

  /** HQ finds one account's, one action's or one person's entries, each filter on its own or together. */
  @Test
  void theAuditLogIsReadByWhatChangedAndByWho() throws Exception {
    String filtered = register("filtered.one@example.org", "a long enough password");
    register("filtered.two@example.org", "a long enough password");
    String one = json(platform.login("filtered.one@example.org", "a long enough password")).path("token").asText();
    for (String name : List.of("audit filter", "another one")) {
      assertEquals(201, seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"" + name + "\"}",
          "Content-Type", "application/json", "Authorization", "Bearer " + one)).statusCode());
    }
    String admin = platform.adminToken();
    JsonNode byWho = json(platform.get("/api/v1/audit?actor=Filtered.One@Example.org&limit=100", "Authorization", "Bearer " + admin)).path("items");
    assertTrue(byWho.size() >= 2, byWho.toString());
    byWho.forEach(e -> assertEquals("filtered.one@example.org", e.path("actorEmail").asText(), e.toString()));
    List<String> actions = new ArrayList<>();
    byWho.forEach(e -> actions.add(e.path("action").asText()));
    assertEquals(List.of("token.create", "token.create"), actions, "a registration is the public's, not the account's");
    JsonNode byWhat = json(platform.get("/api/v1/audit?entity=account&entityId=" + filtered + "&action=account.register",
        "Authorization", "Bearer " + admin)).path("items");
    assertEquals(1, byWhat.size(), byWhat.toString());
    assertEquals(filtered, byWhat.get(0).path("entityId").asText());
    JsonNode tokens = json(platform.get("/api/v1/audit?action=token.create&limit=500", "Authorization", "Bearer " + admin)).path("items");
    tokens.forEach(e -> assertEquals("token.create", e.path("action").asText()));
    HttpResponse<String> wrong = seen(platform.get("/api/v1/audit?entityId=" + filtered + "&action=" + "x".repeat(101),
        "Authorization", "Bearer " + admin));
    assertEquals(List.of("action", "entityId"), errorFields(wrong), "every mistake at once");
    assertEquals(403, seen(platform.get("/api/v1/audit?actor=filtered.one@example.org", "Authorization", "Bearer " + one)).statusCode(),
        "a filter opens nothing: only HQ reads every country");
  }

  @Test
  void thePluginListIsForPlatformAdministratorsOnly() throws Exception {
    assertEquals(401, seen(platform.get("/api/v1/plugins")).statusCode());
    assertEquals(200, seen(platform.get("/api/v1/plugins", "Authorization", "Bearer " + platform.adminToken())).statusCode());
  }

  @Test
  void anUnknownBearerTokenIs401NotThePublicView() throws Exception {
    HttpResponse<String> r = seen(platform.get("/api/v1/health", "Authorization", "Bearer asp_s_forged"));
    assertEquals(401, r.statusCode());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void sessionsSurviveARestart() throws Exception {
    try (Installation other = new Installation()) {
      other.start();
      String token = other.adminToken();
      other.stop();
      other.start();
      assertEquals(200, other.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode());
    }
  }

  @Test
  void hqInvitesANationalCoordinatorWhoseLinkWorksOnce() throws Exception {
    String admin = platform.adminToken();
    // a country code in lower case, as /schools?country=fr takes it, is France's
    HttpResponse<String> inv = seen(platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"nc.fr@example.org\",\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"fr\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin));
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    String accept = "{\"token\":\"" + token + "\",\"name\":\"Claire Martin\",\"password\":\"une phrase de passe longue\"}";
    HttpResponse<String> ok = seen(platform.send("POST", "/api/v1/invitations/accept", accept, "Content-Type", "application/json"));
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("NATIONAL_COORDINATOR") && ok.body().contains("\"country\":\"FR\""), ok.body());
    assertEquals(404, seen(platform.send("POST", "/api/v1/invitations/accept", accept, "Content-Type", "application/json")).statusCode(), "single use");

    String nc = json(platform.login("nc.fr@example.org", "une phrase de passe longue")).path("token").asText();
    assertEquals(403, seen(platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"nc.de@example.org\",\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"DE\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + nc)).statusCode(), "an NC does not appoint NCs");
    HttpResponse<String> noSchool = seen(platform.send("POST", "/api/v1/invitations",
        "{\"email\":\"teacher@example.org\",\"role\":\"SCHOOL_STAFF\",\"school\":\"no-such-school\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + nc));
    assertEquals(400, noSchool.statusCode(), noSchool.body());
    // A school the NC may not see (a Kenyan candidate) is answered exactly like one that does not exist.
    String kenyan = candidate("Moi Girls School (SecurityIT)", "KE", "Nairobi");
    HttpResponse<String> unseen = invite(nc, "teacher@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + kenyan + "\"}");
    HttpResponse<String> unknown = invite(nc, "teacher@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"987654321\"}");
    assertEquals(400, unseen.statusCode(), unseen.body());
    assertEquals(unknown.statusCode(), unseen.statusCode());
    assertEquals(JSON.readTree(unknown.body()), JSON.readTree(unseen.body()), "the same problem, word for word");
    assertEquals("school: is not a known school", JSON.readTree(unseen.body()).path("detail").asText(), unseen.body());
    assertFalse(unseen.body().contains("KE"), unseen.body());
    assertEquals(201, invite(admin, "teacher.ke@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + kenyan + "\"}").statusCode(),
        "HQ sees the school and invites its staff");
    assertEquals(201, invite(admin, "teacher2.ke@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":" + kenyan + "}").statusCode(),
        "a school id as a number, as every other endpoint takes it");
    assertEquals(200, seen(platform.get("/api/v1/audit?country=FR", "Authorization", "Bearer " + nc)).statusCode(), "an NC reads their country's audit");
    assertEquals(200, seen(platform.get("/api/v1/audit?country=fr", "Authorization", "Bearer " + nc)).statusCode(), "in either case");
    assertEquals(401, seen(platform.send("POST", "/api/v1/invitations", "{}", "Content-Type", "application/json")).statusCode());
  }

  /** An invitation's scope must exist: a country, a unit of it, a campaign (400 naming the field). */
  @Test
  void anInvitationForAScopeThatDoesNotExistIsRefused() throws Exception {
    String admin = platform.adminToken();
    // Germany's units come from its national profile, a plugin that may still be starting
    platform.awaitResponse("/api/v1/countries/DE/profile", java.time.Duration.ofSeconds(30), r -> r.statusCode() == 200);
    HttpResponse<String> noUnit = invite(admin, "snc.nope@example.org", "{\"role\":\"SUBNATIONAL_COORDINATOR\",\"country\":\"DE\",\"unit\":\"NOPE\"}");
    assertEquals(400, noUnit.statusCode(), noUnit.body());
    assertEquals("unit", JSON.readTree(noUnit.body()).path("errors").get(0).path("field").asText(), noUnit.body());
    HttpResponse<String> noCountry = invite(admin, "nc.zz@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"ZZ\"}");
    assertEquals(400, noCountry.statusCode(), noCountry.body());
    assertEquals("country", JSON.readTree(noCountry.body()).path("errors").get(0).path("field").asText(), noCountry.body());
    HttpResponse<String> noUnits = invite(admin, "snc.seoul@example.org", "{\"role\":\"SUBNATIONAL_COORDINATOR\",\"country\":\"KR\",\"unit\":\"seoul\"}");
    assertEquals(400, noUnits.statusCode(), noUnits.body());
    assertEquals("unit", JSON.readTree(noUnits.body()).path("errors").get(0).path("field").asText(), noUnits.body());
    assertEquals(201, invite(admin, "snc.by@example.org", "{\"role\":\"SUBNATIONAL_COORDINATOR\",\"country\":\"DE\",\"unit\":\"BY\"}").statusCode(),
        "a real Land");
    assertEquals(201, invite(admin, "nc.kr@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KR\"}").statusCode());
    // Campaigns: the projects bundle's catalog
    for (String campaign : new String[] {"99999", "abc"}) {
      HttpResponse<String> noCampaign = invite(admin, "cc." + campaign + "@example.org",
          "{\"role\":\"CAMPAIGN_COORDINATOR\",\"campaign\":\"" + campaign + "\"}");
      assertEquals(400, noCampaign.statusCode(), noCampaign.body());
      assertEquals("campaign", JSON.readTree(noCampaign.body()).path("errors").get(0).path("field").asText(), noCampaign.body());
    }
    // in the inviter's language: every error at once, in French
    HttpResponse<String> inFrench = seen(platform.send("POST", "/api/v1/invitations?lang=fr",
        "{\"email\":\"pas-une-adresse\",\"role\":\"SCHOOL_STAFF\",\"school\":\"99999999\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin));
    assertEquals(400, inFrench.statusCode(), inFrench.body());
    JsonNode frenchErrors = JSON.readTree(inFrench.body()).path("errors");
    assertEquals("n'est pas une adresse électronique", frenchErrors.get(0).path("message").asText(), inFrench.body());
    assertEquals("n'est pas un établissement connu", frenchErrors.get(1).path("message").asText(), inFrench.body());
  }

  private static List<String> errorFields(HttpResponse<String> r) throws Exception {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode problem = JSON.readTree(r.body());
    assertEquals("https://aspnet.unesco.org/problems/validation", problem.path("type").asText(), r.body());
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  /**
   * A field of the wrong type does not hide the other fields' mistakes: one 400 lists them all, as
   * for a school, and nothing is written (no account, no invitation, the link still unused).
   */
  @Test
  void aWrongTypeIsToldWithEveryOtherFieldsErrorAndNothingIsWritten() throws Exception {
    String admin = platform.adminToken();
    // An invitation: an email that is a number, a country that does not exist (the membership bundle's catalog)
    HttpResponse<String> invitation = seen(platform.send("POST", "/api/v1/invitations?lang=fr",
        "{\"email\":5,\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"ZZ\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin));
    assertEquals(List.of("email", "country"), errorFields(invitation));
    JsonNode errors = JSON.readTree(invitation.body()).path("errors");
    assertEquals("doit être une chaîne de caractères", errors.get(0).path("message").asText(), invitation.body());
    assertEquals("2 champs ne sont pas valides", JSON.readTree(invitation.body()).path("detail").asText(), invitation.body());
    HttpResponse<String> role = invite(admin, "wrong.role", "{\"role\":\"KING\"}");
    assertEquals(List.of("role", "email"), errorFields(role), "an unknown role, and an email that is none");
    assertFalse(seen(platform.get("/api/v1/audit?limit=200", "Authorization", "Bearer " + admin)).body().contains("wrong.role"),
        "no invitation made");

    // A registration: a name that is a list, a password too short
    HttpResponse<String> registration = seen(platform.send("POST", "/api/v1/accounts",
        "{\"email\":\"typed.wrong@example.org\",\"name\":[\"Amina\"],\"password\":\"short\"}", "Content-Type", "application/json"));
    assertEquals(List.of("name", "password"), errorFields(registration));
    assertEquals(401, seen(platform.login("typed.wrong@example.org", "short")).statusCode(), "no account");
    register("typed.wrong@example.org", "a long enough password"); // 201, not 409: nothing was written

    // An acceptance: a name that is a number, a password too short; the link stays unused
    HttpResponse<String> inv = invite(admin, "accepted.later@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"FR\"}");
    assertEquals(201, inv.statusCode(), inv.body());
    String token = JSON.readTree(inv.body()).path("token").asText();
    HttpResponse<String> accept = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":5,\"password\":\"short\"}", "Content-Type", "application/json"));
    assertEquals(List.of("name", "password"), errorFields(accept));
    HttpResponse<String> ok = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + token + "\",\"name\":\"Later\",\"password\":\"a long invited password\"}", "Content-Type", "application/json"));
    assertEquals(200, ok.statusCode(), "the link was not used: " + ok.body());
  }

  /** An address longer than any email fails like a wrong password; it was a 500 (the throttle's key overflowed). */
  @Test
  void aSignInWithAnOverlongEmailIsAWrongSignInNotAFault() throws Exception {
    for (int length : new int[] {293, 5000}) {
      String email = "a".repeat(length - "@example.org".length()) + "@example.org";
      HttpResponse<String> r = seen(platform.login(email, "whatever password"));
      assertEquals(401, r.statusCode(), length + ": " + r.body());
    }
  }

  /** "é" typed as one character on one keyboard and as "e" with an accent on another: one password (NFC). */
  @Test
  void aPasswordIsTheSameWhicheverWayItsAccentsAreTyped() throws Exception {
    register("accents@example.org", "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e");
    assertEquals(200, seen(platform.login("accents@example.org", "cafe\u0301 cre\u0300me bru\u0302le\u0301e")).statusCode());
    assertEquals(401, seen(platform.login("accents@example.org", "cafe creme brulee")).statusCode(), "an accent is not nothing");
  }

  /** Password lengths count characters, not UTF-16 units: six emoji are six characters, short of twelve. */
  @Test
  void aPasswordOfSixEmojiIsTooShort() throws Exception {
    String sixEmoji = "\uD83D\uDE00".repeat(6);
    HttpResponse<String> r = seen(platform.send("POST", "/api/v1/accounts",
        JSON.writeValueAsString(java.util.Map.of("email", "emoji@example.org", "name", "Emoji", "password", sixEmoji)),
        "Content-Type", "application/json"));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("password", JSON.readTree(r.body()).path("errors").get(0).path("field").asText(), r.body());
    register("emoji@example.org", "\uD83D\uDE00".repeat(12));
    String admin = platform.adminToken();
    HttpResponse<String> start = reset(admin, "emoji@example.org");
    assertEquals(201, start.statusCode(), start.body());
    String token = JSON.readTree(start.body()).path("token").asText();
    HttpResponse<String> tooShort = seen(platform.send("POST", "/api/v1/password-resets/accept",
        JSON.writeValueAsString(java.util.Map.of("token", token, "password", sixEmoji)), "Content-Type", "application/json"));
    assertEquals(400, tooShort.statusCode(), tooShort.body());
    assertEquals(204, seen(platform.send("POST", "/api/v1/password-resets/accept",
        JSON.writeValueAsString(java.util.Map.of("token", token, "password", "\uD83D\uDE01".repeat(12))), "Content-Type", "application/json"))
        .statusCode(), "the refused attempt did not use the link");
  }

  @Test
  void aPasswordResetLinkSetsANewPasswordOnceAndEndsEverySessionAndToken() throws Exception {
    register("forgetful@example.org", "the old long password");
    String oldSession = json(platform.login("forgetful@example.org", "the old long password")).path("token").asText();
    HttpResponse<String> made = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"made by whoever took it\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + oldSession));
    assertEquals(201, made.statusCode(), made.body());
    String apiToken = JSON.readTree(made.body()).path("token").asText();
    assertEquals(200, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + apiToken)).statusCode());
    String admin = platform.adminToken();
    // not with an API token, though its owner may reset: the answer is a link that takes the account over
    HttpResponse<String> adminsScript = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"sync\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin));
    HttpResponse<String> byToken = seen(platform.send("POST", "/api/v1/password-resets", "{\"email\":\"forgetful@example.org\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + JSON.readTree(adminsScript.body()).path("token").asText()));
    assertEquals(403, byToken.statusCode(), byToken.body());
    assertFalse(byToken.body().contains("reset-password"), byToken.body());
    HttpResponse<String> start = seen(platform.send("POST", "/api/v1/password-resets", "{\"email\":\"forgetful@example.org\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin));
    assertEquals(201, start.statusCode(), start.body());
    // no mail server here (config/org.unesco.aspnet.mail.cfg has no host): the maker passes the link on
    assertEquals("manual", JSON.readTree(start.body()).path("delivery").asText());
    HttpResponse<String> asked = seen(platform.send("POST", "/api/v1/password-resets/request", "{\"email\":\"forgetful@example.org\"}",
        "Content-Type", "application/json", "Accept-Language", "fr"));
    assertEquals(409, asked.statusCode(), "no email can carry a link the owner asks for: " + asked.body());
    assertTrue(JSON.readTree(asked.body()).path("detail").asText().contains("coordinateur national"), asked.body());
    String token = JSON.readTree(start.body()).path("token").asText();
    String body = "{\"token\":\"" + token + "\",\"password\":\"the new long password\"}";
    assertEquals(204, seen(platform.send("POST", "/api/v1/password-resets/accept", body, "Content-Type", "application/json")).statusCode());
    assertEquals(404, seen(platform.send("POST", "/api/v1/password-resets/accept", body, "Content-Type", "application/json")).statusCode());
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + oldSession)).statusCode());
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + apiToken)).statusCode(),
        "a token made before the reset is revoked with it");
    assertEquals(401, seen(platform.login("forgetful@example.org", "the old long password")).statusCode());
    assertEquals(200, seen(platform.login("forgetful@example.org", "the new long password")).statusCode());
    String user = json(platform.login("forgetful@example.org", "the new long password")).path("token").asText();
    assertEquals(403, seen(platform.send("POST", "/api/v1/password-resets", "{\"email\":\"admin@aspnet.local\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + user)).statusCode());
  }

  private static HttpResponse<String> changePassword(String session, String current, String password) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("currentPassword", current).put("password", password);
    return seen(platform.send("PUT", "/api/v1/me/password", body.toString(),
        "Content-Type", "application/json", "Authorization", "Bearer " + session, "Accept-Language", "fr"));
  }

  /**
   * A person changes their own password with the current one: every session ends and the asking
   * one gets a new session (a copy of its old cookie opens nothing); API tokens stay unless asked
   * to go. A wrong current password is a 400 on its field (not a 401, which the UI reads as signed
   * out) and counts as a failed sign-in. An API token may do neither. Signing out everywhere ends
   * every session, this one too.
   */
  @Test
  void aPersonChangesTheirPasswordAndSignsOutEverywhere() throws Exception {
    String account = register("own.keys@example.org", "my first long password");
    String here = json(platform.login("own.keys@example.org", "my first long password")).path("token").asText();
    String laptop = json(platform.login("own.keys@example.org", "my first long password")).path("token").asText();
    HttpResponse<String> made = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"my script\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + here));
    assertEquals(201, made.statusCode(), made.body());
    String apiToken = JSON.readTree(made.body()).path("token").asText();

    assertEquals(401, seen(platform.send("PUT", "/api/v1/me/password", "{\"currentPassword\":\"x\",\"password\":\"y\"}",
        "Content-Type", "application/json")).statusCode(), "nobody signed in");
    assertEquals(403, changePassword(apiToken, "my first long password", "a password a script chose").statusCode(),
        "an API token cannot take the account over");
    assertEquals(403, seen(platform.send("DELETE", "/api/v1/me/sessions", null, "Authorization", "Bearer " + apiToken)).statusCode(),
        "nor sign its owner out");
    assertEquals(405, seen(platform.send("GET", "/api/v1/me/password", null, "Authorization", "Bearer " + here)).statusCode());
    // a token that only reads: its owner's view, and no change of any kind
    HttpResponse<String> reader = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"nightly sync\",\"readOnly\":true}",
        "Content-Type", "application/json", "Authorization", "Bearer " + here));
    assertEquals(201, reader.statusCode(), reader.body());
    assertTrue(JSON.readTree(reader.body()).path("readOnly").asBoolean(), reader.body());
    String readOnly = JSON.readTree(reader.body()).path("token").asText();
    assertEquals(account, json(seen(platform.get("/api/v1/me", "Authorization", "Bearer " + readOnly))).path("id").asText());
    HttpResponse<String> write = seen(platform.send("PUT", "/api/v1/me/preferences", "{\"language\":\"fr\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + readOnly));
    assertEquals(403, write.statusCode(), write.body());
    assertTrue(write.body().contains("only reads"), write.body());
    assertEquals(200, seen(platform.send("PUT", "/api/v1/me/preferences", "{\"language\":\"fr\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + apiToken)).statusCode(), "a token made without it writes");
    JsonNode listed = json(seen(platform.get("/api/v1/tokens", "Authorization", "Bearer " + here)));
    java.util.Map<String, Boolean> readOnlyByName = new java.util.HashMap<>();
    listed.path("items").forEach(t -> readOnlyByName.put(t.path("name").asText(), t.path("readOnly").asBoolean()));
    assertEquals(java.util.Map.of("my script", false, "nightly sync", true), readOnlyByName);
    HttpResponse<String> empty = changePassword(here, "", "short");
    assertEquals(List.of("currentPassword", "password"), errorFields(empty), empty.body());
    assertTrue(empty.body().contains("est obligatoire"), "in the asker's language: " + empty.body());
    HttpResponse<String> wrong = changePassword(here, "not my password at all", "my second long password");
    assertEquals(List.of("currentPassword"), errorFields(wrong), wrong.body());
    assertEquals(List.of("password"), errorFields(changePassword(here, "my first long password", "my first long password")),
        "the same password again is no change");
    assertEquals(200, seen(platform.login("own.keys@example.org", "my first long password")).statusCode(), "nothing changed yet");

    // a reset link made before the owner changes the password must not undo the change
    HttpResponse<String> resetStarted = seen(platform.send("POST", "/api/v1/password-resets", "{\"email\":\"own.keys@example.org\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + platform.adminToken()));
    assertEquals(201, resetStarted.statusCode(), resetStarted.body());
    String olderLink = JSON.readTree(resetStarted.body()).path("token").asText();
    HttpResponse<String> changed = changePassword(here, "my first long password", "my second long password");
    assertEquals(200, changed.statusCode(), changed.body());
    String renewed = JSON.readTree(changed.body()).path("token").asText();
    assertTrue(renewed.startsWith("asp_s_") && !renewed.equals(here), changed.body());
    assertTrue(changed.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("ASPNET_SESSION=" + renewed)), "its cookie too");
    assertEquals(200, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + renewed)).statusCode(), "the asker goes on");
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + here)).statusCode(), "a copy of the old session opens nothing");
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + laptop)).statusCode(), "the others end");
    assertEquals(200, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + apiToken)).statusCode(), "API tokens stay");
    assertEquals(401, seen(platform.login("own.keys@example.org", "my first long password")).statusCode());
    assertEquals(404, finishReset(olderLink, "a password from the old link").statusCode(), "the older link is spent");
    JsonNode audit = json(platform.get("/api/v1/audit?action=password.change&entity=account&entityId=" + account,
        "Authorization", "Bearer " + platform.adminToken()));
    assertEquals(1, audit.path("items").size(), audit.toString());
    assertEquals(0, audit.path("items").get(0).path("after").path("apiTokensRevoked").asInt(), audit.toString());
    assertFalse(audit.toString().contains("my second long password"), "no password in the audit");

    // a change that also revokes the API tokens: what a person does after leaving a session open somewhere
    ObjectNode revoking = JSON.createObjectNode();
    revoking.put("currentPassword", "my second long password").put("password", "my third long password").put("revokeApiTokens", true);
    HttpResponse<String> third = seen(platform.send("PUT", "/api/v1/me/password", revoking.toString(),
        "Content-Type", "application/json", "Authorization", "Bearer " + renewed));
    assertEquals(200, third.statusCode(), third.body());
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + apiToken)).statusCode(), "the token is revoked");
    String phone = JSON.readTree(third.body()).path("token").asText();
    String other = json(platform.login("own.keys@example.org", "my third long password")).path("token").asText();

    // wrong current passwords are failed sign-ins: after the free ones the account waits, the right password too
    HttpResponse<String> throttled = null;
    for (int i = 0; i < 10 && throttled == null; i++) {
      HttpResponse<String> guess = changePassword(phone, "a guess " + i, "a fourth long password");
      if (guess.statusCode() == 429) {
        throttled = guess;
      } else {
        assertEquals(400, guess.statusCode(), guess.body());
      }
    }
    assertNotNull(throttled, "no 429 after ten wrong current passwords");
    assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    assertEquals(429, changePassword(phone, "my third long password", "a fourth long password").statusCode(), "even the right one waits");

    // signing out everywhere: every session ends, this one too
    assertEquals(405, seen(platform.send("PUT", "/api/v1/me/sessions", "{}", "Content-Type", "application/json",
        "Authorization", "Bearer " + phone)).statusCode());
    HttpResponse<String> everywhere = seen(platform.send("DELETE", "/api/v1/me/sessions", null, "Authorization", "Bearer " + phone));
    assertEquals(204, everywhere.statusCode(), everywhere.body());
    assertTrue(everywhere.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("Max-Age=0")), "cookies cleared");
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + phone)).statusCode());
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + other)).statusCode());
    assertEquals(401, seen(platform.send("DELETE", "/api/v1/me/sessions", null)).statusCode());
  }


  /**
   * A coordinator who hands over their post, a teacher who left: whoever could give the role takes
   * it away, from the account's next request, audited; an NC sees and takes only their country's
   * schools' people, and the last platform administrator stays.
   */
  @Test
  void aRoleIsTakenAwayByWhoeverCouldGiveItAndWorksNoMore() throws Exception {
    String admin = platform.adminToken();
    String hq = invited(admin, "hq.roles@example.org", "{\"role\":\"HQ_OFFICER\"}");
    String ncGh = invited(hq, "nc.roles.gh@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"GH\"}");
    String ncTz = invited(hq, "nc.roles.tz@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"TZ\"}");
    String school = candidate("Roles Academy", "GH", "Tamale");
    String teacher = invited(ncGh, "teacher.roles@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    assertEquals(200, seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + teacher)).statusCode());

    // Ghana's NC sees their school's teacher, not themselves (HQ's to take) nor Tanzania's people
    JsonNode ghana = json(platform.get("/api/v1/roles", "Authorization", "Bearer " + ncGh));
    assertEquals(List.of("teacher.roles@example.org"), emails(ghana), ghana.toString());
    JsonNode staff = ghana.path("items").get(0);
    assertEquals("SCHOOL_STAFF", staff.path("role").asText());
    assertEquals(school, staff.path("school").asText());
    String staffRole = staff.path("id").asText();
    assertEquals(404, seen(platform.send("DELETE", "/api/v1/roles/" + staffRole, null, "Authorization", "Bearer " + ncTz)).statusCode(),
        "another country's NC: an unknown role");
    assertEquals(200, seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + teacher)).statusCode(), "still staff");
    assertEquals(204, seen(platform.send("DELETE", "/api/v1/roles/" + staffRole, null, "Authorization", "Bearer " + ncGh)).statusCode());
    assertEquals(404, seen(platform.send("DELETE", "/api/v1/roles/" + staffRole, null, "Authorization", "Bearer " + ncGh)).statusCode(),
        "gone");
    HttpResponse<String> after = seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + teacher));
    assertTrue(after.statusCode() == 403 || after.statusCode() == 404, "the candidate school is no longer the teacher's: " + after.statusCode());
    assertEquals(0, json(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher)).path("roles").size(), "signed in, no role");
    JsonNode audit = json(platform.get("/api/v1/audit?country=GH&action=role.revoke", "Authorization", "Bearer " + ncGh));
    assertTrue(audit.toString().contains("teacher.roles@example.org") && audit.toString().contains("SCHOOL_STAFF"), audit.toString());

    // HQ takes Tanzania's NC away (their post handed over), filtered by country and role
    JsonNode tz = json(platform.get("/api/v1/roles?country=tz&role=national_coordinator", "Authorization", "Bearer " + hq));
    assertEquals(List.of("nc.roles.tz@example.org"), emails(tz), tz.toString());
    assertEquals(204, seen(platform.send("DELETE", "/api/v1/roles/" + tz.path("items").get(0).path("id").asText(), null,
        "Authorization", "Bearer " + hq)).statusCode());
    assertEquals(403, seen(platform.get("/api/v1/audit?country=TZ", "Authorization", "Bearer " + ncTz)).statusCode(),
        "no longer Tanzania's NC, from the next request");
    // HQ does not see administrators' roles; the last administrator's cannot go
    JsonNode admins = json(platform.get("/api/v1/roles?role=PLATFORM_ADMIN", "Authorization", "Bearer " + hq));
    assertEquals(0, admins.path("items").size(), admins.toString());
    JsonNode mine = json(platform.get("/api/v1/roles?role=PLATFORM_ADMIN", "Authorization", "Bearer " + admin));
    assertEquals(1, mine.path("items").size(), mine.toString());
    HttpResponse<String> last = seen(platform.send("DELETE", "/api/v1/roles/" + mine.path("items").get(0).path("id").asText(), null,
        "Authorization", "Bearer " + admin));
    assertEquals(409, last.statusCode(), last.body());
    // bad filters, field by field; the public is told to sign in
    HttpResponse<String> bad = seen(platform.get("/api/v1/roles?role=KING&country=FRA", "Authorization", "Bearer " + hq));
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("\"role\"") && bad.body().contains("\"country\""), "both, at once: " + bad.body());
    assertEquals(401, seen(platform.get("/api/v1/roles")).statusCode());
  }

  private static HttpResponse<String> patchAccount(String token, String id, String body) throws Exception {
    return seen(platform.send("PATCH", "/api/v1/accounts/" + id, body, "Content-Type", "application/json",
        "Authorization", "Bearer " + token));
  }

  @Test
  void anAccountIsDisabledByWhoeverMayResetItAndItsSessionsAndTokensStop() throws Exception {
    String admin = platform.adminToken();
    String hq = invited(admin, "hq.disable@example.org", "{\"role\":\"HQ_OFFICER\"}");
    String ncKe = invited(hq, "nc.disable.ke@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");
    String ncUg = invited(hq, "nc.disable.ug@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"UG\"}");
    String school = candidate("Disable Academy", "KE", "Kisumu");
    String teacher = invited(ncKe, "teacher.disable@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    String teacherId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher)).path("id").asText();
    HttpResponse<String> made = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"school sync\",\"days\":30}",
        "Content-Type", "application/json", "Authorization", "Bearer " + teacher));
    assertEquals(201, made.statusCode(), made.body());
    String apiToken = JSON.readTree(made.body()).path("token").asText();

    // who looks after the account: Kenya's NC (who may reset its password), not Uganda's; only HQ lists every account
    assertEquals(404, patchAccount(ncUg, teacherId, "{\"disabled\":true,\"reason\":\"spam\"}").statusCode(), "beyond reach: unknown");
    assertEquals(403, seen(platform.get("/api/v1/accounts", "Authorization", "Bearer " + ncKe)).statusCode());
    assertEquals(401, seen(platform.get("/api/v1/accounts/" + teacherId)).statusCode());
    JsonNode seenByNc = json(platform.get("/api/v1/accounts/" + teacherId, "Authorization", "Bearer " + ncKe));
    assertFalse(seenByNc.path("disabled").asBoolean(), seenByNc.toString());
    assertEquals("SCHOOL_STAFF", seenByNc.path("roles").get(0).path("role").asText(), seenByNc.toString());

    // bad bodies, field by field, and nothing written
    HttpResponse<String> noReason = patchAccount(ncKe, teacherId, "{\"disabled\":true}");
    assertEquals(400, noReason.statusCode(), noReason.body());
    assertTrue(noReason.body().contains("\"reason\""), noReason.body());
    HttpResponse<String> wrongType = patchAccount(ncKe, teacherId, "{\"disabled\":\"yes\",\"reason\":\"two\\nlines\"}");
    assertEquals(400, wrongType.statusCode(), wrongType.body());
    assertTrue(wrongType.body().contains("\"disabled\"") && wrongType.body().contains("\"reason\""), "both at once: " + wrongType.body());
    assertEquals(200, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher)).statusCode(), "still signed in");

    HttpResponse<String> disabled = patchAccount(ncKe, teacherId, "{\"disabled\":true,\"reason\":\"Left the school in June\"}");
    assertEquals(200, disabled.statusCode(), disabled.body());
    JsonNode account = JSON.readTree(disabled.body());
    assertTrue(account.path("disabled").asBoolean(), account.toString());
    assertEquals("Left the school in June", account.path("disabledReason").asText());
    assertEquals("Invited", account.path("disabledBy").path("name").asText(), account.toString());
    assertEquals(1, account.path("roles").size(), "its roles stay: " + account);
    // its session and its API token stop at once; its right password is told it is disabled, a wrong one is a wrong sign-in
    assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher)).statusCode());
    assertEquals(401, seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + apiToken)).statusCode());
    HttpResponse<String> signIn = seen(platform.login("teacher.disable@example.org", "a long invited password"));
    assertEquals(403, signIn.statusCode(), signIn.body());
    assertTrue(signIn.body().contains("account-disabled"), signIn.body());
    assertEquals(401, seen(platform.login("teacher.disable@example.org", "a wrong invited password")).statusCode());
    // the NC reads it in their country's audit log, with the reason
    JsonNode audit = json(platform.get("/api/v1/audit?country=KE&action=account.disable", "Authorization", "Bearer " + ncKe));
    assertTrue(audit.toString().contains("Left the school in June") && audit.toString().contains("\"apiTokensRevoked\":1"), audit.toString());
    // HQ finds it among the disabled accounts; a role's listing says it too
    JsonNode list = json(platform.get("/api/v1/accounts?disabled=true&q=teacher.disable", "Authorization", "Bearer " + hq));
    assertEquals(1, list.path("items").size(), list.toString());
    assertEquals(teacherId, list.path("items").get(0).path("id").asText());
    JsonNode roles = json(platform.get("/api/v1/roles?school=" + school, "Authorization", "Bearer " + ncKe));
    assertTrue(roles.path("items").get(0).path("account").path("disabled").asBoolean(), roles.toString());
    assertEquals("Left the school in June", roles.path("items").get(0).path("account").path("disabledReason").asText(), roles.toString());

    // enabled again, it signs in; its old token stays revoked
    HttpResponse<String> enabled = patchAccount(ncKe, teacherId, "{\"disabled\":false}");
    assertEquals(200, enabled.statusCode(), enabled.body());
    assertFalse(JSON.readTree(enabled.body()).path("disabled").asBoolean());
    String again = json(platform.login("teacher.disable@example.org", "a long invited password")).path("token").asText();
    assertEquals(200, seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + again)).statusCode(), "its role works again");
    assertEquals(401, seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + apiToken)).statusCode());
    assertTrue(json(platform.get("/api/v1/audit?country=KE&action=account.enable", "Authorization", "Bearer " + ncKe))
        .path("items").size() > 0);

    // an account without a role (a spam registration) is HQ's to disable, not an NC's
    String spam = register("spam.disable@example.org", "a long spam password");
    assertEquals(404, patchAccount(ncKe, spam, "{\"disabled\":true,\"reason\":\"spam\"}").statusCode());
    JsonNode roleless = json(platform.get("/api/v1/accounts?role=none&q=SPAM.DISABLE", "Authorization", "Bearer " + hq));
    assertEquals(List.of(spam), ids(roleless), roleless.toString());
    assertEquals(200, patchAccount(hq, spam, "{\"disabled\":true,\"reason\":\"spam\"}").statusCode());

    // a token cannot disable anyone; a disabled coordinator's links die with the account; a reason
    // of 300 emoji (600 UTF-16 units) is 300 characters, kept whole
    HttpResponse<String> pending = invite(ncKe, "later.teacher@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    assertEquals(201, pending.statusCode(), pending.body());
    String link = JSON.readTree(pending.body()).path("token").asText();
    String hqToken = JSON.readTree(seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"hq sync\"}", "Content-Type",
        "application/json", "Authorization", "Bearer " + hq)).body()).path("token").asText();
    String ncKeId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + ncKe)).path("id").asText();
    assertEquals(403, patchAccount(hqToken, ncKeId, "{\"disabled\":true,\"reason\":\"token\"}").statusCode());
    String locks = "\uD83D\uDD12".repeat(300);
    HttpResponse<String> lockedOut = patchAccount(hq, ncKeId, "{\"disabled\":true,\"reason\":\"" + locks + "\"}");
    assertEquals(200, lockedOut.statusCode(), lockedOut.body());
    assertEquals(locks, JSON.readTree(lockedOut.body()).path("disabledReason").asText());
    HttpResponse<String> accepted = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + link + "\",\"name\":\"Later\",\"password\":\"a long invited password\"}", "Content-Type", "application/json"));
    assertEquals(404, accepted.statusCode(), "spent with its maker's disabling: " + accepted.body());

    // one's own account, an administrator's beyond HQ, and the last enabled administrator
    String adminId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + admin)).path("id").asText();
    assertEquals(409, patchAccount(admin, adminId, "{\"disabled\":true,\"reason\":\"me\"}").statusCode());
    assertEquals(404, patchAccount(hq, adminId, "{\"disabled\":true,\"reason\":\"coup\"}").statusCode());
    String second = invited(admin, "admin2.disable@example.org", "{\"role\":\"PLATFORM_ADMIN\"}");
    String secondId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + second)).path("id").asText();
    String secondRole = json(platform.get("/api/v1/roles?role=PLATFORM_ADMIN&q=admin2.disable", "Authorization", "Bearer " + second))
        .path("items").get(0).path("id").asText();
    try {
      assertEquals(200, patchAccount(second, adminId, "{\"disabled\":true,\"reason\":\"on leave\"}").statusCode());
      assertEquals(401, seen(platform.get("/api/v1/me", "Authorization", "Bearer " + admin)).statusCode());
      assertEquals(409, patchAccount(second, secondId, "{\"disabled\":true,\"reason\":\"me\"}").statusCode());
      HttpResponse<String> lastRole = seen(platform.send("DELETE", "/api/v1/roles/" + secondRole, null, "Authorization", "Bearer " + second));
      assertEquals(409, lastRole.statusCode(), "the other administrator is disabled: " + lastRole.body());
    } finally { // the other tests count one administrator
      assertEquals(200, patchAccount(second, adminId, "{\"disabled\":false}").statusCode());
      assertEquals(204, seen(platform.send("DELETE", "/api/v1/roles/" + secondRole, null,
          "Authorization", "Bearer " + platform.adminToken())).statusCode());
    }
  }

  /**
   * An account nobody has used for months is one to disable before someone else finds its password:
   * HQ finds them by their last sign-in (or none), a coordinator reads it in the rows of the people
   * they look after, and nobody else learns it.
   */
  @Test
  void theAccountsNobodyUsesAreFoundByTheirLastSignIn() throws Exception {
    java.time.Instant start = java.time.Instant.now().minusSeconds(1);
    String admin = platform.adminToken();
    String hq = invited(admin, "hq.lastsignin@example.org", "{\"role\":\"HQ_OFFICER\"}");
    String nc = invited(hq, "nc.lastsignin.mw@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"MW\"}");
    String school = candidate("Last Sign-in Academy", "MW", "Zomba");
    String focal = invited(nc, "focal.lastsignin@example.org", "{\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}");
    String focalId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + focal)).path("id").asText();
    String staff = invited(nc, "staff.lastsignin@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    String never = register("never.lastsignin@example.org", "a long unused password");

    // the coordinator sees when the focal point last signed in; a registration that never signed in has none
    JsonNode account = json(platform.get("/api/v1/accounts/" + focalId, "Authorization", "Bearer " + nc));
    java.time.Instant last = java.time.Instant.parse(account.path("lastSignedInAt").asText());
    assertFalse(last.isBefore(start), account.toString());
    JsonNode unused = json(platform.get("/api/v1/accounts/" + never, "Authorization", "Bearer " + hq));
    assertTrue(unused.path("lastSignedInAt").isNull(), unused.toString());
    // a new sign-in moves it on
    Thread.sleep(20);
    platform.login("focal.lastsignin@example.org", "a long invited password");
    java.time.Instant again = java.time.Instant.parse(json(platform.get("/api/v1/accounts/" + focalId, "Authorization", "Bearer " + nc))
        .path("lastSignedInAt").asText());
    assertTrue(again.isAfter(last), last + " then " + again);

    // HQ lists those not signed in since a time (never signed in counts), and not the others
    String since = java.net.URLEncoder.encode(start.toString(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode idle = json(platform.get("/api/v1/accounts?q=lastsignin&notSignedInSince=" + since, "Authorization", "Bearer " + hq));
    assertEquals(List.of(never), ids(idle), idle.toString());
    String later = java.net.URLEncoder.encode(again.minusMillis(1).toString(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode notSinceLater = json(platform.get("/api/v1/accounts?q=lastsignin&notSignedInSince=" + later, "Authorization", "Bearer " + hq));
    assertEquals(4, notSinceLater.path("items").size(), "all but the focal point, who signed in at " + again + ": " + notSinceLater);
    assertFalse(ids(notSinceLater).contains(focalId), notSinceLater.toString());
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    JsonNode all = json(platform.get("/api/v1/accounts?q=lastsignin&notSignedInSince=" + tomorrow, "Authorization", "Bearer " + hq));
    assertEquals(5, all.path("items").size(), "every one of the test's accounts by tomorrow: " + all);
    HttpResponse<String> bad = seen(platform.get("/api/v1/accounts?notSignedInSince=last+year&disabled=maybe", "Authorization", "Bearer " + hq));
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("\"notSignedInSince\"") && bad.body().contains("\"disabled\""), "both at once: " + bad.body());

    // the roles listing says it to the coordinator, and to no colleague of the school
    JsonNode byNc = json(platform.get("/api/v1/roles?school=" + school, "Authorization", "Bearer " + nc));
    assertEquals(2, byNc.path("items").size(), byNc.toString());
    byNc.path("items").forEach(r -> assertTrue(r.path("account").hasNonNull("lastSignedInAt"), byNc.toString()));
    HttpResponse<String> byStaff = seen(platform.get("/api/v1/roles?school=" + school, "Authorization", "Bearer " + staff));
    if (byStaff.statusCode() == 200) {
      JsonNode rows = JSON.readTree(byStaff.body());
      rows.path("items").forEach(r -> assertFalse(r.path("account").has("lastSignedInAt"), byStaff.body()));
    } else {
      assertEquals(403, byStaff.statusCode(), byStaff.body());
    }
  }

  /** HQ finds a coordinator by the name as people type it: without its accents, case or hyphen. */
  @Test
  void accountsAreFoundByTheirNameWithoutItsAccents() throws Exception {
    String hq = invited(platform.adminToken(), "hq.fold@example.org", "{\"role\":\"HQ_OFFICER\"}");
    HttpResponse<String> inv = invite(hq, "coordinacion.fold@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"PE\"}");
    assertEquals(201, inv.statusCode(), inv.body());
    HttpResponse<String> accepted = seen(platform.send("POST", "/api/v1/invitations/accept",
        JSON.writeValueAsString(java.util.Map.of("token", JSON.readTree(inv.body()).path("token").asText(),
            "name", "José Gómez-Ruiz", "password", "a long invited password")),
        "Content-Type", "application/json"));
    assertEquals(200, accepted.statusCode(), accepted.body());
    for (String q : List.of("jose", "GÓMEZ ruiz", "gomez-ruiz", "coordinacion.FOLD")) {
      JsonNode found = json(platform.get("/api/v1/accounts?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
          "Authorization", "Bearer " + hq));
      assertEquals(List.of("coordinacion.fold@example.org"), listedEmails(found), q + ": " + found);
    }
    JsonNode roles = json(platform.get("/api/v1/roles?country=PE&q=jose+gomez", "Authorization", "Bearer " + hq));
    assertEquals(1, roles.path("items").size(), roles.toString());
    assertEquals("José Gómez-Ruiz", roles.path("items").get(0).path("account").path("name").asText(), "the name as written: " + roles);
    assertEquals(0, json(platform.get("/api/v1/accounts?q=jose+gomez+ruiz+x", "Authorization", "Bearer " + hq)).path("items").size());
  }

  /** The emails of a page of {@code GET /api/v1/accounts}. */
  private static List<String> listedEmails(JsonNode page) {
    List<String> emails = new java.util.ArrayList<>();
    page.path("items").forEach(a -> emails.add(a.path("email").asText()));
    return emails;
  }

  /** An NC inviting the address of a disabled account they look after is told to enable it: its owner could not accept. */
  @Test
  void anInvitationOfADisabledAccountIsToldToItsCoordinator() throws Exception {
    String admin = platform.adminToken();
    String nc = invited(admin, "nc.reinvite.zm@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"ZM\"}");
    String ncMw = invited(admin, "nc.reinvite.mw@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"MW\"}");
    String school = candidate("Re-invite Academy", "ZM", "Ndola");
    String schoolMw = candidate("Re-invite Academy Malawi", "MW", "Mzuzu");
    String teacher = invited(nc, "teacher.reinvite@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    String teacherId = json(platform.get("/api/v1/me", "Authorization", "Bearer " + teacher)).path("id").asText();
    assertEquals(200, patchAccount(nc, teacherId, "{\"disabled\":true,\"reason\":\"Left in June\"}").statusCode());
    int before = json(platform.get("/api/v1/audit?country=ZM&action=invitation.create", "Authorization", "Bearer " + nc)).path("items").size();
    HttpResponse<String> refused = invite(nc, "Teacher.Reinvite@example.org", "{\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("disabled account") && refused.body().contains(teacherId), refused.body());
    assertEquals(before, json(platform.get("/api/v1/audit?country=ZM&action=invitation.create", "Authorization", "Bearer " + nc))
        .path("items").size(), "no invitation made");
    // a coordinator who does not look after the account learns nothing of it: the invitation goes as any other
    HttpResponse<String> elsewhere = invite(ncMw, "teacher.reinvite@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + schoolMw + "\"}");
    assertEquals(201, elsewhere.statusCode(), elsewhere.body());
    // enabled again, it can be invited
    assertEquals(200, patchAccount(nc, teacherId, "{\"disabled\":false}").statusCode());
    assertEquals(201, invite(nc, "teacher.reinvite@example.org", "{\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}").statusCode());
  }

  /**
   * The lists of roles and accounts, /me and the Idempotency-Key check what they are sent as the
   * other endpoints do: a cursor they did not give, a school id in other digits, an unknown
   * parameter or a second key is a 400 naming it, every list's mistakes at once.
   */
  @Test
  void rolesAccountsMeAndIdempotencyKeysRefuseWhatTheyWouldMisread() throws Exception {
    String admin = platform.adminToken();
    String hq = invited(admin, "hq.parameters@example.org", "{\"role\":\"HQ_OFFICER\"}");
    String[] bearer = {"Authorization", "Bearer " + hq};
    assertEquals(List.of("cursor"), errorFields(seen(platform.get("/api/v1/accounts?cursor=abc", bearer))));
    assertEquals(List.of("cursor"), errorFields(seen(platform.get("/api/v1/roles?cursor=-5", bearer))));
    for (String school : new String[] {"%D9%A7", "-1", "%2B7", "x", "07", "%207"}) {
      assertEquals(List.of("school"), errorFields(seen(platform.get("/api/v1/roles?school=" + school, bearer))), school);
    }
    assertEquals(List.of("role", "school", "limit"),
        errorFields(seen(platform.get("/api/v1/roles?limit=abc&country=ZZ&role=X&school=x", bearer))));
    assertEquals(List.of("disabled", "role", "notSignedInSince", "limit"),
        errorFields(seen(platform.get("/api/v1/accounts?limit=abc&disabled=x&role=X&notSignedInSince=x", bearer))));
    // the cursors the lists give still page them (the administrator's: theirs and HQ's roles at least)
    String[] asAdmin = {"Authorization", "Bearer " + admin};
    for (String list : new String[] {"/api/v1/roles", "/api/v1/accounts"}) {
      JsonNode first = json(platform.get(list + "?limit=1", asAdmin));
      assertFalse(first.path("next").isNull(), list + ": " + first);
      HttpResponse<String> second = seen(platform.get(list + "?limit=1&cursor="
          + java.net.URLEncoder.encode(first.path("next").asText(), java.nio.charset.StandardCharsets.UTF_8), asAdmin));
      assertEquals(200, second.statusCode(), second.body());
      assertNotEquals(first.path("items"), JSON.readTree(second.body()).path("items"), list);
    }
    assertEquals(List.of("foo"), errorFields(seen(platform.get("/api/v1/me?foo=1", bearer))));

    // an invitation's school or campaign in other digits, with a sign, a blank or a leading zero
    String school = candidate("Escuela de los Dígitos (SecurityIT)", "PE", "Lima");
    StringBuilder arabicIndic = new StringBuilder();
    school.chars().forEach(c -> arabicIndic.append((char) ('\u0660' + c - '0')));
    for (String written : new String[] {arabicIndic.toString(), "+" + school, "0" + school, school + " "}) {
      HttpResponse<String> r = invite(hq, "staff.digits@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + written + "\"}");
      assertEquals(List.of("school"), errorFields(r), written);
    }
    for (String campaign : new String[] {"01", " 1"}) {
      HttpResponse<String> r = invite(admin, "cc.digits@example.org", "{\"role\":\"CAMPAIGN_COORDINATOR\",\"campaign\":\"" + campaign + "\"}");
      assertEquals(List.of("campaign"), errorFields(r), campaign);
    }
    assertEquals(201, invite(hq, "staff.digits@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}").statusCode());

    // two Idempotency-Key headers: refused naming the header, and nothing done under either
    HttpResponse<String> twoKeys = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"two keys\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + hq,
        "Idempotency-Key", java.util.UUID.randomUUID().toString(), "Idempotency-Key", java.util.UUID.randomUUID().toString()));
    assertEquals(List.of("Idempotency-Key"), errorFields(twoKeys));
    assertFalse(json(platform.get("/api/v1/tokens", bearer)).toString().contains("two keys"), "no token made");
  }

  /**
   * A POST sent again with its Idempotency-Key (a teacher on a slow connection whose answer was lost
   * presses Send again) is done once: the same answer comes back, marked as replayed.
   */
  @Test
  void aPostSentAgainWithItsIdempotencyKeyIsDoneOnce() throws Exception {
    String hq = invited(platform.adminToken(), "hq.idempotent@example.org", "{\"role\":\"HQ_OFFICER\"}");
    ObjectNode s = JSON.createObjectNode();
    s.put("name", "Lycée de la Reprise").put("country", "SN").put("city", "Thiès").put("address", "1 rue du Marché")
        .put("email", "office@reprise.example.org");
    s.putArray("levels").add("SECONDARY");
    String application = JSON.writeValueAsString(s);
    String key = java.util.UUID.randomUUID().toString();
    HttpResponse<String> first = seen(platform.send("POST", "/api/v1/applications", application,
        "Content-Type", "application/json", "Idempotency-Key", key));
    assertEquals(201, first.statusCode(), first.body());
    assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
    HttpResponse<String> again = seen(platform.send("POST", "/api/v1/applications", application,
        "Content-Type", "application/json", "Idempotency-Key", key));
    assertEquals(201, again.statusCode(), again.body());
    assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
    assertEquals(JSON.readTree(first.body()), JSON.readTree(again.body()), "the same answer");
    assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
    JsonNode found = json(platform.get("/api/v1/schools?country=SN&q=Reprise", "Authorization", "Bearer " + hq));
    assertEquals(1, found.path("items").size(), "one school: " + found);

    // the same key with another body is refused; a malformed key is a 400 naming the header
    s.put("city", "Dakar");
    HttpResponse<String> other = seen(platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(s),
        "Content-Type", "application/json", "Idempotency-Key", key));
    assertEquals(422, other.statusCode(), other.body());
    assertTrue(other.body().contains("idempotency-key-reused"), other.body());
    HttpResponse<String> malformed = seen(platform.send("POST", "/api/v1/applications", application,
        "Content-Type", "application/json", "Idempotency-Key", "two words"));
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertTrue(malformed.body().contains("\"Idempotency-Key\""), malformed.body());

    // a refusal is not kept: once corrected, the same key goes through (a 4xx wrote nothing)
    String second = java.util.UUID.randomUUID().toString();
    ObjectNode incomplete = s.deepCopy();
    incomplete.remove("city");
    incomplete.put("name", "Lycée de la Seconde Chance");
    HttpResponse<String> refused = seen(platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(incomplete),
        "Content-Type", "application/json", "Idempotency-Key", second));
    assertEquals(400, refused.statusCode(), refused.body());
    incomplete.put("city", "Saint-Louis");
    HttpResponse<String> corrected = seen(platform.send("POST", "/api/v1/applications", JSON.writeValueAsString(incomplete),
        "Content-Type", "application/json", "Idempotency-Key", second));
    assertEquals(201, corrected.statusCode(), corrected.body());
    assertTrue(corrected.headers().firstValue("Idempotent-Replayed").isEmpty());

    // keys are their sender's: HQ's request with the public's key is HQ's own (here: the duplicate warning)
    HttpResponse<String> byHq = seen(platform.send("POST", "/api/v1/applications", application,
        "Content-Type", "application/json", "Idempotency-Key", key, "Authorization", "Bearer " + hq));
    assertTrue(byHq.headers().firstValue("Idempotent-Replayed").isEmpty(), byHq.body());
    assertEquals(409, byHq.statusCode(), byHq.body());

    // an answer with a secret (a new API token) is not kept, and not done again: the repeat is told it was done
    String tokenKey = java.util.UUID.randomUUID().toString();
    HttpResponse<String> token1 = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"sync once\"}", "Content-Type", "application/json",
        "Authorization", "Bearer " + hq, "Idempotency-Key", tokenKey));
    HttpResponse<String> token2 = seen(platform.send("POST", "/api/v1/tokens", "{\"name\":\"sync once\"}", "Content-Type", "application/json",
        "Authorization", "Bearer " + hq, "Idempotency-Key", tokenKey));
    assertEquals(201, token1.statusCode(), token1.body());
    assertEquals(409, token2.statusCode(), token2.body());
    assertTrue(token2.body().contains("answer-withheld") && !token2.body().contains(JSON.readTree(token1.body()).path("token").asText()),
        token2.body());
    JsonNode tokens = json(platform.get("/api/v1/tokens", "Authorization", "Bearer " + hq));
    assertEquals(1, java.util.stream.StreamSupport.stream(tokens.path("items").spliterator(), false)
        .filter(t -> t.path("name").asText().equals("sync once")).count(), "one token: " + tokens);
    // a replay, and the filter's own answers, carry the platform's security headers
    assertEquals("nosniff", again.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("nosniff", token2.headers().firstValue("X-Content-Type-Options").orElse(null));

    // a body with a password is never kept, however its path is spelled
    String registration = "{\"email\":\"idem.register@example.org\",\"name\":\"Idem\",\"password\":\"a long idempotent password\"}";
    String registerKey = java.util.UUID.randomUUID().toString();
    assertEquals(201, seen(platform.send("POST", "/api/v1/%61ccounts", registration, "Content-Type", "application/json",
        "Idempotency-Key", registerKey)).statusCode());
    HttpResponse<String> registeredAgain = seen(platform.send("POST", "/api/v1/%61ccounts", registration, "Content-Type", "application/json",
        "Idempotency-Key", registerKey));
    assertTrue(registeredAgain.headers().firstValue("Idempotent-Replayed").isEmpty(), "done again, not replayed: " + registeredAgain.body());
    assertEquals(409, registeredAgain.statusCode(), "the address is taken: " + registeredAgain.body());
    // nor with parameters in a segment, which Jetty drops as it routes (/auth;x=1/login is /auth/login)
    String credentials = "{\"email\":\"" + Installation.ADMIN_EMAIL + "\",\"password\":\"" + Installation.ADMIN_PASSWORD + "\"}";
    String signInKey = java.util.UUID.randomUUID().toString();
    for (String path : List.of("/api/v1/auth/login;x=1", "/api/v1/auth;x=1/login")) {
      HttpResponse<String> in1 = seen(platform.send("POST", path, credentials, "Content-Type", "application/json", "Idempotency-Key", signInKey));
      HttpResponse<String> in2 = seen(platform.send("POST", path, credentials, "Content-Type", "application/json", "Idempotency-Key", signInKey));
      assertEquals(200, in1.statusCode(), path + ": " + in1.body());
      assertEquals(200, in2.statusCode(), path + ": " + in2.body());
      assertTrue(in2.headers().firstValue("Idempotent-Replayed").isEmpty(), path + " signed in again, not replayed");
      assertFalse(json(in1).path("token").asText().equals(json(in2).path("token").asText()), path + ": a session each");
    }
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new java.util.ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }

  private static List<String> emails(JsonNode page) {
    List<String> emails = new java.util.ArrayList<>();
    page.path("items").forEach(i -> emails.add(i.path("account").path("email").asText()));
    return emails;
  }

  /**
   * An invitation adds a role to an existing account only when its owner accepts it (signed in as
   * it, or with its password). With the link alone, an NC gave any account a role of their country,
   * read its roles, and could then reset its password.
   */
  @Test
  void anInvitationForAnExistingAccountNeedsItsOwner() throws Exception {
    String admin = platform.adminToken();
    String nc = invited(admin, "nc.owner.ke@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");
    String school = candidate("Owner's Academy", "KE", "Kisumu");
    register("victim@example.org", "the victim's own password");
    HttpResponse<String> inv = invite(nc, "victim@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    assertEquals(201, inv.statusCode(), inv.body());
    String link = JSON.readTree(inv.body()).path("token").asText();
    HttpResponse<String> refused = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + link + "\",\"name\":\"Anyone\",\"password\":\"a password the NC chose\"}", "Content-Type", "application/json"));
    assertEquals(401, refused.statusCode(), refused.body());
    assertFalse(refused.body().contains("victim") || refused.body().contains("roles"), "nothing of the account: " + refused.body());
    // the link's holder (its maker too) cannot tell whether the email has an account: without a
    // name, a password or with a short one, the answer is the same as for an email without one
    HttpResponse<String> fresh = invite(nc, "nobody.yet@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    String unknownLink = JSON.readTree(fresh.body()).path("token").asText();
    for (String rest : List.of("", ",\"password\":\"short\"", ",\"password\":\"a password the NC chose\"")) {
      HttpResponse<String> existing = seen(platform.send("POST", "/api/v1/invitations/accept",
          "{\"token\":\"" + link + "\"" + rest + "}", "Content-Type", "application/json"));
      HttpResponse<String> none = seen(platform.send("POST", "/api/v1/invitations/accept",
          "{\"token\":\"" + unknownLink + "\"" + rest + "}", "Content-Type", "application/json"));
      assertTrue(existing.statusCode() == 400 || existing.statusCode() == 401, rest + ": " + existing.body());
      assertEquals(List.of(existing.statusCode(), existing.body()), List.of(none.statusCode(), none.body()), rest);
    }
    assertEquals(403, reset(nc, "victim@example.org").statusCode(), "still no role in Kenya: not the NC's to reset");
    // an NC signed in as themselves is not the owner either
    assertEquals(400, seen(platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\"" + link + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + nc)).statusCode());
    // the owner, signed in, accepts without a password; the link was not used by the refusals
    String owner = json(platform.login("victim@example.org", "the victim's own password")).path("token").asText();
    HttpResponse<String> ok = seen(platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\"" + link + "\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + owner));
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("SCHOOL_STAFF"), ok.body());
    assertEquals(200, seen(platform.login("victim@example.org", "the victim's own password")).statusCode(), "password unchanged");
  }

  /**
   * A hand-over link stands only while its maker is the focal point: once the role has passed on,
   * their other links give it no more (the new focal point was demoted by an old one). A part of a
   * scope the role has no use for is refused, not kept.
   */
  @Test
  void anOldHandOverLinkGivesTheRoleNoMoreAndAScopeTakesOnlyItsRolesParts() throws Exception {
    String admin = platform.adminToken();
    String nc = invited(admin, "nc.handover.ng@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"NG\"}");
    String school = candidate("Handover College", "NG", "Ibadan");
    String focal = invited(nc, "focal.first@example.org", "{\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}");
    String grant = "{\"role\":\"SCHOOL_FOCAL_POINT\",\"school\":\"" + school + "\"}";
    HttpResponse<String> toSecond = invite(focal, "focal.second@example.org", grant);
    HttpResponse<String> toThird = invite(focal, "focal.third@example.org", grant);
    assertEquals(201, toThird.statusCode(), toThird.body());
    String accept = "\",\"name\":\"Next\",\"password\":\"a long invited password\"}";
    assertEquals(200, seen(platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\""
        + JSON.readTree(toSecond.body()).path("token").asText() + accept, "Content-Type", "application/json")).statusCode());
    HttpResponse<String> late = seen(platform.send("POST", "/api/v1/invitations/accept", "{\"token\":\""
        + JSON.readTree(toThird.body()).path("token").asText() + accept, "Content-Type", "application/json"));
    assertEquals(403, late.statusCode(), late.body());
    assertTrue(late.body().contains("no longer applies"), late.body());
    String second = json(platform.login("focal.second@example.org", "a long invited password")).path("token").asText();
    assertTrue(json(platform.get("/api/v1/me", "Authorization", "Bearer " + second)).toString().contains("SCHOOL_FOCAL_POINT"),
        "the focal point the role was handed to keeps it");

    // an NC's grant naming a unit too: refused on the unit, not kept as a half-unit grant
    HttpResponse<String> withUnit = invite(admin, "nc.unit@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"FR\",\"unit\":\"paris\"}");
    assertEquals(400, withUnit.statusCode(), withUnit.body());
    assertEquals("unit", JSON.readTree(withUnit.body()).path("errors").get(0).path("field").asText(), withUnit.body());
    HttpResponse<String> staffWithCampaign = invite(nc, "staff.campaign@example.org",
        "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\",\"campaign\":\"1\"}");
    assertEquals(400, staffWithCampaign.statusCode(), staffWithCampaign.body());
  }

  @Test
  void aResetLinkIsOnlyForWhoCouldHaveGivenTheAccountEveryRoleItHolds() throws Exception {
    String admin = platform.adminToken();
    String hq = invited(admin, "hq.one@example.org", "{\"role\":\"HQ_OFFICER\"}");
    invited(admin, "hq.two@example.org", "{\"role\":\"HQ_OFFICER\"}");
    invited(hq, "nc.ke@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");

    // HQ would take over the platform administrator (MANAGE_PLATFORM), or a peer: refused, roles unnamed
    for (String email : List.of(Installation.ADMIN_EMAIL, "hq.two@example.org")) {
      HttpResponse<String> r = reset(hq, email);
      assertEquals(403, r.statusCode(), email + ": " + r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
      assertFalse(r.body().contains("token") || r.body().contains("PLATFORM") || r.body().contains("HQ_OFFICER"), r.body());
    }
    assertEquals(403, invite(hq, "hq.three@example.org", "{\"role\":\"HQ_OFFICER\"}").statusCode(),
        "the same rule as invitations: HQ officers are appointed by a platform administrator");
    assertEquals(404, reset(hq, "nobody.at.all@example.org").statusCode(), "an unknown email, as before");

    // HQ resets a coordinator, a platform administrator an HQ officer
    HttpResponse<String> nc = reset(hq, "nc.ke@example.org");
    assertEquals(201, nc.statusCode(), nc.body());
    assertEquals(204, finishReset(JSON.readTree(nc.body()).path("token").asText(), "a new coordinator password").statusCode());
    JsonNode ncIn = json(platform.login("nc.ke@example.org", "a new coordinator password"));
    assertTrue(ncIn.path("token").isTextual(), ncIn.toString());
    // the reset's end is filed under the account's country, as its start: Kenya's coordinators read it
    JsonNode ended = JSON.readTree(seen(platform.get("/api/v1/audit?country=KE&limit=200", "Authorization", "Bearer " + admin)).body());
    boolean filed = false;
    for (JsonNode e : ended.path("items")) {
      filed |= "password.reset".equals(e.path("action").asText());
    }
    assertTrue(filed, "password.reset under KE: " + ended);

    // An NC learns nothing of whether an email has an account: an unknown one is the 403 of one beyond reach
    String ncKe = ncIn.path("token").asText();
    HttpResponse<String> beyond = reset(ncKe, Installation.ADMIN_EMAIL);
    HttpResponse<String> unknown = reset(ncKe, "nobody.at.all@example.org");
    assertEquals(403, beyond.statusCode(), beyond.body());
    assertEquals(List.of(beyond.statusCode(), beyond.body(), beyond.headers().firstValue("Content-Type")),
        List.of(unknown.statusCode(), unknown.body(), unknown.headers().firstValue("Content-Type")));
    assertEquals(201, reset(admin, "hq.two@example.org").statusCode());
    String audit = seen(platform.get("/api/v1/audit?limit=200", "Authorization", "Bearer " + admin)).body();
    assertTrue(audit.contains("password.reset.start") && audit.contains("nc.ke@example.org"), audit);

    // A link made while the account held no role beyond its maker's is refused once it holds one.
    register("soon.admin@example.org", "a long enough password");
    HttpResponse<String> early = reset(hq, "soon.admin@example.org");
    assertEquals(201, early.statusCode(), early.body());
    HttpResponse<String> promotion = invite(admin, "soon.admin@example.org", "{\"role\":\"PLATFORM_ADMIN\"}");
    assertEquals(201, promotion.statusCode(), promotion.body());
    assertEquals(200, seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(promotion.body()).path("token").asText() + "\",\"password\":\"a long enough password\"}",
        "Content-Type", "application/json")).statusCode(), "its owner accepts, with the account's password");
    HttpResponse<String> late = finishReset(JSON.readTree(early.body()).path("token").asText(), "taken over by hq one");
    assertEquals(403, late.statusCode(), late.body());
    assertEquals(401, seen(platform.login("soon.admin@example.org", "taken over by hq one")).statusCode());
    assertEquals(200, seen(platform.login("soon.admin@example.org", "a long enough password")).statusCode());
  }

  @Test
  void aSchoolsPeopleAndItsPendingInvitationsMoveWithItToAnotherCountry() throws Exception {
    String admin = platform.adminToken();
    String ncKe = invited(admin, "nc.ke.moves@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"KE\"}");
    String ncGh = invited(admin, "nc.gh.moves@example.org", "{\"role\":\"NATIONAL_COORDINATOR\",\"country\":\"GH\"}");
    String school = candidate("Moving Academy", "KE", "Nakuru");
    invited(ncKe, "staff.moves@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    HttpResponse<String> pending = invite(ncKe, "later.moves@example.org", "{\"role\":\"SCHOOL_STAFF\",\"school\":\"" + school + "\"}");
    assertEquals(201, pending.statusCode(), pending.body());

    // HQ moves the school to Ghana
    HttpResponse<String> read = seen(platform.get("/api/v1/schools/" + school, "Authorization", "Bearer " + admin));
    HttpResponse<String> moved = seen(platform.send("PATCH", "/api/v1/schools/" + school, "{\"country\":\"GH\",\"city\":\"Accra\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin, "If-Match", read.headers().firstValue("ETag").orElseThrow()));
    assertEquals(200, moved.statusCode(), moved.body());

    // Kenya's coordinator no longer reaches its people (a reset would hand them the account); Ghana's does
    assertEquals(403, reset(ncKe, "staff.moves@example.org").statusCode());
    HttpResponse<String> byGhana = reset(ncGh, "staff.moves@example.org");
    assertEquals(201, byGhana.statusCode(), byGhana.body());
    JsonNode started = JSON.readTree(seen(platform.get("/api/v1/audit?country=GH&action=password.reset.start&limit=10",
        "Authorization", "Bearer " + admin)).body()).path("items");
    assertEquals(1, started.size(), "filed under the school's country now: " + started);
    // Kenya's invitation made before the move gives the role no more
    HttpResponse<String> accepted = seen(platform.send("POST", "/api/v1/invitations/accept",
        "{\"token\":\"" + JSON.readTree(pending.body()).path("token").asText() + "\",\"name\":\"Later\",\"password\":\"a long invited password\"}",
        "Content-Type", "application/json"));
    assertEquals(403, accepted.statusCode(), accepted.body());
    // the staff keeps the school
    String staff = json(platform.login("staff.moves@example.org", "a long invited password")).path("token").asText();
    JsonNode me = json(platform.get("/api/v1/me", "Authorization", "Bearer " + staff));
    assertEquals("GH", me.path("roles").get(0).path("country").asText(), me.toString());
    assertEquals(school, me.path("roles").get(0).path("school").asText(), me.toString());
  }
}
