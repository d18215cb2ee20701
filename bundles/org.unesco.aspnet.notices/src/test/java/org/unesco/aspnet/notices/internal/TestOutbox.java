package org.unesco.aspnet.notices.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.unesco.aspnet.core.MailOutbox;

/**
 * An outbox for this bundle's tests that writes into the test database's {@code TEST_OUTBOX}, on the
 * connection of the change, as the mail bundle's does: a change rolled back queues nothing.
 */
final class TestOutbox implements MailOutbox {
  private final String site;
  private final boolean delivers;
  private final Predicate<String> sendable;

  TestOutbox(String site, boolean delivers, Predicate<String> sendable) {
    this.site = site;
    this.delivers = delivers;
    this.sendable = sendable;
  }

  /** The table the messages go to. */
  static void create(TestDatabase database) {
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("CREATE TABLE TEST_OUTBOX (RECIPIENT VARCHAR(254), SUBJECT VARCHAR(400), BODY VARCHAR(16000))");
      }
      return null;
    });
  }

  /** The messages queued, by recipient: subject and text. */
  static Map<String, String[]> read(TestDatabase database) {
    return database.read(c -> {
      Map<String, String[]> m = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT RECIPIENT, SUBJECT, BODY FROM TEST_OUTBOX");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          m.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
        }
      }
      return m;
    });
  }

  @Override
  public void enqueue(Connection c, Message m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO TEST_OUTBOX (RECIPIENT, SUBJECT, BODY) VALUES (?, ?, ?)")) {
      ps.setString(1, m.to());
      ps.setString(2, m.subject());
      ps.setString(3, m.text());
      ps.executeUpdate();
    }
  }

  @Override
  public boolean delivers() {
    return delivers;
  }

  @Override
  public boolean canSendTo(String address) {
    return sendable.test(address);
  }

  @Override
  public String publicUrl() {
    return site;
  }
}
