package org.unesco.aspnet.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The static files, the app's addresses, caching and compression of {@link UiServlet}. */
class UiServletTest {

  /** What a response received. */
  static final class Sent {
    int status = 200;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    String contentType;
  }

  static Sent get(UiServlet servlet, String path, String... headers) throws Exception {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
        UiServletTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
          case "getRequestURI" -> path;
          case "getMethod" -> "GET";
          case "getHeader" -> h.get((String) a[0]);
          default -> m.getReturnType() == boolean.class ? Boolean.FALSE : m.getReturnType() == int.class ? Integer.valueOf(0) : null;
        });
    Sent sent = new Sent();
    ServletOutputStream out = new ServletOutputStream() {
      @Override public void write(int b) { sent.body.write(b); }
      @Override public boolean isReady() { return true; }
      @Override public void setWriteListener(WriteListener l) {}
    };
    HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
        UiServletTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "setHeader", "addHeader" -> sent.headers.put((String) a[0], (String) a[1]);
            case "setStatus" -> sent.status = (Integer) a[0];
            case "setContentType" -> sent.contentType = (String) a[0];
            case "getOutputStream" -> { return out; }
            default -> { }
          }
          return m.getReturnType() == boolean.class ? Boolean.FALSE : m.getReturnType() == int.class ? Integer.valueOf(0) : null;
        });
    servlet.doGet(request, response);
    return sent;
  }

  static UiServlet servlet() {
    return new UiServlet(new UiServlet.Config() {
      @Override public Class<? extends Annotation> annotationType() { return UiServlet.Config.class; }
      @Override public String tileUrl() { return "https://tiles.example.org/{z}/{x}/{y}.png"; }
      @Override public String tileAttribution() { return "© Example"; }
      @Override public int tileMaxZoom() { return 17; }
      @Override public String defaultLanguage() { return "fr"; }
    }, (org.osgi.service.log.Logger) java.lang.reflect.Proxy.newProxyInstance(UiServletTest.class.getClassLoader(),
        new Class<?>[] {org.osgi.service.log.Logger.class}, (proxy, method, args) -> null));
  }

  @Test
  void theAppsAddressesAnswerTheAppAndFilesAnswerThemselves() throws Exception {
    UiServlet s = servlet();
    String index = get(s, "/").body.toString(StandardCharsets.UTF_8);
    assertTrue(index.contains("<script type=\"module\" src=\"/v/" + s.version() + "/app.js\">"), index);
    assertTrue(index.contains("href=\"/v/" + s.version() + "/style.css\""), index);
    for (String route : new String[] {"/schools", "/schools/42", "/map", "/campaigns/trash-hack-2026", "/console/nc"}) {
      assertEquals(index, get(s, route).body.toString(StandardCharsets.UTF_8), route);
    }
    Sent js = get(s, "/app.js");
    assertTrue(js.contentType.startsWith("text/javascript"), js.contentType);
    assertEquals("no-cache", js.headers.get("Cache-Control"));
    assertEquals("public, max-age=86400", get(s, "/vendor/leaflet/leaflet.css").headers.get("Cache-Control"));
  }

  @Test
  void thePagesFilesUnderTodaysVersionAreKeptForAYearAndAnyOtherIsAskedAgain() throws Exception {
    UiServlet s = servlet();
    String v = s.version();
    assertEquals(v, s.version(), "one version for the run");
    Sent kept = get(s, "/v/" + v + "/app.js");
    assertEquals(200, kept.status);
    assertEquals("public, max-age=31536000, immutable", kept.headers.get("Cache-Control"));
    assertArrayEquals(get(s, "/app.js").body.toByteArray(), kept.body.toByteArray(), "the same file");
    assertEquals("public, max-age=31536000, immutable", get(s, "/v/" + v + "/i18n/fr.json").headers.get("Cache-Control"));
    assertEquals("public, max-age=31536000, immutable", get(s, "/v/" + v + "/vendor/leaflet/leaflet.js").headers.get("Cache-Control"));
    // a page still open from before an upgrade gets today's file, not kept
    Sent older = get(s, "/v/0ld" + v + "/app.js");
    assertEquals(200, older.status);
    assertEquals("no-cache", older.headers.get("Cache-Control"));
    // under /v/ a file or nothing: never the app's page
    assertEquals(404, get(s, "/v/" + v + "/schools").status);
    assertEquals(404, get(s, "/v/" + v + "/index.html").status);
    assertEquals(404, get(s, "/v/" + v + "/nothing.js").status);
    assertEquals(404, get(s, "/v/" + v + "/../secret.txt").status);
    assertEquals(404, get(s, "/v/" + v).status);
  }

  @Test
  void theVersionFollowsTheFilesNamesAndBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path a = java.nio.file.Files.writeString(dir.resolve("a.js"), "export const a = 1;");
    java.nio.file.Path b = java.nio.file.Files.writeString(dir.resolve("b.css"), "p { color: red }");
    String first = StaticVersion.of(Map.of("a.js", a.toUri().toURL(), "b.css", b.toUri().toURL()));
    assertEquals(first, StaticVersion.of(Map.of("b.css", b.toUri().toURL(), "a.js", a.toUri().toURL())), "in any order");
    assertTrue(!first.equals(StaticVersion.of(Map.of("a2.js", a.toUri().toURL(), "b.css", b.toUri().toURL()))), "a file renamed");
    java.nio.file.Files.writeString(b, "p { color: blue }");
    assertTrue(!first.equals(StaticVersion.of(Map.of("a.js", a.toUri().toURL(), "b.css", b.toUri().toURL()))), "a file changed");
    // with nothing to read (no bundle, no folder) a version of the run only: never one that outlives a change
    assertTrue(!StaticVersion.of(String.class).equals(StaticVersion.of(String.class)));
    assertEquals(StaticVersion.of(UiServlet.class), StaticVersion.of(UiServlet.class), "the UI's own files are read");
  }

  @Test
  void aMissingFileIsNotFoundNotTheApp() throws Exception {
    UiServlet s = servlet();
    assertEquals(404, statusOf(get(s, "/nothing.js")));
    assertEquals(404, statusOf(get(s, "/../secret.txt")));
  }

  @Test
  void anUnchangedFileIs304AndCompressedWhenAccepted() throws Exception {
    UiServlet s = servlet();
    Sent first = get(s, "/app.js");
    String etag = first.headers.get("ETag");
    assertEquals(304, get(s, "/app.js", "If-None-Match", etag).status);
    Sent gz = get(s, "/app.js", "Accept-Encoding", "gzip, br");
    assertEquals("gzip", gz.headers.get("Content-Encoding"));
    assertTrue(gz.body.size() < first.body.size() / 2, gz.body.size() + " of " + first.body.size());
    assertArrayEquals(first.body.toByteArray(), new GZIPInputStream(new ByteArrayInputStream(gz.body.toByteArray())).readAllBytes());
  }

  @Test
  void theConfigurationReachesThePage() throws Exception {
    String config = get(servlet(), "/ui/config.json").body.toString(StandardCharsets.UTF_8);
    assertTrue(config.contains("\"tileUrl\":\"https://tiles.example.org/{z}/{x}/{y}.png\""), config);
    assertTrue(config.contains("\"tileMaxZoom\":17"), config);
    assertTrue(config.contains("\"defaultLanguage\":\"fr\""), config);
  }

  /** Problems are written by web's Json, which sets the status on the response. */
  private static int statusOf(Sent sent) {
    return sent.status;
  }
}
