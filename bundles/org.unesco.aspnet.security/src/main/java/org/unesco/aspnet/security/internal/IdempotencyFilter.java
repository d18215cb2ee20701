package org.unesco.aspnet.security.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * A POST sent again with the same {@code Idempotency-Key} header (the IETF httpapi draft) is done
 * once: the answer the first one got is kept for 24 hours and given again, marked {@code
 * Idempotent-Replayed: true}. A teacher whose answer was lost on a slow connection, and who presses
 * Send again, gets "received" instead of a second school or a second campaign (docs/api.md).
 *
 * <p>Keys belong to whoever sends them (an account, or the public). Only successful answers are
 * kept: a 4xx wrote nothing, so doing it again is safe, and a 5xx may go better next time. A key
 * sent with another request (method, path, query, type or body) is a 422; one whose first request
 * is still running a 409. Answers marked {@code Cache-Control: no-store} are not kept (a new API
 * token, a webhook's secret, a link: secrets stay out of the table), nor are requests that carry a
 * password, whose body even hashed must not be stored.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=50") // after authentication (100)
@HttpWhiteboardFilterPattern("/api/*")
public final class IdempotencyFilter implements Filter {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final Duration KEPT = Duration.ofHours(24);
  /** A first request still marked running after this is taken to have died with its node. */
  static final Duration ABANDONED = Duration.ofMinutes(10);
  /** Bodies up to this size count in the fingerprint; a larger upload (an import) by its length. */
  static final int FINGERPRINTED_BODY_MAX = 1 << 20;
  /** The largest answer kept, in characters (the column holds twice that in UTF-16 units' bytes). */
  static final int KEPT_ANSWER_MAX = 16_000;
  /** Where the body carries a password: not even its hash is stored. */
  private static final Set<String> CREDENTIAL_PATHS = Set.of(AuthenticationFilter.LOGIN_PATH, "/api/v1/accounts",
      "/api/v1/invitations/accept", "/api/v1/password-resets/accept", "/api/v1/me/password");

  private final SecurityStore store;
  private final AtomicLong lastSweep = new AtomicLong();

  @Activate
  public IdempotencyFilter(@Reference SecurityStore store) {
    this.store = store;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    String key = request.getHeader(HEADER);
    if (key == null || !"POST".equals(request.getMethod()) || CREDENTIAL_PATHS.contains(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    try {
      if (!validKey(key)) {
        throw ProblemException.validation(HEADER, "must be 1 to 200 visible ASCII characters, such as a UUID");
      }
      Principal me = ApiServlet.principal(request);
      String scope = me.isAnonymous() ? "-" : me.accountId();
      byte[] body = readSmallBody(request);
      String fingerprint = fingerprint(request, body);
      sweepNowAndThen();
      Optional<Kept> kept = claim(scope, key, fingerprint);
      if (kept.isPresent()) {
        replay(kept.get(), response);
        return;
      }
      HttpServletRequest again = body == null ? request : new BufferedRequest(request, body);
      Capture capture = new Capture(response);
      boolean done = false;
      try {
        chain.doFilter(again, capture);
        capture.flushWriter();
        done = true;
      } finally {
        settle(scope, key, capture, done);
      }
    } catch (ProblemException problem) {
      Json.writeProblem(request, response, problem);
    }
  }

  static boolean validKey(String key) {
    if (key.isEmpty() || key.length() > 200) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char ch = key.charAt(i);
      if (ch < 0x21 || ch > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * The body when it is small enough to hash (read now and given to the servlet again), else null.
   * Not a form's: the container reads those itself, from the stream this would have emptied.
   */
  private static byte[] readSmallBody(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    String type = String.valueOf(request.getContentType()).toLowerCase(java.util.Locale.ROOT);
    if (length < 0 || length > FINGERPRINTED_BODY_MAX || type.startsWith("multipart/")
        || type.startsWith("application/x-www-form-urlencoded")) {
      return null;
    }
    return request.getInputStream().readNBytes((int) length);
  }

  /** What makes two requests the same one: method, path, query, type, and the body (or its length). */
  static String fingerprint(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String head = request.getMethod() + ' ' + request.getRequestURI() + '?' + request.getQueryString() + '\n'
          + request.getContentType() + '\n' + (body == null ? "length " + request.getContentLengthLong() : "body") + '\n';
      sha.update(head.getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        sha.update(body);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has SHA-256
    }
  }

  /** An answer kept for a key. */
  record Kept(int status, String contentType, String location, String etag, String body) {}

  /**
   * Takes the key for this request (empty: go on and do it), or the answer its first request got;
   * a 422 when the key came with another request, a 409 while the first one runs.
   */
  private Optional<Kept> claim(String scope, String key, String fingerprint) {
    for (int attempt = 0; ; attempt++) {
      try {
        store.database().inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_IDEMPOTENT_REQUEST"
              + " (SCOPE, IDEM_KEY, FINGERPRINT, CREATED_AT) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, fingerprint);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
          }
          return null;
        });
        return Optional.empty();
      } catch (PersistenceException e) {
        if (!e.isDuplicateKey() || attempt > 0) {
          throw e;
        }
      }
      Optional<Kept> kept = store.database().inTransaction(c -> existing(c, scope, key, fingerprint));
      if (kept.isPresent()) {
        return kept;
      }
      // an abandoned first request, removed: claimed again (once)
    }
  }

  /** The kept answer of the key; empty when its first request was abandoned (and is removed now). */
  private static Optional<Kept> existing(Connection c, String scope, String key, String fingerprint) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT FINGERPRINT, STATUS, CONTENT_TYPE, LOCATION, ETAG, BODY, CREATED_AT"
        + " FROM SEC_IDEMPOTENT_REQUEST WHERE SCOPE = ? AND IDEM_KEY = ?")) {
      ps.setString(1, scope);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty(); // gone meanwhile (a failed first request): claim it
        }
        if (!fingerprint.equals(rs.getString(1))) {
          throw new ProblemException(422, ProblemException.TYPE_BASE + "idempotency-key-reused", "Unprocessable Content",
              "This " + HEADER + " was sent with another request: make a new key for each new request", List.of(), Map.of());
        }
        if (rs.getObject(2) != null) {
          return Optional.of(new Kept(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
        if (rs.getTimestamp(7).toInstant().isAfter(Instant.now().minus(ABANDONED))) {
          throw new ProblemException(409, ProblemException.TYPE_BASE + "request-in-progress", "Conflict",
              "The first request with this " + HEADER + " is still running: ask again in a moment", List.of(),
              Map.of("retryAfter", 2));
        }
      }
    }
    forget(c, scope, key);
    return Optional.empty();
  }

  private static void forget(Connection c, String scope, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_IDEMPOTENT_REQUEST WHERE SCOPE = ? AND IDEM_KEY = ?")) {
      ps.setString(1, scope);
      ps.setString(2, key);
      ps.executeUpdate();
    }
  }

  /** Keeps a successful answer for the key, or lets the key go (anything else may be sent again). */
  private void settle(String scope, String key, Capture capture, boolean done) {
    int status = capture.getStatus();
    String text = done ? capture.text() : null;
    boolean keep = done && status >= 200 && status < 300 && text != null
        && capture.getHeaders("Cache-Control").stream().noneMatch(v -> v.contains("no-store"));
    store.database().inTransaction(c -> {
      if (!keep) {
        forget(c, scope, key);
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_IDEMPOTENT_REQUEST SET STATUS = ?, CONTENT_TYPE = ?,"
          + " LOCATION = ?, ETAG = ?, BODY = ? WHERE SCOPE = ? AND IDEM_KEY = ?")) {
        ps.setInt(1, status);
        ps.setString(2, capped(capture.getContentType(), 200));
        ps.setString(3, capped(capture.getHeader("Location"), 2000));
        ps.setString(4, capped(capture.getHeader("ETag"), 200));
        ps.setString(5, text);
        ps.setString(6, scope);
        ps.setString(7, key);
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static String capped(String value, int max) {
    return value == null || value.length() <= max ? value : null;
  }

  private static void replay(Kept kept, HttpServletResponse response) throws IOException {
    response.setStatus(kept.status());
    response.setHeader(REPLAYED, "true");
    if (kept.location() != null) {
      response.setHeader("Location", kept.location());
    }
    if (kept.etag() != null) {
      response.setHeader("ETag", kept.etag());
    }
    if (kept.contentType() != null) {
      response.setContentType(kept.contentType());
    }
    byte[] bytes = kept.body() == null ? new byte[0] : kept.body().getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** Keys older than a day go, at most once an hour (on a request's thread: a DELETE by an index). */
  private void sweepNowAndThen() {
    long now = System.currentTimeMillis();
    long last = lastSweep.get();
    if (now - last < Duration.ofHours(1).toMillis() || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    store.database().inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_IDEMPOTENT_REQUEST WHERE CREATED_AT < ?")) {
        ps.setTimestamp(1, Timestamp.from(Instant.now().minus(KEPT)));
        return ps.executeUpdate();
      }
    });
  }

  /** The request with its body read already, given to the servlet as it came. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("not asynchronous");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
    }
  }

  /** The answer as it goes out, with a copy of its first bytes (up to what is kept). */
  private static final class Capture extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean tooLarge;
    private ServletOutputStream stream;
    private PrintWriter writer;

    Capture(HttpServletResponse response) {
      super(response);
    }

    private void copy(byte[] b, int off, int len) {
      if (!tooLarge && copy.size() + len > KEPT_ANSWER_MAX * 4) {
        tooLarge = true;
      } else if (!tooLarge) {
        copy.write(b, off, len);
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream out = super.getOutputStream();
        stream = new ServletOutputStream() {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            copy(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            copy(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            out.flush();
          }

          @Override
          public boolean isReady() {
            return out.isReady();
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(),
            encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      }
      return writer;
    }

    void flushWriter() {
      if (writer != null) {
        writer.flush();
      }
    }

    /** The answer's text, or null when it is too large to keep. */
    String text() {
      if (tooLarge) {
        return null;
      }
      String encoding = getCharacterEncoding();
      String text = copy.toString(encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
      return text.length() > KEPT_ANSWER_MAX ? null : text;
    }
  }
}
