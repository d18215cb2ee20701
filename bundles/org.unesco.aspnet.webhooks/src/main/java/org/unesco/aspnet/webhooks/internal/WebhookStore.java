package org.unesco.aspnet.webhooks.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of subscriptions and deliveries (V1__webhooks.sql). Every method runs on the caller's connection. */
final class WebhookStore {
  static final int ERROR_MAX = 500;
  static final int PAYLOAD_MAX = 4000;
  private static final String WAITING = "DELIVERED_AT IS NULL AND FAILED_AT IS NULL";
  private static final String SUBSCRIPTION = "SELECT ID, OWNER_ID, COUNTRY, URL, SECRET, EVENTS, DESCRIPTION, CREATED_AT FROM HOOK_SUBSCRIPTION";

  /** A subscription; {@code country} null for every country. */
  record Subscription(long id, String ownerId, String country, String url, String secret, List<String> events,
      String description, Instant createdAt) {
    boolean wants(String event) {
      return events.contains(event);
    }
  }

  /** A delivery taken for sending. */
  record Due(long id, long subscriptionId, String event, String payload, int attempts) {}

  /** One line of a subscription's deliveries; no payload. */
  record Line(long id, String event, Instant createdAt, int attempts, Instant nextAttemptAt, Instant deliveredAt,
      Instant failedAt, Integer lastStatus, String lastError) {}

  private WebhookStore() {}

  static long subscribe(Connection c, String ownerId, String country, String url, String secret, List<String> events,
      String description, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO HOOK_SUBSCRIPTION (OWNER_ID, COUNTRY, URL, SECRET, EVENTS,"
        + " DESCRIPTION, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, ownerId);
      if (country == null) {
        s.setNull(2, Types.VARCHAR);
      } else {
        s.setString(2, country);
      }
      s.setString(3, url);
      s.setString(4, secret);
      s.setString(5, "," + String.join(",", events) + ",");
      s.setString(6, description);
      s.setTimestamp(7, Timestamp.from(now));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static Optional<Subscription> subscription(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SUBSCRIPTION + " WHERE ID = ?")) {
      s.setLong(1, id);
      List<Subscription> found = subscriptions(s);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Every subscription, oldest first: there are a handful per country at most. */
  static List<Subscription> all(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SUBSCRIPTION + " ORDER BY ID")) {
      return subscriptions(s);
    }
  }

