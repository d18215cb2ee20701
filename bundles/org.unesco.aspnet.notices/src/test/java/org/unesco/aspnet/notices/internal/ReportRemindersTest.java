package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.AnnualReport.State;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.membership.ReportCompliance;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.security.Accounts;

/**
 * Who is reminded of a year's annual report, in which words, and who is left out, with the
 * reminders' SQL on an in-memory Derby and an outbox that writes into a table of the same
 * transaction (so that "all or none" is seen).
 */
class ReportRemindersTest {
  private static final Principal NC_FR = new Principal("nc-fr", "nadia@example.fr", "Nadia Benali", "fr",
      List.of(Grant.country(Role.NATIONAL_COORDINATOR, "FR")));
  private static final String SITE = "https://aspnet.example.org";
  /** The addresses the test's outbox cannot send to. */
  private static final Set<String> UNSENDABLE = Set.of("contact@straße.de", "écoles@exaŭple.org", "zoë@example.fr");

  private TestDatabase database;
  /** Each country's schools that owe the year's report, with their state, by year. */
  private final Map<String, List<ReportCompliance>> compliance = new HashMap<>();
  /** Each school's people who want notices, by school id and role. */
  private final Map<String, List<Accounts.Recipient>> people = new HashMap<>();
  /** The recipients' queries made (Accounts.noticeRecipients), one per school and role. */
  private final AtomicInteger recipientQueries = new AtomicInteger();
  private final List<Map<String, ?>> audited = new CopyOnWriteArrayList<>();
  private volatile boolean auditFails;
  /** Countries whose report list fails once (the database away for a moment). */
  private final Set<String> failingOnce = ConcurrentHashMap.newKeySet();
  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private NoticeMail mail;

  @BeforeEach
  void setUp() {
    database = new TestDatabase();
    TestOutbox.create(database);
    mail = new NoticeMail(accounts(), null, database);
    mail.mail = outbox(true);
    // 2025: due on 2026-03-31
    compliance.put("FR", List.of(
        school(1, "Lycée Ampère", State.MISSING, "ampere@example.fr"),
        school(2, "École du Port", State.MISSING, "port@example.fr"),
        school(3, "Collège Sans Adresse", State.MISSING, null),
        school(4, "Lycée À Jour", State.SUBMITTED, "ajour@example.fr"),
        school(5, "École Ouverte", State.OPEN, "ouverte@example.fr")));
    people.put("1/SCHOOL_FOCAL_POINT", List.of(new Accounts.Recipient("a1", "Zoë Martin", "zoe@example.fr", "fr")));
    people.put("1/SCHOOL_STAFF", List.of(new Accounts.Recipient("a2", "Ana Ruiz", "ana@example.es", "es"),
        new Accounts.Recipient("a1", "Zoë Martin", "zoe@example.fr", "fr"))); // both roles: told once
  }

  private static ReportCompliance school(long id, String name, State state, String email) {
    return new ReportCompliance(id, name, "Lyon", state, state == State.SUBMITTED ? Instant.parse("2026-02-01T00:00:00Z") : null, email);
  }

