package org.unesco.aspnet.notices.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.PersistenceException;
import org.unesco.aspnet.security.Accounts;

/**
 * How HQ officers hear of the schools National Coordinators recommend for certification. With
 * {@code recommendations=daily} (the default) a recommendation is held ({@code NTC_RECOMMENDED})
 * and each HQ officer gets one message a day listing the schools still waiting for HQ: an NC who
 * recommends thirty schools in an afternoon sends HQ one email, not thirty. With {@code each}, one
 * message per school at once. The day's digest goes at the first look from {@code hourUtc} on
 * that finds schools held; the day is recorded in the transaction that queues it
 * ({@code NTC_DIGEST_SENT}), so that several nodes, or a restart, send it once.
 */
@Component(service = RecommendationDigest.class, configurationPid = RecommendationDigest.PID)
@Designate(ocd = RecommendationDigest.Config.class)
public final class RecommendationDigest {
  static final String PID = "org.unesco.aspnet.notices.digest";
  private static final Duration FIRST_LOOK = Duration.ofMinutes(1);
  private static final Duration LOOK_EVERY = Duration.ofMinutes(15);
  private static final Duration LOOK_AFTER_CHANGE = Duration.ofSeconds(3);

  @ObjectClassDefinition(name = "ASPnet recommendation digest",
      description = "How HQ officers hear of the schools that National Coordinators recommend for certification")
  public @interface Config {
    @AttributeDefinition(description = "daily: one message a day listing the schools recommended since the last one;"
        + " each: one message per school, at once")
    String recommendations() default "daily";

    @AttributeDefinition(description = "The hour of the day (UTC, 0 to 23) from which the day's digest is sent")
    int hourUtc() default 6;
  }

  /** A school held for the digest (its row's {@code id}): who recommended it (not told of it) and when. */
  record Held(long id, long schoolId, Instant at, String by) {}

  private final NoticeMail mail;
  private final Database database;
  private final Clock clock;
  private final Consumer<String> warn;
  private final ConfigValues values;
  private final ScheduledExecutorService thread;
  private volatile boolean daily = true;
  private volatile int hourUtc = ConfigValues.defaultOf(Config.class, "hourUtc", Integer.class);
  private volatile boolean looking;

  @Activate
  public RecommendationDigest(@Reference NoticeMail mail, @Reference Database database,
      @Reference(service = LoggerFactory.class) Logger log, BundleContext context, Config config) {
    this(mail, database, config, Clock.systemUTC(), log::warn);
    database.migrate(context.getBundle());
    thread.scheduleWithFixedDelay(this::look, FIRST_LOOK.toSeconds(), LOOK_EVERY.toSeconds(), TimeUnit.SECONDS);
    looking = true;
  }

  /** For tests: the schema is there, no look is scheduled, {@link #look} is called by hand. */
  RecommendationDigest(NoticeMail mail, Database database, Config config, Clock clock, Consumer<String> warn) {
    this.mail = mail;
    this.database = database;
    this.clock = clock;
    this.warn = warn;
    this.values = new ConfigValues(PID, warn);
    this.thread = LookThread.named("aspnet-recommendation-digest");
    apply(config);
  }

  @Modified
  void modified(Config config) {
    apply(config);
    if (looking) {
      thread.schedule(this::look, LOOK_AFTER_CHANGE.toSeconds(), TimeUnit.SECONDS); // a digest due now, or what "each" no longer holds
    }
  }

  private void apply(Config config) {
    String mode = values.get("recommendations", () -> config.recommendations().strip().toLowerCase(Locale.ROOT),
        m -> m.equals("daily") || m.equals("each"), "daily or each", daily ? "daily" : "each");
    daily = mode.equals("daily");
    hourUtc = values.get("hourUtc", config::hourUtc, h -> h >= 0 && h <= 23, "an hour from 0 to 23", hourUtc);
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    LookThread.stop(thread);
  }

  /** Whether recommendations wait for the daily digest ({@link #hold}) instead of being told at once. */
  boolean daily() {
    return daily;
  }

