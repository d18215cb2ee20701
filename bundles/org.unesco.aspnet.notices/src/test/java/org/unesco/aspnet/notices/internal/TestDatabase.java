package org.unesco.aspnet.notices.internal;

/** A fresh database ({@link org.unesco.aspnet.persistence.testing.TestDatabase}) with this bundle's schema. */
final class TestDatabase extends org.unesco.aspnet.persistence.testing.TestDatabase {
  TestDatabase() {
    super("notices");
    run("V1__report_reminders.sql");
    run("V2__reminders_by_country.sql");
    run("V3__recommendation_digest.sql");
  }
}
