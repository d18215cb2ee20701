package org.unesco.aspnet.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.persistence.Database;

/** The security tables: accounts, grants, sessions, API tokens, failed sign-ins. */
@Component(service = SecurityStore.class)
public final class SecurityStore {

  /** An account as sign-in reads it; {@code disabled}: it signs in no more (docs/security.md). */
  record Account(String id, String email, String name, String language, String passwordHash, boolean disabled) {}

  record Session(String accountId, String csrfToken, Instant expiresAt) {}

  record ApiToken(String id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, boolean readOnly) {}

  /** Whose a live API token is, and whether it only reads. */
  record TokenHolder(String accountId, boolean readOnly) {}

  private final Database db;

  @Activate
  public SecurityStore(@Reference Database db, BundleContext context) {
    this.db = db;
    db.migrate(context.getBundle());
  }

  Database database() {
    return db;
  }

  /**
   * The one form of an email that is stored and compared: NFKC before lower case, so that a
   * fullwidth {@code ＡＢＣ@…} or a decomposed {@code exa\u0301mple} is the account that
   * {@code abc@…} or {@code exámple} is, not a look-alike beside it. Every stored email is the
   * NFKC form of itself when it is ASCII or NFC without compatibility characters, as all are
   * today: those keep matching (and {@link #accountByEmail} finds any other by its old form).
   */
  static String normaliseEmail(String email) {
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
  }