  /** Holds {@code school}, recommended by {@code by}, for the next digest; a school already held stays as it was. */
  void hold(long school, String by) {
    try {
      database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO NTC_RECOMMENDED (SCHOOL_ID, RECOMMENDED_AT, RECOMMENDED_BY) VALUES (?, ?, ?)")) {
          ps.setLong(1, school);
          ps.setTimestamp(2, Timestamp.from(clock.instant()));
          ps.setString(3, by);
          return ps.executeUpdate();
        }
      });
    } catch (PersistenceException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
    }
  }

  /** Sends the digest when one is due; a failure is logged and the schools stay held for the next look. */
  void look() {
    try {
      send();
    } catch (RuntimeException e) {
      warn.accept("The recommendation digest could not be sent, tried again at the next look: " + e);
    }
  }

  /**
   * Sends what is held, once a day from {@code hourUtc} on (at once in {@code each} mode: what the
   * daily mode held before the switch), unless the platform sends no email. Schools that HQ has
   * taken up meanwhile (certified, sent back) are let go without a word.
   *
   * @return the messages queued
   */
  int send() {
    MailOutbox outbox = mail.delivering();
    if (outbox == null) {
      return 0; // held until a mail server is set
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (daily && now.atZone(ZoneOffset.UTC).getHour() < hourUtc) {
      return 0;
    }
    List<Held> held = database.read(RecommendationDigest::held);
    if (held.isEmpty()) {
      return 0;
    }
    List<School> waiting = new ArrayList<>();
    List<Held> waitingHeld = new ArrayList<>();
    List<Held> released = new ArrayList<>(); // told now, or no longer anyone's news
    for (Held h : held) {
      School school = read(h.schoolId());
      if (school == UNREADABLE) {
        continue; // kept for the next look: a school is never dropped untold because of a passing error
      }
      released.add(h);
      if (school != null && (school.status() == MembershipStatus.RECOMMENDED || school.status() == MembershipStatus.UNDER_HQ_REVIEW)) {
        waiting.add(school);
        waitingHeld.add(h);
      }
    }
    Map<String, Accounts.Recipient> officers = waiting.isEmpty() ? Map.of() : mail.recipients(List.of(Role.HQ_OFFICER), null, null);
    try {
      return database.inTransaction(c -> {
        // the day is used by a digest that tells something: HQ took up every school meanwhile, and
        // schools recommended later today still go today
        if (daily && !waiting.isEmpty() && !markSent(c, today, now, waiting.size())) {
          return 0;
        }
        for (Held h : released) {
          if (!release(c, h)) {
            throw new TakenMeanwhile(); // another node's digest took it: that one tells it
          }
        }
        int queued = 0;
        for (Accounts.Recipient officer : officers.values()) {
          List<School> theirs = new ArrayList<>();
          for (int i = 0; i < waiting.size(); i++) {
            if (!Objects.equals(waitingHeld.get(i).by(), officer.accountId())) { // who recommended it knows of it
              theirs.add(waiting.get(i));
            }
          }
          if (!theirs.isEmpty()) {
            outbox.enqueue(c, NoticeTexts.digest(officer, theirs, outbox.publicUrl()));
            queued++;
          }
        }
        return queued;
      });
    } catch (TakenMeanwhile taken) {
      return 0;
    } catch (PersistenceException e) {
      if (e.isDuplicateKey()) {
        return 0; // today's digest was sent by another node meanwhile
      }
      throw e;
    }
  }

  /** What {@link #read} answers for a school that could not be read now (it is kept for the next look). */
  private static final School UNREADABLE = new School(0, "", "", null, null, null, null, null, List.of(), List.of(), List.of(),
      null, null, null, null, null, null, 0, MembershipStatus.APPLIED, 0);

  /** The school as the platform reads it; null when it is gone, {@link #UNREADABLE} when it cannot be read now. */
  private School read(long id) {
    try {
      return mail.school(id);
    } catch (org.unesco.aspnet.core.ProblemException e) {
      if (e.status() == 404) {
        return null;
      }
      warn.accept("The recommendation digest keeps school " + id + " for its next look: " + e.getMessage());
      return UNREADABLE;
    } catch (RuntimeException e) {
      warn.accept("The recommendation digest keeps school " + id + " for its next look: " + e);
      return UNREADABLE;
    }
  }

  /** Another transaction released a held school first: this one is rolled back. */
  private static final class TakenMeanwhile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TakenMeanwhile() {
      super(null, null, false, false);
    }
  }

  static List<Held> held(Connection c) throws SQLException {
    List<Held> held = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ID, SCHOOL_ID, RECOMMENDED_AT, RECOMMENDED_BY FROM NTC_RECOMMENDED ORDER BY ID");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        held.add(new Held(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4)));
      }
    }
    return held;
  }

  /** Records that {@code day}'s digest goes out; false when it went already (the day's row is there). */
  private static boolean markSent(Connection c, LocalDate day, Instant now, int schools) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM NTC_DIGEST_SENT WHERE DIGEST_DAY = ?")) {
      ps.setDate(1, Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO NTC_DIGEST_SENT (DIGEST_DAY, SENT_AT, SCHOOLS) VALUES (?, ?, ?)")) {
      ps.setDate(1, Date.valueOf(day));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setInt(3, schools);
      ps.executeUpdate(); // a node that inserted it meanwhile makes this a duplicate key
    }
    return true;
  }

  /** Takes {@code h} out of the held schools; false when its row is gone (another node's digest took it). */
  private static boolean release(Connection c, Held h) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM NTC_RECOMMENDED WHERE ID = ?")) {
      ps.setLong(1, h.id());
      return ps.executeUpdate() == 1;
    }
  }
}
