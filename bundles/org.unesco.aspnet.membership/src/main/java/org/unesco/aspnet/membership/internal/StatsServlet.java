package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/stats}: public counts of members and candidates by region, country, level
 * and theme, and certifications per year. Counts only, nothing about any one school. Rebuilt at
 * most once a minute, by one request at a time while the others get the previous counts: at a
 * million schools the groupings scan the table. When a rebuild fails (the table locked by a big
 * import, say) the previous counts are served until the next one succeeds.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/stats")
@OpenApiFragment("openapi/membership.json")
public final class StatsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final long MAX_AGE_NANOS = 60_000_000_000L;
  static final String CANDIDATE_STATUSES = "'APPLIED','UNDER_NATIONAL_REVIEW','RECOMMENDED','UNDER_HQ_REVIEW'";

  private record Snapshot(long builtAt, byte[] body) {}

  private final transient Database database;
  private final transient Logger log;
  private final transient java.util.function.LongSupplier clock;
  private transient volatile Snapshot snapshot;
  private final java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean();

  @Activate
  public StatsServlet(@Reference Database database, @Reference(service = LoggerFactory.class) Logger log) {
    this(database, log, System::nanoTime);
  }

  StatsServlet(Database database, Logger log, java.util.function.LongSupplier clock) {
    this.database = database;
    this.log = log;
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = body();
    response.setContentType(Json.MEDIA_TYPE);
    response.setHeader("Cache-Control", "public, max-age=60");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The statistics document as served now (see the class comment). */
  byte[] body() throws IOException {
    Snapshot s = snapshot;
    if (s != null && clock.getAsLong() - s.builtAt() <= MAX_AGE_NANOS) {
      return s.body();
    }
    if (s == null) {
      synchronized (this) { // the first counts: nothing to serve meanwhile, so build them once
        if (snapshot == null) {
          snapshot = rebuild();
        }
        return snapshot.body();
      }
    }
    if (!rebuilding.compareAndSet(false, true)) {
      return s.body(); // another request is counting
    }
    try {
      snapshot = rebuild();
      return snapshot.body();
    } catch (RuntimeException e) {
      log.warn("Statistics not rebuilt, the previous ones are served: {}", e.getMessage());
      return s.body();
    } finally {
      rebuilding.set(false);
    }
  }

  private Snapshot rebuild() throws IOException {
    Map<String, Object> doc = database.read(StatsServlet::build);
    return new Snapshot(clock.getAsLong(), Json.MAPPER.writeValueAsBytes(doc));
  }

  static Map<String, Object> build(Connection c) throws SQLException {
    String member = "SUM(CASE WHEN S.STATUS = '" + MembershipStatus.MEMBER.name() + "' THEN 1 ELSE 0 END)";
    String candidate = "SUM(CASE WHEN S.STATUS IN (" + CANDIDATE_STATUSES + ") THEN 1 ELSE 0 END)";
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Map<String, Object>> byCountry = rows(c,
        "SELECT S.COUNTRY, " + member + ", " + candidate + " FROM MEM_SCHOOL S GROUP BY S.COUNTRY ORDER BY S.COUNTRY", "country");
    long members = byCountry.stream().mapToLong(m -> (Long) m.get("members")).sum();
    long candidates = byCountry.stream().mapToLong(m -> (Long) m.get("candidates")).sum();
    doc.put("members", members);
    doc.put("candidates", candidates);
    doc.put("byRegion", rows(c,
        "SELECT C.REGION, " + member + ", " + candidate + " FROM MEM_SCHOOL S JOIN MEM_COUNTRY C ON C.ISO2 = S.COUNTRY"
            + " GROUP BY C.REGION ORDER BY C.REGION", "region"));
    doc.put("byCountry", byCountry);
    doc.put("byLevel", listCounts(c, "LEVELS", Level.values(), member, candidate, "level"));
    doc.put("byTheme", listCounts(c, "THEMES", Theme.values(), member, candidate, "theme"));
    List<Map<String, Object>> perYear = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        // The JDBC escape {fn YEAR()} is understood by Derby and PostgreSQL alike.
        "SELECT {fn YEAR(CERTIFIED_AT)}, COUNT(*) FROM MEM_MEMBERSHIP WHERE CERTIFIED_AT IS NOT NULL"
            + " GROUP BY {fn YEAR(CERTIFIED_AT)} ORDER BY 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        perYear.add(Map.of("year", rs.getInt(1), "certifications", rs.getLong(2)));
      }
    }
    doc.put("certificationsByYear", perYear);
    return doc;
  }

  private static List<Map<String, Object>> rows(Connection c, String sql, String key) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, rs.getString(1).strip());
        m.put("members", rs.getLong(2));
        m.put("candidates", rs.getLong(3));
        out.add(m);
      }
    }
    return out;
  }

  /** Lists are stored as ",A,B,", so each code is counted with one LIKE. */
  private static List<Map<String, Object>> listCounts(
      Connection c, String column, Enum<?>[] codes, String member, String candidate, String key) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Enum<?> code : codes) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT '" + code.name() + "', " + member + ", " + candidate + " FROM MEM_SCHOOL S WHERE S." + column + " LIKE ?")) {
        ps.setString(1, "%," + code.name() + ",%");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(key, code.name());
          m.put("members", rs.getLong(2));
          m.put("candidates", rs.getLong(3));
          out.add(m);
        }
      }
    }
    return out;
  }
}
