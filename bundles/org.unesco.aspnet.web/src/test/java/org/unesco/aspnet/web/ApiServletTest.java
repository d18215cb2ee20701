package org.unesco.aspnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

/** Path ids and content negotiation as every endpoint reads them. */
class ApiServletTest {
  @Test
  void anIdHasOneSpelling() {
    assertEquals(7L, ApiServlet.pathId("7", "school"));
    assertEquals(123456789012L, ApiServlet.pathId("123456789012", "school"));
    for (String other : new String[] {"07", "+7", "-7", "0", "\uff17", "\u0667", "7 ", "", "1e3", "99999999999999999999"}) {
      ProblemException p = assertThrows(ProblemException.class, () -> ApiServlet.pathId(other, "school"), other);
      assertEquals(404, p.status());
      assertEquals("There is no school " + other, p.detail());
    }
  }

  @Test
  void aNumberInAParameterIsWrittenInTheDigits0To9() {
    assertEquals(10L, ApiServlet.wholeNumber("10"));
    assertEquals(10L, ApiServlet.wholeNumber(" 10 "));
    assertEquals(0L, ApiServlet.wholeNumber("0"));
    for (String other : new String[] {"\u0661\u0660", "\uff11\uff10", "\u0967", "+10", "-1", "1e1", "0x10", "", " ", "1 0",
        "9999999999999999999", null}) {
      assertNull(ApiServlet.wholeNumber(other), other);
    }
    assertEquals(50, ApiServlet.intParameter(query("limit", "50"), "limit", 20, 1, 500));
    assertEquals(20, ApiServlet.intParameter(query("limit", null), "limit", 20, 1, 500));
    ProblemException p = assertThrows(ProblemException.class,
        () -> ApiServlet.intParameter(query("limit", "\u0661\u0660"), "limit", 20, 1, 500), "Arabic-Indic 10");
    assertEquals(400, p.status());
    assertEquals("limit", p.errors().get(0).field());
    assertEquals("must be a whole number from 1 to 500, written with the digits 0 to 9", p.errors().get(0).message());
    p = assertThrows(ProblemException.class, () -> ApiServlet.intParameter(query("limit", "0"), "limit", 20, 1, 500));
    assertEquals("must be a whole number from 1 to 500", p.errors().get(0).message());
    assertEquals(20, ApiServlet.intParameter(query("limit", ""), "limit", 20, 1, 500), "?limit= is absent");
    // written as the platform writes it: blanks around it and a leading zero are refused as a '+' is
    for (String other : new String[] {" 5", "5 ", "\t5", " ", "05", "+5", "00"}) {
      p = assertThrows(ProblemException.class, () -> ApiServlet.intParameter(query("limit", other), "limit", 20, 1, 500), other);
      assertEquals(400, p.status(), other);
      assertEquals("limit", p.errors().get(0).field(), other);
      assertEquals("must be a whole number from 1 to 500", p.errors().get(0).message(), other);
    }
    p = assertThrows(ProblemException.class, () -> ApiServlet.idParameter("school", "\uff17"));
    assertEquals("school", p.errors().get(0).field());
    assertEquals("must be a school id (a whole number above 0), written with the digits 0 to 9", p.errors().get(0).message());
    assertEquals(7L, ApiServlet.idParameter("school", "7"));
    // written as ids in paths are: one school, one spelling
    for (String other : new String[] {" 7", "7 ", "07", "+7", "0", "-1", "", " "}) {
      p = assertThrows(ProblemException.class, () -> ApiServlet.idParameter("school", other), other);
      assertEquals("school", p.errors().get(0).field(), other);
      assertEquals("must be a school id (a whole number above 0)", p.errors().get(0).message(), other);
    }
  }

  /** The path a servlet is chosen by, however the request spelled it. */
  @Test
  void theRoutedPathIsThePathJettyServes() {
    assertEquals("/api/v1/auth/login", ApiServlet.routedPath("/api/v1/auth;jsessionid=1/login;x"));
    assertEquals("/api/v1/auth/login", ApiServlet.routedPath("/api;x=1/v1/%61uth/login"));
    assertEquals("/api/v1/schools", ApiServlet.routedPath("/x/../api/v1/schools"));
    assertEquals("/api/v1/schools/", ApiServlet.routedPath("/api/v1/schools/"));
    assertEquals("/api/v1/a|b", ApiServlet.routedPath("/api/v1;p=1/a|b"), "a URI that does not parse keeps its spelling");
  }

