package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;
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

/**
 * The directory's counts: counted in one pass; exact while counting is quick, kept for ten times
 * what counting took when it is slow; the previous ones served while counting fails.
 */
class DirectoryCountsTest {
  private static final long SECOND = 1_000_000_000L;

  /** The test database, which can be made to fail (as when a big import holds the tables) and counts reads. */
  private static final class Flaky implements Database {
    final TestDatabase real = new TestDatabase();
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger reads = new AtomicInteger();
    /** The clock of the test, and how far one read moves it. */
    final AtomicLong now = new AtomicLong();
    volatile long readTakes;
    /** When set, a read waits for it (a count in progress). */
    volatile java.util.concurrent.CountDownLatch hold;

    @Override public DataSource dataSource() { return real.dataSource(); }
    @Override public Dialect dialect() { return real.dialect(); }
    @Override public <T> T inTransaction(SqlWork<T> work) { return real.inTransaction(work); }
    @Override public int migrate(Bundle owner) { return real.migrate(owner); }

    @Override
    public <T> T read(SqlWork<T> work) {
      reads.incrementAndGet();
      now.addAndGet(readTakes);
      java.util.concurrent.CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failing.get()) {
        throw new PersistenceException("A lock could not be obtained within the time requested",
            new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
      }
      return real.read(work);
    }
  }

