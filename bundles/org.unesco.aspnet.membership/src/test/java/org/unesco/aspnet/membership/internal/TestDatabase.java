package org.unesco.aspnet.membership.internal;

import org.osgi.framework.Bundle;

/** A fresh database ({@link org.unesco.aspnet.persistence.testing.TestDatabase}); {@link #migrate} runs this bundle's scripts. */
final class TestDatabase extends org.unesco.aspnet.persistence.testing.TestDatabase {
  private boolean migrated;

  TestDatabase() {
    super("membership");
  }

  /** Like the real one, applies the scripts once per database. */
  @Override
  public synchronized int migrate(Bundle owner) {
    if (migrated) {
      return 1;
    }
    migrated = true;
    return run("V1__membership.sql", "V2__annual_reports.sql", "V3__national_profiles.sql", "V4__national_networks.sql",
        "V5__search_words.sql", "V6__word_index_without_school_index.sql", "V7__national_ids_upper_case.sql", "V8__duplicate_guard.sql",
        "V9__country_revision.sql", "V10__arabic_words_without_article.sql",
        "V11__search_key_version.sql", "V12__left_behind.sql", "V13__country_move_lines.sql");
  }
}
