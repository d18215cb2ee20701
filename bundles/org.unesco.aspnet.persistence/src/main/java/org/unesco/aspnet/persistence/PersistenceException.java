package org.unesco.aspnet.persistence;

import java.sql.SQLException;

/** A database error that the caller did not expect; its SQLState is kept for those who do. */
public class PersistenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PersistenceException(String message, SQLException cause) {
    super(message, cause);
  }

  /** The SQLState of the cause, e.g. {@code 23505} for a unique key violation. */
  public String sqlState() {
    return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
  }

  /** True when a unique or primary key refused a duplicate row (SQLState class 23505). */
  public boolean isDuplicateKey() {
    return "23505".equals(sqlState());
  }
}
