package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.persistence.testing.TestDatabase;

/** Accounts found by part of their name or email, folded as the directory's search is (security V11). */
class AccountSearchTest {
  private final TestDatabase db = SecurityTables.create();
  private final SecurityStore store;

  AccountSearchTest() {
    // the store migrates through the Database; TestDatabase has run the scripts already
    store = new SecurityStore(db, (org.osgi.framework.BundleContext) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {org.osgi.framework.BundleContext.class}, (p, m, a) -> null));
  }

  private List<String> found(String q) {
    ManagedAccounts.Filter filter = new ManagedAccounts.Filter(ManagedAccounts.Search.of(q), null, null, null);
    return db.read(c -> ManagedAccounts.page(c, filter, null, 50)).stream().map(ManagedAccounts.Listed::email).toList();
  }

  @Test
  void aNameIsFoundWithoutItsAccentsCaseOrPunctuation() {
    db.inTransaction(c -> {
      store.createAccount(c, "jgr@example.org", "José Gómez-Ruiz", "es", "x");
      store.createAccount(c, "mcs@example.org", "Marie-Claire Straße", "fr", "x");
      store.createAccount(c, "li@example.org", "李小龙", "zh", "x");
      store.createAccount(c, "dash@example.org", "—", "en", "x");
      return null;
    });
    assertEquals(List.of("jgr@example.org"), found("jose"));
    assertEquals(List.of("jgr@example.org"), found("GÓMEZ ruiz"));
    assertEquals(List.of("mcs@example.org"), found("marie claire"));
    assertEquals(List.of("mcs@example.org"), found("strasse"));
    assertEquals(List.of("li@example.org"), found("小龙"));
    // the email as typed, in any case
    assertEquals(List.of("mcs@example.org"), found("MCS@"));
    // only punctuation: nothing of it in a name, so not every account
    assertEquals(List.of("dash@example.org", "jgr@example.org", "li@example.org", "mcs@example.org"), found("@"));
    // a name of no letter or digit: found as written
    assertEquals(List.of("dash@example.org"), found("—"));
    assertEquals(List.of(), found("!"));
    // LIKE's own characters are the characters typed
    assertEquals(List.of(), found("%"));
  }

  @Test
  void accountsOfAnOlderReleaseAreGivenTheirKeyAndFoundByIt() throws Exception {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO SEC_ACCOUNT (ID, EMAIL, NAME, LANGUAGE, PASSWORD_HASH, CREATED_AT) VALUES (?, ?, ?, 'en', 'x', ?)")) {
        for (int i = 0; i < 150; i++) {
          ps.setString(1, "old-" + i);
          ps.setString(2, "old" + i + "@example.org");
          ps.setString(3, i == 7 ? "Zoë Ångström" : "Person " + i);
          ps.setTimestamp(4, Timestamp.from(Instant.now()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
    // before its key: found as written, in any case, not yet without its accents
    assertEquals(List.of("old7@example.org"), found("ZOË"));
    assertEquals(List.of(), found("zoe angstrom"));
    assertEquals(150, store.fillNameKeys());
    assertEquals(List.of("old7@example.org"), found("zoe angstrom"));
    assertEquals(0, store.fillNameKeys(), "once done, nothing to fill at the next start");
  }

  /** Keys made by an older fold (version 1 kept a Cyrillic о typed into a Latin name as it was). */
  @Test
  void keysOfAnOlderFoldAreMadeAgainOnce() {
    db.inTransaction(c -> {
      store.createAccount(c, "ivo@example.org", "Iv\u043E Andri\u0107", "hr", "x"); // a Cyrillic о
      store.createAccount(c, "ana@example.org", "Ana Perić", "hr", "x");
      try (var st = c.createStatement()) {
        st.executeUpdate("UPDATE SEC_ACCOUNT SET NAME_KEY = 'iv\u043E andric' WHERE EMAIL = 'ivo@example.org'");
        st.executeUpdate("UPDATE SEC_SEARCH_STATE SET KEY_VERSION = 1");
      }
      return null;
    });
    assertEquals(List.of(), found("ivo andric"));
    assertEquals(1, store.fillNameKeys(), "the one key the new fold makes otherwise");
    assertEquals(List.of("ivo@example.org"), found("ivo andric"));
    assertEquals(List.of("ivo@example.org"), found("Iv\u043E")); // typed with the same slip
    assertEquals(List.of("ana@example.org"), found("peric"));
    assertEquals(0, store.fillNameKeys(), "once done, nothing to make again at the next start");
  }
}
