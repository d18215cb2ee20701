package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.osgi.framework.Bundle;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.persistence.SqlWork;
import org.unesco.aspnet.persistence.testing.TestDatabase;

/**
 * The sign-in throttle over a real database, with attempts sent at once (a start gate): right
 * passwords never refused because of one another, wrong ones stopped at the documented limits
 * however many are sent in parallel (docs/security.md, "Failed sign-ins").
 */
class SignInThrottleTest {
  private static final String RIGHT = "correct horse battery";
  private static final String WRONG = "wrong horse battery";
  private static final String CLASSROOM = "192.0.2.10";

  private TestDatabase database;
  private SecurityStore store;
  private Authentication authentication;
  private ExecutorService pool;
  /** The throttle's time: it stands still unless a test moves it, so no delay runs out by itself. */
  private final MovableClock clock = new MovableClock(Instant.now());
  private String hash;

  @BeforeEach
  void start() {
    database = SecurityTables.create();
    store = new SecurityStore(database, context());
    authentication = new Authentication(store, config(), quietLogger(), clock);
    hash = authentication.hasher().hash(RIGHT);
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static BundleContext context() {
    return (BundleContext) Proxy.newProxyInstance(SignInThrottleTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
        (proxy, method, args) -> null);
  }

  /** The defaults, but the fewest hash iterations allowed: the tests check hundreds of passwords. */
  private static Authentication.Config config() {
    return (Authentication.Config) Proxy.newProxyInstance(SignInThrottleTest.class.getClassLoader(),
        new Class<?>[] {Authentication.Config.class}, (proxy, method, args) -> switch (method.getName()) {
          case "passwordIterations" -> 100_000;
          case "annotationType" -> Authentication.Config.class;
          default -> method.getDefaultValue();
        });
  }

  private static Logger quietLogger() {
    return (Logger) Proxy.newProxyInstance(SignInThrottleTest.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
  }

  private List<String> accounts(int n) {
    return accounts("person", n, hash);
  }

  private List<String> accounts(String prefix, int n, String passwordHash) {
    List<String> emails = new ArrayList<>();
    database.inTransaction(c -> {
      for (int i = 0; i < n; i++) {
        String email = prefix + i + "@example.org";
        store.createAccount(c, email, "Person " + i, "en", passwordHash);
        emails.add(email);
      }
      return null;
    });
    return emails;
  }

  /** A sign-in's password check, as its answer's status: 200, 401 or 429. */
  private int signIn(String email, String password, String address) {
    return signIn(authentication, email, password, address);
  }

  /** {@link #signIn(String, String, String)} on {@code node}. */
  private static int signIn(Authentication node, String email, String password, String address) {
    try {
      node.requirePassword(email, password, address, "en");
      return 200;
    } catch (ProblemException e) {
      if (e.status() == 429) {
        assertNotNull(e.extensions().get("retryAfter"), "a 429 says when to come back");
      }
      return e.status();
    }
  }

  /** Runs {@code calls} at the same moment; their answers' statuses, counted ({200=25, 429=5}). */
  private Map<Integer, Integer> atOnce(List<Callable<Integer>> calls) throws Exception {
    CountDownLatch ready = new CountDownLatch(calls.size());
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (Callable<Integer> call : calls) {
      answers.add(pool.submit(() -> {
        ready.countDown();
        gate.await();
        return call.call();
      }));
    }
    ready.await();
    gate.countDown();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<Integer> answer : answers) {
      statuses.merge(answer.get(2, TimeUnit.MINUTES), 1, Integer::sum);
    }
    assertEquals(0, inFlight(), "no attempt is left in flight");
    return statuses;
  }

  private int inFlight() {
    return database.read(c -> {
      try (var ps = c.prepareStatement("SELECT COUNT(*) FROM SEC_LOGIN_IN_FLIGHT"); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private SecurityStore.Failures failures(String subject) {
    return database.read(c -> store.failures(c, subject, LoginThrottle.FORGET_AFTER, clock.instant()));
  }

  @Test
  void rightPasswordsOfManyAccountsSentAtOnceFromOneAddressAllGetIn() throws Exception {
    for (int n : List.of(25, 29)) {
      List<String> emails = accounts("class" + n + "-", n, hash);
      List<Callable<Integer>> calls = new ArrayList<>();
      for (String email : emails) {
        calls.add(() -> signIn(email, RIGHT, CLASSROOM));
      }
      assertEquals(Map.of(200, n), atOnce(calls), n + " at once, more than the address's 20 free attempts");
      assertEquals(0, failures("address:" + CLASSROOM).count());
    }
  }

  @Test
  void theRightPasswordOfOneAccountSentTenTimesAtOnceAlwaysGetsIn() throws Exception {
    String email = accounts(1).get(0);
    for (int n : List.of(6, 10)) {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(() -> signIn(email, RIGHT, CLASSROOM));
      }
      assertEquals(Map.of(200, n), atOnce(calls), n + " at once, more than the account's 5 free attempts");
    }
  }

  @Test
  void wrongPasswordsSentAtOnceGetNoMoreChecksThanOneByOne() throws Exception {
    String email = accounts(1).get(0);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      String address = "198.51.100." + i; // from thirty addresses: the account's limit alone
      calls.add(() -> signIn(email, WRONG, address));
    }
    assertEquals(Map.of(401, 5, 429, 25), atOnce(calls), "thirty guesses at one account at once: five checks");
    assertEquals(5, failures("account:" + email).count());
    // and the right password now waits too, as after five wrong ones sent one by one
    assertEquals(429, signIn(email, RIGHT, CLASSROOM));

    List<String> others = accounts("sprayed", 30, hash);
    List<Callable<Integer>> spray = new ArrayList<>();
    for (String other : others) {
      spray.add(() -> signIn(other, WRONG, "203.0.113.7"));
    }
    assertEquals(Map.of(401, 20, 429, 10), atOnce(spray), "thirty guesses at thirty accounts from one address: twenty checks");
    assertEquals(20, failures("address:203.0.113.7").count());
  }

  @Test
  void rightAndWrongPasswordsMixedAtOnce() throws Exception {
    // fewer wrong ones than the address lets through: every right one gets in, every wrong one is checked
    List<String> right = accounts("right", 25, hash);
    List<String> wrong = accounts("wrong", 15, hash);
    List<Callable<Integer>> calls = new ArrayList<>();
    right.forEach(e -> calls.add(() -> signIn(e, RIGHT, CLASSROOM)));
    wrong.forEach(e -> calls.add(() -> signIn(e, WRONG, CLASSROOM)));
    assertEquals(Map.of(200, 25, 401, 15), atOnce(calls));
    assertEquals(15, failures("address:" + CLASSROOM).count(), "a right password forgives no one else's failure");

    // more wrong ones than it lets through: exactly as many checked as one by one, the rest (and
    // right ones that came too late) wait
    List<String> more = accounts("more", 30, hash);
    List<String> late = accounts("late", 10, hash);
    List<Callable<Integer>> mixed = new ArrayList<>();
    more.forEach(e -> mixed.add(() -> signIn(e, WRONG, "203.0.113.8")));
    late.forEach(e -> mixed.add(() -> signIn(e, RIGHT, "203.0.113.8")));
    Map<Integer, Integer> statuses = atOnce(mixed);
    assertEquals(20, statuses.get(401), statuses.toString());
    assertEquals(40, statuses.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(20, failures("address:203.0.113.8").count());
  }

  @Test
  void earlierFailuresOfAnAddressLeaveRightPasswordsSentAtOnceAlone() throws Exception {
    // the tester's 127.0.0.1: sixteen wrong passwords earlier, one by one (four free attempts left)
    List<String> earlier = accounts("earlier", 16, hash);
    for (String email : earlier) {
      assertEquals(401, signIn(email, WRONG, "127.0.0.1"));
    }
    List<String> emails = accounts(25);
    for (int burst = 0; burst < 2; burst++) {
      List<Callable<Integer>> calls = new ArrayList<>();
      emails.forEach(e -> calls.add(() -> signIn(e, RIGHT, "127.0.0.1")));
      assertEquals(Map.of(200, 25), atOnce(calls), "burst " + burst);
    }
    assertEquals(16, failures("address:127.0.0.1").count(), "still counted: a success of one account clears only that account");
    // a quiet hour forgets them
    database.inTransaction(c -> {
      store.recordFailure(c, "address:127.0.0.1", 16, clock.instant().minus(LoginThrottle.FORGET_AFTER).minusSeconds(1));
      return null;
    });
    assertEquals(0, failures("address:127.0.0.1").count());
  }

  @Test
  void rightPasswordsSentAtOnceDoNotMoveTheLastFailure() throws Exception {
    List<String> wrong = accounts("wrong", 3, hash);
    for (String email : wrong) {
      assertEquals(401, signIn(email, WRONG, CLASSROOM));
    }
    Instant lastFailure = failures("address:" + CLASSROOM).last();
    clock.move(Duration.ofMinutes(10));
    List<Callable<Integer>> calls = new ArrayList<>();
    accounts(30).forEach(e -> calls.add(() -> signIn(e, RIGHT, CLASSROOM)));
    assertEquals(Map.of(200, 30), atOnce(calls));
    assertEquals(new SecurityStore.Failures(3, lastFailure), failures("address:" + CLASSROOM),
        "the quiet hour runs from the last failure, not from the last success");
  }

  @Test
  void wrongPasswordsOneByOneWaitAsDocumented() {
    String email = accounts(1).get(0);
    for (int i = 0; i < 5; i++) {
      assertEquals(401, signIn(email, WRONG, CLASSROOM));
    }
    ProblemException waiting = assertThrows(ProblemException.class,
        () -> authentication.requirePassword(email, RIGHT, CLASSROOM, "en"));
    assertEquals(429, waiting.status());
    assertEquals(1L, waiting.extensions().get("retryAfter"));
    clock.move(Duration.ofSeconds(1));
    assertEquals(401, signIn(email, WRONG, CLASSROOM), "the sixth after a second");
    assertEquals(2L, assertThrows(ProblemException.class,
        () -> authentication.requirePassword(email, RIGHT, CLASSROOM, "en")).extensions().get("retryAfter"));
    clock.move(Duration.ofSeconds(2));
    assertEquals(200, signIn(email, RIGHT, CLASSROOM));
    assertEquals(0, failures("account:" + email).count(), "a success resets the account");
    assertEquals(6, failures("address:" + CLASSROOM).count(), "not its address");
  }

  @Test
  void aDisabledAccountIsToldSoOnlyToItsRightPasswordAndOpensNoSession() {
    String email = accounts(1).get(0);
    String id = store.accountByEmail(email).orElseThrow().id();
    database.inTransaction(c -> ManagedAccounts.disable(c, id, null, "left the school", Instant.now()));
    assertEquals(401, signIn(email, WRONG, CLASSROOM), "a guesser learns nothing of it");
    ProblemException disabled = assertThrows(ProblemException.class,
        () -> authentication.requirePassword(email, RIGHT, CLASSROOM, "fr"));
    assertEquals(403, disabled.status());
    assertTrue(disabled.type().endsWith("/account-disabled"), disabled.type());
    assertTrue(disabled.getMessage().contains("désactivé"), disabled.getMessage());
    assertEquals(0, failures("account:" + email).count(), "the right password is no failure");
    assertEquals(403, assertThrows(ProblemException.class,
        () -> database.inTransaction(c -> authentication.openSession(c, id))).status(), "nor does anything open a session");
    database.inTransaction(c -> ManagedAccounts.enable(c, id));
    assertEquals(200, signIn(email, RIGHT, CLASSROOM), "enabled, it signs in again");
  }

  @Test
  void anAttemptEndedByAnExceptionIsNotLeftInFlight() throws Exception {
    // a stored hash that cannot be read: the check throws, the request ends by an exception
    String broken = accounts("broken", 1, "pbkdf2-sha256$many$AAAA$AAAA").get(0);
    for (int i = 0; i < 3; i++) {
      assertThrows(NumberFormatException.class, () -> authentication.requirePassword(broken, RIGHT, CLASSROOM, "en"));
    }
    assertEquals(0, inFlight());
    assertEquals(3, failures("address:" + CLASSROOM).count(), "an attempt whose end is not known counts as failed");
    List<Callable<Integer>> calls = new ArrayList<>();
    accounts(25).forEach(e -> calls.add(() -> signIn(e, RIGHT, CLASSROOM)));
    assertEquals(Map.of(200, 25), atOnce(calls));
  }

  @Test
  void anAttemptLeftInFlightByAStoppedNodeCountsAsFailedAfterAMinute() throws Exception {
    String email = accounts(1).get(0);
    Instant started = clock.instant().minus(LoginThrottle.IN_FLIGHT_LIMIT).minusSeconds(1);
    database.inTransaction(c -> {
      for (int i = 0; i < 5; i++) {
        store.startAttempt(c, "account:" + email, "stopped-" + i, started);
      }
      return null;
    });
    // five guesses whose node stopped a minute ago are five failures then: the sixth may come now
    assertEquals(401, signIn(email, WRONG, CLASSROOM));
    assertEquals(0, inFlight());
    assertEquals(6, failures("account:" + email).count());
    ProblemException waiting = assertThrows(ProblemException.class,
        () -> authentication.requirePassword(email, RIGHT, CLASSROOM, "en"));
    assertEquals(2L, waiting.extensions().get("retryAfter"), "after six, two seconds");
  }

  @Test
  void registrationsAndResetRequestsCountAgainstTheAddress() throws Exception {
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      calls.add(() -> {
        try {
          authentication.addressFailure("198.51.100.99", "en");
          return 202;
        } catch (ProblemException e) {
          return e.status();
        }
      });
    }
    assertEquals(Map.of(202, 20, 429, 10), atOnce(calls));
    List<Callable<Integer>> registrations = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      registrations.add(() -> {
        Authentication.Attempt a = authentication.addressAttempt("198.51.100.100", "en");
        authentication.end(a, true);
        return 201;
      });
    }
    assertEquals(Map.of(201, 30), atOnce(registrations), "registrations that go through are no failures");
  }

  @Test
  void twoHundredRightPasswordsFromOneAddressNeitherExhaustThePoolNorStallOtherWork() throws Exception {
    // the platform's pool in small (4 connections, 5 s to get one), and a clock that runs
    SmallPool small = new SmallPool(database, 4, Duration.ofSeconds(5));
    SecurityStore pooled = new SecurityStore(small, context());
    Authentication node = new Authentication(pooled, config(), quietLogger(), Clock.systemUTC());
    List<String> emails = accounts("school", 200, hash);
    AtomicBoolean bursting = new AtomicBoolean(true);
    Future<Long> otherWork = pool.submit(() -> { // a store read of the rest of the platform, all along
      long slowest = 0;
      do {
        long t0 = System.nanoTime();
        pooled.accountByEmail(emails.get(0)).orElseThrow();
        slowest = Math.max(slowest, System.nanoTime() - t0);
        Thread.sleep(20);
      } while (bursting.get());
      return TimeUnit.NANOSECONDS.toMillis(slowest);
    });
    List<String> left = new ArrayList<>(emails);
    int rounds = 0;
    try {
      while (!left.isEmpty()) {
        assertTrue(++rounds <= 15, "all in after " + rounds + " rounds; still out: " + left.size());
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String email : left) {
          calls.add(() -> {
            long t0 = System.nanoTime();
            int status;
            try {
              node.requirePassword(email, RIGHT, CLASSROOM, "en");
              status = 200;
            } catch (ProblemException e) {
              status = e.status();
              assertEquals(429, status, e.getMessage());
              assertEquals(1L, e.extensions().get("retryAfter"), "come back in a second");
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < LoginThrottle.WAIT_FOR_OTHERS.toMillis(), "waited " + ms + " ms");
            assertTrue(status == 200 || ms < 10_000, "a 429 after " + ms + " ms: not at once");
            answered.put(email, status);
            return status;
          });
        }
        Map<Integer, Integer> statuses = atOnce(calls);
        // at least twenty a round, or every one left (a first round may let all but a few in)
        assertTrue(statuses.getOrDefault(200, 0) >= Math.min(20, left.size()), "round " + rounds + ": " + statuses);
        left.removeIf(e -> answered.get(e) == 200);
        if (!left.isEmpty()) {
          Thread.sleep(1000); // Retry-After
        }
      }
    } finally {
      bursting.set(false);
    }
    assertTrue(otherWork.get(1, TimeUnit.MINUTES) < 3000, "the rest of the platform was served meanwhile");
    assertEquals(0, small.timeouts.get(), "no request waited its 5 s for a connection");
    assertEquals(0, failures("address:" + CLASSROOM).count());
  }

  @Test
  void anAttemptInFlightOnOneNodeIsCountedByAnother() throws Exception {
    // two nodes: their own Authentication and store, one database; a node's wake reaches its own waiters only
    Authentication nodeB = new Authentication(new SecurityStore(database, context()), config(), quietLogger(), clock);
    String address = "198.51.100.200";
    List<Authentication.Attempt> onA = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      onA.add(authentication.addressAttempt(address, "en"));
    }
    Future<Authentication.Attempt> onB = pool.submit(() -> nodeB.addressAttempt(address, "en"));
    Thread.sleep(500);
    assertFalse(onB.isDone(), "node B counts node A's twenty in flight: the twenty-first waits for one to end");
    long t0 = System.nanoTime();
    authentication.end(onA.remove(0), true);
    Authentication.Attempt b = onB.get(5, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 2000, "node B looked again by itself (" + ms + " ms)");
    nodeB.end(b, false);
    for (Authentication.Attempt a : onA) {
      authentication.end(a, false);
    }
    assertEquals(0, inFlight());
    assertEquals(20, failures("address:" + address).count(), "each node's wrong ones count for both");
    assertEquals(429, signIn(nodeB, "nobody@example.org", WRONG, address), "node B: after twenty, a second to wait");
  }

