package org.unesco.aspnet.web.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * Runs before every request: adds the security headers and enforces the request body limit (413
 * before reading when Content-Length says so, and while reading for chunked bodies). Under
 * {@code /api/} it also reads the query string before any endpoint does: a malformed one (a stray
 * {@code %}, text that is not UTF-8) is answered 400 here, so that Jetty never throws over it and
 * the client's mistake is not logged as a server error; a parameter given twice is refused with
 * 400, since no endpoint takes one twice and the container would silently keep the first.
 */
// the first filter of every request (the highest ranking runs first): the headers, limits and error
// answers it gives hold for what the filters after it answer too (a 401, a replayed POST)
@Component(service = Filter.class, configurationPid = "org.unesco.aspnet.web", property = "service.ranking:Integer=1000")
@HttpWhiteboardFilterPattern("/*")
@Designate(ocd = RequestGuardFilter.Config.class)
public final class RequestGuardFilter implements Filter {

  @ObjectClassDefinition(name = "ASPnet web", description = "Request limits and response headers")
  public @interface Config {
    @AttributeDefinition(
        description = "Largest request body accepted, in bytes; bigger ones get 413")
    long maxRequestBytes() default 1_048_576;

    @AttributeDefinition(
        description = "Paths (prefixes) that take file uploads, such as imports, with their own limit")
    String[] uploadPaths() default {"/api/v1/imports"};

    @AttributeDefinition(description = "Largest upload accepted on uploadPaths, in bytes")
    long maxUploadBytes() default 268_435_456;

    @AttributeDefinition(description = "Content-Security-Policy sent with every response")
    String contentSecurityPolicy() default
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " form-action 'self'";

    @AttributeDefinition(
        description = "Strict-Transport-Security, sent only on requests that arrived over HTTPS")
    String strictTransportSecurity() default "max-age=31536000; includeSubDomains";
  }

  /** The configuration as read and checked once per change, so that requests never parse it. */
  record Settings(long maxRequestBytes, String[] uploadPaths, long maxUploadBytes, String contentSecurityPolicy,
      String strictTransportSecurity) {
    static final Settings DEFAULTS = new Settings(
        ConfigValues.defaultOf(Config.class, "maxRequestBytes", Long.class),
        ConfigValues.defaultOf(Config.class, "uploadPaths", String[].class),
        ConfigValues.defaultOf(Config.class, "maxUploadBytes", Long.class),
        ConfigValues.defaultOf(Config.class, "contentSecurityPolicy", String.class),
        ConfigValues.defaultOf(Config.class, "strictTransportSecurity", String.class));

    /** {@code config}'s values, each one that is refused replaced by its value in {@code previous}. */
    static Settings of(Config config, Settings previous, ConfigValues values) {
      return new Settings(
          values.get("maxRequestBytes", config::maxRequestBytes, n -> n >= 0, "a number of bytes, 0 or more",
              previous.maxRequestBytes()),
          values.get("uploadPaths", config::uploadPaths, paths -> true, "a list of paths", previous.uploadPaths()),
          values.get("maxUploadBytes", config::maxUploadBytes, n -> n >= 0, "a number of bytes, 0 or more",
              previous.maxUploadBytes()),
          values.get("contentSecurityPolicy", config::contentSecurityPolicy, v -> !v.isBlank(), "a policy",
              previous.contentSecurityPolicy()),
          values.get("strictTransportSecurity", config::strictTransportSecurity, v -> !v.isBlank(), "a header value",
              previous.strictTransportSecurity()));
    }
  }

  private final ConfigValues values;
  private final Logger log;
  private volatile Settings config;

  @Activate
  public RequestGuardFilter(Config config, @Reference(service = LoggerFactory.class) Logger log) {
    this.values = new ConfigValues("org.unesco.aspnet.web", log::warn);
    this.log = log;
    this.config = Settings.of(config, Settings.DEFAULTS, values);
  }

