package org.unesco.aspnet.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.unesco.aspnet.persistence.MigrationException;

/**
 * Applies one bundle's migrations and records them in {@code ASPNET_SCHEMA_HISTORY}. Each
 * migration runs in its own transaction (Derby and PostgreSQL both roll back DDL), under an
 * exclusive lock on the history table so that two platform nodes starting together do not apply
 * the same migration twice.
 */
final class SchemaMigrator {
  static final String HISTORY_TABLE = "ASPNET_SCHEMA_HISTORY";

  private final DataSource dataSource;

  SchemaMigrator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Returns the owner's schema version after the run. */
  int migrate(String owner, List<Migration> migrations) {
    try (Connection c = dataSource.getConnection()) {
      ensureHistoryTable(c);
      List<Migration> ordered =
          migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
      checkUniqueVersions(owner, ordered);
      checkNotNewer(c, owner, ordered);
      int version = 0;
      for (Migration migration : ordered) {
        apply(c, owner, migration);
        version = migration.version();
      }
      return version;
    } catch (SQLException e) {
      throw new MigrationException(
          "Cannot read the schema history for " + owner + ": " + e.getMessage(), e);
    }
  }

  /**
   * A database whose schema a newer version of the bundle wrote (a downgrade, or old plugins copied
   * over new ones) is refused: the older code would read and write tables it does not know, and the
   * newer one would later find them changed behind its back.
   */
  private static void checkNotNewer(Connection c, String owner, List<Migration> ordered) throws SQLException {
    int known = ordered.isEmpty() ? 0 : ordered.get(ordered.size() - 1).version();
    int recorded = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(VERSION) FROM " + HISTORY_TABLE + " WHERE BUNDLE = ?")) {
      ps.setString(1, owner);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          recorded = rs.getInt(1);
        }
      }
    }
    if (recorded > known) {
      throw new MigrationException("The database was written by a newer version of " + owner + " (its schema is at V"
          + recorded + ", this version knows up to V" + known + "): run that version again, or restore a backup made"
          + " before the upgrade. Nothing was changed.");
    }
  }

  private static void checkUniqueVersions(String owner, List<Migration> ordered) {
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.get(i).version() == ordered.get(i - 1).version()) {
        throw new MigrationException(
            owner
                + " has two migrations numbered "
                + ordered.get(i).version()
                + ": "
                + ordered.get(i - 1).fileName()
                + " and "
                + ordered.get(i).fileName());
      }
    }
  }

  private void apply(Connection c, String owner, Migration migration) throws SQLException {
    c.setAutoCommit(false);
    try {
      lockHistory(c);
      String recorded = recordedChecksum(c, owner, migration.version());
      if (recorded != null) {
        c.commit();
        if (!recorded.equals(migration.checksum())) {
          throw new MigrationException(
              "Migration "
                  + migration.fileName()
                  + " of "
                  + owner
                  + " was edited after it was applied (recorded checksum "
                  + recorded.substring(0, 12)
                  + "..., file now "
                  + migration.checksum().substring(0, 12)
                  + "...). Restore the original file and put the change in a new migration.");
        }
        return;
      }
      try (Statement st = c.createStatement()) {
        for (String sql : SqlScript.statements(migration.sql())) {
          st.execute(sql);
        }
      }
      record(c, owner, migration);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      if (e instanceof MigrationException me) {
        throw me;
      }
      throw new MigrationException(
          "Migration " + migration.fileName() + " of " + owner + " failed: " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void ensureHistoryTable(Connection c) throws SQLException {
    if (tableExists(c)) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE "
              + HISTORY_TABLE
              + " (BUNDLE VARCHAR(200) NOT NULL, VERSION INT NOT NULL,"
              + " DESCRIPTION VARCHAR(200) NOT NULL, CHECKSUM VARCHAR(64) NOT NULL,"
              + " APPLIED_AT TIMESTAMP NOT NULL, PRIMARY KEY (BUNDLE, VERSION))");
    } catch (SQLException e) {
      // Another node may have created it between our look and our create.
      if (!tableExists(c)) {
        throw e;
      }
    }
  }

  private static boolean tableExists(Connection c) throws SQLException {
    for (String name : new String[] {HISTORY_TABLE, HISTORY_TABLE.toLowerCase()}) {
      try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void lockHistory(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("LOCK TABLE " + HISTORY_TABLE + " IN EXCLUSIVE MODE");
    }
  }

  private static String recordedChecksum(Connection c, String owner, int version)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT CHECKSUM FROM " + HISTORY_TABLE + " WHERE BUNDLE = ? AND VERSION = ?")) {
      ps.setString(1, owner);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void record(Connection c, String owner, Migration migration)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + HISTORY_TABLE
                + " (BUNDLE, VERSION, DESCRIPTION, CHECKSUM, APPLIED_AT) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, owner);
      ps.setInt(2, migration.version());
      ps.setString(3, migration.description());
      ps.setString(4, migration.checksum());
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
  }

  /** What is recorded for an owner: version to checksum. For tests and diagnostics. */
  Map<Integer, String> history(String owner) throws SQLException {
    Map<Integer, String> result = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT VERSION, CHECKSUM FROM " + HISTORY_TABLE + " WHERE BUNDLE = ?")) {
      ps.setString(1, owner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getInt(1), rs.getString(2));
        }
      }
    }
    return result;
  }
}
