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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
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
 * is still running a 409. An answer that holds a secret shown once ({@link
 * ApiServlet#answerHoldsASecret}: a new API token, a webhook's secret, a link) or too large to keep
 * is not kept, and a repeat is told it was done (409 {@code answer-withheld}, with its {@code
 * Location}), not done again. Requests that carry a password are left alone: their bodies, even
 * hashed, are not stored.
 *
 * <p>Each request that runs holds a claim on its key's row: one that takes over a first request
 * abandoned by its node holds a new claim, and the first may then neither keep its answer nor let
 * the key go.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=50") // after authentication (100)
@HttpWhiteboardFilterPattern("/api/*")
public final class IdempotencyFilter implements Filter {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final Duration KEPT = Duration.ofHours(24);
  /** A first request still marked running after this is taken to have died with its node. */
  static final Duration ABANDONED = Duration.ofMinutes(10);
  /** How much of a body is read before the servlet, to tell requests apart; a larger one by this much and its length. */
  static final int FINGERPRINTED_BODY_MAX = 64 * 1024;
  /** The largest answer kept, in characters (the column holds 32,000). */
  static final int KEPT_ANSWER_MAX = 16_000;
  /** Where the body carries a password: not even its hash is stored. */
  private static final Set<String> CREDENTIAL_PATHS = Set.of(AuthenticationFilter.LOGIN_PATH, "/api/v1/accounts",
      "/api/v1/invitations/accept", "/api/v1/password-resets/accept", "/api/v1/me/password");
  private static final int SWEEP_BATCH = 500;

  private final SecurityStore store;
  private final Logger log;
  private final AtomicLong lastSweep = new AtomicLong();

  @Activate
  public IdempotencyFilter(@Reference SecurityStore store, @Reference(service = LoggerFactory.class) Logger log) {
    this.store = store;
    this.log = log;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    String key = request.getHeader(HEADER);
    if (key == null || !"POST".equals(request.getMethod()) || carriesAPassword(request)) {
      chain.doFilter(request, response);
      return;
    }
    String claim = null;
    String scope = null;
    Capture capture = null;
    boolean done = false;
    try {
      if (!validKey(key)) {
        throw ProblemException.validation(HEADER, "must be 1 to 200 visible ASCII characters, such as a UUID");
      }
      if (java.util.Collections.list(request.getHeaders(HEADER)).size() > 1) {
        // as a query parameter given twice: the platform does not pick one of two keys
        throw ProblemException.validation(HEADER, "is given more than once");
      }
      Principal me = ApiServlet.principal(request);
      scope = me.isAnonymous() ? "-" : me.accountId();
      Body body = Body.read(request);
      sweepNowAndThen();
      String mine = UUID.randomUUID().toString();
      Optional<Kept> kept = claim(scope, key, body.fingerprint(request), mine);
      if (kept.isPresent()) {
        replay(kept.get(), request, response);
        return;
      }
      claim = mine;
      capture = new Capture(response);
      chain.doFilter(body.request(request), capture);
      capture.flushWriter();
      done = true;
    } catch (ProblemException problem) {
      if (claim == null) {
        Json.writeProblem(request, response, problem);
        return;
      }
      throw problem;
    } finally {
      if (claim != null) {
        settle(scope, key, claim, capture, done, request);
      }
    }
  }

  /**
   * Whether the request goes to a path whose body carries a password: as the container routed it,
   * or as {@link ApiServlet#routedPath} reads the path written ({@code /auth;x=1/login} and
   * {@code /%61uth/login} are the sign-in).
   */
  static boolean carriesAPassword(HttpServletRequest request) {
    String routed = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return carriesAPassword(routed) || carriesAPassword(ApiServlet.routedPath(request.getRequestURI()));
  }

  /** Whether {@code path} (routed; trailing slashes ignored) is one whose body carries a password. */
  static boolean carriesAPassword(String path) {
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return CREDENTIAL_PATHS.contains(path);
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
   * What is read of the body before the servlet: all of it up to {@link #FINGERPRINTED_BODY_MAX},
   * else that much (a large upload, an import, counts by it and its length). A form's is not read:
   * the container reads those itself, from the stream this would have emptied.
   */
  record Body(byte[] head, boolean whole, boolean untouched) {
    static Body read(HttpServletRequest request) throws IOException {
      String type = String.valueOf(request.getContentType()).toLowerCase(java.util.Locale.ROOT);
      if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
        return new Body(new byte[0], false, true);
      }
      byte[] head = request.getInputStream().readNBytes(FINGERPRINTED_BODY_MAX + 1);
      boolean whole = head.length <= FINGERPRINTED_BODY_MAX;
      return new Body(head, whole, false);
    }

    /** What makes two requests the same one: method, path, query, type, and the body (or its start and length). */
    String fingerprint(HttpServletRequest request) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String head = request.getMethod() + ' ' + request.getRequestURI() + '?' + request.getQueryString() + '\n'
            + request.getContentType() + '\n' + (whole ? "body" : "start of a body of length " + request.getContentLengthLong()) + '\n';
        sha.update(head.getBytes(StandardCharsets.UTF_8));
        sha.update(this.head);
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e); // every Java has SHA-256
      }
    }

    /** The request as the servlet reads it: what was read, then the rest of the stream. */
    HttpServletRequest request(HttpServletRequest request) {
      return untouched ? request : new BufferedRequest(request, head, whole);
    }
  }

  /** An answer kept for a key: its body null when it was withheld. */
  record Kept(int status, boolean withheld, String contentType, String location, String etag, String body) {}

  /**
   * Takes the key for this request under {@code mine} (empty: go on and do it), or the answer its
   * first request got; a 422 when the key came with another request, a 409 while the first one runs.
   */
  private Optional<Kept> claim(String scope, String key, String fingerprint, String mine) {
    for (int attempt = 0; attempt < 2; attempt++) {
      // read first: a repeat (the common case of a key seen before) writes nothing, and PostgreSQL
      // logs no duplicate-key error for it
      Optional<Optional<Kept>> seen = store.database().inTransaction(c -> existing(c, scope, key, fingerprint, mine));
      if (seen.isPresent()) {
        return seen.get();
      }
      try {
        store.database().inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_IDEMPOTENT_REQUEST"
              + " (SCOPE, IDEM_KEY, FINGERPRINT, CLAIM, CREATED_AT) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, fingerprint);
            ps.setString(4, mine);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
          }
          return null;
        });
        return Optional.empty();
      } catch (PersistenceException e) {
        if (!e.isDuplicateKey()) {
          throw e;
        }
        // another request with the key came in between: read what it left
      }
    }
    throw inProgress();
  }

  /**
   * What the key's row says: absent (empty: insert a claim), an answer to give, or empty inside
   * when this request took over an abandoned first one (its claim is {@code mine} now).
   */
  private static Optional<Optional<Kept>> existing(Connection c, String scope, String key, String fingerprint, String mine)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT FINGERPRINT, STATUS, WITHHELD, CONTENT_TYPE, LOCATION, ETAG, BODY,"
        + " CREATED_AT FROM SEC_IDEMPOTENT_REQUEST WHERE SCOPE = ? AND IDEM_KEY = ?")) {
      ps.setString(1, scope);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!fingerprint.equals(rs.getString(1))) {
          throw new ProblemException(422, ProblemException.TYPE_BASE + "idempotency-key-reused", "Unprocessable Content",
              "This " + HEADER + " was sent with another request: make a new key for each new request", List.of(), Map.of());
        }
        if (rs.getObject(2) != null) {
          return Optional.of(Optional.of(new Kept(rs.getInt(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7))));
        }
      }
    }
    // the first request still runs: unless its node died with it (no word for so long), in which
    // case this one takes it over, in one statement, so that of two repeats only one does
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_IDEMPOTENT_REQUEST SET CLAIM = ?, CREATED_AT = ?"
        + " WHERE SCOPE = ? AND IDEM_KEY = ? AND STATUS IS NULL AND CREATED_AT < ?")) {
      Instant now = Instant.now();
      ps.setString(1, mine);
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setString(3, scope);
      ps.setString(4, key);
      ps.setTimestamp(5, Timestamp.from(now.minus(ABANDONED)));
      if (ps.executeUpdate() == 1) {
        return Optional.of(Optional.empty());
      }
    }
    throw inProgress();
  }

  private static ProblemException inProgress() {
    return new ProblemException(409, ProblemException.TYPE_BASE + "request-in-progress", "Conflict",
        "The first request with this " + HEADER + " is still running: ask again in a moment", List.of(), Map.of("retryAfter", 2));
  }

  /**
   * Keeps a successful answer for the key (withheld when it holds a secret or is too large), or lets
   * the key go (anything else may be sent again); only while the claim is still this request's. A
   * failure here is logged, not answered: the work was done, and its answer is on its way.
   */
  private void settle(String scope, String key, String claim, Capture capture, boolean done, HttpServletRequest request) {
    try {
      int status = capture == null ? 500 : capture.getStatus();
      boolean succeeded = done && status >= 200 && status < 300;
      String text = succeeded ? capture.text() : null;
      boolean withheld = succeeded && (text == null || request.getAttribute(ApiServlet.SECRET_ANSWER_ATTRIBUTE) != null);
      store.database().inTransaction(c -> {
        if (!succeeded) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_IDEMPOTENT_REQUEST WHERE SCOPE = ? AND IDEM_KEY = ?"
              + " AND CLAIM = ?")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, claim);
            ps.executeUpdate();
          }
          return null;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_IDEMPOTENT_REQUEST SET STATUS = ?, WITHHELD = ?,"
            + " CONTENT_TYPE = ?, LOCATION = ?, ETAG = ?, BODY = ? WHERE SCOPE = ? AND IDEM_KEY = ? AND CLAIM = ?")) {
          ps.setInt(1, status);
          ps.setBoolean(2, withheld);
          ps.setString(3, capped(capture.getContentType(), 200));
          ps.setString(4, capped(capture.getHeader("Location"), 2000));
          ps.setString(5, capped(capture.getHeader("ETag"), 200));
          ps.setString(6, withheld ? null : text);
          ps.setString(7, scope);
          ps.setString(8, key);
          ps.setString(9, claim);
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      // the key stays marked running: a repeat is told to wait, and after ABANDONED it is done again
      log.warn("{} {}: the answer for its {} could not be kept ({})", request.getMethod(), request.getRequestURI(), HEADER,
          e.toString());
    }
  }

  private static String capped(String value, int max) {
    return value == null || value.length() <= max ? value : null;
  }

  private static void replay(Kept kept, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (kept.location() != null) {
      response.setHeader("Location", kept.location());
    }
    if (kept.withheld()) {
      Json.writeProblem(request, response, new ProblemException(409, ProblemException.TYPE_BASE + "answer-withheld", "Conflict",
          "This request was done already (" + kept.status() + (kept.location() == null ? "" : ", " + kept.location())
              + "); its answer was not kept (it held what is shown only once, or it was too long to keep):"
              + (kept.location() == null ? " see what it made, or make a new one" : " read what it made at " + kept.location()),
          List.of(), kept.location() == null ? Map.of("status", kept.status())
              : Map.of("status", kept.status(), "location", kept.location())));
      return;
    }
    response.setStatus(kept.status());
    response.setHeader(REPLAYED, "true");
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

  /**
   * Keys older than a day go, at most once an hour, off the request's thread and in batches (Derby
   * would lock the whole table for one large DELETE, holding up every keyed POST meanwhile).
   */
  private void sweepNowAndThen() {
    long now = System.currentTimeMillis();
    long last = lastSweep.get();
    if (now - last < Duration.ofHours(1).toMillis() || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        Timestamp before = Timestamp.from(Instant.now().minus(KEPT));
        int gone;
        do {
          gone = store.database().inTransaction(c -> {
            List<String[]> old = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT SCOPE, IDEM_KEY FROM SEC_IDEMPOTENT_REQUEST"
                + " WHERE CREATED_AT < ? FETCH FIRST " + SWEEP_BATCH + " ROWS ONLY")) {
              ps.setTimestamp(1, before);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  old.add(new String[] {rs.getString(1), rs.getString(2)});
                }
              }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_IDEMPOTENT_REQUEST WHERE SCOPE = ? AND IDEM_KEY = ?")) {
              for (String[] k : old) {
                ps.setString(1, k[0]);
                ps.setString(2, k[1]);
                ps.addBatch();
              }
              if (!old.isEmpty()) {
                ps.executeBatch();
              }
            }
            return old.size();
          });
        } while (gone == SWEEP_BATCH);
      } catch (RuntimeException e) {
        log.warn("The {}s older than a day could not be removed; tried again in an hour ({})", HEADER, e.toString());
      }
    });
  }

  /** The charset a request or an answer names, UTF-8 when it names none. */
  private static Charset charsetOf(String encoding) {
    return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
  }

  /** The request with the start of its body read already, given to the servlet as it came. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] head;
    private final boolean whole;

    BufferedRequest(HttpServletRequest request, byte[] head, boolean whole) {
      super(request);
      this.head = head;
      this.whole = whole;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream rest = super.getInputStream();
      java.io.InputStream in = whole ? new ByteArrayInputStream(head)
          : new java.io.SequenceInputStream(new ByteArrayInputStream(head), rest);
      return new ServletInputStream() {
        private boolean finished;

        @Override
        public int read() throws IOException {
          int b = in.read();
          finished = b < 0;
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = in.read(b, off, len);
          finished = n < 0;
          return n;
        }

        @Override
        public boolean isFinished() {
          return finished;
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
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charsetOf(getCharacterEncoding())));
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
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charsetOf(getCharacterEncoding())));
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
      String text = copy.toString(charsetOf(getCharacterEncoding()));
      return text.length() > KEPT_ANSWER_MAX ? null : text;
    }
  }
}
