package org.unesco.aspnet.notices.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;

/**
 * The annual-report reminders sent (NTC_REPORT_REMINDER, migration V1, read by country with V2's
 * index) and the lock that makes two runs for one country and year go one after the other
 * (NTC_REMINDER_LOCK).
 */
final class ReminderStore {
  /** What a reminder was: asked for by a coordinator, or sent by the platform before or after the due date. */
  enum Kind { MANUAL, BEFORE_DUE, AFTER_DUE }

  private ReminderStore() {}

  /**
   * Makes sure the lock row of {@code country} and {@code year} exists, in a transaction of its own:
   * a row inserted by another run at the same moment is as good as ours.
   */
  static void ensureLockRow(Database database, String country, int year) {
    boolean exists = database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM NTC_REMINDER_LOCK WHERE COUNTRY = ? AND REPORT_YEAR = ?")) {
        ps.setString(1, country);
        ps.setInt(2, year);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
    if (exists) {
      return;
    }
    try {
      database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO NTC_REMINDER_LOCK (COUNTRY, REPORT_YEAR) VALUES (?, ?)")) {
          ps.setString(1, country);
          ps.setInt(2, year);
          return ps.executeUpdate();
        }
      });
    } catch (PersistenceException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
    }
  }

  /**
   * Takes the lock of {@code country} and {@code year} until {@code c}'s transaction ends: another
   * run for them waits here, and then reads what this one recorded. {@link #ensureLockRow} first.
   */
  static void lock(Connection c, String country, int year, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE NTC_REMINDER_LOCK SET LOCKED_AT = ? WHERE COUNTRY = ? AND REPORT_YEAR = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, country);
      ps.setInt(3, year);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("no reminder lock row for " + country + " " + year);
      }
    }
  }

  /**
   * The schools of {@code country} reminded of {@code year} at {@code since} or later, with the time
   * of their latest reminder.
   */
  static Map<Long, Instant> remindedSince(Connection c, String country, int year, Instant since) throws SQLException {
    Map<Long, Instant> reminded = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT SCHOOL_ID, MAX(SENT_AT) FROM NTC_REPORT_REMINDER"
        + " WHERE COUNTRY = ? AND REPORT_YEAR = ? AND SENT_AT >= ? GROUP BY SCHOOL_ID")) {
      ps.setString(1, country);
      ps.setInt(2, year);
      ps.setTimestamp(3, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reminded.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
        }
      }
    }
    return reminded;
  }

  /** The schools of {@code country} that have had the automatic reminder {@code kind} of {@code year}. */
  static Set<Long> remindedAutomatically(Connection c, String country, int year, Kind kind) throws SQLException {
    Set<Long> schools = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT SCHOOL_ID FROM NTC_REPORT_REMINDER WHERE COUNTRY = ? AND REPORT_YEAR = ? AND KIND = ?")) {
      ps.setString(1, country);
      ps.setInt(2, year);
      ps.setString(3, kind.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          schools.add(rs.getLong(1));
        }
      }
    }
    return schools;
  }

  /**
   * Records that {@code school} was reminded of {@code year}; an automatic reminder with its key
   * (school/year/kind), which refuses a second one (a duplicate key) whoever sends it.
   */
  static void record(Connection c, long school, String country, int year, Kind kind, Instant at, String by, int messages)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO NTC_REPORT_REMINDER"
        + " (SCHOOL_ID, COUNTRY, REPORT_YEAR, KIND, SENT_AT, SENT_BY, MESSAGES, AUTO_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, school);
      ps.setString(2, country);
      ps.setInt(3, year);
      ps.setString(4, kind.name());
      ps.setTimestamp(5, Timestamp.from(at));
      ps.setString(6, by);
      ps.setInt(7, messages);
      ps.setString(8, kind == Kind.MANUAL ? null : school + "/" + year + "/" + kind.name());
      ps.executeUpdate();
    }
  }
}