  /**
   * The platform's pool in small: at most {@code size} connections at once, a request waiting
   * {@code timeout} for one, then failing (counted) as the pool does.
   */
  private static final class SmallPool implements Database {
    private final Database db;
    private final Semaphore connections;
    private final Duration timeout;
    final AtomicInteger timeouts = new AtomicInteger();

    SmallPool(Database db, int size, Duration timeout) {
      this.db = db;
      this.connections = new Semaphore(size, true);
      this.timeout = timeout;
    }

    private void take() {
      try {
        if (!connections.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          timeouts.incrementAndGet();
          throw new PersistenceException("Connection is not available, request timed out after " + timeout.toMillis() + "ms.", null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PersistenceException("interrupted while waiting for a connection", null);
      }
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
      take();
      try {
        return db.inTransaction(work);
      } finally {
        connections.release();
      }
    }

    @Override
    public <T> T read(SqlWork<T> work) {
      take();
      try {
        return db.read(work);
      } finally {
        connections.release();
      }
    }

    @Override
    public DataSource dataSource() {
      return db.dataSource();
    }

    @Override
    public Dialect dialect() {
      return db.dialect();
    }

    @Override
    public int migrate(Bundle owner) {
      return db.migrate(owner);
    }
  }

  /** A clock that stands still until moved. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