  /** A request whose query has {@code name} with {@code value} (or not, when null). */
  private static jakarta.servlet.http.HttpServletRequest query(String name, String value) {
    return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
        ApiServletTest.class.getClassLoader(), new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getParameter") && name.equals(args[0]) ? value : null);
  }

  @Test
  void theStatedLanguageIsTheFirstThatNamesALanguage() {
    assertEquals(java.util.Locale.FRENCH, ApiServlet.statedLanguage(header("zz, fr;q=0.5")));
    assertEquals(java.util.Locale.GERMAN, ApiServlet.statedLanguage(header("*, de;q=0.5")));
    assertEquals(java.util.Locale.forLanguageTag("es-mx"), ApiServlet.statedLanguage(header("en;q=0.4, es-MX;q=0.9")));
    assertEquals(java.util.Locale.JAPANESE, ApiServlet.statedLanguage(header("ja, fr;q=0.5")), "a language the bundle may not write");
    assertEquals(java.util.Locale.forLanguageTag("fil"), ApiServlet.statedLanguage(header("fil")));
    assertNull(ApiServlet.statedLanguage(header("zz")));
    assertNull(ApiServlet.statedLanguage(header("fr;q=0")));
    assertNull(ApiServlet.statedLanguage(header("-")));
  }

  /** A request with {@code Accept-Language: value} and no query. */
  private static jakarta.servlet.http.HttpServletRequest header(String value) {
    return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
        ApiServletTest.class.getClassLoader(), new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getHeader") && "Accept-Language".equals(args[0]) ? value : null);
  }

  @Test
  void qualityFollowsTheMostSpecificRange() {
    assertEquals(1.0, ApiServlet.quality("application/json", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("application/json;q=0", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("application/json;q=0, */*", Json.MEDIA_TYPE));
    assertEquals(0.8, ApiServlet.quality("text/html, application/xml;q=0.9, */*;q=0.8", Json.MEDIA_TYPE));
    assertEquals(0.5, ApiServlet.quality("application/*;q=0.5", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/merge-patch+json", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/problem+json", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("application/problem+json;q=0, application/json", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality("text/html", Json.MEDIA_TYPE));
    // ranges with nothing before their parameters match nothing (they were a 500)
    assertEquals(0.0, ApiServlet.quality(";", Json.MEDIA_TYPE));
    assertEquals(0.0, ApiServlet.quality(";;q=1, ,", Json.MEDIA_TYPE));
    assertEquals(0.9, ApiServlet.quality("; q=1, application/json;q=0.9", Json.MEDIA_TYPE));
    assertEquals(1.0, ApiServlet.quality("text/csv", "text/csv"));
    assertEquals(0.0, ApiServlet.quality("*/*;q=0", "text/csv"));
  }

  @Test
  void aTypeIsRefusedOnlyByName() {
    assertEquals(false, ApiServlet.refuses(accept(null), "text/csv"));
    assertEquals(false, ApiServlet.refuses(accept("application/json"), "text/csv"), "JSON named: the path chooses");
    assertEquals(false, ApiServlet.refuses(accept("*/*"), "text/csv;charset=utf-8"));
    assertEquals(false, ApiServlet.refuses(accept("text/csv;q=0.1"), "text/csv"));
    assertEquals(true, ApiServlet.refuses(accept("text/csv;q=0, */*"), "text/csv;charset=utf-8"));
    assertEquals(true, ApiServlet.refuses(accept("application/json, text/*;q=0"), "text/csv"));
    assertEquals(false, ApiServlet.refuses(accept("text/*;q=0, text/csv"), "text/csv"), "the most specific range wins");
    assertEquals(true, ApiServlet.refuses(accept("TEXT/CSV;Q=0, */*"), "text/csv"));
  }

  private static jakarta.servlet.http.HttpServletRequest accept(String value) {
    return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
        ApiServletTest.class.getClassLoader(), new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getHeader") && "Accept".equals(args[0]) ? value : null);
  }
}
