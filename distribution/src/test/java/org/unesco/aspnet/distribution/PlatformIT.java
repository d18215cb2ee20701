package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform as a client sees it over HTTP: health, OpenAPI, security headers and every error
 * shape, with the example plugin installed so there is a stored resource to get wrong.
 */
class PlatformIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Installation platform;

  @BeforeAll
  static void start() throws Exception {
    platform = new Installation();
    platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
    platform.start();
    platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), r -> r.statusCode() == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    platform.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode p = json(r);
    assertEquals(status, p.path("status").asInt());
    assertTrue(p.path("type").asText().startsWith("https://aspnet.unesco.org/problems/"), r.body());
    assertFalse(p.path("title").asText().isEmpty());
    assertFalse(r.body().contains("\tat "), "no stack trace on the wire: " + r.body());
    return p;
  }

  /** RFC 9110 9.3.2: a HEAD answers the headers the GET of the same resource would, its Vary (gzip's) included. */
  @Test
  void aHeadCarriesTheSameHeadersAsTheGet() throws Exception {
    String hq = platform.adminToken();
    HttpResponse<String> applied = platform.sendAs("POST", "/api/v1/applications", "{\"name\":\"Head Street School\","
        + "\"country\":\"KE\",\"city\":\"Mombasa\",\"address\":\"1 Head Street\",\"levels\":[\"PRIMARY\"],"
        + "\"email\":\"head@example.org\",\"confirmDuplicate\":true}", hq);
    assertEquals(201, applied.statusCode(), applied.body());
    JsonNode a = json(applied);
    for (String path : List.of("/api/v1/schools/" + a.path("schoolId").asLong(), "/api/v1/schools?country=KE",
        "/api/v1/countries", "/api/v1/countries/KE", "/api/v1/memberships/" + a.path("membershipId").asLong(),
        "/api/v1/openapi.json", "/api/v1/health", "/api/v1/stats", "/api/v1/no-such-thing", "/", "/schools")) {
      for (String token : java.util.Arrays.asList(hq, null)) {
        HttpResponse<String> get = platform.sendAs("GET", path, null, token);
        HttpResponse<String> head = platform.sendAs("HEAD", path, null, token);
        String who = path + (token == null ? " (public)" : " (HQ)");
        assertEquals(get.statusCode(), head.statusCode(), who);
        assertEquals(get.headers().allValues("Vary"), head.headers().allValues("Vary"), who);
        java.util.Set<String> names = new java.util.TreeSet<>(get.headers().map().keySet());
        names.remove("date");
        java.util.Set<String> headNames = new java.util.TreeSet<>(head.headers().map().keySet());
        headNames.remove("date");
        assertEquals(names, headNames, who);
        for (String name : List.of("Cache-Control", "ETag", "Content-Type")) {
          assertEquals(get.headers().allValues(name), head.headers().allValues(name), who + ": " + name);
        }
        assertTrue(head.body().isEmpty(), who);
      }
    }
    assertTrue(platform.get("/api/v1/schools?country=KE").headers().allValues("Vary").contains("Accept-Encoding"),
        "gzip's Vary is what a HEAD was missing");
  }

  @Test
  void healthListsRequiredComponentsAndTheDatabase() throws Exception {
    HttpResponse<String> r = platform.get("/api/v1/health");
    assertEquals(200, r.statusCode());
    JsonNode health = json(r);
    assertEquals("UP", health.path("status").asText());
    assertEquals("UP", health.path("components").path("database").path("status").asText());
    assertEquals(
        "UP",
        health.path("components").path("org.unesco.aspnet.persistence.internal.DatabaseService").path("status").asText());
    assertEquals("UP", health.path("components").path("endpoints").path("status").asText(), "every servlet is served");
    assertTrue(health.path("components").path("demo").isMissingNode(), "no demo without ASPNET_DEMO: " + health);
    // its headers are added, not set (Json.send): each must still be there once
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
    assertEquals(List.of("application/json"), r.headers().allValues("Content-Type"));
    assertEquals(List.of(String.valueOf(r.body().length())), r.headers().allValues("Content-Length"));
  }

  @Test
  void securityHeadersOnEveryKindOfResponse() throws Exception {
    for (String path : new String[] {"/", "/api/v1/health", "/api/v1/nothing-here", "/api/v1/openapi.json"}) {
      HttpResponse<String> r = platform.get(path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
      assertNotNull(r.headers().firstValue("Referrer-Policy").orElse(null), path);
      assertTrue(r.headers().firstValue("Server").isEmpty(), "no Server header: " + path);
    }
  }

  @Test
  void openApiIsAssembledFromEveryBundle() throws Exception {
    HttpResponse<String> r = platform.get("/api/v1/openapi.json");
    assertEquals(200, r.statusCode());
    JsonNode doc = json(r);
    assertEquals("3.1.0", doc.path("openapi").asText());
    assertTrue(doc.path("paths").has("/api/v1/health"), "core endpoint");
    assertTrue(doc.path("paths").has("/api/v1/plugins"), "core endpoint");
    assertTrue(doc.path("paths").path("/api/v1/hello/greeting").has("put"), "plugin endpoint");
    assertTrue(doc.path("components").path("schemas").has("Problem"));
    assertTrue(doc.path("components").path("schemas").has("GreetingText"), "plugin schema");
    // every operation is filed under a tag the document describes (the API reference groups by tag;
    // one without lands in "default") and has an id of its own
    java.util.Set<String> tags = new java.util.HashSet<>();
    doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.List<String> untagged = new java.util.ArrayList<>();
    java.util.List<String> repeated = new java.util.ArrayList<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!op.getValue().has("responses")) {
        return; // path-level parameters, not an operation
      }
      String name = op.getKey() + " " + path.getKey();
      JsonNode opTags = op.getValue().path("tags");
      if (opTags.isEmpty() || !tags.contains(opTags.get(0).asText())) {
        untagged.add(name);
      }
      if (op.getValue().has("operationId") && !ids.add(op.getValue().path("operationId").asText())) {
        repeated.add(name);
      }
    }));
    assertTrue(untagged.isEmpty(), "operations without a described tag: " + untagged);
    assertTrue(repeated.isEmpty(), "operation ids used twice: " + repeated);
  }

  @Test
  void unknownPathIs404Problem() throws Exception {
    JsonNode p = problem(platform.get("/api/v1/no-such-thing"), 404);
    assertEquals("/api/v1/no-such-thing", p.path("instance").asText());
  }

  @Test
  void unsupportedMethodIs405WithAllow() throws Exception {
    HttpResponse<String> r = platform.send("DELETE", "/api/v1/health", null);
    problem(r, 405);
    assertTrue(r.headers().firstValue("Allow").orElse("").contains("GET"), r.headers().toString());
  }

  /** TRACE echoed a page's request headers back (HttpServlet's doTrace): nothing answers it now. */
  @Test
  void traceIsRefusedEverywhereAndEchoesNothing() throws Exception {
    for (String path : new String[] {"/", "/schools/7", "/api/v1/health"}) {
      HttpResponse<String> r = platform.send("TRACE", path, null, "X-CSRF-Token", "secret-of-the-page");
      problem(r, 501); // not 405, whose Allow header would have to name the path's methods
      assertTrue(r.body().contains("not-implemented"), r.body());
      assertFalse(r.body().contains("secret-of-the-page"), path + ": " + r.body());
    }
  }

  @Test
  void clientThatAcceptsNoJsonGets406() throws Exception {
    problem(platform.get("/api/v1/health", "Accept", "text/csv"), 406);
    problem(platform.get("/api/v1/health", "Accept", ";"), 406); // a range of nothing was a 500
  }

  @Test
  void nonJsonBodyIs415AndChangesNothing() throws Exception {
    HttpResponse<String> before = platform.get("/api/v1/hello/greeting");
    String etag = before.headers().firstValue("ETag").orElseThrow();
    problem(platform.send("PUT", "/api/v1/hello/greeting", "text=Hi", "Content-Type", "text/plain", "If-Match", etag), 415);
    assertEquals(before.body(), platform.get("/api/v1/hello/greeting").body());
  }

  @Test
  void aQueryStringThatIsNotUtf8OrBadlyEscapedIs400NotAnIncident() throws Exception {
    // Jetty refuses them while the servlet reads its parameters, each with an exception of its own
    JsonNode p = problem(platform.get("/api/v1/schools?q=%ff%fe&limit=5"), 400);
    assertTrue(p.path("detail").asText().startsWith("The request could not be read"), p.toString());
    assertFalse(p.has("incident"), p.toString());
    p = problem(platform.get("/api/v1/schools?q=%ED%A0%80"), 400); // an encoded lone surrogate: not UTF-8
    assertTrue(p.path("detail").asText().startsWith("The request could not be read"), p.toString());
    // A stray %, which java.net.URI will not send: written on a socket as a careless client would
    for (String query : new String[] {"q=%", "q=%zz", "limit=5&q=50%", "lang=%ZZ"}) {
      String[] answer = rawGet("/api/v1/schools?" + query);
      assertTrue(answer[0].startsWith("HTTP/1.1 400"), query + ": " + answer[0]);
      assertTrue(answer[0].toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer[0]);
      JsonNode problem = JSON.readTree(answer[1]);
      assertTrue(problem.path("detail").asText().startsWith("The request could not be read"), query + ": " + problem);
      assertFalse(problem.has("incident"), query + ": " + problem);
      assertTrue(answer[0].toLowerCase(java.util.Locale.ROOT).contains("x-content-type-options: nosniff"), answer[0]);
    }
    // answered before any endpoint parses the query: the client's mistake is no server error in the log
    Thread.sleep(500);
    String log = platform.log();
    assertFalse(log.contains("BadMessageException") || log.contains("Bad query"), log);
    assertFalse(log.contains("Exception while processing request to /api/v1/schools"), log);
  }

  @Test
  void aNumberInAParameterIsWrittenInTheDigits0To9() throws Exception {
    // Arabic-Indic and full-width ten, which Java's own parsing reads as 10
    for (String ten : new String[] {"%D9%A1%D9%A0", "%EF%BC%91%EF%BC%90"}) {
      for (String path : new String[] {"/api/v1/schools?limit=", "/api/v1/campaigns?limit=", "/api/v1/partnerships?limit=",
          "/api/v1/partnerships?school="}) {
        HttpResponse<String> r = platform.get(path + ten);
        JsonNode p = problem(r, 400);
        String name = path.substring(path.indexOf('?') + 1, path.length() - 1);
        assertEquals(name, p.path("errors").path(0).path("field").asText(), path + ten + " " + p);
        assertTrue(p.path("errors").path(0).path("message").asText().endsWith("written with the digits 0 to 9"), p.toString());
      }
    }
    assertEquals(200, platform.get("/api/v1/schools?limit=10").statusCode());
    // never converted: blanks around it (a space, a tab) and a leading zero are refused as a '+' is
    for (String five : new String[] {"%205", "5%20", "%095", "05", "%2B5"}) {
      for (String path : new String[] {"/api/v1/schools?limit=", "/api/v1/campaigns?limit=", "/api/v1/partnerships?limit="}) {
        JsonNode p = problem(platform.get(path + five), 400);
        assertEquals("limit", p.path("errors").path(0).path("field").asText(), path + five + " " + p);
        assertEquals("must be a whole number from 1 to " + (path.contains("schools") ? 100 : 500),
            p.path("errors").path(0).path("message").asText(), path + five);
      }
    }
  }

  @Test
  void aResourceReadAloneRefusesAParameterItWouldIgnoreAsItsListDoes() throws Exception {
    String token = platform.adminToken();
    for (String path : new String[] {"/api/v1/schools/20?foo=1", "/api/v1/schools/20/annual-reports/2025?foo=1",
        "/api/v1/imports/3f6c?foo=1", "/api/v1/webhooks/9?foo=1", "/api/v1/webhooks/9/deliveries?foo=1",
        "/api/v1/webhooks/9/deliveries?limit=0", "/api/v1/webhooks/9/deliveries?limit=501", "/api/v1/webhooks/9/deliveries?limit=abc",
        "/api/v1/webhooks/9/deliveries?cursor=x"}) {
      JsonNode p = problem(platform.get(path, "Authorization", "Bearer " + token), 400);
      String name = path.substring(path.indexOf('?') + 1, path.indexOf('='));
      assertEquals(name, p.path("errors").path(0).path("field").asText(), path + " " + p);
    }
  }

  @Test
  void thePublicIsToldToSignInBeforeBeingAskedForIfMatch() throws Exception {
    HttpResponse<String> made = platform.send("POST", "/api/v1/campaigns", "{\"kind\":\"CAMPAIGN\",\"title\":{\"en\":\"Gardens\"}}",
        "Content-Type", "application/json", "Authorization", "Bearer " + platform.adminToken());
    assertEquals(201, made.statusCode(), made.body());
    String campaign = made.headers().firstValue("Location").orElseThrow(); // there: not a 404
    for (String path : new String[] {"/api/v1/schools/20", campaign, "/api/v1/international-days/world-logic-day"}) {
      problem(platform.send("PATCH", path, "{}", "Content-Type", "application/merge-patch+json"), 401);
      // If-Match: * is 428 to who may edit
      problem(platform.send("PATCH", path, "{}", "Content-Type", "application/merge-patch+json", "If-Match", "*"), 401);
    }
  }

  @Test
  void everyMistakeOfAnImportsQueryIsToldAtOnce() throws Exception {
    HttpResponse<String> r = platform.send("POST", "/api/v1/imports?dryRun=maybe&duplicates=XX&format=pdf&country=ZZ",
        "name,country\nQuery School,FR\n", "Content-Type", "text/csv", "Authorization", "Bearer " + platform.adminToken());
    JsonNode p = problem(r, 400);
    java.util.List<String> fields = new java.util.ArrayList<>();
    p.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(java.util.List.of("dryRun", "duplicates", "country", "format"), fields, p.toString());
  }

  @Test
  void aParameterGivenTwiceIs400NamingItNotFirstWins() throws Exception {
    HttpResponse<String> r = platform.get("/api/v1/schools?country=FR&country=DE");
    JsonNode p = problem(r, 400);
    assertEquals("https://aspnet.unesco.org/problems/validation", p.path("type").asText());
    assertEquals("country", p.path("errors").path(0).path("field").asText(), p.toString());
    assertEquals("is given more than once", p.path("errors").path(0).path("message").asText(), p.toString());
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
    // an import asked both to try and to write does neither
    String token = platform.adminToken();
    HttpResponse<String> imported = platform.send("POST", "/api/v1/imports?dryRun=false&format=csv&dryRun=true",
        "name,country\nTwice School,FR\n", "Content-Type", "text/csv", "Authorization", "Bearer " + token);
    p = problem(imported, 400);
    assertEquals("dryRun", p.path("errors").path(0).path("field").asText(), p.toString());
    assertFalse(platform.get("/api/v1/schools?q=Twice").body().contains("Twice School"), "nothing imported");
    // the pages of the web UI are no API: their queries are theirs
    assertEquals(200, platform.get("/?tab=1&tab=2").statusCode());
  }

  @Test
  void aBodyOfTheWrongJsonTypeIsToldSoWithoutJava() throws Exception {
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    for (String body : new String[] {"[]", "\"x\"", "5"}) {
      for (HttpResponse<String> r : java.util.List.of(
          platform.send("POST", "/api/v1/auth/login", body, "Content-Type", "application/json"),
          platform.send("POST", "/api/v1/applications", body, "Content-Type", "application/json"),
          put(body, etag))) {
        JsonNode p = problem(r, 400);
        String detail = p.path("detail").asText();
        assertEquals("The body must be a JSON object", detail, r.uri() + " " + body);
        for (String java : new String[] {"$", "`", "org.unesco", "JsonToken"}) {
          assertFalse(r.body().contains(java), java + " in " + r.body());
        }
      }
    }
    JsonNode p = problem(platform.send("POST", "/api/v1/auth/login", "", "Content-Type", "application/json"), 400);
    assertEquals("The request has no body: send a JSON object", p.path("detail").asText());
    p = problem(put("{\"text\": NaN}", etag), 400);
    assertEquals("text", p.path("errors").path(0).path("field").asText(), p.toString());
    assertEquals("is not valid JSON: NaN and Infinity are not numbers in JSON", p.path("errors").path(0).path("message").asText());
    String token = platform.adminToken();
    p = problem(platform.send("POST", "/api/v1/tokens", "{\"name\":\"x\",\"days\":2147483648}",
        "Content-Type", "application/json", "Authorization", "Bearer " + token), 400);
    assertEquals("days", p.path("errors").path(0).path("field").asText(), p.toString());
    assertEquals("must be a whole number between -2147483648 and 2147483647", p.path("errors").path(0).path("message").asText());
  }

  @Test
  void aControlCharacterOrALoneSurrogateInAStringIs400NamingTheFieldWithNothingWritten() throws Exception {
    String before = platform.get("/api/v1/hello/greeting").body();
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    for (String text : new String[] {"Hi\\u0000there", "Hi\\u0007", "Hi \\ud800"}) {
      JsonNode p = problem(put("{\"text\": \"" + text + "\"}", etag), 400);
      assertEquals("https://aspnet.unesco.org/problems/validation", p.path("type").asText());
      assertEquals("text", p.path("errors").path(0).path("field").asText(), p.toString());
      assertTrue(p.path("errors").path(0).path("message").asText().startsWith("must not contain control characters"), p.toString());
    }
    assertEquals(before, platform.get("/api/v1/hello/greeting").body(), "nothing written");
    // a school's name in an application (read as a tree, field by field)
    String body = "{\"name\":\"Escuela\\u0000Nula\",\"country\":\"CL\",\"city\":\"Valparaíso\",\"address\":\"Calle 1\","
        + "\"levels\":[\"PRIMARY\"],\"students\":120,\"email\":\"nula@example.org\"}";
    JsonNode p = problem(platform.send("POST", "/api/v1/applications", body, "Content-Type", "application/json"), 400);
    assertEquals("name", p.path("errors").path(0).path("field").asText(), p.toString());
    // told with every other field's error, as any other mistake is: not alone
    String more = body.replace("\"city\":\"Valparaíso\",", "").replace("120", "\"many\"")
        .replace("\"Calle 1\"", "\"Calle\\u0001\"");
    p = problem(platform.send("POST", "/api/v1/applications", more, "Content-Type", "application/json"), 400);
    java.util.Map<String, String> errors = new java.util.TreeMap<>();
    p.path("errors").forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
    assertEquals(java.util.List.of("address", "city", "name", "students"), java.util.List.copyOf(errors.keySet()), p.toString());
    assertTrue(errors.get("name").startsWith("must not contain control characters"), p.toString());
    assertEquals("must be a whole number", errors.get("students"), p.toString());
    assertFalse(platform.get("/api/v1/schools?q=Nula").body().contains("Nula"), "nothing written");
    // tabs and line breaks are text, not control characters to refuse
    HttpResponse<String> ok = put("{\"text\": \"Hola\\ntodos\"}", etag);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("Hola\ntodos", json(ok).path("text").asText());
  }

  @Test
  void whatJettyRefusesBeforeAnyEndpointStillCarriesTheSecurityHeaders() throws Exception {
    for (String target : new String[] {"/api/v1/schools/%00", "/api/v1/schools%2F7", "/api/v1/" + "a".repeat(20_000)}) {
      String head = rawGet(target)[0].toLowerCase(java.util.Locale.ROOT);
      assertTrue(head.startsWith("http/1.1 4"), head);
      assertTrue(head.contains("x-content-type-options: nosniff"), head);
      assertTrue(head.contains("content-security-policy: default-src 'none'"), head);
      assertTrue(head.contains("x-frame-options: deny"), head);
    }
  }

  /** The head and body of a GET of {@code target} sent byte for byte, unchecked by any client library. */
  private static String[] rawGet(String target) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", platform.port)) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      return new String[] {answer.substring(0, split), answer.substring(split + 4)};
    }
  }

  @Test
  void numbersAreNotConvertedIntoOtherTypes() throws Exception {
    // A level given by its position and a fraction of a student: refused, not guessed (enums: JsonTest)
    String body = "{\"name\":\"Escuela Número Uno\",\"country\":\"CL\",\"city\":\"Valparaíso\",\"address\":\"Calle 1\","
        + "\"levels\":[%s],\"students\":%s,\"email\":\"uno@example.org\"}";
    JsonNode p = problem(platform.send("POST", "/api/v1/applications", body.formatted("0", "120"), "Content-Type", "application/json"), 400);
    assertEquals("levels[0]", p.path("errors").path(0).path("field").asText(), p.toString());
    assertEquals("must be a string", p.path("errors").path(0).path("message").asText(), p.toString());
    p = problem(platform.send("POST", "/api/v1/applications", body.formatted("\"PRIMARY\"", "120.5"), "Content-Type", "application/json"), 400);
    assertEquals("students", p.path("errors").path(0).path("field").asText(), p.toString());
    assertEquals("must be a whole number", p.path("errors").path(0).path("message").asText(), p.toString());
    // a whole number too large for any count: told with the count's range, not "must be a whole number"
    p = problem(platform.send("POST", "/api/v1/applications", body.formatted("\"PRIMARY\"", "99999999999999"), "Content-Type", "application/json"), 400);
    assertEquals("must be between 0 and 1000000", p.path("errors").path(0).path("message").asText(), p.toString());
    assertFalse(platform.get("/api/v1/schools?q=Numero").body().contains("Valpara"), "nothing written");
  }

  @Test
  void aMethodAPathDoesNotTakeIs405WithWhatItTakes() throws Exception {
    // path -> {method refused, Allow}; each servlet serves several paths with methods of their own
    String[][] cases = {
      {"/api/v1/schools", "POST", "GET, HEAD, OPTIONS"},
      {"/api/v1/schools/7", "PUT", "GET, HEAD, PATCH, OPTIONS"},
      {"/api/v1/schools/7", "DELETE", "GET, HEAD, PATCH, OPTIONS"},
      {"/api/v1/schools/7/annual-reports/2025", "POST", "GET, HEAD, PUT, OPTIONS"},
      {"/api/v1/countries/FR", "POST", "GET, HEAD, PATCH, OPTIONS"},
      {"/api/v1/memberships/7/transitions", "GET", "POST, OPTIONS"},
      {"/api/v1/campaigns/1/participants/7", "GET", "DELETE, OPTIONS"},
      {"/api/v1/imports", "GET", "POST, OPTIONS"},
    };
    for (String[] c : cases) {
      JsonNode p = problem(platform.send(c[1], c[0], c[1].equals("GET") || c[1].equals("DELETE") ? null : "{}",
          "Content-Type", "application/json"), 405);
      assertTrue(p.path("detail").asText().contains(c[2]), c[1] + " " + c[0] + ": " + p);
      assertEquals(c[2], platform.send("OPTIONS", c[0], null).headers().firstValue("Allow").orElse(""), c[0]);
    }
    problem(platform.get("/api/v1/schools/7/nothing"), 404);
    problem(platform.send("POST", "/api/v1/campaigns/1/unknown", "{}", "Content-Type", "application/json"), 404);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    JsonNode p = problem(put("{\"text\": ", etag), 400);
    assertTrue(p.path("detail").asText().startsWith("Malformed JSON"), p.toString());
  }

  @Test
  void wrongTypeAndUnknownFieldAndBlankValueAreFieldByField400() throws Exception {
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    JsonNode wrongType = problem(put("{\"text\": 5}", etag), 400);
    assertEquals("text", wrongType.path("errors").get(0).path("field").asText());
    assertEquals("must be a string", wrongType.path("errors").get(0).path("message").asText());
    JsonNode unknown = problem(put("{\"txt\": \"Hi\"}", etag), 400);
    assertEquals("txt", unknown.path("errors").get(0).path("field").asText());
    JsonNode blank = problem(put("{\"text\": \"  \"}", etag), 400);
    assertEquals("text", blank.path("errors").get(0).path("field").asText());
    assertEquals("is required", blank.path("errors").get(0).path("message").asText());
  }

  @Test
  void updateNeedsIfMatchAndAStaleOneIs412WithNothingWritten() throws Exception {
    problem(platform.send("PUT", "/api/v1/hello/greeting", "{\"text\":\"Hola\"}", "Content-Type", "application/json"), 428);
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> ok = put("{\"text\":\"Hola\"}", etag);
    assertEquals(200, ok.statusCode(), ok.body());
    String newEtag = ok.headers().firstValue("ETag").orElseThrow();
    assertFalse(newEtag.equals(etag));
    problem(put("{\"text\":\"Salut\"}", etag), 412);
    assertEquals("Hola", json(platform.get("/api/v1/hello/greeting")).path("text").asText());
    assertEquals(200, put("{\"text\":\"Hello\"}", newEtag).statusCode());
  }

  @Test
  void oversizeBodyIs413WithNothingWritten() throws Exception {
    String before = platform.get("/api/v1/hello/greeting").body();
    String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
    String huge = "{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    problem(put(huge, etag), 413);
    assertEquals(before, platform.get("/api/v1/hello/greeting").body());
  }

  @Test
  void unexpectedFailureIs500WithAnIncidentIdThatIsInTheLog() throws Exception {
    JsonNode p = problem(platform.get("/api/v1/hello/failure"), 500);
    String incident = p.path("incident").asText();
    assertFalse(incident.isEmpty());
    assertTrue(p.path("detail").asText().contains(incident));
    assertFalse(p.toString().contains("failed on purpose"), "the exception message stays in the log");
    Installation.await("incident in the log", Duration.ofSeconds(5), () -> platform.log().contains("Incident " + incident));
  }

  private static HttpResponse<String> put(String body, String etag) throws Exception {
    return platform.send("PUT", "/api/v1/hello/greeting", body, "Content-Type", "application/json", "If-Match", etag);
  }
}
