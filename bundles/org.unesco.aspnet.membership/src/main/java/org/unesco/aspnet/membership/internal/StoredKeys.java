package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.unesco.aspnet.core.SearchKey;

/**
 * The schools' stored search keys (NAME_KEY, CITY_KEY and their words in the index) made again
 * when {@link SearchKey#version()} says the fold changed since they were written: an upgrade
 * brings the new fold, and the schools written before it are re-keyed once, in the background
 * after the start. MEM_SEARCH_STATE.KEY_VERSION records the version the keys are in.
 */
final class StoredKeys {
  private StoredKeys() {}

  /** The version of {@link SearchKey} the stored keys were made with. */
  static int version(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT KEY_VERSION FROM MEM_SEARCH_STATE WHERE ID = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : SearchKey.version();
    }
  }

  static void markVersion(Connection c, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SEARCH_STATE SET KEY_VERSION = ? WHERE ID = 1")) {
      ps.setInt(1, version);
      ps.executeUpdate();
    }
  }

  /** School {@code id}'s NAME_KEY and CITY_KEY as stored, or null when there is no such school. */
  static String[] of(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT NAME_KEY, CITY_KEY FROM MEM_SCHOOL WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
      }
    }
  }

  /** What one pass found: the last school id it read (-1 when there was none), and the schools whose keys are stale. */
  record Pass(long last, List<Long> stale) {}

  /**
   * Reads the schools after {@code after} in id order, at most {@code n}, and tells those whose
   * stored keys are not what {@link SearchKey} makes of their name and city now. It writes
   * nothing and holds no lock past each row: {@link #refresh} re-keys each one found.
   */
  static Pass scan(Connection c, long after, int n) throws SQLException {
    long last = -1;
    List<Long> stale = new ArrayList<>();
    try (PreparedStatement read = c.prepareStatement("SELECT ID, NAME, CITY, NAME_KEY, CITY_KEY"
        + " FROM MEM_SCHOOL WHERE ID > ? ORDER BY ID FETCH FIRST ? ROWS ONLY")) {
      read.setLong(1, after);
      read.setInt(2, n);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          if (!SearchKey.of(rs.getString(2)).equals(rs.getString(4)) || !SearchKey.of(rs.getString(3)).equals(rs.getString(5))) {
            stale.add(last);
          }
        }
      }
    }
    return new Pass(last, stale);
  }

  /**
   * Makes school {@code id}'s keys and index entries again from its name and city; false when
   * they were current (a rename since the scan wrote them). The row is read under repeatable read,
   * so that a rename waits for this transaction rather than have its keys overwritten.
   */
  static boolean refresh(Connection c, long id) throws SQLException {
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    String country;
    String nameKey;
    String cityKey;
    Set<String> before;
    try (PreparedStatement read = c.prepareStatement(
        "SELECT COUNTRY, NAME, CITY, NAME_KEY, CITY_KEY FROM MEM_SCHOOL WHERE ID = ?")) {
      read.setLong(1, id);
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        country = rs.getString(1);
        nameKey = SearchKey.of(rs.getString(2));
        cityKey = SearchKey.of(rs.getString(3));
        if (nameKey.equals(rs.getString(4)) && cityKey.equals(rs.getString(5))) {
          return false;
        }
        before = SearchWords.ofKeys(rs.getString(4), rs.getString(5));
      }
    }
    try (PreparedStatement update = c.prepareStatement("UPDATE MEM_SCHOOL SET NAME_KEY = ?, CITY_KEY = ? WHERE ID = ?")) {
      update.setString(1, nameKey);
      update.setString(2, cityKey);
      update.setLong(3, id);
      update.executeUpdate();
    }
    Set<String> now = SearchWords.ofKeys(nameKey, cityKey);
    Set<String> gone = new HashSet<>(before);
    gone.removeAll(now);
    Set<String> added = new LinkedHashSet<>(now);
    added.removeAll(before);
    try (PreparedStatement unindex = c.prepareStatement(
            "DELETE FROM MEM_SCHOOL_WORD WHERE COUNTRY = ? AND WORD = ? AND SCHOOL_ID = ?");
        PreparedStatement index = c.prepareStatement(SearchWords.INSERT)) {
      SearchWords.batch(unindex, id, country, gone);
      // an entry of the new words may be there already (a backfill cut short): cleared first
      SearchWords.batch(unindex, id, country, added);
      SearchWords.batch(index, id, country, added);
      unindex.executeBatch();
      index.executeBatch();
    }
    SearchWords.remember(c, added);
    return true;
  }
}
