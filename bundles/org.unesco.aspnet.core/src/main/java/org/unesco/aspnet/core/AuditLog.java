package org.unesco.aspnet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only record of every change: who, when, what, and a before/after summary. Write the
 * entry on the connection of the change itself, so that the change and its record commit or roll
 * back together.
 */
@ProviderType
public interface AuditLog {

  /**
   * @param connection the transaction of the change
   * @param action what happened, e.g. {@code membership.transition}
   * @param entity the kind of thing changed, e.g. {@code membership}
   * @param entityId its id
   * @param country the country it belongs to (NCs read their country's entries), or null
   * @param before a summary of the state before (null on creation)
   * @param after a summary after (null on deletion)
   */
  void record(
      Connection connection,
      Principal who,
      String action,
      String entity,
      String entityId,
      String country,
      Map<String, ?> before,
      Map<String, ?> after)
      throws SQLException;
}
