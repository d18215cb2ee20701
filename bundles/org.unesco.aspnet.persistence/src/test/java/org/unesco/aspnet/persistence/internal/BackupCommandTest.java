package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {

  @Test
  void theCopyIsADatabaseThatOpensWithWhatWasCommittedWhenItWasTaken(@TempDir Path dir) throws Exception {
    System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
    String live = "jdbc:derby:" + dir.resolve("data").resolve("derby");
    try (Connection c = DriverManager.getConnection(live + ";create=true"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE T (NAME VARCHAR(40))");
      s.execute("INSERT INTO T VALUES ('Lycée Voltaire')");
      BackupCommand.backUp(c, dir.resolve("backup"));
      s.execute("INSERT INTO T VALUES ('after the backup')");
    }
    try (Connection c = DriverManager.getConnection("jdbc:derby:" + dir.resolve("backup").resolve("derby"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(NAME) FROM T")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
      assertEquals("Lycée Voltaire", rs.getString(2));
    }
    for (String db : new String[] {live, "jdbc:derby:" + dir.resolve("backup").resolve("derby")}) {
      try {
        DriverManager.getConnection(db + ";shutdown=true").close();
      } catch (SQLException shutDown) {
        // 08006: shut down as asked
      }
    }
  }
}
