package org.unesco.aspnet.partnerships.internal;

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
 * The platform's {@link Database} contract over a fresh database with this bundle's schema, so that
 * the store's SQL runs for real in plain unit tests: an in-memory Derby (the default database), or a
 * new schema in PostgreSQL when {@code -Daspnet.test.postgres=jdbc:postgresql://host:port/db?user=..&password=..}
 * is given (as the membership bundle's tests take it).
 */
final class TestDatabase implements Database {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String POSTGRES = System.getProperty("aspnet.test.postgres", "");

  static {
    System.setProperty("derby.stream.error.file", "target/derby.log");
  }

  private final String url;
  private final Dialect dialect;

  TestDatabase() {
    int n = COUNTER.incrementAndGet();
    if (POSTGRES.isBlank()) {
      url = "jdbc:derby:memory:partnerships" + n + ";create=true";
      dialect = Dialect.DERBY;
    } else {
      String schema = "partnerships_test_" + ProcessHandle.current().pid() + "_" + n;
      try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare " + POSTGRES, e);
      }
      url = POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      dialect = Dialect.POSTGRESQL;
    }
    String script;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/migration/V1__partnerships.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        for (String sql : script.split(";")) {
          if (!sql.isBlank()) {
            s.execute(sql.strip());
          }
        }
      }
      return null;
    });
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

  @Override
  public int migrate(Bundle owner) {
    return 1; // done at construction
  }
}
