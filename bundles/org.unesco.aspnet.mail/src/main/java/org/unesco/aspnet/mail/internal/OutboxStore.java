package org.unesco.aspnet.mail.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unesco.aspnet.core.MailOutbox;

/** The SQL of the outbox ({@code MAIL_OUTBOX}, V1__outbox.sql). Every method runs on the caller's connection. */
final class OutboxStore {
  static final int SUBJECT_MAX = 400;
  static final int BODY_MAX = 16_000;
  static final int ERROR_MAX = 500;
  private static final String WAITING = "SENT_AT IS NULL AND FAILED_AT IS NULL";

  /** A message taken for sending. */
  record Due(long id, String kind, String to, String subject, String text, int attempts) {}

  /** One line of the operators' view; no text. */
  record Line(long id, String kind, String to, String subject, Instant createdAt, int attempts,
      Instant nextAttemptAt, Instant sentAt, Instant failedAt, String lastError) {}

  private OutboxStore() {}

  static long enqueue(Connection c, MailOutbox.Message m, Instant now) throws SQLException {
    if (m.to() == null || m.to().isBlank() || m.subject() == null || m.text() == null || m.kind() == null) {
      throw new IllegalArgumentException("a message needs a recipient, a subject, a text and a kind");
    }
    if (m.text().length() > BODY_MAX) {
      throw new IllegalArgumentException("a message's text is at most " + BODY_MAX + " characters");
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO MAIL_OUTBOX (KIND, RECIPIENT, SUBJECT, BODY, CREATED_AT, ATTEMPTS, NEXT_ATTEMPT_AT) VALUES (?, ?, ?, ?, ?, 0, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, clip(m.kind(), 60));
      s.setString(2, m.to().strip());
      // a header is one line: a line break in a subject would start another header
      s.setString(3, clip(m.subject().replaceAll("[\\r\\n]+", " "), SUBJECT_MAX));
      s.setString(4, m.text());
      s.setTimestamp(5, Timestamp.from(now));
      s.setTimestamp(6, Timestamp.from(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** The ids of up to {@code limit} waiting messages whose time has come and that no sender holds. */
  static List<Long> due(Connection c, Instant now, int limit) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ID FROM MAIL_OUTBOX WHERE " + WAITING
        + " AND NEXT_ATTEMPT_AT <= ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?) ORDER BY ID FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Takes message {@code id} for sending until {@code until}, unless it was sent, given up or taken
   * by another sender meanwhile (another node): then empty.
   */
  static java.util.Optional<Due> claim(Connection c, long id, Instant now, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE MAIL_OUTBOX SET CLAIMED_UNTIL = ? WHERE ID = ? AND " + WAITING
        + " AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?)")) {
      s.setTimestamp(1, Timestamp.from(until));
      s.setLong(2, id);
      s.setTimestamp(3, Timestamp.from(now));
      if (s.executeUpdate() != 1) {
        return java.util.Optional.empty();
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT KIND, RECIPIENT, SUBJECT, BODY, ATTEMPTS FROM MAIL_OUTBOX WHERE ID = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return java.util.Optional.of(new Due(id, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
      }
    }
  }

  /** Sent: the text (it may carry a secret link) is dropped. */
  static void sent(Connection c, long id, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE MAIL_OUTBOX SET SENT_AT = ?, BODY = NULL, CLAIMED_UNTIL = NULL, ATTEMPTS = ATTEMPTS + 1 WHERE ID = ?")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /** A failed attempt: tried again at {@code next}, or given up (its text dropped) when {@code next} is null. */
  static void failed(Connection c, long id, String error, Instant at, Instant next) throws SQLException {
    String sql = next == null
        ? "UPDATE MAIL_OUTBOX SET ATTEMPTS = ATTEMPTS + 1, LAST_ERROR = ?, CLAIMED_UNTIL = NULL, FAILED_AT = ?, BODY = NULL WHERE ID = ?"
        : "UPDATE MAIL_OUTBOX SET ATTEMPTS = ATTEMPTS + 1, LAST_ERROR = ?, CLAIMED_UNTIL = NULL, NEXT_ATTEMPT_AT = ? WHERE ID = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, clip(error == null ? "unknown error" : error, ERROR_MAX));
      s.setTimestamp(2, Timestamp.from(next == null ? at : next));
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  /** Every waiting message is due now: the mail server's settings changed, so no one waits out a back-off. */
  static int retryNow(Connection c, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE MAIL_OUTBOX SET NEXT_ATTEMPT_AT = ? WHERE " + WAITING + " AND NEXT_ATTEMPT_AT > ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      return s.executeUpdate();
    }
  }

  /** Removes messages sent or given up before {@code before}. */
  static int forget(Connection c, Instant before) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM MAIL_OUTBOX WHERE SENT_AT < ? OR FAILED_AT < ?")) {
      s.setTimestamp(1, Timestamp.from(before));
      s.setTimestamp(2, Timestamp.from(before));
      return s.executeUpdate();
    }
  }

  /** How many messages wait, were sent and were given up since {@code since} (the last two). */
  static Map<String, Long> counts(Connection c, Instant since) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT"
        + " SUM(CASE WHEN " + WAITING + " THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN SENT_AT >= ? THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN FAILED_AT >= ? THEN 1 ELSE 0 END) FROM MAIL_OUTBOX")) {
      s.setTimestamp(1, Timestamp.from(since));
      s.setTimestamp(2, Timestamp.from(since));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        counts.put("waiting", r.getLong(1));
        counts.put("sent", r.getLong(2));
        counts.put("failed", r.getLong(3));
      }
    }
    return counts;
  }

  /** The latest {@code limit} messages, newest first. */
  static List<Line> latest(Connection c, int limit) throws SQLException {
    List<Line> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ID, KIND, RECIPIENT, SUBJECT, CREATED_AT, ATTEMPTS, NEXT_ATTEMPT_AT,"
        + " SENT_AT, FAILED_AT, LAST_ERROR FROM MAIL_OUTBOX ORDER BY ID DESC FETCH FIRST " + limit + " ROWS ONLY")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          boolean waiting = r.getTimestamp(8) == null && r.getTimestamp(9) == null;
          lines.add(new Line(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), instant(r.getTimestamp(5)),
              r.getInt(6), waiting ? instant(r.getTimestamp(7)) : null, instant(r.getTimestamp(8)), instant(r.getTimestamp(9)),
              r.getString(10)));
        }
      }
    }
    return lines;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** At most {@code max} characters, not cutting a surrogate pair. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
