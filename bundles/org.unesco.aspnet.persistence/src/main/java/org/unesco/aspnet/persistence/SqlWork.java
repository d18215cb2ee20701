package org.unesco.aspnet.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/** Work done with one connection, see {@link Database#inTransaction}. */
@ConsumerType
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
