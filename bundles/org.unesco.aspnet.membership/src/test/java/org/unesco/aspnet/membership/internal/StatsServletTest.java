package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.persistence.SqlWork;
import org.unesco.aspnet.web.Json;

/** The statistics' snapshot: rebuilt once a minute, and the previous one served while it cannot be. */
class StatsServletTest {
  private static final long MINUTE = 60_000_000_000L;

  /** The test database, which can be made to fail (as when a big import holds the tables) and counts reads. */
  private static final class Flaky implements Database {
    final TestDatabase real = new TestDatabase();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger reads = new AtomicInteger();

    @Override public DataSource dataSource() { return real.dataSource(); }
    @Override public Dialect dialect() { return real.dialect(); }
    @Override public <T> T inTransaction(SqlWork<T> work) { return real.inTransaction(work); }
    @Override public int migrate(Bundle owner) { return real.migrate(owner); }

    @Override
    public <T> T read(SqlWork<T> work) {
      reads.incrementAndGet();
      if (failing.get()) {
        throw new PersistenceException("A lock could not be obtained within the time requested",
            new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
      }
      return real.read(work);
    }
  }

  @Test
  void rebuiltOnceAMinuteAndThePreviousCountsServedWhileARebuildFails() throws Exception {
    Flaky database = new Flaky();
    Countries countries = new Countries(database.real, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, (Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    SchoolDirectory schools = new SchoolDirectory(
        database.real, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    MembershipLifecycle lifecycle =
        new MembershipLifecycle(database.real, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    Principal hq = TransitionsTest.HQ;
    AtomicLong now = new AtomicLong(0);
    StatsServlet stats = new StatsServlet(database, TestLogger.INSTANCE, now::get);

    lifecycle.apply(hq, Schools.in("FR", "Lycée Un", "Lyon", null), true);
    assertEquals(1, candidates(stats.body()));
    lifecycle.apply(hq, Schools.in("FR", "Lycée Deux", "Lyon", null), true);
    assertEquals(1, candidates(stats.body()), "within the minute: the snapshot");
    assertEquals(1, database.reads.get());

    now.addAndGet(MINUTE + 1);
    database.failing.set(true);
    assertEquals(1, candidates(stats.body()), "a rebuild that fails: the previous counts");
    database.failing.set(false);
    assertEquals(2, candidates(stats.body()), "and the next request tries again");
    assertEquals(3, database.reads.get());

    StatsServlet fresh = new StatsServlet(database, TestLogger.INSTANCE, now::get);
    database.failing.set(true);
    assertThrows(PersistenceException.class, fresh::body, "nothing to fall back on: the error (a 503 from the error page)");
  }

  private static long candidates(byte[] body) throws Exception {
    JsonNode doc = Json.MAPPER.readTree(body);
    assertTrue(doc.has("byCountry"));
    return doc.path("candidates").asLong();
  }
}
