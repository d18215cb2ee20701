package org.unesco.aspnet.persistence;

import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * The platform's database. Every bundle that stores data uses this service: it runs its work in
 * {@link #inTransaction}, and migrates its own tables with {@link #migrate} when it activates.
 */
@ProviderType
public interface Database {

  /** Which SQL dialect the configured database speaks, for the few statements that differ. */
  enum Dialect {
    DERBY,
    POSTGRESQL,
    OTHER
  }

  /** The pooled data source; waits for the database to open if it is still booting. */
  DataSource dataSource();

  Dialect dialect();

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
   * anything, so a failed request leaves nothing half-written. A {@link RuntimeException} from the
   * work (such as a validation problem) is rethrown as is; an {@link java.sql.SQLException} is
   * wrapped in a {@link PersistenceException}.
   */
  <T> T inTransaction(SqlWork<T> work);

  /** Runs read-only {@code work} on a pooled connection in auto-commit mode. */
  <T> T read(SqlWork<T> work);

  /**
   * Runs read-only {@code work} that streams a large result set (an export): PostgreSQL streams
   * rows with a fetch size only inside a transaction, so there it runs in one; elsewhere as {@link
   * #read}.
   *
   * @since 1.1
   */
  default <T> T streaming(SqlWork<T> work) {
    return dialect() == Dialect.POSTGRESQL ? inTransaction(work) : read(work);
  }

  /**
   * Applies the schema migrations that {@code owner} carries under {@code db/migration/}, named
   * {@code V<number>__<description>.sql}, in number order, each in its own transaction, and
   * records them (bundle, version, checksum, time). Already applied ones are skipped; an applied
   * one whose file changed since is refused. On failure the schema stays as the last good
   * migration left it, the error is logged in one line, and {@code owner} is stopped.
   *
   * @return the schema version of {@code owner} after the run (0 when it has no migrations)
   * @throws MigrationException when a migration fails or was edited after being applied
   */
  int migrate(Bundle owner);
}