  private ReportReminders reminders() {
    return new ReportReminders(mail, reports(), profiles(), countries(), database, audit(), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void theSchoolsPeopleAreRemindedInTheirLanguageAndASchoolWithoutThemAtItsContactAddress() {
    ReportReminders.Outcome outcome = reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));

    assertEquals(List.of(1L, 2L), outcome.reminded().stream().map(ReportReminders.Reminded::schoolId).toList(),
        "the missing reports, not the one sent nor the one still open");
    assertEquals(3, outcome.messages());
    assertEquals(List.of("3 noAddress"), outcome.skipped().stream().map(s -> s.schoolId() + " " + s.reason()).toList());
    assertEquals(LocalDate.of(2026, 3, 31), outcome.due());

    Map<String, String[]> sent = outbox();
    assertEquals(Set.of("zoe@example.fr", "ana@example.es", "port@example.fr"), sent.keySet());
    assertEquals("ASPnet : le rapport annuel 2025 de Lycée Ampère n'a pas été reçu", sent.get("zoe@example.fr")[0]);
    assertTrue(sent.get("zoe@example.fr")[1].startsWith("Bonjour Zoë Martin,"), sent.get("zoe@example.fr")[1]);
    assertTrue(sent.get("zoe@example.fr")[1].contains("était attendu le 31 mars 2026"), sent.get("zoe@example.fr")[1]);
    assertTrue(sent.get("zoe@example.fr")[1].contains(SITE + "/portal"), sent.get("zoe@example.fr")[1]);
    assertTrue(sent.get("zoe@example.fr")[1].contains("Ce rappel vous est envoyé par Nadia Benali <nadia@example.fr>."));
    assertEquals("ASPnet: no se ha recibido el informe anual 2025 de Lycée Ampère", sent.get("ana@example.es")[0]);
    // no person of the École du Port: its contact address, in the French profile's language
    assertTrue(sent.get("port@example.fr")[1].startsWith("Bonjour,"), sent.get("port@example.fr")[1]);
    assertTrue(sent.get("port@example.fr")[1].contains("demandez une invitation à votre coordinateur national"));
    assertTrue(sent.get("port@example.fr")[1].contains("l'adresse de contact de École du Port"));

    assertEquals(1, audited.size(), "one entry for the request");
    assertEquals(Map.of("year", 2025, "kind", "MANUAL", "states", List.of("MISSING"), "reminded", 2, "messages", 3, "skipped", 1),
        audited.get(0));
    assertEquals(List.of("1 MANUAL nc-fr 2", "2 MANUAL nc-fr 1"), recorded());
  }

  @Test
  void anAddressThePlatformCannotSendToIsNoAddressAndItsSchoolIsNotCountedAsReminded() {
    compliance.put("FR", List.of(
        school(1, "Lycée Ampère", State.MISSING, "ampere@example.fr"),
        school(2, "École du Port", State.MISSING, "contact@straße.de"),
        school(6, "École Internationale", State.MISSING, "écoles@exaŭple.org"),
        school(3, "Collège Sans Adresse", State.MISSING, null)));
    // the only person of the Lycée Ampère has an address that cannot be emailed: its contact address instead
    people.put("1/SCHOOL_FOCAL_POINT", List.of(new Accounts.Recipient("a1", "Zoë Martin", "zoë@example.fr", "fr")));
    people.remove("1/SCHOOL_STAFF");

    ReportReminders.Outcome preview = reminders().preview(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(List.of(1L), preview.reminded().stream().map(ReportReminders.Reminded::schoolId).toList());
    ReportReminders.Outcome outcome = reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(List.of(1L), outcome.reminded().stream().map(ReportReminders.Reminded::schoolId).toList());
    assertEquals(List.of("2 addressNotEmailable", "6 addressNotEmailable", "3 noAddress"),
        outcome.skipped().stream().map(s -> s.schoolId() + " " + s.reason()).toList());
    assertEquals(Set.of("ampere@example.fr"), outbox().keySet(), "nothing queued that would be given up at once");
    assertEquals(List.of("1 MANUAL nc-fr 1"), recorded(), "the schools that cannot be emailed are not recorded as reminded");

    // the address corrected, the school is reminded at once, not left out as reminded this week
    now = now.plus(Duration.ofHours(1));
    compliance.put("FR", List.of(school(1, "Lycée Ampère", State.MISSING, "ampere@example.fr"),
        school(2, "École du Port", State.MISSING, "port@example.fr")));
    ReportReminders.Outcome corrected = reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(List.of(2L), corrected.reminded().stream().map(ReportReminders.Reminded::schoolId).toList());
    assertEquals(List.of("1 recentlyReminded"), corrected.skipped().stream().map(s -> s.schoolId() + " " + s.reason()).toList());
  }

  @Test
  void aSchoolRemindedInTheLastSevenDaysIsLeftOutWithTheDay() {
    reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    now = now.plus(Duration.ofDays(6));
    ReportReminders.Outcome again = reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING, State.OPEN));
    assertEquals(List.of(5L), again.reminded().stream().map(ReportReminders.Reminded::schoolId).toList(),
        "only the open report, not reminded yet");
    assertEquals(List.of("1 recentlyReminded 2026-12-01T10:00:00Z", "2 recentlyReminded 2026-12-01T10:00:00Z", "3 noAddress null"),
        again.skipped().stream().map(s -> s.schoolId() + " " + s.reason() + " " + s.remindedAt()).toList());
    assertTrue(outbox().get("ouverte@example.fr")[1].contains("est attendu le 31 mars 2026 ("), "the open one is told its due date");

