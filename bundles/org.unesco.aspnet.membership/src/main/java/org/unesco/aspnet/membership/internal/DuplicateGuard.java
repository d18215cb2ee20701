package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Serialises "look for likely duplicates, then write" per country (MEM_DUPLICATE_GUARD, V8).
 * Without it two requests that create the same school at the same moment both find nothing and
 * both write it. {@link #enter} takes the country's row until the transaction ends, so the second
 * looks after the first has committed; each entry counts, so that an import, which checks its file
 * before it takes the rows, can tell whether its countries changed meanwhile.
 */
final class DuplicateGuard {
  private DuplicateGuard() {}

  /**
   * Takes {@code country}'s row for the rest of {@code c}'s transaction (others wait) and counts
   * the entry.
   *
   * @return the count before this entry
   */
  static long enter(Connection c, String country) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try (PreparedStatement bump = c.prepareStatement(
          "UPDATE MEM_DUPLICATE_GUARD SET VERSION = VERSION + 1 WHERE COUNTRY = ?")) {
        bump.setString(1, country);
        if (bump.executeUpdate() == 1) {
          return version(c, country) - 1;
        }
      }
      // A savepoint: on PostgreSQL a failed statement would otherwise abort the whole transaction.
      java.sql.Savepoint beforeInsert = c.setSavepoint();
      try (PreparedStatement first = c.prepareStatement(
          "INSERT INTO MEM_DUPLICATE_GUARD (COUNTRY, VERSION) VALUES (?, 1)")) {
        first.setString(1, country);
        first.executeUpdate();
        c.releaseSavepoint(beforeInsert);
        return 0;
      } catch (SQLException e) {
        // another transaction made the row at the same moment: take it as it is now
        if (!"23505".equals(e.getSQLState()) || attempt > 0) {
          throw e;
        }
        c.rollback(beforeInsert);
      }
    }
  }

  /** Every country's count as committed now (a country never entered counts 0). */
  static Map<String, Long> versions(Connection c) throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNTRY, VERSION FROM MEM_DUPLICATE_GUARD");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        versions.put(rs.getString(1), rs.getLong(2));
      }
    }
    return versions;
  }

  private static long version(Connection c, String country) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT VERSION FROM MEM_DUPLICATE_GUARD WHERE COUNTRY = ?")) {
      ps.setString(1, country);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
