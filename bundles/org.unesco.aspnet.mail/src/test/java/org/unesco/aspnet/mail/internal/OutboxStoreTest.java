package org.unesco.aspnet.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.persistence.testing.TestDatabase;

class OutboxStoreTest {
  private final TestDatabase db = new TestDatabase("mail");
  private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

  OutboxStoreTest() {
    db.run("V1__outbox.sql");
  }

  private long queue(String to) {
    return db.inTransaction(c -> OutboxStore.enqueue(c, new MailOutbox.Message(to, "Subject\r\nBcc: x@evil.example", "text", "test"), t0));
  }

  @Test
  void aQueuedMessageIsDueOnceAndHeldByItsSender() {
    long id = queue("a@example.org");
    assertEquals(List.of(id), db.read(c -> OutboxStore.due(c, t0, 10)));
    OutboxStore.Due m = db.inTransaction(c -> OutboxStore.claim(c, id, t0, t0.plusSeconds(120))).orElseThrow();
    assertEquals("a@example.org", m.to());
    assertEquals("Subject Bcc: x@evil.example", m.subject(), "a line break in a subject would start a header");
    // another sender (node) finds it held until the claim runs out
    assertTrue(db.read(c -> OutboxStore.due(c, t0.plusSeconds(60), 10)).isEmpty());
    assertTrue(db.inTransaction(c -> OutboxStore.claim(c, id, t0.plusSeconds(60), t0.plusSeconds(180))).isEmpty());
    assertEquals(List.of(id), db.read(c -> OutboxStore.due(c, t0.plusSeconds(121), 10)), "a sender that died gives it back");
  }

  @Test
  void aSentMessageLosesItsTextAndIsNotDueAgain() {
    long id = queue("a@example.org");
    db.inTransaction(c -> OutboxStore.claim(c, id, t0, t0.plusSeconds(120)));
    db.inTransaction(c -> {
      OutboxStore.sent(c, id, t0.plusSeconds(1));
      return null;
    });
    assertTrue(db.read(c -> OutboxStore.due(c, t0.plusSeconds(500), 10)).isEmpty());
    assertNull(db.read(c -> {
      try (var s = c.prepareStatement("SELECT BODY FROM MAIL_OUTBOX WHERE ID = ?")) {
        s.setLong(1, id);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getString(1);
        }
      }
    }), "a reset link is not kept once sent");
    OutboxStore.Line line = db.read(c -> OutboxStore.latest(c, 5)).get(0);
    assertEquals(1, line.attempts());
    assertEquals(t0.plusSeconds(1), line.sentAt());
    assertEquals(1L, db.read(c -> OutboxStore.counts(c, t0)).get("sent"));
  }

  @Test
  void aFailedAttemptWaitsItsBackOffAndSettingsChangesMakeItDueAtOnce() {
    long id = queue("a@example.org");
    db.inTransaction(c -> OutboxStore.claim(c, id, t0, t0.plusSeconds(120)));
    Instant next = t0.plus(OutboxService.backOff(1));
    db.inTransaction(c -> {
      OutboxStore.failed(c, id, "connection refused", t0, next);
      return null;
    });
    assertTrue(db.read(c -> OutboxStore.due(c, t0.plusSeconds(30), 10)).isEmpty());
    assertEquals(List.of(id), db.read(c -> OutboxStore.due(c, next, 10)));
    int madeDue = db.inTransaction(c -> OutboxStore.retryNow(c, t0.plusSeconds(5)));
    assertEquals(1, madeDue);
    assertEquals(List.of(id), db.read(c -> OutboxStore.due(c, t0.plusSeconds(5), 10)));
    OutboxStore.Line line = db.read(c -> OutboxStore.latest(c, 5)).get(0);
    assertEquals("connection refused", line.lastError());
    assertEquals(1L, db.read(c -> OutboxStore.counts(c, t0)).get("waiting"));
  }

  @Test
  void aGivenUpMessageIsCountedAsFailedAndNeverDue() {
    long id = queue("a@example.org");
    db.inTransaction(c -> {
      OutboxStore.failed(c, id, "x".repeat(900), t0, null);
      return null;
    });
    assertTrue(db.read(c -> OutboxStore.due(c, t0.plus(Duration.ofDays(2)), 10)).isEmpty());
    int madeDue = db.inTransaction(c -> OutboxStore.retryNow(c, t0.minusSeconds(1)));
    assertEquals(0, madeDue, "nothing waits to be made due");
    OutboxStore.Line line = db.read(c -> OutboxStore.latest(c, 5)).get(0);
    assertEquals(OutboxStore.ERROR_MAX, line.lastError().length());
    assertEquals(1L, db.read(c -> OutboxStore.counts(c, t0)).get("failed"));
  }

  @Test
  void backOffDoublesUpToAnHour() {
    assertEquals(Duration.ofMinutes(1), OutboxService.backOff(1));
    assertEquals(Duration.ofMinutes(8), OutboxService.backOff(4));
    assertEquals(Duration.ofMinutes(60), OutboxService.backOff(7));
    assertEquals(Duration.ofMinutes(60), OutboxService.backOff(40));
  }

  @Test
  void anIncompleteOrOversizeMessageIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> db.inTransaction(c -> OutboxStore.enqueue(c, new MailOutbox.Message(" ", "s", "t", "k"), t0)));
    assertThrows(IllegalArgumentException.class, () -> db.inTransaction(
        c -> OutboxStore.enqueue(c, new MailOutbox.Message("a@example.org", "s", "t".repeat(OutboxStore.BODY_MAX + 1), "k"), t0)));
    assertTrue(db.read(c -> OutboxStore.latest(c, 5)).isEmpty());
  }

  @Test
  void clipKeepsSurrogatePairsWhole() {
    assertEquals("ab", OutboxStore.clip("ab\uD83D\uDE00", 3));
    assertEquals("abc", OutboxStore.clip("abc", 3));
  }

  @Test
  void oldSentAndGivenUpMessagesAreForgottenWaitingOnesAreKept() {
    long sent = queue("a@example.org");
    long failed = queue("b@example.org");
    long waiting = queue("c@example.org");
    db.inTransaction(c -> {
      OutboxStore.sent(c, sent, t0);
      OutboxStore.failed(c, failed, "refused", t0, null);
      return null;
    });
    int forgotten = db.inTransaction(c -> OutboxStore.forget(c, t0.plusSeconds(1)));
    assertEquals(2, forgotten);
    assertEquals(List.of(waiting), db.read(c -> OutboxStore.latest(c, 5)).stream().map(OutboxStore.Line::id).toList());
  }
}
