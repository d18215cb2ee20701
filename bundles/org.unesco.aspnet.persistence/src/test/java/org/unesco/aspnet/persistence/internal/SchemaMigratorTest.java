package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.persistence.MigrationException;

/** Runs the migrator against a real (in-memory) Derby database. */
class SchemaMigratorTest {
  private EmbeddedDataSource ds;
  private SchemaMigrator migrator;

  @BeforeEach
  void freshDatabase() {
    ds = new EmbeddedDataSource();
    ds.setDatabaseName("memory:" + UUID.randomUUID());
    ds.setCreateDatabase("create");
    migrator = new SchemaMigrator(ds);
  }

  private static Migration v(int version, String sql) {
    return Migration.parse("V" + version + "__step_" + version + ".sql", sql);
  }

  @Test
  void appliesInVersionOrderAndRecordsEachOnce() throws SQLException {
    List<Migration> migrations =
        List.of(
            v(2, "INSERT INTO NOTE (ID, TEXT) VALUES (1, 'a; b -- not a comment');"),
            v(1, "-- the table\nCREATE TABLE NOTE (ID INT PRIMARY KEY, TEXT VARCHAR(50));"));
    assertEquals(2, migrator.migrate("org.example", migrations));
    assertEquals(2, migrator.migrate("org.example", migrations), "second run is a no-op");
    assertEquals(1, count("SELECT COUNT(*) FROM NOTE"), "V2 ran exactly once");
    assertEquals("a; b -- not a comment", text("SELECT TEXT FROM NOTE WHERE ID = 1"));
    assertEquals(2, migrator.history("org.example").size());
    assertEquals(migrations.get(0).checksum(), migrator.history("org.example").get(2));
  }

  @Test
  void ownersAreIndependent() throws SQLException {
    migrator.migrate("org.one", List.of(v(1, "CREATE TABLE ONE_T (ID INT)")));
    migrator.migrate("org.two", List.of(v(1, "CREATE TABLE TWO_T (ID INT)")));
    assertEquals(1, migrator.history("org.one").size());
    assertEquals(1, migrator.history("org.two").size());
  }

  @Test
  void failingMigrationLeavesSchemaAsTheLastGoodOneLeftIt() throws SQLException {
    migrator.migrate("org.example", List.of(v(1, "CREATE TABLE A_T (ID INT)")));
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () ->
                migrator.migrate(
                    "org.example",
                    List.of(
                        v(1, "CREATE TABLE A_T (ID INT)"),
                        v(2, "CREATE TABLE B_T (ID INT); CREATE TABLE NOPE (ID UNKNOWN_TYPE)"))));
    assertTrue(e.getMessage().contains("V2__step_2.sql"), e.getMessage());
    assertFalse(tableExists("B_T"), "the first statement of the failed migration is rolled back");
    assertTrue(tableExists("A_T"));
    assertEquals(1, migrator.history("org.example").size());
  }

  @Test
  void editedAppliedMigrationIsRefused() {
    migrator.migrate("org.example", List.of(v(1, "CREATE TABLE E_T (ID INT)")));
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> migrator.migrate("org.example", List.of(v(1, "CREATE TABLE E_T (ID BIGINT)"))));
    assertTrue(e.getMessage().contains("was edited after it was applied"), e.getMessage());
  }

  @Test
  void aSchemaWrittenByANewerVersionIsRefusedAndLeftAsItIs() throws SQLException {
    migrator.migrate("org.example", List.of(v(1, "CREATE TABLE N_T (ID INT)"), v(2, "ALTER TABLE N_T ADD COLUMN X INT")));
    MigrationException e = assertThrows(MigrationException.class,
        () -> migrator.migrate("org.example", List.of(v(1, "CREATE TABLE N_T (ID INT)"))), "an older bundle on the newer schema");
    assertTrue(e.getMessage().contains("newer version of org.example") && e.getMessage().contains("V2"), e.getMessage());
    assertEquals(2, migrator.history("org.example").size(), "nothing changed");
    assertEquals(0, migrator.migrate("org.other", List.of()), "another owner is not concerned");
  }

  @Test
  void lineEndingsDoNotCountAsAnEdit() {
    migrator.migrate("org.example", List.of(v(1, "CREATE TABLE L_T (ID INT);\n")));
    assertEquals(1, migrator.migrate("org.example", List.of(v(1, "CREATE TABLE L_T (ID INT);\r\n"))));
  }

  @Test
  void duplicateVersionNumbersAreRefused() {
    List<Migration> twins =
        List.of(
            Migration.parse("V1__a.sql", "CREATE TABLE X1 (ID INT)"),
            Migration.parse("V1__b.sql", "CREATE TABLE X2 (ID INT)"));
    assertThrows(MigrationException.class, () -> migrator.migrate("org.example", twins));
  }

  @Test
  void badFileNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Migration.parse("create.sql", ""));
    assertThrows(IllegalArgumentException.class, () -> Migration.parse("V1_x.sql", ""));
  }

  private int count(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private String text(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private boolean tableExists(String name) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
      return rs.next();
    }
  }
}
