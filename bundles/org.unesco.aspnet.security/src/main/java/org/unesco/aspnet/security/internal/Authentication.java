package org.unesco.aspnet.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;

/**
 * Signs people in and out and tells, for a session or API token, who is acting. Activated by the
 * first request that needs it, not at start-up ({@link FirstAccount} runs then).
 */
@Component(service = Authentication.class, configurationPid = "org.unesco.aspnet.security")
@Designate(ocd = Authentication.Config.class)
public final class Authentication {
  static final String SESSION_PREFIX = "asp_s_";
  static final String API_TOKEN_PREFIX = "asp_t_";

  @ObjectClassDefinition(name = "ASPnet security", description = "Sign-in, sessions and API tokens")
  public @interface Config {
    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP: 600000)")
    int passwordIterations() default PasswordHasher.OWASP_ITERATIONS;

    @AttributeDefinition(description = "Hours a session lasts after sign-in")
    int sessionHours() default 12;

    @AttributeDefinition(description = "Failed sign-ins of one account before the delay starts")
    int freeAttemptsPerAccount() default 5;

    @AttributeDefinition(description = "Failed sign-ins from one address before the delay starts")
    int freeAttemptsPerAddress() default 20;
  }

  /** What a successful sign-in hands back. */
  record SignedIn(Principal principal, String token, String csrfToken, Instant expiresAt) {}

  /** The configuration as read and checked once per change: a typo keeps the previous value. */
  record Settings(int passwordIterations, int sessionHours, int freeAttemptsPerAccount, int freeAttemptsPerAddress) {
    static final Settings DEFAULTS = new Settings(
        ConfigValues.defaultOf(Config.class, "passwordIterations", Integer.class),
        ConfigValues.defaultOf(Config.class, "sessionHours", Integer.class),
        ConfigValues.defaultOf(Config.class, "freeAttemptsPerAccount", Integer.class),
        ConfigValues.defaultOf(Config.class, "freeAttemptsPerAddress", Integer.class));

    static Settings of(Config config, Settings previous, ConfigValues values) {
      return new Settings(
          values.get("passwordIterations", config::passwordIterations, n -> n >= 100_000, "at least 100000",
              previous.passwordIterations()),
          values.get("sessionHours", config::sessionHours, n -> n >= 1, "a number of hours, at least 1", previous.sessionHours()),
          values.get("freeAttemptsPerAccount", config::freeAttemptsPerAccount, n -> n >= 1, "a number, at least 1",
              previous.freeAttemptsPerAccount()),
          values.get("freeAttemptsPerAddress", config::freeAttemptsPerAddress, n -> n >= 1, "a number, at least 1",
              previous.freeAttemptsPerAddress()));
    }
  }

  private final SecurityStore store;
  private final ConfigValues values;
  private final Clock clock;
  /**
   * The attempts of this node waiting for others, per subject (an account's or an address's key),
   * oldest first; a subject's entry goes when no attempt waits on it. Only read or changed inside
   * the map's compute methods. An attempt that ends wakes only waiters of its own subjects.
   */
  private final ConcurrentHashMap<String, ArrayDeque<Waiter>> waiting = new ConcurrentHashMap<>();
  /**
   * Judging under a subject's row takes one of these first (by the key's hash, in index order), so
   * that attempts of this node against one row wait for each other here, not each on a pooled
   * connection waiting for the row's lock.
   */
  private final ReentrantLock[] judging = new ReentrantLock[64];
  private volatile Settings config = Settings.DEFAULTS;
  private volatile PasswordHasher hasher;
  /** Verified against when the email is unknown, so both cases take the same time. */
  private volatile String decoyHash;

  @Activate
  public Authentication(
      @Reference SecurityStore store,
      Config config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(store, config, log, Clock.systemUTC());
  }

  /** With the time of {@code clock}: for the tests. */
  Authentication(SecurityStore store, Config config, Logger log, Clock clock) {
    this.store = store;
    this.values = new ConfigValues("org.unesco.aspnet.security", log::warn);
    this.clock = clock;
    for (int i = 0; i < judging.length; i++) {
      judging[i] = new ReentrantLock(true);
    }
    modified(config);
  }

  @Modified
  void modified(Config config) {
    Settings read = Settings.of(config, this.config, values);
    this.config = read;
    this.hasher = new PasswordHasher(read.passwordIterations());
    this.decoyHash = null;
  }

  /** Made on the first sign-in with an unknown email, not at start-up: it costs a full hash. */
  private String decoyHash() {
    String decoy = decoyHash;
    if (decoy == null) {
      decoy = hasher.hash("decoy-" + System.nanoTime());
      decoyHash = decoy;
    }
    return decoy;
  }

  PasswordHasher hasher() {
    return hasher;
  }

  /** The longest email address (RFC 5321's path limit less its brackets). */
  static final int EMAIL_MAX = 254;

  /** How long a session opened now lasts at most. */
  Duration sessionLifetime() {
    return Duration.ofHours(config.sessionHours());
  }

  /** Checks the password, throttled per account and per address; opens a new session. */
  SignedIn signIn(String email, String password, String address, String language) {
    SecurityStore.Account a = requirePassword(email, password, address, language);
    return store.database().inTransaction(conn -> {
      // the password checked is still the account's: one changed meanwhile opens no session
      if (!store.holdPasswordHash(conn, a.id(), a.passwordHash())) {
        throw ProblemException.unauthorized(SecurityMessages.get(language, "wrongCredentials"));
      }
      return openSession(conn, a.id());
    });
  }

  /** A new session of the account, in the caller's transaction. */
  SignedIn openSession(java.sql.Connection conn, String accountId) throws java.sql.SQLException {
    String token = Tokens.newSecret(SESSION_PREFIX);
    String csrf = Tokens.newSecret("");
    Instant expires = Instant.now().plus(Duration.ofHours(config.sessionHours()));
    // disabled since its password was checked: no session (the account's row is read in this transaction)
    Principal principal = store.activePrincipal(conn, accountId).orElseThrow(() -> accountDisabled(null));
    store.createSession(conn, Tokens.hash(token), accountId, csrf, expires);
    return new SignedIn(principal, token, csrf, expires);
  }

  /** The 403 of a disabled account's owner: who to ask, in {@code language}. */
  static ProblemException accountDisabled(String language) {
    return new ProblemException(403, ProblemException.TYPE_BASE + "account-disabled", "Account disabled",
        SecurityMessages.get(language, "accountDisabled"), List.of(), Map.of());
  }

  /**
   * The account of {@code email} when {@code password} is its own; 401 otherwise, and 429 while
   * the account or the address must wait: a sign-in's check and throttle, without a session (an
   * invitation for an existing account asks it, so that only its owner accepts).
   */
  SecurityStore.Account requirePassword(String email, String password, String address, String language) {
    Settings c = config;
    String normalised = SecurityStore.normaliseEmail(email);
    // No account has an address longer than an email can be (254): such a sign-in fails like an
    // unknown account, counted against the sender's address only (the key column holds 300).
    boolean possible = normalised.length() <= EMAIL_MAX;
    List<Subject> subjects = new ArrayList<>(2);
    if (possible) {
      subjects.add(new Subject("account:" + normalised, c.freeAttemptsPerAccount(), true));
    }
    subjects.add(new Subject(addressKey(address), c.freeAttemptsPerAddress(), false));
    Attempt attempt = begin(subjects, language, "tooManyAttempts");
    boolean right = false;
    boolean done = false;
    try {
      Optional<SecurityStore.Account> account = possible ? store.accountByEmail(email) : Optional.empty();
      boolean asTyped = false;
      if (account.isPresent()) {
        PasswordHasher.Match match = hasher.check(password, account.get().passwordHash());
        right = match != PasswordHasher.Match.NO;
        asTyped = match == PasswordHasher.Match.AS_TYPED;
      } else {
        hasher.verify(password, decoyHash()); // same cost as a real check: no account probing by timing
      }
      if (!right) {
        done = true;
        end(attempt, false);
        throw ProblemException.unauthorized(SecurityMessages.get(language, "wrongCredentials"));
      }
      SecurityStore.Account a = account.get();
      // the right password: the account's failures are forgotten, and an old hash made stronger (or
      // made again of the normalised password), unless the password was changed meanwhile
      String stronger = asTyped || hasher.needsRehash(a.passwordHash()) ? hasher.hash(password) : null;
      boolean rehashed = store.database().inTransaction(conn -> {
        end(conn, attempt, true);
        return stronger != null && store.replacePasswordHash(conn, a.id(), a.passwordHash(), stronger);
      });
      done = true;
      wake(attempt.subjects(), true);
      if (a.disabled()) {
        // told only to whoever gives the right password: a guesser learns nothing of it
        throw accountDisabled(language);
      }
      return rehashed ? new SecurityStore.Account(a.id(), a.email(), a.name(), a.language(), stronger, false) : a;
    } catch (RuntimeException | Error e) {
      if (!done) { // a request that ends by an exception ends its attempt too: as right when it was
        try {
          end(attempt, right);
        } catch (RuntimeException | Error notEnded) { // counted as failed when it is found in flight too long
          e.addSuppressed(notEnded);
        }
      }
      throw e;
    }
  }

  /**
   * What an attempt is counted against: an account's or an address's row, with its free attempts;
   * whether a right password forgets its failures (an account's: yes; an address's: no).
   */
  record Subject(String key, int freeAttempts, boolean forgottenWhenRight) {}

  /** An attempt in flight against {@code subjects} since {@code at}, until it is {@link #end}ed. */
  record Attempt(String id, List<Subject> subjects, Instant at) {}

  /**
   * Starts an attempt against {@code subjects}. It goes ahead when it would be let through were
   * every attempt in flight against them wrong; it gets 429 ({@code tooManyKey}) when it must
   * wait even if they are all right; otherwise it waits for them to end and is judged again (at
   * most {@link LoginThrottle#WAIT_FOR_OTHERS}, then 429 for a second). Judged under the subjects'
   * rows, held in the order given (an account's before an address's), so that attempts against
   * the same row are judged one after the other on every node.
   *
   * <p>A waiting attempt is woken when an attempt of this node against one of its subjects ends,
   * and looks every {@link LoginThrottle#POLL} for those of other nodes. Woken, it first reads the
   * subjects' state without holding their rows, and is judged under them again only when that
   * state would let it go ahead (or refuse it); otherwise it goes back to waiting. When more than
   * {@link LoginThrottle#WAITING_PER_FREE_ATTEMPT} times a subject's free attempts are waiting on
   * it on this node already, an attempt that must wait gets 429 with Retry-After 1 at once.
   */
  private Attempt begin(List<Subject> subjects, String language, String tooManyKey) {
    String id = UUID.randomUUID().toString();
    Instant giveUp = clock.instant().plus(LoginThrottle.WAIT_FOR_OTHERS);
    if (queueFull(subjects)) {
      throw tooManyAttempts(1, SecurityMessages.get(language, tooManyKey, "1"));
    }
    Waiter waiter = null;
    try {
      while (true) {
        if (waiter != null) {
          waiter.clear(); // before the state is read: an attempt that ends from now on wakes it again
        }
        if (waiter == null || worthJudging(peek(subjects))) {
          Judged judged = judge(subjects, id, waiter == null);
          if (judged == null || judged.mustWait() > 0) {
            long wait = judged == null ? 1 : judged.mustWait();
            throw tooManyAttempts(wait, SecurityMessages.get(language, tooManyKey, String.valueOf(wait)));
          }
          if (judged.ifAllWrong() == 0) {
            return new Attempt(id, List.copyOf(subjects), judged.at());
          }
          // let through if the attempts in flight are right, not if they are wrong: wait for them
          if (waiter == null) {
            Waiter w = new Waiter();
            if (!enqueue(subjects, w)) {
              throw tooManyAttempts(1, SecurityMessages.get(language, tooManyKey, "1"));
            }
            waiter = w;
          }
        }
        if (!waiter.await(giveUp)) {
          throw tooManyAttempts(1, SecurityMessages.get(language, tooManyKey, "1"));
        }
      }
    } finally {
      if (waiter != null) {
        dequeue(subjects, waiter);
      }
    }
  }

  /**
   * Judges an attempt under its subjects' rows and puts it in flight when it may go ahead; null
   * (429 for a second) when it is new and too many wait on one of its subjects already.
   */
  private Judged judge(List<Subject> subjects, String id, boolean arriving) {
    int[] stripes = subjects.stream().mapToInt(s -> Math.floorMod(s.key().hashCode(), judging.length)).distinct().sorted().toArray();
    for (int stripe : stripes) {
      judging[stripe].lock();
    }
    try {
      if (arriving && queueFull(subjects)) { // filled while it waited its turn: no database work
        return null;
      }
      return store.database().inTransaction(conn -> {
        for (Subject s : subjects) {
          store.holdFailures(conn, s.key(), LoginThrottle.FORGET_AFTER, clock.instant());
        }
        Instant now = clock.instant(); // once the rows are held: an attempt that held them first wrote its own
        Judged judged = assess(conn, subjects, now, true);
        if (judged.mustWait() == 0 && judged.ifAllWrong() == 0) {
          for (Subject s : subjects) {
            store.startAttempt(conn, s.key(), id, now);
          }
        }
        return judged;
      });
    } finally {
      for (int i = stripes.length - 1; i >= 0; i--) {
        judging[stripes[i]].unlock();
      }
    }
  }

  /**
   * The subjects' state read without holding their rows (nothing is written): what a judgment
   * would say now, but for attempts in flight too long (stale), which only a judgment counts.
   */
  private Judged peek(List<Subject> subjects) {
    return store.database().read(conn -> assess(conn, subjects, clock.instant(), false));
  }

  /**
   * What the subjects' rows say at {@code now}: the longest wait of any (were the attempts in flight
   * right, and were they wrong). {@code countStale}: attempts in flight too long are counted as
   * failed first (a judgment, under the rows); else only noted as {@code stale} (a look).
   */
  private Judged assess(java.sql.Connection conn, List<Subject> subjects, Instant now, boolean countStale)
      throws java.sql.SQLException {
    long mustWait = 0;
    long ifAllWrong = 0;
    boolean stale = false;
    for (Subject s : subjects) {
      Instant staleBefore = now.minus(LoginThrottle.IN_FLIGHT_LIMIT);
      if (countStale) {
        store.failStale(conn, s.key(), staleBefore, LoginThrottle.FORGET_AFTER, now);
      } else {
        stale |= store.staleInFlight(conn, s.key(), staleBefore).count() > 0;
      }
      SecurityStore.Failures settled = store.failures(conn, s.key(), LoginThrottle.FORGET_AFTER, now);
      SecurityStore.InFlight inFlight = store.inFlight(conn, s.key());
      mustWait = Math.max(mustWait, LoginThrottle.secondsToWait(settled, s.freeAttempts(), now));
      ifAllWrong = Math.max(ifAllWrong,
          LoginThrottle.secondsToWait(LoginThrottle.ifAllWrong(settled, inFlight), s.freeAttempts(), now));
    }
    return new Judged(mustWait, ifAllWrong, now, stale);
  }

  /** Whether a waiting attempt is judged again: when it would go ahead, be refused, or stale attempts are to be counted. */
  private static boolean worthJudging(Judged peeked) {
    return peeked.stale() || peeked.mustWait() > 0 || peeked.ifAllWrong() == 0;
  }

  private record Judged(long mustWait, long ifAllWrong, Instant at, boolean stale) {}

  /** Whether as many attempts as this node lets wait are waiting on one of {@code subjects} already. */
  private boolean queueFull(List<Subject> subjects) {
    for (Subject s : subjects) {
      int[] size = {0};
      waiting.computeIfPresent(s.key(), (k, q) -> {
        size[0] = q.size();
        return q;
      });
      if (size[0] >= maxWaiting(s)) {
        return true;
      }
    }
    return false;
  }

  private static int maxWaiting(Subject s) {
    return LoginThrottle.WAITING_PER_FREE_ATTEMPT * s.freeAttempts();
  }

  /** Queues {@code w} on each subject; false (queued on none) when one has as many waiting as it may. */
  private boolean enqueue(List<Subject> subjects, Waiter w) {
    List<Subject> queued = new ArrayList<>(subjects.size());
    for (Subject s : subjects) {
      boolean[] added = {false};
      waiting.compute(s.key(), (k, q) -> {
        ArrayDeque<Waiter> queue = q == null ? new ArrayDeque<>() : q;
        if (queue.size() < maxWaiting(s)) {
          queue.addLast(w);
          added[0] = true;
        }
        return queue.isEmpty() ? null : queue;
      });
      if (!added[0]) {
        dequeue(queued, w);
        return false;
      }
      queued.add(s);
    }
    return true;
  }

  private void dequeue(List<Subject> subjects, Waiter w) {
    for (Subject s : subjects) {
      waiting.computeIfPresent(s.key(), (k, q) -> {
        q.remove(w);
        return q.isEmpty() ? null : q;
      });
    }
  }

  /** Ends an attempt, right or wrong, in a transaction of its own. */
  void end(Attempt attempt, boolean right) {
    try {
      store.database().inTransaction(conn -> {
        end(conn, attempt, right);
        return null;
      });
    } finally {
      wake(attempt.subjects(), right);
    }
  }

  /**
   * Ends an attempt in the caller's transaction (call {@link #wake} once it is over). Wrong, it
   * is one failure more of each subject at the time it started. Right, the account's failures are
   * forgotten (a success resets them); its address's are not, so that an account of one's own does
   * not buy more guesses at others' (they go after a quiet hour). One counted as failed meanwhile
   * for having been in flight too long is taken back when it was right.
   */
  private void end(java.sql.Connection conn, Attempt attempt, boolean right) throws java.sql.SQLException {
    Instant now = clock.instant();
    for (Subject s : attempt.subjects()) {
      store.holdFailures(conn, s.key(), LoginThrottle.FORGET_AFTER, now); // in the order begin holds them
    }
    for (Subject s : attempt.subjects()) {
      boolean inFlight = store.endAttempt(conn, s.key(), attempt.id());
      if (!right) {
        if (inFlight) {
          store.addFailure(conn, s.key(), attempt.at(), LoginThrottle.FORGET_AFTER, now);
        }
      } else if (s.forgottenWhenRight()) {
        store.clearFailures(conn, s.key());
      } else if (!inFlight) {
        store.forgiveOne(conn, s.key());
      }
    }
  }

  /**
   * Wakes the attempts of this node waiting on the subjects of one that ended (those of other
   * nodes look again every {@link LoginThrottle#POLL}): the oldest {@link LoginThrottle#WOKEN_PER_END}
   * not yet woken of each subject, as an end frees one place; every one of an account whose right
   * password forgot its failures.
   */
  private void wake(List<Subject> subjects, boolean right) {
    for (Subject s : subjects) {
      int n = right && s.forgottenWhenRight() ? Integer.MAX_VALUE : LoginThrottle.WOKEN_PER_END;
      waiting.computeIfPresent(s.key(), (k, q) -> {
        int woken = 0;
        for (Waiter w : q) {
          if (woken >= n) {
            break;
          }
          if (w.wake()) {
            woken++;
          }
        }
        return q;
      });
    }
  }

  /** An attempt waiting for others to end. */
  private final class Waiter {
    private boolean woken; // guarded by this

    synchronized void clear() {
      woken = false;
    }

    /** Wakes it; false when it was woken already (and has not looked since). */
    synchronized boolean wake() {
      if (woken) {
        return false;
      }
      woken = true;
      notifyAll();
      return true;
    }

    /** Waits until woken, or {@link LoginThrottle#POLL}; false once {@code giveUp} has passed. */
    synchronized boolean await(Instant giveUp) {
      long left = Duration.between(clock.instant(), giveUp).toMillis();
      if (left <= 0) {
        return false;
      }
      if (!woken) {
        try {
          wait(Math.min(LoginThrottle.POLL.toMillis(), left));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * For a registration: 429 while the client's address must wait after failed sign-ins or
   * registrations refused for an existing email; otherwise an attempt against the address, in
   * flight as a sign-in's is, to be {@link #end}ed: right when the registration went through. A
   * registration answers whether an email has an account (a 409), so probing addresses that way
   * costs the same as probing by sign-in.
   */
  Attempt addressAttempt(String address, String language) {
    return begin(List.of(new Subject(addressKey(address), config.freeAttemptsPerAddress(), false)), language, "tooManyFromAddress");
  }

  /** One failed attempt of the address, counted at once (429 while the address must wait). */
  void addressFailure(String address, String language) {
    end(addressAttempt(address, language), false);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  /** The 429 of the throttle; its retryAfter is also sent as Retry-After (Json.writeProblem). */
  private static ProblemException tooManyAttempts(long wait, String detail) {
    return new ProblemException(429, ProblemException.TYPE_BASE + "too-many-attempts", "Too many attempts",
        detail, java.util.List.of(), Map.of("retryAfter", wait));
  }

  void signOut(String sessionToken) {
    store.database().inTransaction(c -> {
      store.deleteSession(c, Tokens.hash(sessionToken));
      return null;
    });
  }

  /** Who holds this session token, and its CSRF token; empty when unknown or expired. */
  Optional<Map.Entry<Principal, String>> session(String token) {
    return store.database().read(c -> {
      Optional<SecurityStore.Session> s = store.session(c, Tokens.hash(token));
      if (s.isEmpty()) {
        return Optional.empty();
      }
      return store.activePrincipal(c, s.get().accountId()).map(p -> Map.entry(p, s.get().csrfToken()));
    });
  }

  /** Who holds this API token, and whether it only reads; empty when unknown, expired or revoked. */
  Optional<Map.Entry<Principal, Boolean>> apiToken(String token) {
    return store.database().read(c -> {
      Optional<SecurityStore.TokenHolder> holder = store.apiTokenHolder(c, Tokens.hash(token));
      return holder.isEmpty() ? Optional.<Map.Entry<Principal, Boolean>>empty()
          : store.activePrincipal(c, holder.get().accountId()).map(p -> Map.entry(p, holder.get().readOnly()));
    });
  }

}
