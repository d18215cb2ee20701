package org.unesco.aspnet.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
  private volatile Settings config = Settings.DEFAULTS;
  private volatile PasswordHasher hasher;
  /** Verified against when the email is unknown, so both cases take the same time. */
  private volatile String decoyHash;

  @Activate
  public Authentication(
      @Reference SecurityStore store,
      Config config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.store = store;
    this.values = new ConfigValues("org.unesco.aspnet.security", log::warn);
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
    store.createSession(conn, Tokens.hash(token), accountId, csrf, expires);
    return new SignedIn(store.principal(conn, accountId).orElseThrow(), token, csrf, expires);
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
    String accountKey = "account:" + (possible ? normalised : "");
    String addressKey = addressKey(address);
    // Each attempt is counted as failed before its password is checked (and forgiven when right),
    // under the rows of its account and address: attempts sent at once are counted one after the
    // other, so thirty in parallel get five checks, not thirty.
    Attempt attempt = store.database().inTransaction(conn -> {
      SecurityStore.Failures byAccount = possible ? store.holdFailures(conn, accountKey, LoginThrottle.FORGET_AFTER) : null;
      SecurityStore.Failures byAddress = store.holdFailures(conn, addressKey, LoginThrottle.FORGET_AFTER);
      Instant now = Instant.now(); // once the rows are held: an attempt that held them first wrote its own time
      long w = Math.max(byAccount == null ? 0 : LoginThrottle.secondsToWait(byAccount, c.freeAttemptsPerAccount(), now),
          LoginThrottle.secondsToWait(byAddress, c.freeAttemptsPerAddress(), now));
      if (w == 0) {
        if (byAccount != null) {
          store.recordFailure(conn, accountKey, byAccount.count() + 1, now);
        }
        store.recordFailure(conn, addressKey, byAddress.count() + 1, now);
      }
      return new Attempt(addressKey, w, now, byAddress.last());
    });
    if (attempt.waitSeconds() > 0) {
      throw tooManyAttempts(attempt.waitSeconds(), SecurityMessages.get(language, "tooManyAttempts", String.valueOf(attempt.waitSeconds())));
    }
    Optional<SecurityStore.Account> account = possible ? store.accountByEmail(email) : Optional.empty();
    boolean ok;
    boolean asTyped = false;
    if (account.isPresent()) {
      PasswordHasher.Match match = hasher.check(password, account.get().passwordHash());
      ok = match != PasswordHasher.Match.NO;
      asTyped = match == PasswordHasher.Match.AS_TYPED;
    } else {
      hasher.verify(password, decoyHash()); // same cost as a real check: no account probing by timing
      ok = false;
    }
    if (!ok) {
      throw ProblemException.unauthorized(SecurityMessages.get(language, "wrongCredentials")); // counted above
    }
    SecurityStore.Account a = account.get();
    // the right password: the account's failures are forgotten, and an old hash made stronger (or
    // made again of the normalised password), unless the password was changed meanwhile
    String stronger = asTyped || hasher.needsRehash(a.passwordHash()) ? hasher.hash(password) : null;
    boolean rehashed = store.database().inTransaction(conn -> {
      store.clearFailures(conn, accountKey);
      store.forgiveOne(conn, addressKey, attempt.at(), attempt.before()); // counted ahead, and right
      return stronger != null && store.replacePasswordHash(conn, a.id(), a.passwordHash(), stronger);
    });
    return rehashed ? new SecurityStore.Account(a.id(), a.email(), a.name(), a.language(), stronger) : a;
  }

  /** An attempt counted ahead against {@code key} at {@code at} ({@code before}: the time it replaced), or told to wait. */
  record Attempt(String key, long waitSeconds, Instant at, Instant before) {}

  /**
   * For a registration: 429 while the client's address must wait after failed sign-ins or
   * registrations refused for an existing email; otherwise the attempt is counted against the
   * address at once, under its row (parallel probes are counted one after the other), and
   * {@link #forgive}n when the registration goes through. A registration answers whether an email
   * has an account (a 409), so probing addresses that way costs the same as probing by sign-in.
   */
  Attempt addressAttempt(String address, String language) {
    String key = addressKey(address);
    Attempt attempt = store.database().inTransaction(conn -> {
      SecurityStore.Failures byAddress = store.holdFailures(conn, key, LoginThrottle.FORGET_AFTER);
      Instant now = Instant.now();
      long w = LoginThrottle.secondsToWait(byAddress, config.freeAttemptsPerAddress(), now);
      if (w == 0) {
        store.recordFailure(conn, key, byAddress.count() + 1, now);
      }
      return new Attempt(key, w, now, byAddress.last());
    });
    if (attempt.waitSeconds() > 0) {
      throw tooManyAttempts(attempt.waitSeconds(), SecurityMessages.get(language, "tooManyFromAddress", String.valueOf(attempt.waitSeconds())));
    }
    return attempt;
  }

  /** Takes back an attempt counted ahead that went through. */
  void forgive(Attempt attempt) {
    store.database().inTransaction(conn -> {
      store.forgiveOne(conn, attempt.key(), attempt.at(), attempt.before());
      return null;
    });
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
      return store.principal(c, s.get().accountId()).map(p -> Map.entry(p, s.get().csrfToken()));
    });
  }

  /** Who holds this API token; empty when unknown, expired or revoked. */
  Optional<Principal> apiToken(String token) {
    return store.database().read(c -> {
      Optional<String> account = store.apiTokenAccount(c, Tokens.hash(token));
      return account.isEmpty() ? Optional.<Principal>empty() : store.principal(c, account.get());
    });
  }

}