    now = now.plus(Duration.ofDays(2)); // a week and a day after the first
    assertEquals(2, reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING)).reminded().size());
    assertEquals(2, audited.stream().filter(a -> a.get("reminded").equals(2)).count());
  }

  @Test
  void theMessagesTheRecordsAndTheAuditEntryCommitTogetherOrNotAtAll() {
    auditFails = true;
    assertThrows(RuntimeException.class, () -> reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING)));
    assertEquals(Map.of(), outbox(), "no message left");
    assertEquals(List.of(), recorded(), "nobody counts as reminded");
    auditFails = false;
    assertEquals(2, reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING)).reminded().size());
  }

  @Test
  void withoutEmailARequestIsRefusedAndAPreviewSaysWhatWouldGo() {
    mail.mail = outbox(false);
    ReportReminders reminders = reminders();
    ProblemException refused = assertThrows(ProblemException.class, () -> reminders.remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING)));
    assertEquals(409, refused.status());
    assertTrue(refused.detail().startsWith("Cette plateforme n'envoie pas de courriels"), refused.detail());
    assertTrue(!reminders.delivers());

    ReportReminders.Outcome preview = reminders.preview(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(2, preview.reminded().size());
    assertEquals(Map.of(), outbox());
    assertEquals(List.of(), recorded());
    assertEquals(List.of(), audited, "a preview changes nothing");
  }

  @Test
  void withoutEmailTheRightsAreCheckedFirst() {
    mail.mail = outbox(false);
    Principal ncDe = new Principal("nc-de", "jonas@example.de", "Jonas Weber", "de", List.of(Grant.country(Role.NATIONAL_COORDINATOR, "DE")));
    ReportReminders reminders = reminders();
    assertEquals(401, assertThrows(ProblemException.class,
        () -> reminders.remind(Principal.anonymous(), "FR", 2025, EnumSet.of(State.MISSING))).status(), "the public");
    assertEquals(403, assertThrows(ProblemException.class,
        () -> reminders.remind(ncDe, "FR", 2025, EnumSet.of(State.MISSING))).status(), "another country's coordinator");
    assertEquals(409, assertThrows(ProblemException.class,
        () -> reminders.remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING))).status(), "the country's: no email");
  }

  @Test
  void twoRequestsAtOnceRemindEachSchoolOnce() throws Exception {
    ExecutorService two = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ReportReminders.Outcome>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> {
          start.await();
          return reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
        }));
      }
      start.countDown();
      int reminded = 0;
      for (Future<ReportReminders.Outcome> run : runs) {
        reminded += run.get().reminded().size();
      }
      assertEquals(2, reminded, "a double click reminds the two schools once");
      assertEquals(3, outbox().size());
      assertEquals(2, recorded().size());
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void thePlatformRemindsByItselfBeforeAndAfterTheDueDateOnceEach() {
    // 30 days before 2026-03-31: the 2025 reports not sent yet are OPEN
    now = Instant.parse("2026-03-01T06:00:00Z");
    compliance.put("FR", List.of(school(1, "Lycée Ampère", State.OPEN, null), school(4, "Lycée À Jour", State.SUBMITTED, "ajour@example.fr")));
    compliance.put("DE", List.of(school(7, "Goethe-Gymnasium", State.OPEN, "goethe@example.de")));
    assertEquals(2, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    Map<String, String[]> sent = outbox();
    assertTrue(sent.get("zoe@example.fr")[1].contains("est attendu le 31 mars 2026 (dans 30 jours)"), sent.get("zoe@example.fr")[1]);
    assertTrue(sent.get("zoe@example.fr")[1].contains("Ce rappel est envoyé automatiquement par la plateforme."));
    // no German profile in this test: English
    assertEquals("ASPnet: the 2025 annual report of Goethe-Gymnasium is due on March 31, 2026", sent.get("goethe@example.de")[0]);
    assertEquals(2, audited.size(), "one entry per country that had reminders");

    // the next day (or another node the same day): nothing again
    now = now.plus(Duration.ofDays(1));
    assertEquals(0, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    assertEquals(3, outbox().size());

    // 14 days after the due date, those still missing get one more
    now = Instant.parse("2026-04-14T06:00:00Z");
    compliance.put("FR", List.of(school(1, "Lycée Ampère", State.MISSING, null)));
    compliance.put("DE", List.of(school(7, "Goethe-Gymnasium", State.SUBMITTED, "goethe@example.de")));
    assertEquals(1, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    assertEquals(List.of("7 BEFORE_DUE system 1", "1 BEFORE_DUE system 2", "1 AFTER_DUE system 2"), recorded());
    assertEquals(0, reminders().remindAutomatically(30, 14, () -> false).get().reminded());

    // a week later the after-due window is over
    now = Instant.parse("2026-04-21T06:00:00Z");
    compliance.put("FR", List.of(school(9, "Collège Oublié", State.MISSING, "oublie@example.fr")));
    assertEquals(0, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
  }

  @Test
  void aCountryWhoseAutomaticRemindersFailedGetsThemAtTheNextHoursLook() throws Exception {
    now = Instant.parse("2026-03-01T06:00:00Z"); // 30 days before the due date
    compliance.put("FR", List.of(school(1, "Lycée Ampère", State.OPEN, null)));
    compliance.put("DE", List.of(school(7, "Goethe-Gymnasium", State.OPEN, "goethe@example.de")));
    failingOnce.add("DE");
    List<String> warnings = new ArrayList<>();
    AutomaticReminders automatic = new AutomaticReminders(reminders()::remindAutomatically, AutomaticRemindersTest.config("30", "14"),
        Clock.fixed(now, ZoneOffset.UTC), info -> { }, warnings::add);
    automatic.look();
    assertEquals(List.of("1 BEFORE_DUE system 2"), recorded(), "France's reminders went, Germany's failed");
    automatic.look(); // an hour later, the same day
    assertEquals(List.of("1 BEFORE_DUE system 2", "7 BEFORE_DUE system 1"), recorded(), "Germany's now, France's not again");
    assertEquals(1, warnings.size(), "the failed look: " + warnings);
    assertEquals(3, outbox().size());
    automatic.deactivate();
  }

  @Test
  void anAutomaticReminderLeavesOutASchoolRemindedByHandThisWeek() {
    now = Instant.parse("2026-04-12T06:00:00Z");
    reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    now = Instant.parse("2026-04-14T06:00:00Z");
    assertEquals(0, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    now = Instant.parse("2026-04-20T06:00:00Z"); // still in the window, more than a week after the hand's
    assertEquals(2, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
  }

  @Test
  void aSchoolRemindedAlreadyCostsNoQueryForItsPeopleAgain() {
    reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(6, recipientQueries.getAndSet(0), "the three missing schools' focal points and staff");
    now = now.plus(Duration.ofDays(1));
    ReportReminders.Outcome preview = reminders().preview(NC_FR, "FR", 2025, EnumSet.of(State.MISSING, State.OPEN));
    assertEquals(List.of(5L), preview.reminded().stream().map(ReportReminders.Reminded::schoolId).toList());
    assertEquals(4, recipientQueries.getAndSet(0), "the school without an address and the open one, not the two reminded yesterday");
    reminders().remind(NC_FR, "FR", 2025, EnumSet.of(State.MISSING));
    assertEquals(2, recipientQueries.getAndSet(0), "the school without an address only");
  }

  @Test
  void aSchoolThatHadTheAutomaticReminderCostsNoQueryForItsPeopleTheNextDays() {
    now = Instant.parse("2026-04-14T06:00:00Z"); // 14 days after the due date
    assertEquals(2, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    assertEquals(6, recipientQueries.getAndSet(0), "the three missing schools' focal points and staff");
    now = Instant.parse("2026-04-15T06:00:00Z");
    assertEquals(0, reminders().remindAutomatically(30, 14, () -> false).get().reminded());
    assertEquals(2, recipientQueries.get(), "the school without an address only");
  }

  @Test
  void withoutEmailTheAutomaticLookDoesNothingAndSaysSo() {
    mail.mail = outbox(false);
    now = Instant.parse("2026-04-14T06:00:00Z");
    assertTrue(reminders().remindAutomatically(30, 14, () -> false).isEmpty());
    assertEquals(List.of(), recorded());
  }

  // ---- the test's database, outbox and services ----

  /** The messages queued, by recipient: subject and text. */
  private Map<String, String[]> outbox() {
    return TestOutbox.read(database);
  }

  /** The reminders recorded: school, kind, who, messages. */
  private List<String> recorded() {
    return database.read(c -> {
      List<String> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT SCHOOL_ID, KIND, SENT_BY, MESSAGES FROM NTC_REPORT_REMINDER ORDER BY ID");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4));
        }
      }
      return rows;
    });
  }

  private static MailOutbox outbox(boolean delivers) {
    // as the mail bundle: a mailbox name not ASCII, a domain IDNA turns into another, cannot be sent to
    return new TestOutbox(SITE, delivers, address -> !UNSENDABLE.contains(address));
  }

  private AuditLog audit() {
    return (c, who, action, entity, entityId, country, before, after) -> {
      if (auditFails) {
        throw new SQLException("the audit log is full");
      }
      assertEquals("annualReport.remind", action);
      assertEquals(country, entityId);
      audited.add(after);
    };
  }

  private AnnualReportService reports() {
    return new AnnualReportService() {
      @Override
      public AnnualReport report(Principal actor, long schoolId, int year) {
        throw new UnsupportedOperationException();
      }

      @Override
      public AnnualReport submit(Principal actor, long schoolId, int year, Integer expectedRevision, AnnualReportInput input) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<ReportCompliance> compliance(Principal actor, String country, int year) {
        // the rights as the membership's: the public 401, anyone but the platform and the country's coordinator 403
        if (actor.isAnonymous()) {
          throw ProblemException.unauthorized("Sign in to read the annual reports");
        }
        if (!actor.equals(Principal.system()) && actor.grants().stream().noneMatch(g -> country.equals(g.country()))) {
          throw ProblemException.forbidden("Not your country");
        }
        if (failingOnce.remove(country)) {
          throw new IllegalStateException("the database is away");
        }
        return year == 2025 ? compliance.getOrDefault(country, List.of()) : List.of();
      }

      @Override
      public LocalDate dueDate(int year) {
        return LocalDate.of(year + 1, 3, 31);
      }

      @Override
      public void checkYear(int year, String language) {
        throw new UnsupportedOperationException();
      }

      @Override
      public org.unesco.aspnet.membership.ReportRollup rollup(Principal actor, int year) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private Accounts accounts() {
    return new TestAccounts((role, country, school) -> {
      recipientQueries.incrementAndGet();
      return people.getOrDefault(school + "/" + role, List.of());
    });
  }

  private static ProfileService profiles() {
    return new ProfileService() {
      @Override
      public Optional<Map<String, Object>> describe(String country, Locale language) {
        return country.equals("FR") ? Optional.of(Map.of("country", "FR", "language", "fr")) : Optional.empty();
      }

      @Override
      public List<Field> fields(String country) {
        return List.of();
      }

      @Override
      public String knownUnit(String country, String unit, String language) {
        return unit;
      }

      @Override
      public Set<String> countries() {
        return Set.of("FR");
      }
    };
  }

  private static CountryService countries() {
    return new CountryService() {
      @Override
      public List<Country> countries(Principal actor, Locale language) {
        return List.of(new Country("DE", "Germany", "EUR", 1, 0, null, List.of()), new Country("FR", "France", "EUR", 4, 0, null, List.of()),
            new Country("KE", "Kenya", "AFR", 0, 0, null, List.of()));
      }

      @Override
      public Country country(Principal actor, String iso2, Locale language) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Country correctRegion(Principal actor, String iso2, String region, Locale language) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean exists(String iso2) {
        return Set.of("DE", "FR", "KE").contains(iso2);
      }

      @Override
      public Country updateNetwork(Principal actor, String iso2, Country.NationalCommission nationalCommission,
          List<Country.Coordinator> coordinators, Locale language) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
