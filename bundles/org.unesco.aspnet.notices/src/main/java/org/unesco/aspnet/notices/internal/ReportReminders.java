package org.unesco.aspnet.notices.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.AnnualReport.State;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.membership.ReportCompliance;
import org.unesco.aspnet.notices.internal.ReminderStore.Kind;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.security.Accounts;

/**
 * Emails schools that have not sent a year's annual report a reminder of it: when a country's
 * coordinator asks ({@link #remind}), or by itself before and after the due date ({@link
 * #remindAutomatically}). Each school's focal point and staff who want notices get one, in their
 * language; a school with none of them gets one at its contact address, in its country's language.
 * A school reminded of the year in the last {@link #AGAIN_AFTER} is left out (a double click, two
 * coordinators), as is one with no address the platform can send to; the messages, the records of who was reminded and the
 * audit entry commit together, or nothing does.
 */
@Component(service = ReportReminders.class)
public final class ReportReminders {
  static final Duration AGAIN_AFTER = Duration.ofDays(7);
  /** The states of a report that a reminder chases: not sent, after the due date or before it. */
  static final Set<State> CHASED = EnumSet.of(State.MISSING, State.OPEN);
  private static final List<Role> SCHOOL_PEOPLE = List.of(Role.SCHOOL_FOCAL_POINT, Role.SCHOOL_STAFF);

  private final NoticeMail mail;
  private final AnnualReportService reports;
  private final ProfileService profiles;
  private final CountryService countries;
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private Logger log;

  @Activate
  public ReportReminders(@Reference NoticeMail mail, @Reference AnnualReportService reports, @Reference ProfileService profiles,
      @Reference CountryService countries, @Reference Database database, @Reference AuditLog audit,
      @Reference(service = LoggerFactory.class) Logger log, BundleContext context) {
    this(mail, reports, profiles, countries, database, audit, Clock.systemUTC());
    this.log = log;
    database.migrate(context.getBundle());
  }

