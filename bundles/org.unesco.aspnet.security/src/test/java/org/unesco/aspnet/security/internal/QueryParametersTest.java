package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.web.ApiServlet;

/**
 * The query parameters of {@code /api/v1/roles}, {@code /api/v1/accounts} and {@code /api/v1/me}
 * are checked as the other lists check theirs, before anything is read: the servlets here have no
 * store, and a request that got past the checks would fail on it.
 */
class QueryParametersTest {
  private static final Principal HQ = new Principal("hq", "hq@example.org", "HQ", "en", List.of(Grant.global(Role.HQ_OFFICER)));

  /** A GET with {@code query} (already encoded, as sent), from {@code who}. */
  private static HttpServletRequest get(String query, Principal who) {
    return (HttpServletRequest) Proxy.newProxyInstance(QueryParametersTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getMethod" -> "GET";
          case "getQueryString" -> query;
          case "getParameter" -> parameter(query, (String) args[0]);
          case "getAttribute" -> args[0].equals(ApiServlet.PRINCIPAL_ATTRIBUTE) ? who : null;
          case "getLocale" -> Locale.ENGLISH;
          default -> null;
        });
  }

  private static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      String[] nameAndValue = pair.split("=", 2);
      if (nameAndValue[0].equals(name)) {
        return nameAndValue.length == 1 ? "" : URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private interface Get {
    void from(HttpServletRequest request) throws Exception;
  }

  private static List<FieldError> refused(Get servlet, String query) {
    ProblemException p = assertThrows(ProblemException.class, () -> servlet.from(get(query, HQ)), query);
    assertEquals(400, p.status(), query);
    assertEquals("https://aspnet.unesco.org/problems/validation", p.type(), query);
    return p.errors();
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  private static final Get ROLES = r -> new RolesServlet(null, new PolicyAuthorizer(), null).doGet(r, null);
  private static final Get ACCOUNTS = r -> ManagedAccountsServlet.list(r, null, null, new PolicyAuthorizer());

  @Test
  void aCursorTheListDidNotMakeIsRefused() {
    for (String cursor : new String[] {"abc", "-5", "7", "%D9%A7"}) {
      List<FieldError> roles = refused(ROLES, "cursor=" + cursor);
      assertEquals(List.of(new FieldError("cursor", "is not a cursor of this list")), roles, cursor);
    }
    for (String cursor : new String[] {"abc", "-5", "ABC%40EXAMPLE.ORG"}) {
      assertEquals(List.of(new FieldError("cursor", "is not a cursor of this list")), refused(ACCOUNTS, "cursor=" + cursor), cursor);
    }
  }

  @Test
  void aSchoolIsANumberWrittenWithTheDigitsZeroToNine() {
    for (String school : new String[] {"%D9%A7", "%EF%BC%97", "-1", "%2B7", "0", "x"}) {
      List<FieldError> errors = refused(ROLES, "school=" + school);
      assertEquals(List.of("school"), fields(errors), school);
      assertEquals(school.startsWith("%D9") || school.startsWith("%EF") ? "must be a school id (a whole number above 0), written with the digits 0 to 9"
          : "must be a school id (a whole number above 0)", errors.get(0).message(), school);
    }
  }

  @Test
  void everyParameterErrorComesBackInOne400() {
    assertEquals(List.of("role", "school", "limit"), fields(refused(ROLES, "limit=abc&country=ZZ&role=X&school=x")));
    assertEquals(List.of("country", "role", "school", "limit", "cursor"),
        fields(refused(ROLES, "limit=0&country=France&role=X&school=-1&cursor=abc")));
    assertEquals(List.of("disabled", "role", "notSignedInSince", "limit"),
        fields(refused(ACCOUNTS, "limit=abc&disabled=x&role=X&notSignedInSince=x")));
    assertEquals(List.of("limit", "cursor"), fields(refused(ACCOUNTS, "limit=101&cursor=abc")));
  }

  @Test
  void meRefusesAParameterItDoesNotTake() {
    List<FieldError> errors = refused(r -> new MeServlet().doGet(r, null), "foo=1");
    assertEquals(List.of("foo"), fields(errors));
    assertEquals("is not a parameter", errors.get(0).message());
  }
}
