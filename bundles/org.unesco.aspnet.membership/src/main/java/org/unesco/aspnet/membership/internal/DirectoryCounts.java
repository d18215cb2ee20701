package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;

/**
 * Members and candidates by country, level and theme, and certifications per year, for the
 * statistics and the list of countries, counted in one pass over the schools.
 *
 * <p>Counts are exact while counting is quick (under {@value #SLOW_MILLIS} ms: at the size of the
 * real network, 12,000 schools, it takes a few). When it is slower (half a second and more at a
 * million schools), what was counted is kept for ten times what counting took, at most a minute;
 * then one request counts again. Whenever a request is counting, the others get the previous
 * counts, so that many requests at once cost one pass. When counting fails (a big import holds
 * the schools) the previous counts are served until it succeeds.
 */
@Component(service = DirectoryCounts.class)
public final class DirectoryCounts {
  static final long SLOW_MILLIS = 100;
  static final long MAX_AGE_NANOS = 60_000_000_000L;

  /** {@code [members, candidates]} per key. */
  record Counts(
      Map<String, long[]> byCountry,
      Map<String, long[]> byRegion,
      Map<Level, long[]> byLevel,
      Map<Theme, long[]> byTheme,
      Map<Integer, Long> certificationsByYear) {

    long[] country(String iso2) {
      return byCountry.getOrDefault(iso2, new long[2]);
    }
  }

  /** Counts, when they were counted and what counting took. */
  private record Snapshot(long builtAt, long took, Counts counts) {
    boolean slow() {
      return took >= SLOW_MILLIS * 1_000_000L;
    }
  }

  private final Database database;
  private final Logger log;
  private final LongSupplier clock;
  private volatile Snapshot snapshot;
  private final AtomicBoolean counting = new AtomicBoolean();

  @Activate
  public DirectoryCounts(@Reference Database database, @Reference(service = LoggerFactory.class) Logger log) {
    this(database, log, System::nanoTime);
  }

  DirectoryCounts(Database database, Logger log, LongSupplier clock) {
    this.database = database;
    this.log = log;
    this.clock = clock;
  }

  /** The counts as served now (see the class comment). */
  Counts current() {
    Snapshot s = snapshot;
    if (s == null) {
      synchronized (this) { // the first counts: nothing to serve meanwhile, so count once
        if (snapshot == null) {
          snapshot = count();
        }
        return snapshot.counts();
      }
    }
    if (s.slow() && clock.getAsLong() - s.builtAt() <= Math.min(MAX_AGE_NANOS, 10 * s.took())) {
      return s.counts();
    }
    // One request counts at a time, so that many at once cost one pass, not one each.
    if (!counting.compareAndSet(false, true)) {
      return s.counts();
    }
    try {
      snapshot = count();
      return snapshot.counts();
    } catch (RuntimeException e) {
      log.warn("Counts of the directory not rebuilt, the previous ones are served: {}", e.getMessage());
      return s.counts();
    } finally {
      counting.set(false);
    }
  }

  private Snapshot count() {
    long start = clock.getAsLong();
    Counts counts = database.read(DirectoryCounts::count);
    long end = clock.getAsLong();
    return new Snapshot(end, end - start, counts);
  }