  @Modified
  void modified(Config config) {
    this.config = Settings.of(config, this.config, values);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    Settings c = config;
    // addHeader, not setHeader: nothing set them before us, and it skips a search per header.
    response.addHeader("X-Content-Type-Options", "nosniff");
    response.addHeader("X-Frame-Options", "DENY");
    response.addHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.addHeader("Content-Security-Policy", c.contentSecurityPolicy());
    response.addHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    response.addHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.addHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (request.isSecure()) {
      response.addHeader("Strict-Transport-Security", c.strictTransportSecurity());
    }
    String path = ApiServlet.routedPath(request.getRequestURI());
    if ("TRACE".equals(request.getMethod())) {
      // HttpServlet's doTrace echoes the request's headers back (a page's servlet did): nothing
      // here answers TRACE. 501, not 405: a 405 must name the methods the path serves in Allow
      // (RFC 9110), which only its servlet knows, and no path serves TRACE
      Json.writeProblem(request, response, new ProblemException(501, ProblemException.TYPE_BASE + "not-implemented",
          "Not implemented", "TRACE is not implemented on this platform"));
      return;
    }
    if (path.startsWith("/api/")) {
      ProblemException refused = queryProblem(request.getQueryString());
      if (refused != null) {
        Json.writeProblem(request, response, refused);
        return;
      }
    }
    long max = c.maxRequestBytes();
    for (String upload : c.uploadPaths()) {
      if (path.startsWith(upload)) {
        max = c.maxUploadBytes();
        break;
      }
    }
    if (request.getContentLengthLong() > max) {
      Json.writeProblem(request, response, tooLarge(max));
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, max), response);
    } catch (IOException e) {
      if (clientGone(e)) {
        // the client hung up while its answer was being written: nobody to answer, no server fault
        log.debug("{} {}: the client left before its answer was written ({})", request.getMethod(), path, e);
        return;
      }
      throw e;
    } catch (RuntimeException e) {
      // Jetty's refusal of what the client sent (a form body that is not UTF-8, say), raised in an
      // endpoint: answered here, since past this filter Felix logs it as a server error.
      ProblemException refused = ErrorPageServlet.containerProblem(e, path, request.getMethod());
      if (refused == null) {
        // A lock wait or a deadlock: answered here too, so that Jetty does not log a stack trace
        // for what is no bug.
        refused = ErrorPageServlet.databaseProblem(e, path, request.getMethod(), log);
      }
      if (refused == null || response.isCommitted()) {
        throw e;
      }
      response.setHeader("Content-Disposition", null); // an export's file name: the problem is no file
      ErrorPageServlet.write(request, response, refused);
    } catch (Error e) {
      // A class missing from a bundle (NoClassDefFoundError), a failed assertion: the whiteboard's
      // error page gets exceptions only, and Jetty answered its own HTML page naming the class. Not
      // a VM error (out of memory): nothing sensible to answer then.
      if (e instanceof VirtualMachineError || response.isCommitted()) {
        throw e;
      }
      String incident = java.util.UUID.randomUUID().toString();
      log.error("Incident {}: {} {} failed", incident, request.getMethod(), path, e);
      response.resetBuffer();
      response.setHeader("Content-Disposition", null);
      ErrorPageServlet.write(request, response, ErrorPageServlet.internalError(incident));
    }
  }

  /** Whether {@code e} says the client closed the connection (Jetty's EofException, a reset or broken pipe). */
  static boolean clientGone(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t.getClass().getSimpleName().equals("EofException") || message.contains("Broken pipe")
          || message.contains("Connection reset by peer")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What is wrong with {@code query}, or null: what {@link #parameters} refuses. Read by hand, as
   * Jetty reads it ({@code +} is a space), without asking the request for its parameters: that
   * would read a form body, and throw over a malformed query.
   */
  static ProblemException queryProblem(String query) {
    try {
      parameters(query);
      return null;
    } catch (ProblemException refused) {
      return refused;
    }
  }

  /**
   * The parameters of {@code query}, decoded, by name in their order ({@code a} alone has the value
   * ""); a name-less pair is left out. Throws 400 when the query is malformed (a {@code %} not
   * followed by two hex digits, or escapes that are not UTF-8), 400 naming a parameter given more
   * than once. The one reading of a query string: this filter's check and {@code
   * ApiServlet.queryParameters}.
   */
  public static java.util.Map<String, String> parameters(String query) {
    java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
    if (query == null) {
      return parameters;
    }
    for (int start = 0, n = query.length(); start < n; ) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      int equals = query.indexOf('=', start);
      if (equals < 0 || equals > end) {
        equals = end;
      }
      String name = decode(query, start, equals);
      String value = equals < end ? decode(query, equals + 1, end) : "";
      if (name == null || value == null) {
        throw ProblemException.badRequest(MALFORMED_QUERY);
      }
      if (!name.isEmpty() && parameters.putIfAbsent(name, value) != null) {
        throw ProblemException.validation(name, "is given more than once");
      }
      start = end + 1;
    }
    return parameters;
  }

  static final String MALFORMED_QUERY = "The request could not be read: its query string is malformed (a % must be"
      + " followed by two hex digits, and text must be UTF-8)";

  /** {@code s[from, to)} percent-decoded as UTF-8, {@code +} read as a space; null if malformed. */
  static String decode(String s, int from, int to) {
    StringBuilder out = null;
    byte[] bytes = null;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c != '%' && c != '+') {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(to - from).append(s, from, i);
      }
      if (c == '+') {
        out.append(' ');
        i++;
        continue;
      }
      if (bytes == null) {
        bytes = new byte[(to - i) / 3];
      }
      int count = 0;
      while (i < to && s.charAt(i) == '%') {
        int high = i + 2 < to ? hex(s.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : hex(s.charAt(i + 2));
        if (low < 0) {
          return null;
        }
        bytes[count++] = (byte) (high << 4 | low);
        i += 3;
      }
      try {
        out.append(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, count)));
      } catch (CharacterCodingException notUtf8) {
        return null;
      }
    }
    return out == null ? s.substring(from, to) : out.toString();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static ProblemException tooLarge(long max) {
    return new ProblemException(
        413,
        ProblemException.TYPE_BASE + "payload-too-large",
        "Request too large",
        "The request body is larger than the limit of " + max + " bytes");
  }

  /** Counts what the endpoint reads and stops at the limit, for bodies of unknown length. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream(), max);
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long count;

    LimitedInputStream(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(int n) {
      count += n;
      if (count > max) {
        throw tooLarge(max);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
