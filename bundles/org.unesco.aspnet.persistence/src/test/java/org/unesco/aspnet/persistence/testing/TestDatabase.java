package org.unesco.aspnet.persistence.testing;

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
import org.unesco.aspnet.persistence.SqlWork;

/**
 * The platform's {@link Database} contract over a fresh, empty database, so that a bundle's SQL runs
 * for real in plain unit tests: an in-memory Derby (the default database), or a new schema in
 * PostgreSQL when {@code -Daspnet.test.postgres=jdbc:postgresql://host:port/db?user=..&password=..}
 * is given. A bundle's tests run its migration scripts with {@link #run} (from the test's class
 * path, {@code db/migration/}). Shared through this bundle's test jar (type {@code test-jar}).
 */
public class TestDatabase implements Database {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String POSTGRES = System.getProperty("aspnet.test.postgres", "");

  static {
    System.setProperty("derby.stream.error.file", "target/derby.log");
  }

  private final String url;
  private final Dialect dialect;

  /** A new database; {@code name} (the bundle's) tells them apart in a log or in PostgreSQL. */
  public TestDatabase(String name) {
    int n = COUNTER.incrementAndGet();
    if (POSTGRES.isBlank()) {
      url = "jdbc:derby:memory:" + name + n + ";create=true";
      dialect = Dialect.DERBY;
    } else {
      String schema = name + "_test_" + ProcessHandle.current().pid() + "_" + n;
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

  /** Runs the migration scripts {@code names} ({@code db/migration/<name>}), in one transaction. */
  public int run(String... names) {
    StringBuilder script = new StringBuilder();
    for (String name : names) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/" + name)) {
        if (in == null) {
          throw new IllegalArgumentException("no script db/migration/" + name + " on the class path");
        }
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

  /** Shuts the (Derby) database down cleanly; the next connection boots it again, as a restart does. */
  public void restart() {
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
  public <T> T inTransaction(SqlWork<T> work) {
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
  public <T> T read(SqlWork<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      return work.run(c);
    } catch (SQLException e) {
      throw new PersistenceException(e.getMessage(), e);
    }
  }

  /** Nothing: a bundle's tests run its scripts with {@link #run} (a subclass may do it here). */
  @Override
  public int migrate(Bundle owner) {
    return 1;
  }
}