  private final Flaky database = new Flaky();
  private final Countries countries = new Countries(database.real, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
      new DirectoryCounts(database.real, TestLogger.INSTANCE), (Bundle) null);
  private final NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
  private final SchoolDirectory schools = new SchoolDirectory(
      database.real, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
  private final MembershipLifecycle lifecycle =
      new MembershipLifecycle(database.real, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
  private final Principal hq = TransitionsTest.HQ;

  private long apply(String country, String name, List<Level> levels, List<Theme> themes) {
    SchoolInput v = Schools.in(country, name, "Ville", null);
    return lifecycle.apply(hq, new SchoolInput(v.name(), v.country(), null, v.city(), v.address(), v.latitude(),
        v.longitude(), levels, themes, v.languages(), v.students(), v.teachers(), v.email(), v.website(), null), true)
        .membershipId();
  }

  private void certify(long membership) {
    for (MembershipStatus step : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(hq, membership, step, null);
    }
  }

  @Test
  void onePassCountsWhatTheGroupingsWould() throws Exception {
    certify(apply("FR", "Lycée Un", List.of(Level.SECONDARY), List.of(Theme.ESD, Theme.PEACE_GCED)));
    certify(apply("FR", "Lycée Deux", List.of(Level.PRIMARY, Level.SECONDARY), List.of(Theme.ESD)));
    apply("KE", "Nairobi School", List.of(Level.PRIMARY), List.of(Theme.PEACE_GCED));
    long withdrawn = apply("DE", "Schule Drei", List.of(Level.SECONDARY), List.of(Theme.ESD));
    lifecycle.transition(hq, withdrawn, MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    lifecycle.transition(hq, withdrawn, MembershipStatus.REJECTED, "not this year");

    JsonNode doc = Json.MAPPER.valueToTree(StatsServlet.document(new DirectoryCounts(database, TestLogger.INSTANCE).current()));
    assertEquals(2, doc.path("members").asLong());
    assertEquals(1, doc.path("candidates").asLong());
    assertEquals("[DE 0 0, FR 2 0, KE 0 1]", rows(doc.path("byCountry"), "country"), "a country with only a refused school is listed");
    assertEquals("[Africa 0 1, Europe and North America 2 0]", rows(doc.path("byRegion"), "region"));
    assertTrue(rows(doc.path("byLevel"), "level").startsWith("["), doc.toString());
    assertEquals(1 + 1, count(doc.path("byLevel"), "level", "PRIMARY"), "one member, one candidate: " + doc);
    assertEquals(2, count(doc.path("byLevel"), "level", "SECONDARY"), "the refused school is not counted");
    assertEquals(2, count(doc.path("byTheme"), "theme", "ESD"));
    assertEquals(Level.values().length, doc.path("byLevel").size(), "every level, also at zero");
    assertEquals(Theme.values().length, doc.path("byTheme").size(), "every theme, also at zero");
    assertEquals(2, doc.path("certificationsByYear").get(0).path("certifications").asLong());
    // the list of countries agrees with each country counted on its own
    for (String iso2 : List.of("FR", "KE", "DE")) {
      org.unesco.aspnet.membership.Country one = countries.country(hq, iso2, java.util.Locale.ENGLISH);
      org.unesco.aspnet.membership.Country listed = countries.countries(hq, java.util.Locale.ENGLISH).stream()
          .filter(c -> c.iso2().equals(iso2)).findFirst().orElseThrow();
      assertEquals(one.members() + "/" + one.candidates(), listed.members() + "/" + listed.candidates(), iso2);
    }
  }

  @Test
  void aCountrysOwnCountsAreItsSchoolsOnlyByLevelThemeAndStatusWithItsCertificationsPerYear() throws Exception {
    certify(apply("FR", "Lycée Un", List.of(Level.SECONDARY), List.of(Theme.ESD, Theme.PEACE_GCED)));
    apply("FR", "Lycée Deux", List.of(Level.PRIMARY, Level.SECONDARY), List.of(Theme.ESD));
    long rejected = apply("FR", "École Trois", List.of(Level.PRIMARY), List.of(Theme.ESD));
    lifecycle.transition(hq, rejected, MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    lifecycle.transition(hq, rejected, MembershipStatus.REJECTED, "not this year");
    certify(apply("KE", "Nairobi School", List.of(Level.PRIMARY), List.of(Theme.PEACE_GCED)));

    DirectoryCounts.CountryCounts france = new DirectoryCounts(database, TestLogger.INSTANCE, database.now::get).country("FR");
    assertEquals(1, france.total()[0], "members");
    assertEquals(1, france.total()[1], "candidates: the rejected one is neither");
    assertEquals(2, france.byLevel().get(Level.SECONDARY)[0] + france.byLevel().get(Level.SECONDARY)[1]);
    assertEquals(0, france.byLevel().get(Level.PRIMARY)[0], "Kenya's primary member is not France's");
    assertEquals(1, france.byLevel().get(Level.PRIMARY)[1]);
    assertEquals(java.util.Map.of("MEMBER", 1L, "APPLIED", 1L, "REJECTED", 1L),
        france.byStatus().entrySet().stream().filter(e -> e.getValue() > 0)
            .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
    assertEquals(java.util.Map.of(java.time.Year.now(java.time.ZoneOffset.UTC).getValue(), 1L), france.certificationsByYear());
  }

  @Test
  void quickCountsAreExactSlowOnesAreKeptTenTimesWhatTheyTookAndThePreviousOnesServeWhileCountingFails() throws Exception {
    AtomicLong now = database.now;
    DirectoryCounts counts = new DirectoryCounts(database, TestLogger.INSTANCE, now::get);
    StatsServlet stats = new StatsServlet(counts, countries);

    apply("FR", "Lycée Un", List.of(Level.SECONDARY), List.of(Theme.ESD));
    assertEquals(1, candidates(stats.body()));
    apply("FR", "Lycée Deux", List.of(Level.SECONDARY), List.of(Theme.ESD));
    assertEquals(2, candidates(stats.body()), "counting is quick: counted again, exact");
    database.failing.set(true);
    assertEquals(2, candidates(stats.body()), "counting fails: the previous counts");
    database.failing.set(false);

    database.readTakes = 3 * SECOND; // as at a million schools
    assertEquals(2, candidates(stats.body()));
    int reads = database.reads.get();
    apply("FR", "Lycée Trois", List.of(Level.SECONDARY), List.of(Theme.ESD));
    now.addAndGet(20 * SECOND);
    assertEquals(2, candidates(stats.body()), "counting took 3 s: kept for 30 s");
    assertEquals(reads, database.reads.get());
    now.addAndGet(15 * SECOND);
    database.failing.set(true);
    assertEquals(2, candidates(stats.body()), "counting fails: the previous counts");
    database.failing.set(false);
    assertEquals(3, candidates(stats.body()), "and the next request counts again");

    database.readTakes = 0;
    DirectoryCounts fresh = new DirectoryCounts(database, TestLogger.INSTANCE, now::get);
    database.failing.set(true);
    assertThrows(PersistenceException.class, fresh::current, "nothing to fall back on: the error (a 503 from the error page)");
  }

  @Test
  void whileOneRequestCountsTheOthersGetThePreviousCounts() throws Exception {
    DirectoryCounts counts = new DirectoryCounts(database, TestLogger.INSTANCE, database.now::get);
    apply("FR", "Lycée Un", List.of(Level.SECONDARY), List.of(Theme.ESD));
    assertEquals(1, counts.current().country("FR")[1]);
    apply("FR", "Lycée Deux", List.of(Level.SECONDARY), List.of(Theme.ESD));
    database.hold = new java.util.concurrent.CountDownLatch(1);
    int reads = database.reads.get();
    Thread counting = new Thread(counts::current);
    counting.start();
    while (database.reads.get() == reads) {
      Thread.onSpinWait();
    }
    assertEquals(1, counts.current().country("FR")[1], "another request is counting: the previous counts");
    assertEquals(reads + 1, database.reads.get(), "and no second pass");
    database.hold.countDown();
    counting.join();
    database.hold = null;
    assertEquals(2, counts.current().country("FR")[1]);
  }

  private static String rows(JsonNode list, String key) {
    List<String> out = new java.util.ArrayList<>();
    list.forEach(r -> out.add(r.path(key).asText() + " " + r.path("members").asLong() + " " + r.path("candidates").asLong()));
    return out.toString();
  }

  private static long count(JsonNode list, String key, String code) {
    for (JsonNode r : list) {
      if (r.path(key).asText().equals(code)) {
        return r.path("members").asLong() + r.path("candidates").asLong();
      }
    }
    return -1;
  }

  private static long candidates(byte[] body) throws Exception {
    JsonNode doc = Json.MAPPER.readTree(body);
    assertTrue(doc.has("byCountry"));
    return doc.path("candidates").asLong();
  }
}
