package org.unesco.aspnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;

class RevisionsTest {

  @Test
  void theRevisionOfAnEtagAsSentStrongWeakOrCompressed() {
    assertEquals(7, Revisions.expected(ifMatch(Revisions.etag(7))));
    assertEquals(7, Revisions.expected(ifMatch("W/\"7\"")));
    // Jetty's gzip handler marks the ETag of a compressed answer; a browser sends that back
    assertEquals(7, Revisions.expected(ifMatch("\"7--gzip\"")));
    assertEquals(12, Revisions.expected(ifMatch(" \"12--gzip\" ")));
    // an ETag is compared as text: "05" or "+5" is not "5"
    for (String other : new String[] {"\"05\"", "\"+5\"", "\"٥\"", "\"99999999999\"", "\"2147483648\""}) {
      assertEquals(412, assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch(other))).status(), other);
    }
  }

  @Test
  void noIfMatchIs428AndAForeignTagIs412() {
    assertEquals(428, assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch(null))).status());
    assertNull(Revisions.expectedIfPresent(ifMatch(" ")));
    assertEquals(412, assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch("\"abc\""))).status());
    ProblemException list = assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch("\"1\", \"7\"")));
    assertEquals(412, list.status());
    assertTrue(list.detail().contains("send the one ETag you read"), list.detail());
    assertEquals(412, assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch("\"7--br\""))).status());
    assertEquals(412, assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch("\"--gzip\""))).status());
  }

  @Test
  void aWildcardNamesNoRevisionAndIs428() {
    // "*" would match whatever revision is current: the lost update If-Match is there to stop
    ProblemException e = assertThrows(ProblemException.class, () -> Revisions.expected(ifMatch("*")));
    assertEquals(428, e.status());
    assertEquals(428, assertThrows(ProblemException.class, () -> Revisions.expectedIfPresent(ifMatch(" * "))).status());
  }

  @Test
  void ifNoneMatchNamesTheEtagAsABrowserSendsIt() {
    String etag = "\"1a2b-3c\"";
    assertTrue(Revisions.notModified(header("If-None-Match", etag), etag));
    assertTrue(Revisions.notModified(header("If-None-Match", "W/\"1a2b-3c\""), etag));
    assertTrue(Revisions.notModified(header("If-None-Match", "\"1a2b-3c--gzip\""), etag), "as compressed");
    assertTrue(Revisions.notModified(header("If-None-Match", "\"x\", \"1a2b-3c\""), etag), "one of a list");
    assertTrue(Revisions.notModified(header("If-None-Match", "*"), etag));
    assertFalse(Revisions.notModified(header("If-None-Match", "\"1a2b-3d\""), etag));
    assertFalse(Revisions.notModified(header("If-None-Match", null), etag));
  }

  private static HttpServletRequest header(String name, String value) {
    return (HttpServletRequest) Proxy.newProxyInstance(
        RevisionsTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getHeader") && name.equals(args[0]) ? value : null);
  }

  private static HttpServletRequest ifMatch(String value) {
    return header("If-Match", value);
  }
}
