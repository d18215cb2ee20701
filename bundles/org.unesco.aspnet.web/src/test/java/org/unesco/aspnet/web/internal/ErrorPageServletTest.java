package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database errors become a 503 (try again) rather than a 500 (our bug). */
class ErrorPageServletTest {

  @Test
  void aLockTimeoutADeadlockAndAFullPoolAreTransientWhereverTheyAreWrapped() {
    SQLException derbyLockTimeout = new SQLTransactionRollbackException("A lock could not be obtained", "40XL1");
    assertSame(derbyLockTimeout, ErrorPageServlet.transientDatabaseError(
        new IllegalStateException("wrapped", new RuntimeException(derbyLockTimeout))));
    SQLException postgresDeadlock = new SQLException("deadlock detected", "40P01");
    assertSame(postgresDeadlock, ErrorPageServlet.transientDatabaseError(new RuntimeException(postgresDeadlock)));
    SQLException postgresLockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
    assertSame(postgresLockTimeout, ErrorPageServlet.transientDatabaseError(postgresLockTimeout));
    SQLException poolFull = new SQLTransientConnectionException("No database connection became free within 10 s");
    assertSame(poolFull, ErrorPageServlet.transientDatabaseError(new RuntimeException(poolFull)));
    // LOCK TABLE past the lock timeout, as Derby says it (a burst of partnership proposals)
    SQLException tableLock = new SQLException("Table 'PSH_PARTNERSHIP' cannot be locked in 'EXCLUSIVE' mode.", "X0X02");
    assertSame(tableLock, ErrorPageServlet.transientDatabaseError(new RuntimeException(tableLock)));
    assertSame(null, ErrorPageServlet.transientDatabaseError(new SQLException("Column 'X' is not in any table", "42X04")));
  }

  @Test
  void jettysRefusalOfAMalformedRequestIsTheClientsFaultWhereverItIsWrapped() {
    // "?q=%": Jetty's BadMessageException, a RuntimeException caused by the JDK's IllegalArgumentException
    assertEquals(400, ErrorPageServlet.containerRefusal(new RuntimeException(
        new BadMessageException("Bad query", new IllegalArgumentException("Not valid encoding")))));
    // "?q=%ff": Jetty's own IllegalArgumentException
    assertEquals(400, ErrorPageServlet.containerRefusal(new HttpException.IllegalArgumentException(400, "Bad query")));
    assertEquals(414, ErrorPageServlet.containerRefusal(new BadMessageException(414)));
  }

  @Test
  void anIllegalArgumentOfOurOwnIsNotTheClientsFault() {
    assertEquals(0, ErrorPageServlet.containerRefusal(new IllegalArgumentException("a bug of ours")));
    assertEquals(0, ErrorPageServlet.containerRefusal(new RuntimeException(new IllegalStateException("x"))));
    assertEquals(0, ErrorPageServlet.containerRefusal(null));
  }

  @Test
  void otherDatabaseErrorsAndOtherExceptionsAreNot() {
    assertNull(ErrorPageServlet.transientDatabaseError(new RuntimeException(new SQLException("syntax error", "42X01"))));
    assertNull(ErrorPageServlet.transientDatabaseError(new RuntimeException(new SQLException("no state"))));
    assertNull(ErrorPageServlet.transientDatabaseError(new IllegalStateException("not the database")));
    assertNull(ErrorPageServlet.transientDatabaseError(null));
  }
}