  /** For tests: the schema is there, the time is {@code clock}'s. */
  ReportReminders(NoticeMail mail, AnnualReportService reports, ProfileService profiles, CountryService countries,
      Database database, AuditLog audit, Clock clock) {
    this.mail = mail;
    this.reports = reports;
    this.profiles = profiles;
    this.countries = countries;
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /** A school reminded, or to be, and how many messages it takes (one per person, or its contact address). */
  record Reminded(long schoolId, String name, int messages) {}

  /**
   * A school left out: {@code recentlyReminded} (at {@code remindedAt}), {@code noAddress} (no
   * person of the school wants notices and it has no contact address) or {@code addressNotEmailable}
   * (the addresses it has are ones the platform cannot send to, {@link NoticeMail#canSendTo}).
   */
  record Skipped(long schoolId, String name, String reason, Instant remindedAt) {}

  /** What a run did, or would do: the schools reminded and those left out. */
  record Outcome(String country, int year, LocalDate due, List<Reminded> reminded, List<Skipped> skipped) {
    int messages() {
      return reminded.stream().mapToInt(Reminded::messages).sum();
    }
  }

  /** Whether the platform sends email, so that reminders can go. */
  boolean delivers() {
    return mail.delivering() != null;
  }

  /**
   * Reminds the schools of {@code country} whose report for {@code year} is in one of {@code
   * states} (of {@link #CHASED}), as {@code actor} asks.
   *
   * @throws ProblemException 400 for the year, 401/403 as the country's report list ({@link
   *     AnnualReportService#compliance}); then, to whoever may remind, 409 while the platform sends no email
   */
  Outcome remind(Principal actor, String country, int year, Set<State> states) {
    List<ReportCompliance> rows = reports.compliance(actor, country, year); // the rights first: nothing to tell the others
    MailOutbox outbox = mail.delivering();
    if (outbox == null) {
      throw ProblemException.conflict(ReminderMessages.get(actor.language(), "noEmail"));
    }
    return run(actor, country, year, Kind.MANUAL, states, rows, outbox);
  }

  /** The annual reports' check of a year's range (their 400, in {@code lang}), told with a request's other mistakes. */
  void checkYear(int year, String lang) {
    reports.checkYear(year, lang);
  }

  /** What {@link #remind} would do now, sending nothing. */
  Outcome preview(Principal actor, String country, int year, Set<State> states) {
    return run(actor, country, year, Kind.MANUAL, states, reports.compliance(actor, country, year), null);
  }

  /**
   * What an automatic look did: the schools reminded, and the runs (a country, year and kind) that
   * failed, each logged; a look with any is not done, and is made again later.
   */
  record Looked(int reminded, int failed) {}

  /**
   * The automatic reminders due today ({@link ReminderSchedule}), to every country's schools; stops
   * between two countries once {@code stopping} says so. A country that fails does not keep the
   * others' reminders back: it is counted in {@link Looked#failed}. Empty when the platform sends no
   * email (nothing was looked at, so a later look may do it).
   */
  Optional<Looked> remindAutomatically(int daysBefore, int daysAfter, BooleanSupplier stopping) {
    MailOutbox outbox = mail.delivering();
    if (outbox == null) {
      return Optional.empty();
    }
    int reminded = 0;
    int failed = 0;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    for (ReminderSchedule.Due due : ReminderSchedule.due(today, reports::dueDate, daysBefore, daysAfter)) {
      Set<State> chased = EnumSet.of(due.kind() == Kind.BEFORE_DUE ? State.OPEN : State.MISSING);
      for (Country country : countries.countries(Principal.system(), Locale.ENGLISH)) {
        if (stopping.getAsBoolean()) {
          return Optional.of(new Looked(reminded, failed));
        }
        try {
          List<ReportCompliance> rows = reports.compliance(Principal.system(), country.iso2(), due.year());
          reminded += run(Principal.system(), country.iso2(), due.year(), due.kind(), chased, rows, outbox).reminded().size();
        } catch (RuntimeException e) {
          failed++;
          if (log != null) {
            log.warn("Annual report reminders of {} for {} ({}) not sent: {}", country.iso2(), due.year(), due.kind(), e.toString());
          }
        }
      }
    }
    return Optional.of(new Looked(reminded, failed));
  }

  /**
   * One run for one country and year. The country's reminders are read first, and only the schools
   * that may still be reminded have their messages written (the recipients' queries); then, under the
   * country and year's lock, the reminders are read again, those reminded meanwhile left out, and the
   * rest recorded and queued in the same transaction. {@code rows}: the country's report list, read
   * as {@code actor} (who may read it, then, may remind). {@code outbox} null: a preview, nothing written.
   */
  private Outcome run(Principal actor, String country, int year, Kind kind, Set<State> states, List<ReportCompliance> rows,
      MailOutbox outbox) {
    LocalDate due = reports.dueDate(year);
    List<ReportCompliance> chased = rows.stream().filter(school -> states.contains(school.state())).toList();
    if (chased.isEmpty() && kind != Kind.MANUAL) {
      return new Outcome(country, year, due, List.of(), List.of()); // nobody to chase here: nothing to read, lock or audit
    }
    Instant now = clock.instant();
    Instant since = now.minus(AGAIN_AFTER);
    Letters letters = new Letters(country, year, due, now, kind == Kind.MANUAL ? nameOf(actor) : null,
        outbox == null ? "" : outbox.publicUrl());
    Sent before = database.read(c -> Sent.read(c, country, year, kind, since));
    chased.stream().filter(school -> before.mayRemind(school.schoolId())).forEach(letters::of);
    if (outbox == null) {
      return decide(country, year, due, chased, before, letters);
    }
    if (kind != Kind.MANUAL && chased.stream().noneMatch(school -> before.mayRemind(school.schoolId()))) {
      return decide(country, year, due, chased, before, letters); // all had it or were reminded this week: no lock, no audit
    }
    ReminderStore.ensureLockRow(database, country, year);
    return database.inTransaction(c -> {
      ReminderStore.lock(c, country, year, now);
      Outcome outcome = decide(country, year, due, chased, Sent.read(c, country, year, kind, since), letters);
      for (Reminded school : outcome.reminded()) {
        // recorded first: an automatic reminder's key refuses a second one before anything is queued
        ReminderStore.record(c, school.schoolId(), country, year, kind, now, actor.accountId(), school.messages());
        for (MailOutbox.Message message : letters.written.get(school.schoolId())) {
          outbox.enqueue(c, message);
        }
      }
      if (kind == Kind.MANUAL || !outcome.reminded().isEmpty()) {
        audit.record(c, actor, "annualReport.remind", "country", country, country, null, summary(outcome, kind, states));
      }
      return outcome;
    });
  }

  /**
   * The country's schools reminded of the year in the last {@link #AGAIN_AFTER} ({@code recent}, with
   * the time) and, for an automatic run, those that have had its kind already ({@code hadIt}).
   */
  private record Sent(Map<Long, Instant> recent, Set<Long> hadIt) {
    static Sent read(Connection c, String country, int year, Kind kind, Instant since) throws SQLException {
      return new Sent(ReminderStore.remindedSince(c, country, year, since),
          kind == Kind.MANUAL ? Set.of() : ReminderStore.remindedAutomatically(c, country, year, kind));
    }

    boolean mayRemind(long school) {
      return !hadIt.contains(school) && !recent.containsKey(school);
    }
  }

  /**
   * The messages of one run, written for a school when it is first asked for: its people who want
   * notices (two queries, one per role), else its contact address; an address the platform cannot
   * send to ({@link NoticeMail#canSendTo}) is left out, as its message would be given up at once.
   */
  private final class Letters {
    private final String country;
    private final int year;
    private final LocalDate due;
    private final long daysLeft;
    private final String sentBy;
    private final String site;
    private String contactLanguage;
    final Map<Long, List<MailOutbox.Message>> written = new HashMap<>();
    /** The schools with addresses, none of which the platform can send to. */
    final Set<Long> notEmailable = new HashSet<>();

    Letters(String country, int year, LocalDate due, Instant now, String sentBy, String site) {
      this.country = country;
      this.year = year;
      this.due = due;
      // an OPEN report is one before its due date; at worst (the day turning meanwhile) "today"
      this.daysLeft = Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), due));
      this.sentBy = sentBy;
      this.site = site;
    }

    /** {@code school}'s messages (none: it has no address the platform can send to, {@link #notEmailable} tells which). */
    List<MailOutbox.Message> of(ReportCompliance school) {
      return written.computeIfAbsent(school.schoolId(), id -> write(school));
    }

    private List<MailOutbox.Message> write(ReportCompliance school) {
      NoticeTexts.ReportDue report = new NoticeTexts.ReportDue(school.name(), year, due, school.state() == State.MISSING, daysLeft, sentBy);
      List<MailOutbox.Message> messages = new ArrayList<>();
      boolean anyAddress = false;
      for (Accounts.Recipient person : mail.recipients(SCHOOL_PEOPLE, null, String.valueOf(school.schoolId())).values()) {
        anyAddress = true;
        if (mail.canSendTo(person.email())) { // a message given up at once is no reminder
          messages.add(NoticeTexts.reminder(report, person.email(), person.name(), person.language(), false, site));
        }
      }
      if (messages.isEmpty() && school.email() != null && !school.email().isBlank()) {
        anyAddress = true;
        if (mail.canSendTo(school.email())) {
          contactLanguage = contactLanguage == null ? languageOf(country) : contactLanguage;
          messages.add(NoticeTexts.reminder(report, school.email(), null, contactLanguage, true, site));
        }
      }
      if (messages.isEmpty() && anyAddress) {
        notEmailable.add(school.schoolId());
      }
      return messages;
    }
  }

  /**
   * Of the {@code chased} schools, those to remind and those left out: a school reminded of the year
   * since the time of {@code sent}'s recent ones ({@code recentlyReminded}) or without an address
   * ({@code noAddress}, or {@code addressNotEmailable} when it has only ones the platform cannot send to); one that has had this automatic reminder already is no news, and left out
   * without a word. Only the schools that may be reminded have their messages written.
   */
  private static Outcome decide(String country, int year, LocalDate due, List<ReportCompliance> chased, Sent sent, Letters letters) {
    List<Reminded> reminded = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (ReportCompliance school : chased) {
      if (sent.hadIt().contains(school.schoolId())) {
        continue;
      }
      Instant last = sent.recent().get(school.schoolId());
      if (last != null) {
        skipped.add(new Skipped(school.schoolId(), school.name(), "recentlyReminded", last));
        continue;
      }
      // written before the lock: a school left out then is left out now (reminders are only ever added)
      List<MailOutbox.Message> messages = letters.of(school);
      if (messages.isEmpty()) {
        String reason = letters.notEmailable.contains(school.schoolId()) ? "addressNotEmailable" : "noAddress";
        skipped.add(new Skipped(school.schoolId(), school.name(), reason, null));
      } else {
        reminded.add(new Reminded(school.schoolId(), school.name(), messages.size()));
      }
    }
    return new Outcome(country, year, due, reminded, skipped);
  }

  /** The language a school's contact address is written to: its country's national profile's, else English. */
  private String languageOf(String country) {
    try {
      return profiles.describe(country, Locale.ENGLISH).map(p -> p.get("language")).filter(String.class::isInstance)
          .map(String.class::cast).orElse("en");
    } catch (RuntimeException failing) { // a profile that fails (503) does not stop the reminders
      return "en";
    }
  }

  /** How a reminder names who asked for it: name and address, so that the school knows who writes. */
  private static String nameOf(Principal actor) {
    if (actor.email() == null) {
      return actor.name() == null ? "ASPnet" : actor.name();
    }
    return actor.name() == null || actor.name().isBlank() ? actor.email() : actor.name() + " <" + actor.email() + ">";
  }

  private static Map<String, Object> summary(Outcome outcome, Kind kind, Set<State> states) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", outcome.year());
    m.put("kind", kind.name());
    m.put("states", states.stream().map(Enum::name).sorted().toList());
    m.put("reminded", outcome.reminded().size());
    m.put("messages", outcome.messages());
    m.put("skipped", outcome.skipped().size());
    return m;
  }
}