  /** The subscriptions that hear of {@code country}'s events: its own and every country's. */
  static List<Subscription> forCountry(Connection c, String country) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SUBSCRIPTION + " WHERE COUNTRY IS NULL OR COUNTRY = ? ORDER BY ID")) {
      s.setString(1, country == null ? "" : country);
      return subscriptions(s);
    }
  }

  private static List<Subscription> subscriptions(PreparedStatement s) throws SQLException {
    List<Subscription> found = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        List<String> events = Arrays.stream(r.getString(6).split(",")).filter(e -> !e.isEmpty()).toList();
        found.add(new Subscription(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), events,
            r.getString(7), r.getTimestamp(8).toInstant()));
      }
    }
    return found;
  }

  /** How many subscriptions {@code country} has (null: of every country). */
  static int count(Connection c, String country) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM HOOK_SUBSCRIPTION WHERE "
        + (country == null ? "COUNTRY IS NULL" : "COUNTRY = ?"))) {
      if (country != null) {
        s.setString(1, country);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  /** Holds the subscription's row until the transaction ends. */
  static void hold(Connection c, long subscriptionId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_SUBSCRIPTION SET EVENTS = EVENTS WHERE ID = ?")) {
      s.setLong(1, subscriptionId);
      s.executeUpdate();
    }
  }

  /** When the subscription's last ping was asked for, whatever became of it; empty when none was (or it was forgotten). */
  static Optional<Instant> lastPing(Connection c, long subscriptionId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(CREATED_AT) FROM HOOK_DELIVERY WHERE SUBSCRIPTION_ID = ? AND EVENT = ?")) {
      s.setLong(1, subscriptionId);
      s.setString(2, Events.PING);
      try (ResultSet r = s.executeQuery()) {
        Timestamp t = r.next() ? r.getTimestamp(1) : null;
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
      }
    }
  }

  /** Gives up the pings of the subscription still waiting and held by no sender: a newer one replaces them. */
  static int replacePings(Connection c, long subscriptionId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_DELIVERY SET FAILED_AT = ?, LAST_ERROR = ? WHERE SUBSCRIPTION_ID = ?"
        + " AND EVENT = ? AND " + WAITING + " AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?)")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, "replaced by a newer test");
      s.setLong(3, subscriptionId);
      s.setString(4, Events.PING);
      s.setTimestamp(5, Timestamp.from(now));
      return s.executeUpdate();
    }
  }

  /** Removes the subscription and its deliveries; false when it was gone already. */
  static boolean unsubscribe(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM HOOK_SUBSCRIPTION WHERE ID = ?")) {
      s.setLong(1, id);
      return s.executeUpdate() == 1;
    }
  }

  /** Queues a delivery made {@code now}, first tried at {@code due}. */
  static long enqueue(Connection c, long subscriptionId, String event, String payload, Instant now, Instant due) throws SQLException {
    if (payload.length() > PAYLOAD_MAX) {
      throw new IllegalArgumentException("a payload is at most " + PAYLOAD_MAX + " characters");
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO HOOK_DELIVERY (SUBSCRIPTION_ID, EVENT, PAYLOAD, CREATED_AT,"
        + " ATTEMPTS, NEXT_ATTEMPT_AT) VALUES (?, ?, ?, ?, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setLong(1, subscriptionId);
      s.setString(2, event);
      s.setString(3, payload);
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(due));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Queues a delivery made and due {@code now}. */
  static long enqueue(Connection c, long subscriptionId, String event, String payload, Instant now) throws SQLException {
    return enqueue(c, subscriptionId, event, payload, now, now);
  }

  /** Up to {@code limit} webhooks with deliveries due and held by no sender, the one whose oldest is oldest first. */
  static List<Long> dueSubscriptions(Connection c, Instant now, int limit) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT SUBSCRIPTION_ID, MIN(ID) FROM HOOK_DELIVERY WHERE " + WAITING
        + " AND NEXT_ATTEMPT_AT <= ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?) GROUP BY SUBSCRIPTION_ID ORDER BY 2"
        + " FETCH FIRST " + limit + " ROWS ONLY")) {
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

  /** The ids of up to {@code limit} of one webhook's due deliveries, oldest first. */
  static List<Long> dueOf(Connection c, long subscriptionId, Instant now, int limit) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ID FROM HOOK_DELIVERY WHERE SUBSCRIPTION_ID = ? AND " + WAITING
        + " AND NEXT_ATTEMPT_AT <= ? ORDER BY ID FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setLong(1, subscriptionId);
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
   * The time a new delivery of the webhook waits for: the latest next attempt of its waiting
   * deliveries when that is later than {@code now} (its receiver is down, and they were postponed),
   * so that the new one neither tries a receiver known to be down nor goes before them.
   */
  static Instant notBefore(Connection c, long subscriptionId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(NEXT_ATTEMPT_AT) FROM HOOK_DELIVERY WHERE SUBSCRIPTION_ID = ? AND "
        + WAITING)) {
      s.setLong(1, subscriptionId);
      try (ResultSet r = s.executeQuery()) {
        Timestamp t = r.next() ? r.getTimestamp(1) : null;
        return t == null || !t.toInstant().isAfter(now) ? now : t.toInstant();
      }
    }
  }

  /** A waiting delivery and its webhook. */
  record Waiting(long id, long subscriptionId) {}

  /** Up to {@code limit} waiting deliveries whose time has come and that no sender holds, oldest first. */
  static List<Waiting> due(Connection c, Instant now, int limit) throws SQLException {
    List<Waiting> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ID, SUBSCRIPTION_ID FROM HOOK_DELIVERY WHERE " + WAITING
        + " AND NEXT_ATTEMPT_AT <= ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?) ORDER BY ID FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(new Waiting(r.getLong(1), r.getLong(2)));
        }
      }
    }
    return ids;
  }

  /**
   * The webhook's receiver did not take a delivery: its other waiting deliveries due before
   * {@code next}, and held by no sender, wait until then too (no attempt counted). Returns how many.
   */
  static int postpone(Connection c, long subscriptionId, Instant next, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_DELIVERY SET NEXT_ATTEMPT_AT = ? WHERE SUBSCRIPTION_ID = ? AND "
        + WAITING + " AND NEXT_ATTEMPT_AT < ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?)")) {
      s.setTimestamp(1, Timestamp.from(next));
      s.setLong(2, subscriptionId);
      s.setTimestamp(3, Timestamp.from(next));
      s.setTimestamp(4, Timestamp.from(now));
      return s.executeUpdate();
    }
  }

  /**
   * The webhook's receiver took a delivery again: its other waiting deliveries, postponed while it
   * was down, are due now rather than at their next attempt. Returns how many.
   */
  static int resume(Connection c, long subscriptionId, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_DELIVERY SET NEXT_ATTEMPT_AT = ? WHERE SUBSCRIPTION_ID = ? AND "
        + WAITING + " AND NEXT_ATTEMPT_AT > ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setLong(2, subscriptionId);
      s.setTimestamp(3, Timestamp.from(now));
      return s.executeUpdate();
    }
  }

  /**
   * Takes delivery {@code id} until {@code until}, unless it was done or given up, is not due (its
   * back-off, or postponed, since the list it came from was read), or another node holds it.
   */
  static Optional<Due> claim(Connection c, long id, Instant now, Instant until) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_DELIVERY SET CLAIMED_UNTIL = ? WHERE ID = ? AND " + WAITING
        + " AND NEXT_ATTEMPT_AT <= ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?)")) {
      s.setTimestamp(1, Timestamp.from(until));
      s.setLong(2, id);
      s.setTimestamp(3, Timestamp.from(now));
      s.setTimestamp(4, Timestamp.from(now));
      if (s.executeUpdate() != 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT SUBSCRIPTION_ID, EVENT, PAYLOAD, ATTEMPTS FROM HOOK_DELIVERY WHERE ID = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return Optional.of(new Due(id, r.getLong(1), r.getString(2), r.getString(3), r.getInt(4)));
      }
    }
  }

  /**
   * Taken by its receiver; recorded only while this sender's hold ({@code claimedUntil}) is still on
   * it, so that a sender whose hold ran out does not overwrite another's. True when recorded.
   */
  static boolean delivered(Connection c, long id, int status, Instant at, Instant claimedUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE HOOK_DELIVERY SET DELIVERED_AT = ?, LAST_STATUS = ?, LAST_ERROR = NULL,"
        + " CLAIMED_UNTIL = NULL, ATTEMPTS = ATTEMPTS + 1 WHERE ID = ? AND CLAIMED_UNTIL = ?")) {
      s.setTimestamp(1, Timestamp.from(at));
      s.setInt(2, status);
      s.setLong(3, id);
      s.setTimestamp(4, Timestamp.from(claimedUntil));
      return s.executeUpdate() == 1;
    }
  }

  /**
   * A failed attempt ({@code status} 0 when no answer came): tried again at {@code next}, or given
   * up when it is null; recorded only while this sender's hold is on it, as {@link #delivered}.
   */
  static boolean failed(Connection c, long id, int status, String error, Instant at, Instant next, Instant claimedUntil)
      throws SQLException {
    String sql = next == null
        ? "UPDATE HOOK_DELIVERY SET ATTEMPTS = ATTEMPTS + 1, LAST_STATUS = ?, LAST_ERROR = ?, CLAIMED_UNTIL = NULL, FAILED_AT = ?"
            + " WHERE ID = ? AND CLAIMED_UNTIL = ?"
        : "UPDATE HOOK_DELIVERY SET ATTEMPTS = ATTEMPTS + 1, LAST_STATUS = ?, LAST_ERROR = ?, CLAIMED_UNTIL = NULL, NEXT_ATTEMPT_AT = ?"
            + " WHERE ID = ? AND CLAIMED_UNTIL = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (status == 0) {
        s.setNull(1, Types.INTEGER);
      } else {
        s.setInt(1, status);
      }
      s.setString(2, clip(error == null ? "unknown error" : error, ERROR_MAX));
      s.setTimestamp(3, Timestamp.from(next == null ? at : next));
      s.setLong(4, id);
      s.setTimestamp(5, Timestamp.from(claimedUntil));
      return s.executeUpdate() == 1;
    }
  }

  /** Removes deliveries done or given up before {@code before}. */
  static int forget(Connection c, Instant before) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM HOOK_DELIVERY WHERE DELIVERED_AT < ? OR FAILED_AT < ?")) {
      s.setTimestamp(1, Timestamp.from(before));
      s.setTimestamp(2, Timestamp.from(before));
      return s.executeUpdate();
    }
  }

  /** The latest {@code limit} deliveries of a subscription, newest first. */
  static List<Line> latest(Connection c, long subscriptionId, int limit) throws SQLException {
    List<Line> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT ID, EVENT, CREATED_AT, ATTEMPTS, NEXT_ATTEMPT_AT, DELIVERED_AT, FAILED_AT,"
        + " LAST_STATUS, LAST_ERROR FROM HOOK_DELIVERY WHERE SUBSCRIPTION_ID = ? ORDER BY ID DESC FETCH FIRST " + limit + " ROWS ONLY")) {
      s.setLong(1, subscriptionId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          boolean waiting = r.getTimestamp(6) == null && r.getTimestamp(7) == null;
          int status = r.getInt(8);
          Integer lastStatus = r.wasNull() ? null : status;
          lines.add(new Line(r.getLong(1), r.getString(2), instant(r.getTimestamp(3)), r.getInt(4),
              waiting ? instant(r.getTimestamp(5)) : null, instant(r.getTimestamp(6)), instant(r.getTimestamp(7)), lastStatus,
              r.getString(9)));
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
