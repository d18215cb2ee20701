package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An {@code Idempotency-Key} is one header: two are refused before anything is kept or done (the
 * filter here has no store, and the request must not reach the servlet either).
 */
class IdempotencyKeyTest {

  @Test
  void twoKeysOnOneRequestAreRefusedNamingTheHeader() throws Exception {
    List<String> keys = List.of("first-key", "second-key");
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getMethod" -> "POST";
          case "getHeader" -> args[0].equals("Idempotency-Key") ? keys.get(0) : null;
          case "getHeaders" -> Collections.enumeration(args[0].equals("Idempotency-Key") ? keys : List.of());
          case "getRequestURI", "getServletPath" -> "/api/v1/schools";
          case "getContentType" -> "application/json";
          default -> null;
        });
    AtomicInteger status = new AtomicInteger();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
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
    HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setStatus" -> {
            status.set((Integer) args[0]);
            yield null;
          }
          case "getOutputStream" -> out;
          case "isCommitted", "containsHeader" -> false;
          default -> null;
        });
    AtomicBoolean served = new AtomicBoolean();
    new IdempotencyFilter(null, null).doFilter(request, response, (req, resp) -> served.set(true));
    assertFalse(served.get(), "not done under either key");
    assertEquals(400, status.get());
    JsonNode problem = new ObjectMapper().readTree(body.toByteArray());
    assertEquals("https://aspnet.unesco.org/problems/validation", problem.path("type").asText());
    assertEquals("Idempotency-Key", problem.path("errors").get(0).path("field").asText(), problem.toString());
    assertEquals("is given more than once", problem.path("errors").get(0).path("message").asText());
  }

  /** A sign-in spelled otherwise is still a sign-in, whose answer (a session) is never kept. */
  @Test
  void aPathThatCarriesAPasswordIsKnownHoweverItIsSpelled() {
    for (String uri : new String[] {"/api/v1/auth/login", "/api/v1/auth;x=1/login", "/api/v1/%61uth/login",
        "/api/v1/x/../auth/login/", "/api/v1/accounts;p", "/api;a=|/v1/me/password"}) {
      assertTrue(IdempotencyFilter.carriesAPassword(routedAs("/api/v1/other", uri)), uri);
    }
    // what the container routed counts even when the written path reads otherwise
    assertTrue(IdempotencyFilter.carriesAPassword(routedAs("/api/v1/auth/login", "/api/v1/%zz")));
    assertFalse(IdempotencyFilter.carriesAPassword(routedAs("/api/v1/schools", "/api/v1/schools")));
    assertFalse(IdempotencyFilter.carriesAPassword(routedAs("/api/v1/accounts/7", "/api/v1/accounts/7")));
  }

  /** A request the container routed to {@code routed}, written as {@code uri}. */
  private HttpServletRequest routedAs(String routed, String uri) {
    return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRequestURI" -> uri;
          case "getServletPath" -> routed;
          default -> null;
        });
  }
}
