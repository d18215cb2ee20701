package org.unesco.aspnet.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.SearchKey;

/**
 * Accounts as those who look after them read them ({@code GET /api/v1/accounts}, {@code
 * /api/v1/accounts/{id}}), and disabling one: the queries, on the caller's connection.
 */
final class ManagedAccounts {
  private static final String SELECT = "SELECT A.ID, A.EMAIL, A.NAME, A.LANGUAGE, A.CREATED_AT, A.DISABLED_AT,"
      + " A.DISABLED_REASON, A.DISABLED_BY, B.NAME, A.LAST_SIGNED_IN_AT FROM SEC_ACCOUNT A LEFT JOIN SEC_ACCOUNT B ON B.ID = A.DISABLED_BY";

  private ManagedAccounts() {}

  /** A role an account holds, with its id (for {@code DELETE /api/v1/roles/{id}}). */
  record HeldRole(String id, String role, String country, String unit, String school, String campaign) {
    /** The grant it is; null for a role of a later release, which gives nobody reach here. */
    Grant grant() {
      try {
        return new Grant(Role.valueOf(role), country, unit, campaign, school);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("role", role);
      m.put("country", country);
      m.put("unit", unit);
      m.put("school", school);
      m.put("campaign", campaign);
      return m;
    }
  }

  /** An account as listed: when it last signed in (null: never), and who disabled it, when and why, when it is. */
  record Listed(String id, String email, String name, String language, Instant createdAt, Instant lastSignedInAt,
      Instant disabledAt, String disabledReason, String disabledById, String disabledByName, List<HeldRole> roles) {
    boolean disabled() {
      return disabledAt != null;
    }

    Listed withRoles(List<HeldRole> held) {
      return new Listed(id, email, name, language, createdAt, lastSignedInAt, disabledAt, disabledReason, disabledById,
          disabledByName, held);
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("email", email);
      m.put("name", name);
      m.put("language", language);
      m.put("createdAt", createdAt == null ? null : createdAt.toString());
      m.put("lastSignedInAt", lastSignedInAt == null ? null : lastSignedInAt.toString());
      m.put("disabled", disabled());
      if (disabled()) {
        m.put("disabledAt", disabledAt.toString());
        m.put("disabledReason", disabledReason);
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("id", disabledById);
        by.put("name", disabledByName);
        m.put("disabledBy", disabledById == null ? null : by);
      }
      m.put("roles", roles.stream().map(HeldRole::json).toList());
      return m;
    }
  }

  /**
   * A search by part of an account's email or name (of the accounts whose alias is {@code A}): the
   * email as typed, in any case; the name as {@link SearchKey} folds it, so that "jose" finds "José
   * Gómez" and "marie claire" finds "Marie-Claire". An account made before the key existed is
   * compared as before, its name in lower case with what was typed, until the start has filled its
   * key ({@link SecurityStore#fillNameKeys}); so is a name whose key is empty (no letter or digit).
   */
  record Search(String emailLike, String nameLike) {
    /** The search for {@code q}; null for none. */
    static Search of(String q) {
      if (q == null) {
        return null;
      }
      String email = containing(q.toLowerCase(Locale.ROOT));
      String key = SearchKey.of(q);
      // only punctuation ("@"): the fold leaves nothing, and "anything" is not what was asked
      return new Search(email, key.isEmpty() ? email : containing(key));
    }

    void appendTo(StringBuilder sql, List<Object> params) {
      sql.append(" AND (LOWER(A.EMAIL) LIKE ? ESCAPE '!' OR A.NAME_KEY LIKE ? ESCAPE '!'"
          + " OR (A.NAME_KEY IS NULL OR A.NAME_KEY = '') AND LOWER(A.NAME) LIKE ? ESCAPE '!')");
      params.add(emailLike);
      params.add(nameLike);
      // as typed, in any case: an account before its key, and a name of no letter or digit ("—")
      params.add(emailLike);
    }

    /** The LIKE pattern of {@code text} anywhere, its {@code ! % _} escaped with '!'. */
    private static String containing(String text) {
      return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
  }

  /**
   * The filters of a listing: {@code search} by email or name, {@code role} a role's name or
   * "NONE", {@code notSignedInSince} the accounts that have not signed in since then (or never).
   */
  record Filter(Search search, Boolean disabled, String role, Instant notSignedInSince) {}

