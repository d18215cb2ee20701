package org.unesco.aspnet.mail.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.persistence.Database;

/**
 * The outbox: messages are rows written in the transaction of the change that sends them, and one
 * thread of this bundle delivers them afterwards. It looks a moment after each message is queued
 * (once its transaction has likely committed) and every {@link #POLL} for the rest; a failed
 * attempt waits 1, 2, 4 ... minutes (at most an hour) until {@code maxAttempts}, and an address the
 * server refuses is given up at once. Several nodes may share the database: a sender claims a
 * message before it sends it.
 */
@Component(service = {MailOutbox.class, OutboxService.class}, configurationPid = "org.unesco.aspnet.mail")
@Designate(ocd = MailSettings.Config.class)
public final class OutboxService implements MailOutbox {
  static final Duration POLL = Duration.ofSeconds(15);
  /** How long a claimed message is held by its sender: longer than an SMTP exchange's timeouts. */
  private static final Duration CLAIM = Duration.ofMinutes(5);
  /** How long sent and given-up messages stay in the operators' view (their recipients are personal data). */
  static final Duration KEPT = Duration.ofDays(90);
  private static final int BATCH = 20;

  private final Database database;
  private final Logger log;
  private final ConfigValues values;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private volatile MailSettings settings = MailSettings.DEFAULTS;
  private volatile SmtpSender sender;

  @Activate
  public OutboxService(@Reference Database database, @Reference(service = LoggerFactory.class) Logger log,
      MailSettings.Config config, BundleContext context) {
    this.database = database;
    this.log = log;
    this.values = new ConfigValues("org.unesco.aspnet.mail", log::warn);
    database.migrate(context.getBundle());
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aspnet-mail");
      t.setDaemon(true);
      return t;
    });
    modified(config);
    thread.scheduleWithFixedDelay(this::drainQuietly, POLL.toSeconds(), POLL.toSeconds(), TimeUnit.SECONDS);
    thread.scheduleWithFixedDelay(this::forgetOld, 1, 60, TimeUnit.MINUTES);
  }

  @Modified
  void modified(MailSettings.Config config) {
    MailSettings read = MailSettings.of(config, settings, values);
    boolean changed = !read.describe().equals(settings.describe()) || !read.password().equals(settings.password()) || sender == null;
    settings = read;
    sender = read.delivers() ? new SmtpSender(read) : null;
    if (changed && read.delivers()) {
      log.info("Mail goes out through {}:{} ({}) from {}", read.host(), read.port(), read.security(), read.from().toUnicodeString());
      // a corrected setting is tried at once on what waits, not after each message's back-off
      thread.execute(() -> {
        try {
          database.inTransaction(c -> OutboxStore.retryNow(c, Instant.now()));
        } catch (RuntimeException e) {
          log.warn("Mail: could not make waiting messages due: {}", e.toString());
        }
        drainQuietly();
      });
    } else if (!read.delivers()) {
      log.info("Mail: no SMTP host configured (org.unesco.aspnet.mail host=); reset and invitation links are handed over by whoever makes them");
    }
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    thread.shutdown();
    // a send under way records itself (else its claim runs out and it is sent again); the
    // platform's stop waits at most this long for it
    if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
  }

  private void forgetOld() {
    try {
      int forgotten = database.inTransaction(c -> OutboxStore.forget(c, Instant.now().minus(KEPT)));
      if (forgotten > 0) {
        log.info("Mail: {} message(s) older than {} days left the outbox", forgotten, KEPT.toDays());
      }
    } catch (RuntimeException e) {
      log.warn("Mail: old messages could not be removed: {}", e.toString());
    }
  }

  @Override
  public void enqueue(Connection connection, Message message) throws SQLException {
    enqueued(connection, message);
  }

  /** {@link #enqueue}, telling the message's id. */
  long enqueued(Connection connection, Message message) throws SQLException {
    long id = OutboxStore.enqueue(connection, message, Instant.now());
    // the caller's transaction commits after this returns: look again in a moment
    if (drainQueued.compareAndSet(false, true)) {
      try {
        thread.schedule(() -> {
          drainQueued.set(false);
          drainQuietly();
        }, 300, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        drainQueued.set(false); // sent by the next start, or by another node
      }
    }
    return id;
  }

  @Override
  public boolean delivers() {
    return settings.delivers();
  }

  /** What {@link SmtpSender#send} would not give up at once for the address alone ({@link SmtpSender#deliverable}). */
  @Override
  public boolean canSendTo(String address) {
    try {
      SmtpSender.deliverable(address);
      return true;
    } catch (SmtpSender.Failure never) {
      return false;
    }
  }

  @Override
  public String publicUrl() {
    return settings.publicUrl();
  }

  MailSettings settings() {
    return settings;
  }

  Database database() {
    return database;
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException | LinkageError e) { // the poll goes on: a scheduled task that throws is never run again
      log.warn("Mail: the outbox could not be read: {}", e.toString());
    }
  }

  /** Sends what is due, batch after batch, until nothing is (or the mail server is switched off). */
  void drain() {
    while (true) {
      SmtpSender smtp = sender;
      if (smtp == null || Thread.currentThread().isInterrupted()) {
        return;
      }
      List<Long> due = database.read(c -> OutboxStore.due(c, Instant.now(), BATCH));
      if (due.isEmpty()) {
        return;
      }
      for (long id : due) {
        smtp = sender; // settings corrected meanwhile apply to the rest of the batch
        if (smtp == null || Thread.currentThread().isInterrupted()) {
          return;
        }
        Instant now = Instant.now();
        Optional<OutboxStore.Due> taken = database.inTransaction(c -> OutboxStore.claim(c, id, now, now.plus(CLAIM)));
        SmtpSender current = smtp;
        taken.ifPresent(m -> sendOne(current, m));
      }
    }
  }

  private void sendOne(SmtpSender smtp, OutboxStore.Due m) {
    try {
      smtp.send(m.to(), m.subject(), m.text() == null ? "" : m.text());
      database.inTransaction(c -> {
        OutboxStore.sent(c, m.id(), Instant.now());
        return null;
      });
      log.info("Mail {} ({}) sent to {}", m.id(), m.kind(), m.to());
    } catch (SmtpSender.Failure | RuntimeException | LinkageError e) {
      // anything but a Failure is the libraries' surprise: an attempt like any other, not a row held for ever
      SmtpSender.Failure f = e instanceof SmtpSender.Failure known ? known : new SmtpSender.Failure(SmtpSender.describe(e), false, e);
      int attempts = m.attempts() + 1;
      boolean giveUp = f.permanent || attempts >= settings.maxAttempts();
      Instant now = Instant.now();
      Instant next = giveUp ? null : now.plus(backOff(attempts));
      database.inTransaction(c -> {
        OutboxStore.failed(c, m.id(), f.getMessage(), now, next);
        return null;
      });
      if (giveUp) {
        log.error("Mail {} ({}) to {} given up after {} attempt(s): {}", m.id(), m.kind(), m.to(), attempts, f.getMessage());
      } else {
        log.warn("Mail {} ({}) to {} not sent (attempt {} of {}), tried again at {}: {}", m.id(), m.kind(), m.to(), attempts,
            settings.maxAttempts(), next, f.getMessage());
      }
    }
  }

  /** 1, 2, 4 ... minutes after the {@code attempts}th failure, at most an hour. */
  static Duration backOff(int attempts) {
    return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts - 1, 6)));
  }
}
