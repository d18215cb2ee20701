package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class SchoolPointsServletTest {

  @Test
  void gzipWhenTheClientNamesItAndDoesNotRefuseIt() {
    assertTrue(SchoolPointsServlet.acceptsGzip(acceptEncoding("gzip, deflate, br")));
    assertTrue(SchoolPointsServlet.acceptsGzip(acceptEncoding("br;q=1.0, GZIP;q=0.5")));
    assertFalse(SchoolPointsServlet.acceptsGzip(acceptEncoding(null)));
    assertFalse(SchoolPointsServlet.acceptsGzip(acceptEncoding("identity")));
    assertFalse(SchoolPointsServlet.acceptsGzip(acceptEncoding("gzip;q=0, br")));
    assertFalse(SchoolPointsServlet.acceptsGzip(acceptEncoding("gzip; q=0.0")));
    assertFalse(SchoolPointsServlet.acceptsGzip(acceptEncoding("x-gzip-not")));
  }

  private static HttpServletRequest acceptEncoding(String value) {
    return (HttpServletRequest) Proxy.newProxyInstance(
        HttpServletRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getHeader") && "Accept-Encoding".equals(args[0]) ? value : null);
  }
}