  static Counts count(Connection c) throws SQLException {
    Map<String, String> regions = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ISO2, REGION FROM MEM_COUNTRY");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        regions.put(rs.getString(1).strip(), rs.getString(2).strip());
      }
    }
    Map<String, long[]> byCountry = new TreeMap<>();
    Map<String, long[]> byRegion = new TreeMap<>();
    Map<Level, long[]> byLevel = zeros(Level.class);
    Map<Theme, long[]> byTheme = zeros(Theme.class);
    Map<String, MembershipStatus> statuses = new HashMap<>();
    for (MembershipStatus s : MembershipStatus.values()) {
      statuses.put(s.name(), s);
    }
    // One pass in storage order; a grouping per level and theme would read every school again.
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNTRY, STATUS, LEVELS, THEMES FROM MEM_SCHOOL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String country = rs.getString(1).strip();
        MembershipStatus status = statuses.get(rs.getString(2).strip());
        int k = status == MembershipStatus.MEMBER ? 0 : status != null && status.isCandidate() ? 1 : -1;
        long[] n = byCountry.computeIfAbsent(country, x -> new long[2]);
        String region = regions.get(country);
        long[] r = region == null ? null : byRegion.computeIfAbsent(region, x -> new long[2]);
        if (k < 0) {
          continue; // counted neither as member nor as candidate, but its country is listed
        }
        n[k]++;
        if (r != null) {
          r[k]++;
        }
        addCodes(rs.getString(3), byLevel, Level::valueOf, k);
        addCodes(rs.getString(4), byTheme, Theme::valueOf, k);
      }
    }
    Map<Integer, Long> perYear = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        // The JDBC escape {fn YEAR()} is understood by Derby and PostgreSQL alike.
        "SELECT {fn YEAR(CERTIFIED_AT)}, COUNT(*) FROM MEM_MEMBERSHIP WHERE CERTIFIED_AT IS NOT NULL"
            + " GROUP BY {fn YEAR(CERTIFIED_AT)}");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        perYear.put(rs.getInt(1), rs.getLong(2));
      }
    }
    return new Counts(byCountry, byRegion, byLevel, byTheme, perYear);
  }

  /** One country's counts ({@code [members, candidates]} per key), and its certifications per year. */
  record CountryCounts(
      long[] total,
      Map<String, long[]> byUnit,
      Map<Level, long[]> byLevel,
      Map<Theme, long[]> byTheme,
      Map<String, Long> byStatus,
      Map<Integer, Long> certificationsByYear) {}

  /**
   * One country's counts, counted when asked (its schools by the country's index: a country of
   * the real network has at most a few thousand), by unit, level, theme and status.
   */
  CountryCounts country(String iso2) {
    return database.read(c -> country(c, iso2));
  }

  static CountryCounts country(Connection c, String iso2) throws SQLException {
    long[] total = new long[2];
    Map<String, long[]> byUnit = new TreeMap<>();
    Map<Level, long[]> byLevel = zeros(Level.class);
    Map<Theme, long[]> byTheme = zeros(Theme.class);
    Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
    for (MembershipStatus s : MembershipStatus.values()) {
      byStatus.put(s.name(), 0L);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT STATUS, LEVELS, THEMES, UNIT FROM MEM_SCHOOL WHERE COUNTRY = ?")) {
      ps.setString(1, iso2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1).strip();
          MembershipStatus status = byStatus.containsKey(name) ? MembershipStatus.valueOf(name) : null;
          if (status != null) {
            byStatus.merge(name, 1L, Long::sum);
          }
          int k = status == MembershipStatus.MEMBER ? 0 : status != null && status.isCandidate() ? 1 : -1;
          if (k < 0) {
            continue;
          }
          total[k]++;
          String unit = rs.getString(4);
          if (unit != null && !unit.isBlank()) {
            byUnit.computeIfAbsent(unit.strip(), x -> new long[2])[k]++;
          }
          addCodes(rs.getString(2), byLevel, Level::valueOf, k);
          addCodes(rs.getString(3), byTheme, Theme::valueOf, k);
        }
      }
    }
    Map<Integer, Long> perYear = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT {fn YEAR(M.CERTIFIED_AT)}, COUNT(*) FROM MEM_MEMBERSHIP M JOIN MEM_SCHOOL S ON S.ID = M.SCHOOL_ID"
            + " WHERE S.COUNTRY = ? AND M.CERTIFIED_AT IS NOT NULL GROUP BY {fn YEAR(M.CERTIFIED_AT)}")) {
      ps.setString(1, iso2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          perYear.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return new CountryCounts(total, byUnit, byLevel, byTheme, byStatus, perYear);
  }

  /** {@code [0, 0]} for every code of {@code type}: a level or theme no school has is counted 0, not left out. */
  private static <E extends Enum<E>> Map<E, long[]> zeros(Class<E> type) {
    Map<E, long[]> counts = new EnumMap<>(type);
    for (E e : type.getEnumConstants()) {
      counts.put(e, new long[2]);
    }
    return counts;
  }

  /** Counts the codes of a stored list; a code this version does not know is left out. */
  private static <E extends Enum<E>> void addCodes(
      String list, Map<E, long[]> counts, java.util.function.Function<String, E> code, int k) {
    for (String part : SchoolDirectory.splitCodes(list)) {
      try {
        counts.get(code.apply(part))[k]++;
      } catch (IllegalArgumentException unknown) {
        // not one of the fixed lists (as a grouping per known code would not count it either)
      }
    }
  }
}
