package org.unesco.aspnet.membership.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;

/**
 * The platform's {@link Database} contract over a fresh, empty database, so that the store's SQL
 * runs for real in plain unit tests: an in-memory Derby (the default database), or a new schema
 * in PostgreSQL when {@code -Daspnet.test.postgres=jdbc:postgresql://host:port/db?user=..&password=..}
 * is given. {@link #migrate} runs this bundle's scripts.
 */
final class TestDatabase implements Database {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static {
    System.setProperty("derby.stream.error.file", "target/derby.log");
  }

  private static final String POSTGRES = System.getProperty("aspnet.test.postgres", "");

  private final String url;
  private final Dialect dialect;

  TestDatabase() {
    int n = COUNTER.incrementAndGet();
    if (POSTGRES.isBlank()) {
      url = "jdbc:derby:memory:membership" + n + ";create=true";
      dialect = Dialect.DERBY;
    } else {
      String schema = "membership_test_" + ProcessHandle.current().pid() + "_" + n;
      try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare " + POSTGRES, e);
      }
      url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      dialect = Dialect.POSTGRESQL;
    }
  }

  /** Shuts the (Derby) database down cleanly; the next connection boots it again, as a restart does. */
  void restart() {
    if (dialect != Dialect.DERBY) {
      return;
    }
    try {
      DriverManager.getConnection(url.replace(";create=true", ";shutdown=true")).close();
    } catch (SQLException e) {
      if (!"08006".equals(e.getSQLState())) { // 08006: shut down as asked
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public DataSource dataSource() {
    throw new UnsupportedOperationException("the tests use connections directly");
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public <T> T inTransaction(org.unesco.aspnet.persistence.SqlWork<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) { // as DatabaseService: rolled back when it throws anything
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    }
  }

  @Override
  public <T> T read(org.unesco.aspnet.persistence.SqlWork<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      return work.run(c);
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    }
  }

  private boolean migrated;

  /** Like the real one, applies the script once per database. */
  @Override
  public synchronized int migrate(Bundle owner) {
    if (migrated) {
      return 1;
    }
    migrated = true;
    return run("V1__membership.sql", "V2__annual_reports.sql", "V3__national_profiles.sql", "V4__national_networks.sql",
        "V5__search_words.sql", "V6__word_index_without_school_index.sql", "V7__national_ids_upper_case.sql", "V8__duplicate_guard.sql",
        "V9__country_revision.sql", "V10__arabic_words_without_article.sql");
  }

  /** Runs this bundle's migration scripts {@code names}, in one transaction. */
  int run(String... names) {
    StringBuilder script = new StringBuilder();
    for (String name : names) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/" + name)) {
        script.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append(";\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String withoutComments = script.toString().replaceAll("(?m)--.*$", "");
    return inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String sql : withoutComments.split(";")) {
              if (!sql.isBlank()) {
                s.execute(sql.strip());
              }
            }
          }
          return 1;
        });
  }
}
