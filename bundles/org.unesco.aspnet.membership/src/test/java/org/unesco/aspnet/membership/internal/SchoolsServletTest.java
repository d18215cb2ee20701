package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

/** What a school's endpoints refuse before they ask a service (none here). */
class SchoolsServletTest {
  private final SchoolsServlet servlet = new SchoolsServlet(null, null, null, null, null);

  /** A request of the public to {@code path} under /api/v1/schools, with {@code query} and {@code headers}. */
  private static HttpServletRequest request(String method, String path, String query, Map<String, String> headers) {
    return (HttpServletRequest) Proxy.newProxyInstance(SchoolsServletTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getPathInfo" -> path;
          case "getQueryString" -> query;
          case "getHeader" -> headers.get((String) args[0]);
          default -> null;
        });
  }

  @Test
  void aSchoolAndItsReportRefuseAParameterTheyWouldIgnore() {
    for (String path : List.of("/20", "/20/annual-reports/2025")) {
      ProblemException p = assertThrows(ProblemException.class, () -> servlet.doGet(request("GET", path, "foo=1", Map.of()), null), path);
      assertEquals(400, p.status(), path);
      assertEquals("foo", p.errors().get(0).field(), path);
      assertTrue(p.errors().get(0).message().startsWith("is not a parameter"), p.errors().get(0).message());
      // ?lang= is every endpoint's: on to the services (none here)
      assertThrows(NullPointerException.class, () -> servlet.doGet(request("GET", path, "lang=fr", Map.of()), null), path);
    }
  }

  @Test
  void theAnonymousPublicIsToldToSignInBeforeIfMatchIsAskedFor() {
    // as PUT .../annual-reports/{year} answers: 401 first, then 428 to who may be told about preconditions
    for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("If-Match", "*"), Map.of("If-Match", "\"3\""))) {
      ProblemException p = assertThrows(ProblemException.class,
          () -> servlet.doPatch(request("PATCH", "/20", null, headers), null), headers.toString());
      assertEquals(401, p.status(), headers.toString());
    }
  }
}
