package org.unesco.aspnet.projects.internal;

/** A fresh database ({@link org.unesco.aspnet.persistence.testing.TestDatabase}) with this bundle's schema. */
final class TestDatabase extends org.unesco.aspnet.persistence.testing.TestDatabase {
  TestDatabase() {
    super("projects");
    run("V1__projects.sql");
  }
}
