package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/** The query string of an API request is read once, by hand, before any endpoint reads it. */
class RequestGuardFilterTest {

  private static ProblemException problem(String query) {
    return RequestGuardFilter.queryProblem(query);
  }

  @Test
  void aWellFormedQueryPasses() {
    for (String q : new String[] {null, "", "country=FR", "country=FR&status=MEMBER", "q=%C3%89cole+num%C3%A9ro+1",
        "q=a%2Bb&lang=fr", "flag", "a=&b=", "a=1&&b=2&", "q=%F0%9F%98%80", "q=é", "=1&=2", "q=%00"}) {
      assertNull(problem(q), q);
    }
  }

  @Test
  void aParameterGivenTwiceIsRefusedByName() {
    for (String[] c : new String[][] {
        {"dryRun=false&dryRun=true", "dryRun"},
        {"country=FR&limit=5&country=DE", "country"},
        {"country=FR&country=FR", "country"},
        {"flag&flag", "flag"},
        {"a=1&a", "a"},
        {"dry%52un=1&dryRun=2", "dryRun"},
        {"my+name=1&my%20name=2", "my name"}}) {
      ProblemException p = problem(c[0]);
      assertEquals(400, p.status(), c[0]);
      assertEquals(ProblemException.TYPE_BASE + "validation", p.type());
      assertEquals(c[1], p.errors().get(0).field(), c[0]);
      assertEquals("is given more than once", p.errors().get(0).message());
    }
  }

  @Test
  void aMalformedQueryIsA400BeforeJettySeesIt() {
    for (String q : new String[] {"q=%", "q=%zz", "lang=%ZZ", "limit=5&q=50%", "q=%4", "q=%ff%fe", "q=%ED%A0%80", "q=%C3",
        "%zz=1", "q=%u00e9", "q=%C3%28"}) {
      ProblemException p = problem(q);
      assertEquals(400, p.status(), q);
      assertEquals(ProblemException.TYPE_BASE + "bad-request", p.type(), q);
      assertTrue(p.detail().startsWith("The request could not be read"), p.detail());
    }
  }

  @Test
  void decodingIsJettys() {
    String q = "q=%C3%89cole+num%C3%A9ro+1";
    assertEquals("École numéro 1", RequestGuardFilter.decode(q, 2, q.length()));
    assertEquals("a+b c", RequestGuardFilter.decode("a%2Bb+c", 0, 7));
    assertEquals("plain", RequestGuardFilter.decode("xplainx", 1, 6));
    assertNull(RequestGuardFilter.decode("%ed%a0%80", 0, 9), "an encoded surrogate is not UTF-8");
  }

  // --- the filter as a request meets it ---

  private record Answer(int status, Map<String, String> headers, String body, boolean chained) {}

