package org.unesco.aspnet.partnerships.internal;

/** A fresh database ({@link org.unesco.aspnet.persistence.testing.TestDatabase}) with this bundle's schema. */
final class TestDatabase extends org.unesco.aspnet.persistence.testing.TestDatabase {
  TestDatabase() {
    super("partnerships");
    run("V1__partnerships.sql");
  }
}