  /** The form emails were stored in before NFKC: an account registered then is still found by it. */
  private static String storedBeforeNfkc(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  Optional<Account> accountByEmail(String email) {
    return db.read(c -> accountByEmail(c, email));
  }

  Optional<Account> accountByEmail(Connection c, String email) throws SQLException {
    String normalised = normaliseEmail(email);
    Optional<Account> found = queryAccount(c, "EMAIL", normalised);
    String before = storedBeforeNfkc(email);
    // A second look only for an email whose NFKC form differs (not ASCII nor NFC), and only on a miss.
    return found.isPresent() || before.equals(normalised) ? found : queryAccount(c, "EMAIL", before);
  }

  private static Optional<Account> queryAccount(Connection c, String column, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ID, EMAIL, NAME, LANGUAGE, PASSWORD_HASH, DISABLED_AT FROM SEC_ACCOUNT WHERE " + column + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6) != null))
            : Optional.empty();
      }
    }
  }

  boolean anyAccount() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM SEC_ACCOUNT FETCH FIRST 1 ROWS ONLY");
          ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** The principal of an account, with all its grants, disabled or not; empty when it no longer exists. */
  Optional<Principal> principal(Connection c, String accountId) throws SQLException {
    return principal(c, accountId, false);
  }

  /**
   * Who acts with a session or an API token of the account: its principal, empty when the account
   * no longer exists or is disabled (a session opened as it was being disabled opens nothing).
   */
  Optional<Principal> activePrincipal(Connection c, String accountId) throws SQLException {
    return principal(c, accountId, true);
  }

  private Optional<Principal> principal(Connection c, String accountId, boolean activeOnly) throws SQLException {
    Optional<Account> account = queryAccount(c, "ID", accountId);
    if (account.isEmpty() || (activeOnly && account.get().disabled())) {
      return Optional.empty();
    }
    List<Grant> grants = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ROLE, COUNTRY, UNIT, CAMPAIGN, SCHOOL FROM SEC_GRANT WHERE ACCOUNT_ID = ? ORDER BY ROLE")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          grants.add(new Grant(Role.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
      }
    }
    Account a = account.get();
    return Optional.of(new Principal(a.id(), a.email(), a.name(), a.language(), grants));
  }

  String createAccount(Connection c, String email, String name, String language, String passwordHash)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_ACCOUNT (ID, EMAIL, NAME, NAME_KEY, LANGUAGE, PASSWORD_HASH, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, normaliseEmail(email));
      ps.setString(3, name);
      ps.setString(4, nameKey(name));
      ps.setString(5, language);
      ps.setString(6, passwordHash);
      ps.setTimestamp(7, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    }
    return id;
  }

  /** The most a name's key holds (a fold can make a name longer: "ß" is "ss"). */
  static final int NAME_KEY_LENGTH = 1000;

  /** What a search by name compares (ManagedAccounts.Search): the name folded by {@link SearchKey}. */
  static String nameKey(String name) {
    String key = SearchKey.of(name);
    return key.length() > NAME_KEY_LENGTH ? key.substring(0, NAME_KEY_LENGTH) : key;
  }

  /**
   * Gives the accounts made before security migration V11 the key of their name, a hundred at a
   * time, in the order of their ids (nodes starting together take their rows in the same order, not
   * in each other's way); once done, a start finds none to fill. Then, if the keys were made by an
   * older {@link SearchKey} than this release's, makes them again once. Returns how many it filled
   * or changed.
   */
  int fillNameKeys() {
    int filled = 0;
    while (true) {
      int done = db.inTransaction(c -> {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT ID, NAME FROM SEC_ACCOUNT WHERE NAME_KEY IS NULL ORDER BY ID FETCH FIRST 100 ROWS ONLY");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.put(rs.getString(1), rs.getString(2));
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET NAME_KEY = ? WHERE ID = ? AND NAME_KEY IS NULL")) {
          for (Map.Entry<String, String> account : names.entrySet()) {
            ps.setString(1, nameKey(account.getValue()));
            ps.setString(2, account.getKey());
            ps.addBatch();
          }
          if (!names.isEmpty()) {
            ps.executeBatch();
          }
        }
        return names.size();
      });
      filled += done;
      if (done == 0) {
        return filled + refreshNameKeys();
      }
    }
  }

  /** Makes the accounts' name keys again if an older {@link SearchKey} made them; how many changed. */
  private int refreshNameKeys() {
    int version = SearchKey.version();
    boolean current = db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT KEY_VERSION FROM SEC_SEARCH_STATE WHERE ID = 1");
          ResultSet rs = ps.executeQuery()) {
        return !rs.next() || rs.getInt(1) >= version;
      }
    });
    if (current) {
      return 0;
    }
    int changed = 0;
    String after = "";
    while (after != null) {
      String from = after;
      Object[] pass = db.inTransaction(c -> {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        String last = null;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT ID, NAME, NAME_KEY FROM SEC_ACCOUNT WHERE ID > ? ORDER BY ID FETCH FIRST 500 ROWS ONLY")) {
          ps.setString(1, from);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              last = rs.getString(1);
              String key = nameKey(rs.getString(2));
              if (!key.equals(rs.getString(3))) {
                keys.put(last, key);
              }
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET NAME_KEY = ? WHERE ID = ?")) {
          for (Map.Entry<String, String> account : keys.entrySet()) {
            ps.setString(1, account.getValue());
            ps.setString(2, account.getKey());
            ps.addBatch();
          }
          if (!keys.isEmpty()) {
            ps.executeBatch();
          }
        }
        return new Object[] {last, keys.size()};
      });
      after = (String) pass[0];
      changed += (Integer) pass[1];
    }
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_SEARCH_STATE SET KEY_VERSION = ? WHERE ID = 1")) {
        ps.setInt(1, version);
        return ps.executeUpdate();
      }
    });
    return changed;
  }

  /**
   * Sets the hash only while the stored one is still {@code expected} (a rehash at sign-in must not
   * undo a change made meanwhile); true when it did.
   */
  boolean replacePasswordHash(Connection c, String accountId, String expected, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET PASSWORD_HASH = ? WHERE ID = ? AND PASSWORD_HASH = ?")) {
      ps.setString(1, hash);
      ps.setString(2, accountId);
      ps.setString(3, expected);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Whether the account's hash is still {@code verified}, holding its row until the transaction
   * ends: a password change waits for a session being opened with the old password, then ends it
   * with the others.
   */
  boolean holdPasswordHash(Connection c, String accountId, String verified) throws SQLException {
    return replacePasswordHash(c, accountId, verified, verified);
  }

  void updatePasswordHash(Connection c, String accountId, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET PASSWORD_HASH = ? WHERE ID = ?")) {
      ps.setString(1, hash);
      ps.setString(2, accountId);
      ps.executeUpdate();
    }
  }

  /**
   * Gives the account {@code g} unless it holds it already (an invitation accepted twice, two
   * accepted at once): false then. The account's row is taken first, so that of two at once the
   * second sees the first's grant.
   */
  boolean addGrant(Connection c, String accountId, Grant g, String grantedBy) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("UPDATE SEC_ACCOUNT SET NAME = NAME WHERE ID = ?")) {
      lock.setString(1, accountId);
      lock.executeUpdate();
    }
    if (principal(c, accountId).map(Principal::grants).orElse(List.of()).contains(g)) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_GRANT (ID, ACCOUNT_ID, ROLE, COUNTRY, UNIT, CAMPAIGN, SCHOOL, GRANTED_AT, GRANTED_BY)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, accountId);
      ps.setString(3, g.role().name());
      ps.setString(4, g.country());
      ps.setString(5, g.unit());
      ps.setString(6, g.campaign());
      ps.setString(7, g.school());
      ps.setTimestamp(8, Timestamp.from(Instant.now()));
      ps.setString(9, grantedBy);
      ps.executeUpdate();
    }
    return true;
  }

  // --- sessions: stored (hashed) in the database, so they survive a restart and every node sees them

  /** Opens a session of the account and notes the time as its last sign-in. */
  void createSession(Connection c, String tokenHash, String accountId, String csrf, Instant expiresAt)
      throws SQLException {
    Instant now = Instant.now();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_SESSION (TOKEN_HASH, ACCOUNT_ID, CSRF_TOKEN, CREATED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, tokenHash);
      ps.setString(2, accountId);
      ps.setString(3, csrf);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setTimestamp(5, Timestamp.from(expiresAt));
      ps.executeUpdate();
    }
    // a session opens at a sign-in (or a password change): what tells an unused account apart
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET LAST_SIGNED_IN_AT = ? WHERE ID = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, accountId);
      ps.executeUpdate();
    }
  }

  Optional<Session> session(Connection c, String tokenHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ACCOUNT_ID, CSRF_TOKEN, EXPIRES_AT FROM SEC_SESSION WHERE TOKEN_HASH = ? AND EXPIRES_AT > ?")) {
      ps.setString(1, tokenHash);
      ps.setTimestamp(2, Timestamp.from(Instant.now()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
            : Optional.empty();
      }
    }
  }

  /** Ends one session; false when it had ended already. */
  boolean deleteSession(Connection c, String tokenHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_SESSION WHERE TOKEN_HASH = ?")) {
      ps.setString(1, tokenHash);
      return ps.executeUpdate() == 1;
    }
  }

  // --- API tokens

  void createApiToken(Connection c, String id, String accountId, String name, String tokenHash, Instant expiresAt,
      boolean readOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_API_TOKEN (ID, ACCOUNT_ID, NAME, TOKEN_HASH, CREATED_AT, EXPIRES_AT, READ_ONLY) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, accountId);
      ps.setString(3, name);
      ps.setString(4, tokenHash);
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.setTimestamp(6, Timestamp.from(expiresAt));
      ps.setBoolean(7, readOnly);
      ps.executeUpdate();
    }
  }

  /** The account of a live (not expired, not revoked) API token, and whether the token only reads. */
  Optional<TokenHolder> apiTokenHolder(Connection c, String tokenHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ACCOUNT_ID, READ_ONLY FROM SEC_API_TOKEN WHERE TOKEN_HASH = ? AND REVOKED_AT IS NULL AND EXPIRES_AT > ?")) {
      ps.setString(1, tokenHash);
      ps.setTimestamp(2, Timestamp.from(Instant.now()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TokenHolder(rs.getString(1), rs.getBoolean(2))) : Optional.empty();
      }
    }
  }

  List<ApiToken> apiTokens(Connection c, String accountId) throws SQLException {
    List<ApiToken> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ID, NAME, CREATED_AT, EXPIRES_AT, REVOKED_AT, READ_ONLY FROM SEC_API_TOKEN WHERE ACCOUNT_ID = ? ORDER BY CREATED_AT")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp revoked = rs.getTimestamp(5);
          result.add(new ApiToken(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
              rs.getTimestamp(4).toInstant(), revoked == null ? null : revoked.toInstant(), rs.getBoolean(6)));
        }
      }
    }
    return result;
  }

  boolean revokeApiToken(Connection c, String id, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_API_TOKEN SET REVOKED_AT = ? WHERE ID = ? AND ACCOUNT_ID = ? AND REVOKED_AT IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, id);
      ps.setString(3, accountId);
      return ps.executeUpdate() == 1;
    }
  }

  // --- failed sign-ins

  record Failures(int count, Instant last) {}

  /**
   * Failures of a subject; forgotten after a quiet {@code forgetAfter} before {@code now} (the
   * caller's clock: the throttle's, so that the times it writes and compares come from one clock).
   */
  Failures failures(Connection c, String subject, Duration forgetAfter, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT FAILURES, LAST_FAILURE FROM SEC_LOGIN_FAILURE WHERE SUBJECT = ?")) {
      ps.setString(1, subject);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Failures(0, null);
        }
        Instant last = rs.getTimestamp(2).toInstant();
        return last.plus(forgetAfter).isBefore(now) ? new Failures(0, null) : new Failures(rs.getInt(1), last);
      }
    }
  }

  /**
   * The subject's failures so far, its row held (made if missing) until the transaction ends: of
   * two attempts at once, the second reads what the first wrote, not the same count.
   */
  Failures holdFailures(Connection c, String subject, Duration forgetAfter) throws SQLException {
    return holdFailures(c, subject, forgetAfter, Instant.now());
  }

  /** {@link #holdFailures(Connection, String, Duration)}, its failures as of {@code now}. */
  Failures holdFailures(Connection c, String subject, Duration forgetAfter, Instant now) throws SQLException {
    try (PreparedStatement hold = c.prepareStatement("UPDATE SEC_LOGIN_FAILURE SET FAILURES = FAILURES WHERE SUBJECT = ?")) {
      hold.setString(1, subject);
      if (hold.executeUpdate() == 1) {
        return failures(c, subject, forgetAfter, now);
      }
    }
    java.sql.Savepoint before = c.setSavepoint(); // PostgreSQL ends the whole transaction on an error otherwise
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_LOGIN_FAILURE (SUBJECT, FAILURES, LAST_FAILURE) VALUES (?, 0, ?)")) {
      ps.setString(1, subject);
      ps.setTimestamp(2, Timestamp.from(Instant.EPOCH));
      ps.executeUpdate();
      return new Failures(0, null);
    } catch (SQLException madeMeanwhile) {
      if (madeMeanwhile.getSQLState() == null || !madeMeanwhile.getSQLState().startsWith("23")) {
        throw madeMeanwhile;
      }
      c.rollback(before); // another attempt made it a moment ago: wait for it, then read its count
      try (PreparedStatement hold = c.prepareStatement("UPDATE SEC_LOGIN_FAILURE SET FAILURES = FAILURES WHERE SUBJECT = ?")) {
        hold.setString(1, subject);
        hold.executeUpdate();
      }
      return failures(c, subject, forgetAfter, now);
    }
  }

  /** One failure fewer for the subject: an attempt counted as failed (in flight too long) that turned out right. */
  void forgiveOne(Connection c, String subject) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_LOGIN_FAILURE SET FAILURES = FAILURES - 1 WHERE SUBJECT = ? AND FAILURES > 0")) {
      ps.setString(1, subject);
      ps.executeUpdate();
    }
  }

  // --- attempts in flight: their password being checked (V5); read and written under the subject's held row

  /** Attempts in flight against a subject: how many, and when the latest started (null when none). */
  record InFlight(int count, Instant latest) {}

  /** Puts an attempt in flight against the subject, started {@code at}, until {@link #endAttempt}. */
  void startAttempt(Connection c, String subject, String attempt, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_LOGIN_IN_FLIGHT (SUBJECT, ATTEMPT, STARTED_AT) VALUES (?, ?, ?)")) {
      ps.setString(1, subject);
      ps.setString(2, attempt);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  /** Ends an attempt in flight; false when it was in flight no longer ({@link #failStale} counted it as failed). */
  boolean endAttempt(Connection c, String subject, String attempt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_LOGIN_IN_FLIGHT WHERE SUBJECT = ? AND ATTEMPT = ?")) {
      ps.setString(1, subject);
      ps.setString(2, attempt);
      return ps.executeUpdate() == 1;
    }
  }

  InFlight inFlight(Connection c, String subject) throws SQLException {
    return inFlight(c, subject, null);
  }

  /** The subject's attempts in flight started before {@code startedBefore}: stopped with their node. */
  InFlight staleInFlight(Connection c, String subject, Instant startedBefore) throws SQLException {
    return inFlight(c, subject, startedBefore);
  }

  /** The subject's attempts in flight (only those started before {@code startedBefore} when not null). */
  private static InFlight inFlight(Connection c, String subject, Instant startedBefore) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX(STARTED_AT) FROM SEC_LOGIN_IN_FLIGHT WHERE SUBJECT = ?"
        + (startedBefore == null ? "" : " AND STARTED_AT < ?"))) {
      ps.setString(1, subject);
      if (startedBefore != null) {
        ps.setTimestamp(2, Timestamp.from(startedBefore));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp latest = rs.getTimestamp(2);
        return new InFlight(rs.getInt(1), latest == null ? null : latest.toInstant());
      }
    }
  }

  /**
   * Counts as failed the subject's attempts in flight since before {@code startedBefore}: their
   * node stopped before it knew (a request that ends by an exception ends its attempt itself).
   * Each is a failure at the time it started, as if it had been wrong. The subject's row is held.
   */
  void failStale(Connection c, String subject, Instant startedBefore, Duration forgetAfter, Instant now) throws SQLException {
    InFlight stale = inFlight(c, subject, startedBefore);
    if (stale.count() == 0) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_LOGIN_IN_FLIGHT WHERE SUBJECT = ? AND STARTED_AT < ?")) {
      ps.setString(1, subject);
      ps.setTimestamp(2, Timestamp.from(startedBefore));
      ps.executeUpdate();
    }
    Failures f = failures(c, subject, forgetAfter, now);
    recordFailure(c, subject, f.count() + stale.count(), later(f.last(), stale.latest()));
  }

  /** Counts an attempt that was wrong, started {@code at}, as one failure more ({@code now}); the subject's row is held. */
  void addFailure(Connection c, String subject, Instant at, Duration forgetAfter, Instant now) throws SQLException {
    Failures f = failures(c, subject, forgetAfter, now);
    recordFailure(c, subject, f.count() + 1, later(f.last(), at));
  }

  static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  /** Sets the subject's failure count to {@code count}, now (run inside a transaction). */
  void recordFailure(Connection c, String subject, int count) throws SQLException {
    recordFailure(c, subject, count, Instant.now());
  }

  /** Sets the subject's failure count to {@code count}, at {@code at} (run inside a transaction). */
  void recordFailure(Connection c, String subject, int count, Instant at) throws SQLException {
    clearFailures(c, subject);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_LOGIN_FAILURE (SUBJECT, FAILURES, LAST_FAILURE) VALUES (?, ?, ?)")) {
      ps.setString(1, subject);
      ps.setInt(2, count);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  void clearFailures(Connection c, String subject) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_LOGIN_FAILURE WHERE SUBJECT = ?")) {
      ps.setString(1, subject);
      ps.executeUpdate();
    }
  }

  // --- single-use links: invitations and password resets

  record OneTimeLink(String purpose, String email, Grant grant, String createdBy, Instant expiresAt, Instant usedAt) {}

  /**
   * Stores a link for {@code email} as given: an invitation's normalised, a reset's the account's
   * own as stored (one from before NFKC normalisation too, so that the link still finds it).
   */
  void createLink(Connection c, String tokenHash, String purpose, String email, Grant grant, String createdBy, Instant expiresAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO SEC_ONE_TIME_LINK (TOKEN_HASH, PURPOSE, EMAIL, ROLE, COUNTRY, UNIT, CAMPAIGN, SCHOOL, CREATED_BY, CREATED_AT, EXPIRES_AT)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, tokenHash);
      ps.setString(2, purpose);
      ps.setString(3, email);
      ps.setString(4, grant == null ? null : grant.role().name());
      ps.setString(5, grant == null ? null : grant.country());
      ps.setString(6, grant == null ? null : grant.unit());
      ps.setString(7, grant == null ? null : grant.campaign());
      ps.setString(8, grant == null ? null : grant.school());
      ps.setString(9, createdBy);
      ps.setTimestamp(10, Timestamp.from(Instant.now()));
      ps.setTimestamp(11, Timestamp.from(expiresAt));
      ps.executeUpdate();
    }
  }

  /** What an account's owner chose: the language the platform writes to them in, and membership notices or not. */
  record Preferences(String language, boolean membershipNotices) {}

  Preferences preferences(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT LANGUAGE, MEMBERSHIP_NOTICES FROM SEC_ACCOUNT WHERE ID = ?")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw org.unesco.aspnet.core.ProblemException.unauthorized("This account no longer exists");
        }
        return new Preferences(rs.getString(1), rs.getBoolean(2));
      }
    }
  }

  void updatePreferences(Connection c, String accountId, Preferences p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET LANGUAGE = ?, MEMBERSHIP_NOTICES = ? WHERE ID = ?")) {
      ps.setString(1, p.language());
      ps.setBoolean(2, p.membershipNotices());
      ps.setString(3, accountId);
      ps.executeUpdate();
    }
  }

  /**
   * Marks a live link used and returns it; empty when unknown, expired or used. The update is
   * the check, so two concurrent uses cannot both succeed.
   */
  Optional<OneTimeLink> useLink(Connection c, String tokenHash, String purpose) throws SQLException {
    Instant now = Instant.now();
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_ONE_TIME_LINK SET USED_AT = ? WHERE TOKEN_HASH = ? AND PURPOSE = ? AND USED_AT IS NULL AND EXPIRES_AT > ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, tokenHash);
      ps.setString(3, purpose);
      ps.setTimestamp(4, Timestamp.from(now));
      if (ps.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    return link(c, tokenHash, purpose, false);
  }

  /**
   * A live link (not used, not expired), read without using it: to tell what its use will ask
   * for (a new account's name and password). Empty when unknown, expired or used.
   */
  Optional<OneTimeLink> liveLink(Connection c, String tokenHash, String purpose) throws SQLException {
    return link(c, tokenHash, purpose, true);
  }

  /** The link of {@code tokenHash} for {@code purpose}; only a live one if {@code liveOnly}. */
  private static Optional<OneTimeLink> link(Connection c, String tokenHash, String purpose, boolean liveOnly) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT EMAIL, ROLE, COUNTRY, UNIT, CAMPAIGN, SCHOOL, CREATED_BY, EXPIRES_AT, USED_AT FROM SEC_ONE_TIME_LINK"
            + " WHERE TOKEN_HASH = ? AND PURPOSE = ?" + (liveOnly ? " AND USED_AT IS NULL AND EXPIRES_AT > ?" : ""))) {
      ps.setString(1, tokenHash);
      ps.setString(2, purpose);
      if (liveOnly) {
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Grant grant = rs.getString(2) == null ? null
            : new Grant(Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
        Timestamp used = rs.getTimestamp(9);
        return Optional.of(new OneTimeLink(purpose, rs.getString(1), grant, rs.getString(7), rs.getTimestamp(8).toInstant(),
            used == null ? null : used.toInstant()));
      }
    }
  }

  /**
   * Spends every live reset link of the account of {@code email} (as the account spells it): after
   * its owner changed the password, an older link must not undo that. Returns how many.
   */
  int spendResetLinks(Connection c, String email) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_ONE_TIME_LINK SET USED_AT = ? WHERE PURPOSE = 'RESET' AND EMAIL = ? AND USED_AT IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, email);
      return ps.executeUpdate();
    }
  }

  /** Ends every session of an account (a password reset or change, signing out everywhere); returns how many. */
  int deleteSessions(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_SESSION WHERE ACCOUNT_ID = ?")) {
      ps.setString(1, accountId);
      return ps.executeUpdate();
    }
  }

  /** Revokes every live API token of an account (after a password reset); returns how many. */
  int revokeApiTokens(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_API_TOKEN SET REVOKED_AT = ? WHERE ACCOUNT_ID = ? AND REVOKED_AT IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, accountId);
      return ps.executeUpdate();
    }
  }

  /** Makes every other focal point of {@code school} a staff member; returns their emails. */
  List<String> demoteFocalPoints(Connection c, String school, String newFocalPoint) throws SQLException {
    List<String> demoted = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT A.EMAIL FROM SEC_GRANT G JOIN SEC_ACCOUNT A ON A.ID = G.ACCOUNT_ID"
        + " WHERE G.ROLE = ? AND G.SCHOOL = ? AND G.ACCOUNT_ID <> ? ORDER BY A.EMAIL")) {
      ps.setString(1, Role.SCHOOL_FOCAL_POINT.name());
      ps.setString(2, school);
      ps.setString(3, newFocalPoint);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          demoted.add(rs.getString(1));
        }
      }
    }
    // one role per person and school: the new focal point's staff role goes, and a former focal point
    // who is staff already keeps that one role instead of getting a second
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_GRANT WHERE ROLE = ? AND SCHOOL = ? AND ACCOUNT_ID = ?")) {
      ps.setString(1, Role.SCHOOL_STAFF.name());
      ps.setString(2, school);
      ps.setString(3, newFocalPoint);
      ps.executeUpdate();
    }
    if (demoted.isEmpty()) {
      return demoted;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_GRANT WHERE ROLE = ? AND SCHOOL = ? AND ACCOUNT_ID <> ?"
        + " AND ACCOUNT_ID IN (SELECT ACCOUNT_ID FROM SEC_GRANT WHERE ROLE = ? AND SCHOOL = ?)")) {
      ps.setString(1, Role.SCHOOL_FOCAL_POINT.name());
      ps.setString(2, school);
      ps.setString(3, newFocalPoint);
      ps.setString(4, Role.SCHOOL_STAFF.name());
      ps.setString(5, school);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE SEC_GRANT SET ROLE = ? WHERE ROLE = ? AND SCHOOL = ? AND ACCOUNT_ID <> ?")) {
      ps.setString(1, Role.SCHOOL_STAFF.name());
      ps.setString(2, Role.SCHOOL_FOCAL_POINT.name());
      ps.setString(3, school);
      ps.setString(4, newFocalPoint);
      ps.executeUpdate();
    }
    return demoted;
  }
}