  private static Answer filter(String uri, String query, FilterChain then) throws Exception {
    Map<String, String> headers = new HashMap<>();
    int[] status = {200};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean[] chained = {false};
    ServletOutputStream out = new ServletOutputStream() {
      @Override
      public void write(int b) {
        body.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {}
    };
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
        RequestGuardFilterTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getRequestURI" -> uri;
          case "getQueryString" -> query;
          case "getMethod" -> "GET";
          case "getContentLengthLong" -> -1L;
          case "isSecure" -> false;
          case "getParameter", "getParameterMap", "getParameterValues", "getParameterNames" ->
              throw new AssertionError("the filter must not ask for parameters");
          default -> null;
        });
    HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
        RequestGuardFilterTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "setStatus" -> status[0] = (Integer) args[0];
            case "addHeader", "setHeader" -> headers.put((String) args[0], (String) args[1]);
            case "setContentType" -> headers.put("Content-Type", (String) args[0]);
            case "getOutputStream" -> {
              return out;
            }
            case "isCommitted" -> {
              return false;
            }
            default -> { }
          }
          return null;
        });
    Logger log = (Logger) Proxy.newProxyInstance(
        RequestGuardFilterTest.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> null);
    RequestGuardFilter.Config defaults = (RequestGuardFilter.Config) Proxy.newProxyInstance(
        RequestGuardFilterTest.class.getClassLoader(), new Class<?>[] {RequestGuardFilter.Config.class},
        (proxy, method, args) -> method.getDefaultValue());
    RequestGuardFilter guard = new RequestGuardFilter(defaults, log);
    guard.doFilter(request, response, (req, resp) -> {
      chained[0] = true;
      then.doFilter(req, resp);
    });
    return new Answer(status[0], headers, body.toString(java.nio.charset.StandardCharsets.UTF_8), chained[0]);
  }

  @Test
  void aRepeatedParameterOfAnApiRequestIsAProblemWithTheSecurityHeaders() throws Exception {
    Answer a = filter("/api/v1/imports", "dryRun=false&dryRun=true", (req, resp) -> { });
    assertFalse(a.chained(), "no endpoint runs");
    assertEquals(400, a.status());
    assertEquals(Json.PROBLEM_MEDIA_TYPE, a.headers().get("Content-Type"));
    assertEquals("nosniff", a.headers().get("X-Content-Type-Options"));
    assertEquals("DENY", a.headers().get("X-Frame-Options"));
    JsonNode problem = Json.MAPPER.readTree(a.body());
    assertEquals("dryRun", problem.path("errors").path(0).path("field").asText());
    assertEquals("is given more than once", problem.path("errors").path(0).path("message").asText());
  }

  /** A path Jetty routes to the API though it is not spelled /api/ ({@code ;parameters}, %61) is checked as the API. */
  @Test
  void anApiPathSpelledOtherwiseIsCheckedAsTheApi() throws Exception {
    for (String path : new String[] {"/api;x=1/v1/schools", "/%61pi/v1/schools", "/api/v1;a=b/schools", "/x/../api/v1/schools"}) {
      Answer a = filter(path, "limit=1&limit=2", (req, resp) -> { });
      assertFalse(a.chained(), path);
      assertEquals(400, a.status(), path);
    }
  }

  @Test
  void pagesOutsideTheApiAreLeftAlone() throws Exception {
    Answer a = filter("/schools", "tab=1&tab=2", (req, resp) -> { });
    assertTrue(a.chained());
    assertEquals(200, a.status());
    assertTrue(filter("/", "q=%zz", (req, resp) -> { }).chained());
    assertTrue(filter("/api/v1/schools", "country=FR&limit=5", (req, resp) -> { }).chained());
  }

  @Test
  void jettysRefusalRaisedInAnEndpointIsAnsweredHereNotThrownToTheLog() throws Exception {
    Answer a = filter("/api/v1/imports", null, (req, resp) -> {
      throw new BadMessageException("Unable to parse form content");
    });
    assertEquals(400, a.status());
    assertTrue(Json.MAPPER.readTree(a.body()).path("detail").asText().startsWith("The request could not be read"), a.body());
    IllegalStateException bug = new IllegalStateException("a bug of ours");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> filter("/api/v1/imports", null, (req, resp) -> {
      throw bug;
    })), "any other exception goes on to the error page, logged");
  }

  @Test
  void aClientThatHangsUpMidAnswerIsNoServerErrorAndAnyOtherIoFailureGoesOn() throws Exception {
    Answer gone = filter("/api/v1/schools", null, (req, resp) -> {
      throw new org.eclipse.jetty.io.EofException(new java.io.IOException("Broken pipe"));
    });
    assertTrue(gone.chained(), "answered nothing, threw nothing");
    java.io.IOException disk = new java.io.IOException("No space left on device");
    assertSame(disk, assertThrows(java.io.IOException.class, () -> filter("/api/v1/exports/schools.csv", null, (req, resp) -> {
      throw disk;
    })));
  }

  @Test
  void aClassMissingFromABundleIsA500ProblemWithAnIncidentNotJettysPageNamingTheClass() throws Exception {
    Answer a = filter("/api/v1/certificates/X/qr.svg", null, (req, resp) -> {
      throw new NoClassDefFoundError("com/google/zxing/FormatException");
    });
    assertEquals(500, a.status());
    assertEquals(Json.PROBLEM_MEDIA_TYPE, a.headers().get("Content-Type"));
    JsonNode problem = Json.MAPPER.readTree(a.body());
    assertTrue(problem.path("incident").asText().matches("[0-9a-f-]{36}"), a.body());
    assertFalse(a.body().contains("zxing"), "the class stays in the log");
    OutOfMemoryError full = new OutOfMemoryError("Java heap space");
    assertSame(full, assertThrows(OutOfMemoryError.class, () -> filter("/api/v1/schools", null, (req, resp) -> {
      throw full;
    })), "nothing sensible to answer when the VM itself fails");
  }
}
