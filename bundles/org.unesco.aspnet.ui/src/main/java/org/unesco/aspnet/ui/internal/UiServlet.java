package org.unesco.aspnet.ui.internal;

import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.ConfigValues;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.Revisions;

/**
 * The web UI: the files under {@code static/} of this bundle, {@code /ui/config.json} (what the
 * page needs from the configuration), and {@code index.html} for every other address without a
 * file extension (the app's own routes: {@code /schools}, {@code /schools/42}, {@code /map}...).
 * Ranks above web's placeholder page. Each file carries a strong ETag and is sent gzipped when the
 * browser accepts it. The page ({@code index.html}, revalidated on each load) names its files under
 * {@code /v/<version>/} ({@link StaticVersion}), which a browser keeps for a year without asking
 * again: on a slow connection a repeat visit makes one round trip for the page instead of a chain of
 * revalidations (the page, then its scripts, then the modules and texts they load). A file asked for
 * without a version is still served, revalidated on each load ({@code vendor/} cached for a day).
 */
@Component(service = Servlet.class, configurationPid = "org.unesco.aspnet.ui", property = "service.ranking:Integer=10")
@HttpWhiteboardServletPattern("/")
@Designate(ocd = UiServlet.Config.class)
public final class UiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @ObjectClassDefinition(name = "ASPnet web UI", description = "Map tiles and UI defaults")
  public @interface Config {
    @AttributeDefinition(description = "Tile URL template of the map ({z}, {x}, {y}, optional {s}); empty: no tiles, markers only")
    String tileUrl() default "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    @AttributeDefinition(description = "Attribution shown on the map, as plain text")
    String tileAttribution() default "© OpenStreetMap contributors";

    @AttributeDefinition(description = "Highest zoom level of the tile source, from 0 to 24")
    int tileMaxZoom() default 19;

    @AttributeDefinition(description = "Language of the UI when the browser asks for none we have (en, fr, es, de)")
    String defaultLanguage() default "en";
  }

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html;charset=utf-8"),
      Map.entry("js", "text/javascript;charset=utf-8"),
      Map.entry("css", "text/css;charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("txt", "text/plain;charset=utf-8"));

  private record Asset(byte[] plain, byte[] gzip, String type, String etag) {}

  private final transient Map<String, Asset> assets = new ConcurrentHashMap<>();

  /** Where the page asks for its files: {@code /v/<version>/<file>}. */
  static final String VERSIONED = "/v/";
  /** What the files under today's version may be kept for: they never change under that address. */
  static final String KEPT_FOR_A_YEAR = "public, max-age=31536000, immutable";
  /** A file the page names by an absolute path: {@code src="/app.js"}, {@code href="/style.css"}. */
  private static final java.util.regex.Pattern PAGE_FILE =
      java.util.regex.Pattern.compile("(src|href)=\"/([A-Za-z0-9][A-Za-z0-9._/-]*\\.(?:js|css|svg|png|ico))\"");
  private transient volatile String version;
  private volatile WrittenConfig config;

  /** The UI's languages: a default outside them would leave the page without its texts. */
  static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "fr", "es", "de");

  /**
   * What {@code /ui/config.json} says, as the page reads it (a record writes its members in this
   * order). A value that is refused keeps its predecessor, the default at first.
   */
  record Settings(String tileUrl, String tileAttribution, int tileMaxZoom, String defaultLanguage) {
    static final Settings DEFAULTS = new Settings(
        ConfigValues.defaultOf(Config.class, "tileUrl", String.class),
        ConfigValues.defaultOf(Config.class, "tileAttribution", String.class),
        ConfigValues.defaultOf(Config.class, "tileMaxZoom", Integer.class),
        ConfigValues.defaultOf(Config.class, "defaultLanguage", String.class));

    static Settings of(Config c, Settings previous, ConfigValues values) {
      return new Settings(
          values.get("tileUrl", c::tileUrl,
              v -> v.isEmpty() || v.contains("{z}") && v.contains("{x}") && (v.contains("{y}") || v.contains("{-y}")),
              "empty or a URL template with {z}, {x} and {y} (or {-y})", previous.tileUrl()),
          values.get("tileAttribution", c::tileAttribution, v -> v.length() <= 500,
              "plain text of at most 500 characters", previous.tileAttribution()),
          values.get("tileMaxZoom", c::tileMaxZoom, z -> z >= 0 && z <= 24, "a zoom level from 0 to 24",
              previous.tileMaxZoom()),
          values.get("defaultLanguage", c::defaultLanguage, LANGUAGES::contains,
              "one of " + String.join(", ", new java.util.TreeSet<>(LANGUAGES)), previous.defaultLanguage()));
    }
  }

  private final transient ConfigValues values;
  private volatile Settings settings = Settings.DEFAULTS;

  @Activate
  public UiServlet(Config config, @Reference(service = LoggerFactory.class) Logger log) {
    this.values = new ConfigValues("org.unesco.aspnet.ui", log::warn);
    modified(config);
  }

  @Modified
  void modified(Config c) {
    settings = Settings.of(c, settings, values);
  }

  /**
   * {@code /ui/config.json}: the settings as the UI reads them, written on the first request for
   * them rather than at activation, which the whiteboard waits for at start.
   */
  private Asset config() throws IOException {
    Settings now = settings;
    WrittenConfig c = config;
    if (c == null || c.from() != now) {
      c = new WrittenConfig(now, asset(Json.MAPPER.writeValueAsBytes(now), TYPES.get("json")));
      config = c;
    }
    return c.asset();
  }

  private record WrittenConfig(Settings from, Asset asset) {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    if (path.startsWith("/api/")) {
      Json.writeProblem(request, response, ProblemException.notFound("There is nothing at " + path));
      return;
    }
    if (path.equals("/ui/config.json")) {
      send(request, response, config(), "no-cache");
      return;
    }
    if (path.startsWith(VERSIONED)) {
      sendVersioned(request, response, path);
      return;
    }
    String file = path.equals("/") ? "index.html" : path.substring(1);
    Asset asset = load(file);
    if (asset == null) {
      if (file.substring(file.lastIndexOf('/') + 1).contains(".")) {
        Json.writeProblem(request, response, ProblemException.notFound("There is nothing at " + path));
        return;
      }
      asset = load("index.html"); // one of the app's own addresses: the app routes it
    }
    send(request, response, asset, file.startsWith("vendor/") ? "public, max-age=86400" : "no-cache");
  }

  /**
   * {@code /v/<version>/<file>}: under today's version, kept for a year; under another (a page
   * still open from before an upgrade), today's file, revalidated on each load. Never the app's
   * page: an address under {@code /v/} is a file or nothing.
   */
  private void sendVersioned(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
    int slash = path.indexOf('/', VERSIONED.length());
    String file = slash < 0 ? "" : path.substring(slash + 1);
    Asset asset = file.isEmpty() || file.equals("index.html") ? null : load(file);
    if (asset == null) {
      Json.writeProblem(request, response, ProblemException.notFound("There is nothing at " + path));
      return;
    }
    boolean today = path.substring(VERSIONED.length(), slash).equals(version());
    send(request, response, asset, today ? KEPT_FOR_A_YEAR : "no-cache");
  }

  /** The version of the UI's files, read on the first page asked for (not at activation, which the start waits for). */
  String version() {
    String v = version;
    if (v == null) {
      v = StaticVersion.of(UiServlet.class);
      version = v;
    }
    return v;
  }

  /** A file under {@code static/}, read once; null when there is none (or the path climbs out with ".."). */
  private Asset load(String file) throws IOException {
    if (file.contains("..")) {
      return null;
    }
    Asset cached = assets.get(file);
    if (cached != null) {
      return cached;
    }
    URL url = UiServlet.class.getResource("/static/" + file);
    String extension = file.substring(file.lastIndexOf('.') + 1);
    if (url == null || file.endsWith("/") || !TYPES.containsKey(extension)) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readAllBytes();
    }
    if (file.equals("index.html")) {
      bytes = PAGE_FILE.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
          .replaceAll("$1=\"" + VERSIONED + version() + "/$2\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    Asset asset = asset(bytes, TYPES.get(extension));
    assets.put(file, asset);
    return asset;
  }

  private static Asset asset(byte[] bytes, String type) throws IOException {
    byte[] gzip = null;
    if (!type.startsWith("image/png") && bytes.length > 512) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(bytes);
      }
      gzip = out.toByteArray();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
      return new Asset(bytes, gzip, type, etag);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpServletRequest request, HttpServletResponse response, Asset asset, String cache)
      throws IOException {
    response.setHeader("ETag", asset.etag());
    response.setHeader("Cache-Control", cache);
    response.setHeader("Vary", "Accept-Encoding");
    if (Revisions.notModified(request, asset.etag())) {
      response.setStatus(304);
      return;
    }
    response.setContentType(asset.type());
    String accept = request.getHeader("Accept-Encoding");
    byte[] body = asset.plain();
    if (asset.gzip() != null && accept != null && accept.contains("gzip")) {
      response.setHeader("Content-Encoding", "gzip");
      body = asset.gzip();
    }
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
  }
}
