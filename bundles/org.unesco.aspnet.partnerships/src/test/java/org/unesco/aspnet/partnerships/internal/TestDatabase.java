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

/** The platform's {@link Database} contract over a fresh in-memory Derby with this bundle's schema. */
final class TestDatabase implements Database {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  static {
    System.setProperty("derby.stream.error.file", "target/derby.log");
  }

  private final String url = "jdbc:derby:memory:partnerships" + COUNTER.incrementAndGet() + ";create=true";

  TestDatabase() {
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
    return Dialect.DERBY;
  }

  @Override
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
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
