package org.unesco.aspnet.security.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.security.Accounts;

/** {@link Accounts} over the security tables; every change audited in its own transaction. */
@Component(service = Accounts.class)
public final class AccountsService implements Accounts {
  private final SecurityStore store;
  private final Authentication authentication;
  private final AuditLog audit;

  @Activate
  public AccountsService(@Reference SecurityStore store, @Reference Authentication authentication, @Reference AuditLog audit) {
    this.store = store;
    this.authentication = authentication;
    this.audit = audit;
  }

  @Override
  public String ensure(Principal actor, String email, String name, String language, String password, List<Grant> grants) {
    // Hashing is deliberately slow: pay for it only when the account is new. An account that has
    // every grant already is left alone, unaudited, so ensuring twice (a restart) changes nothing.
    boolean exists = store.accountByEmail(email).isPresent();
    String hash = exists ? null : authentication.hasher().hash(password);
    return store.database().inTransaction(c -> {
      Optional<SecurityStore.Account> existing = store.accountByEmail(c, email);
      String id = existing.isPresent() ? existing.get().id()
          : store.createAccount(c, email, name, language, hash != null ? hash : authentication.hasher().hash(password));
      List<Grant> added = new java.util.ArrayList<>();
      for (Grant g : grants) {
        if (store.addGrant(c, id, g, actor.accountId())) { // false for one the account holds already
          added.add(g);
        }
      }
      if (existing.isPresent() && added.isEmpty()) {
        return id;
      }
      // The audit log is read by country: one entry per country the grants are for, each naming
      // only its own, so that one country's NC does not read what was granted in another.
      Map<String, List<Grant>> byCountry = new java.util.LinkedHashMap<>();
      for (Grant g : added) {
        byCountry.computeIfAbsent(g.country() == null ? "" : g.country(), k -> new java.util.ArrayList<>()).add(g);
      }
      if (byCountry.isEmpty()) {
        byCountry.put("", List.of());
      }
      String action = existing.isPresent() ? "account.grant" : "account.create";
      for (Map.Entry<String, List<Grant>> e : byCountry.entrySet()) {
        List<Grant> these = e.getValue();
        audit.record(c, actor, action, "account", id, e.getKey().isEmpty() ? null : e.getKey(), null,
            Map.of("email", SecurityStore.normaliseEmail(email), "roles", these.stream().map(g -> g.role().name()).toList(),
                "grants", these.stream().map(AccountsService::audited).toList()));
      }
      return id;
    });
  }

  @Override
  public void grant(Principal actor, String accountId, Grant grant) {
    store.database().inTransaction(c -> {
      if (store.addGrant(c, accountId, grant, actor.accountId())) {
        audit.record(c, actor, "account.grant", "account", accountId, grant.country(), null, audited(grant));
      }
      return null;
    });
  }

  /** A grant as the audit log keeps it: the role and what it is for (country, unit, school, campaign). */
  static Map<String, String> audited(Grant g) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("role", g.role().name());
    if (g.country() != null) {
      m.put("country", g.country());
    }
    if (g.unit() != null) {
      m.put("unit", g.unit());
    }
    if (g.school() != null) {
      m.put("school", g.school());
    }
    if (g.campaign() != null) {
      m.put("campaign", g.campaign());
    }
    return m;
  }

  @Override
  public List<Holder> campaignHolders(org.unesco.aspnet.core.Role role, String campaign) {
    return store.database().read(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT DISTINCT A.ID, A.NAME, A.EMAIL FROM SEC_GRANT G JOIN SEC_ACCOUNT A ON A.ID = G.ACCOUNT_ID"
              + " WHERE G.ROLE = ? AND G.CAMPAIGN = ? AND A.DISABLED_AT IS NULL ORDER BY A.NAME")) {
        ps.setString(1, role.name());
        ps.setString(2, campaign);
        List<Holder> holders = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            holders.add(new Holder(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
        return holders;
      }
    });
  }

  @Override
  public List<Recipient> noticeRecipients(org.unesco.aspnet.core.Role role, String country, String school) {
    String sql = "SELECT DISTINCT A.ID, A.NAME, A.EMAIL, A.LANGUAGE FROM SEC_GRANT G JOIN SEC_ACCOUNT A ON A.ID = G.ACCOUNT_ID"
        + " WHERE A.MEMBERSHIP_NOTICES = TRUE AND A.DISABLED_AT IS NULL AND G.ROLE = ?" + (country == null ? "" : " AND G.COUNTRY = ?") + (school == null ? "" : " AND G.SCHOOL = ?")
        + " ORDER BY A.EMAIL";
    return store.database().read(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, role.name());
        if (country != null) {
          ps.setString(i++, country);
        }
        if (school != null) {
          ps.setString(i, school);
        }
        List<Recipient> found = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(new Recipient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
          }
        }
        return found;
      }
    });
  }

  @Override
  public java.util.Map<String, String> names(java.util.Collection<String> accountIds) {
    java.util.List<String> ids = accountIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
    java.util.Map<String, String> names = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    return store.database().read(c -> {
      // a history names a handful of people: one query, its IN list as long as the ids
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT ID, NAME FROM SEC_ACCOUNT WHERE ID IN ("
          + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
        for (int i = 0; i < ids.size(); i++) {
          ps.setString(i + 1, ids.get(i));
        }
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      return names;
    });
  }

  @Override
  public Optional<Principal> active(String accountId) {
    return accountId == null ? Optional.empty() : store.database().read(c -> store.activePrincipal(c, accountId));
  }

  @Override
  public void schoolMoved(java.sql.Connection c, String school, String country, String unit) throws java.sql.SQLException {
    // the links first: an invitation accepted meanwhile holds its link's row until it commits, so
    // the grants' update, which comes after, sees the grant that acceptance wrote (read committed)
    for (String table : List.of("SEC_ONE_TIME_LINK", "SEC_GRANT")) {
      try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET COUNTRY = ?, UNIT = ? WHERE SCHOOL = ?")) {
        ps.setString(1, country);
        ps.setString(2, unit);
        ps.setString(3, school);
        ps.executeUpdate();
      }
    }
  }
}
