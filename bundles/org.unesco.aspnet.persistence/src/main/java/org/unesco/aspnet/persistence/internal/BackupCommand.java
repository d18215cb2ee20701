package org.unesco.aspnet.persistence.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.persistence.Database;

/**
 * {@code aspnet:backup <folder>} in the Gogo shell ({@code bin/aspnet --console}): a copy of the
 * embedded Derby database taken while the platform runs, consistent as of one moment (Derby's
 * online backup; writers wait while it copies, readers do not). The copy is a Derby database
 * folder: to restore it, stop the platform and put it in place of {@code <data dir>/derby}
 * (docs/configuration.md, "Backup and restore"). On PostgreSQL use the server's own tools.
 */
@Component(service = BackupCommand.class, property = {"osgi.command.scope=aspnet", "osgi.command.function=backup"})
public final class BackupCommand {
  private final Database database;

  @Activate
  public BackupCommand(@Reference Database database) {
    this.database = database;
  }

  /** backup <folder>: writes the database into {@code <folder>/derby}. */
  @Descriptor("copies the running database into <folder>/derby (Derby's online backup: reads go on, writes wait)")
  public String backup(@Descriptor("a folder without a derby/ folder in it") String folder) {
    if (database.dialect() != Database.Dialect.DERBY) {
      return "The database is not embedded Derby: back it up with its server's tools (pg_dump for PostgreSQL)";
    }
    Path target = Path.of(folder).toAbsolutePath().normalize();
    if (Files.exists(target.resolve("derby"))) {
      return target.resolve("derby") + " exists already: give an empty or new folder, a backup never overwrites one";
    }
    long start = System.nanoTime();
    try {
      Files.createDirectories(target);
      backUp(database, target);
    } catch (java.io.IOException | RuntimeException e) {
      return "Backup failed: " + e.getMessage();
    }
    return "Backed up the database to " + target.resolve("derby") + " in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
  }

  /** Derby's online backup of the database {@code database} is connected to, into {@code target}. */
  static void backUp(Database database, Path target) {
    database.read((Connection c) -> {
      backUp(c, target);
      return null;
    });
  }

  /** The same on one connection: Derby writes {@code <target>/<name of the database folder>}. */
  static void backUp(Connection c, Path target) throws SQLException {
    try (CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
      call.setString(1, target.toString());
      call.execute();
    }
  }
}