  /** Up to {@code n} accounts after {@code afterEmail} in email order, with their roles. */
  static List<Listed> page(Connection c, Filter f, String afterEmail, int n) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE A.EMAIL > ?");
    List<Object> params = new ArrayList<>(List.of(afterEmail == null ? "" : afterEmail));
    if (f.search() != null) {
      f.search().appendTo(sql, params);
    }
    if (f.disabled() != null) {
      sql.append(f.disabled() ? " AND A.DISABLED_AT IS NOT NULL" : " AND A.DISABLED_AT IS NULL");
    }
    if (f.notSignedInSince() != null) {
      sql.append(" AND (A.LAST_SIGNED_IN_AT IS NULL OR A.LAST_SIGNED_IN_AT < ?)");
      params.add(Timestamp.from(f.notSignedInSince()));
    }
    if ("NONE".equals(f.role())) {
      sql.append(" AND NOT EXISTS (SELECT 1 FROM SEC_GRANT G WHERE G.ACCOUNT_ID = A.ID)");
    } else if (f.role() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM SEC_GRANT G WHERE G.ACCOUNT_ID = A.ID AND G.ROLE = ?)");
      params.add(f.role());
    }
    sql.append(" ORDER BY A.EMAIL FETCH FIRST ").append(n).append(" ROWS ONLY");
    List<Listed> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(listed(rs));
        }
      }
    }
    return withRoles(c, found);
  }

  /** One account with its roles; empty when there is none of this id. */
  static Optional<Listed> one(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE A.ID = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(withRoles(c, List.of(listed(rs))).get(0)) : Optional.empty();
      }
    }
  }

  private static Listed listed(ResultSet rs) throws SQLException {
    Timestamp created = rs.getTimestamp(5);
    Timestamp disabled = rs.getTimestamp(6);
    Timestamp signedIn = rs.getTimestamp(10);
    return new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        created == null ? null : created.toInstant(), signedIn == null ? null : signedIn.toInstant(),
        disabled == null ? null : disabled.toInstant(), rs.getString(7), rs.getString(8), rs.getString(9), List.of());
  }

  /** The accounts with their roles, read in one query (a page holds at most 100). */
  private static List<Listed> withRoles(Connection c, List<Listed> accounts) throws SQLException {
    Map<String, List<HeldRole>> roles = rolesOf(c, accounts.stream().map(Listed::id).toList());
    return accounts.stream().map(a -> a.withRoles(List.copyOf(roles.getOrDefault(a.id(), List.of())))).toList();
  }

  /**
   * The roles of each of the accounts, in role order, read a hundred accounts a query (a listing's
   * page, not one query per account); an account without a role is absent.
   */
  static Map<String, List<HeldRole>> rolesOf(Connection c, List<String> accountIds) throws SQLException {
    Map<String, List<HeldRole>> roles = new LinkedHashMap<>();
    for (int from = 0; from < accountIds.size(); from += 100) {
      List<String> some = accountIds.subList(from, Math.min(accountIds.size(), from + 100));
      try (PreparedStatement ps = c.prepareStatement("SELECT ID, ACCOUNT_ID, ROLE, COUNTRY, UNIT, SCHOOL, CAMPAIGN FROM SEC_GRANT"
          + " WHERE ACCOUNT_ID IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ") ORDER BY ROLE, ID")) {
        for (int i = 0; i < some.size(); i++) {
          ps.setString(i + 1, some.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            roles.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new HeldRole(rs.getString(1), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
          }
        }
      }
    }
    return roles;
  }

  /**
   * How many enabled accounts other than {@code accountId} hold the platform administrator's role,
   * counted with every administrator's account row locked in one statement: two administrators taking
   * each other's role (or disabling each other) at once would otherwise both see two and leave
   * none, and taking the one row first and then the others would deadlock them.
   */
  static int otherActiveAdministrators(Connection c, String accountId) throws SQLException {
    // the administrators' account rows, not their grants: a sign-in holds its account's row and then
    // reads its grants, so holding the grants and then reading the accounts would deadlock with it
    try (PreparedStatement lock = c.prepareStatement(
        "UPDATE SEC_ACCOUNT SET NAME = NAME WHERE ID IN (SELECT ACCOUNT_ID FROM SEC_GRANT WHERE ROLE = ?)")) {
      lock.setString(1, Role.PLATFORM_ADMIN.name());
      lock.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT G.ACCOUNT_ID) FROM SEC_GRANT G"
        + " JOIN SEC_ACCOUNT A ON A.ID = G.ACCOUNT_ID WHERE G.ROLE = ? AND A.DISABLED_AT IS NULL AND G.ACCOUNT_ID <> ?")) {
      ps.setString(1, Role.PLATFORM_ADMIN.name());
      ps.setString(2, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Whether the account is disabled, as it is now (read once its row is held). */
  static boolean disabled(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT DISABLED_AT FROM SEC_ACCOUNT WHERE ID = ?")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getTimestamp(1) != null;
      }
    }
  }

  /**
   * Spends the unused links the account made (invitations, reset links it asked for or made for
   * others): a stolen account's links must not outlive its disabling. Returns how many.
   */
  static int spendLinksMadeBy(Connection c, String accountId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ONE_TIME_LINK SET USED_AT = ? WHERE CREATED_BY = ? AND USED_AT IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, accountId);
      return ps.executeUpdate();
    }
  }

  /** Disables the account unless it is disabled already; true when it did. */
  static boolean disable(Connection c, String accountId, String by, String reason, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET DISABLED_AT = ?, DISABLED_BY = ?, DISABLED_REASON = ?"
        + " WHERE ID = ? AND DISABLED_AT IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, by);
      ps.setString(3, reason);
      ps.setString(4, accountId);
      return ps.executeUpdate() == 1;
    }
  }

  /** Enables the account unless it is enabled already; true when it did. */
  static boolean enable(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET DISABLED_AT = NULL, DISABLED_BY = NULL,"
        + " DISABLED_REASON = NULL WHERE ID = ? AND DISABLED_AT IS NOT NULL")) {
      ps.setString(1, accountId);
      return ps.executeUpdate() == 1;
    }
  }
}
