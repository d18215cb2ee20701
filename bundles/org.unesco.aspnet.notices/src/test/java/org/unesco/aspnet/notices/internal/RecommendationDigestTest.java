package org.unesco.aspnet.notices.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.MailOutbox;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.security.Accounts;

/**
 * HQ's daily digest of recommended schools, with its SQL on an in-memory Derby: held until the
 * configured hour, sent once a day whatever the number of nodes, without the schools HQ took up
 * meanwhile, and not telling an officer of the school they recommended themselves.
 */
class RecommendationDigestTest {
  private static final String SITE = "https://aspnet.example.org";

  private TestDatabase database;
  private final Map<Long, School> schools = new HashMap<>();
  private final List<Accounts.Recipient> officers = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  /** Schools whose reading fails for now (the database away for a moment). */
  private final java.util.Set<Long> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private NoticeMail mail;
  private Instant now = Instant.parse("2026-12-01T05:30:00Z");

  @BeforeEach
  void setUp() {
    database = new TestDatabase();
    TestOutbox.create(database);
    mail = new NoticeMail(accounts(), schoolService(), database);
    mail.mail = testOutbox();
    officers.add(new Accounts.Recipient("hq-1", "Amina Diallo", "amina@unesco.example", "fr"));
    officers.add(new Accounts.Recipient("hq-2", "Tom Berg", "tom@unesco.example", "en"));
    school(1, "Lycée Ampère", "FR", "Lyon", MembershipStatus.RECOMMENDED);
    school(2, "Escuela Benito Juárez", "MX", "Oaxaca", MembershipStatus.RECOMMENDED);
    school(3, "Goethe-Gymnasium", "DE", "Regensburg", MembershipStatus.RECOMMENDED);
  }

  private void school(long id, String name, String country, String city, MembershipStatus status) {
    schools.put(id, new School(id, name, country, null, city, null, null, null, List.of(), List.of(), List.of(), null, null, null, null,
        null, null, id, status, 1));
  }

  private RecommendationDigest digest(String mode, int hour) {
    return new RecommendationDigest(mail, database, config(mode, hour), Clock.fixed(now, ZoneOffset.UTC), warnings::add);
  }

  @Test
  void theDaysRecommendationsReachEachOfficerInOneMessageFromTheConfiguredHourOnce() {
    RecommendationDigest digest = digest("daily", 6);
    digest.hold(1, "nc-fr");
    digest.hold(2, "nc-mx");
    digest.hold(1, "nc-fr"); // sent back and recommended again before the digest: named once
    assertEquals(0, digest.send(), "before 06:00 UTC nothing goes");
    assertTrue(outbox().isEmpty());

    now = Instant.parse("2026-12-01T06:10:00Z");
    digest = digest("daily", 6);
    assertEquals(2, digest.send(), "one message per officer");
    Map<String, String[]> sent = outbox();
    assertEquals(2, sent.size());
    String[] french = sent.get("amina@unesco.example");
    assertEquals("ASPnet : 2 établissements recommandés pour la certification", french[0]);
    assertTrue(french[1].startsWith("Bonjour Amina Diallo,"), french[1]);
    assertTrue(french[1].contains("Lycée Ampère (Lyon, France)") && french[1].contains("Escuela Benito Juárez (Oaxaca, Mexique)"),
        french[1]);
    assertTrue(french[1].contains(SITE + "/console/hq?tab=queue"), french[1]);
    assertEquals("ASPnet: 2 schools recommended for certification", sent.get("tom@unesco.example")[0]);
    assertEquals(1, french[1].split("Lycée Ampère", -1).length - 1, "a school once");

    // a recommendation later in the day waits for tomorrow's digest
    clearOutbox();
    digest.hold(3, "nc-de");
    now = Instant.parse("2026-12-01T18:00:00Z");
    assertEquals(0, digest("daily", 6).send(), "one digest a day");
    now = Instant.parse("2026-12-02T06:00:00Z");
    assertEquals(2, digest("daily", 6).send());
    assertEquals("ASPnet: 1 school recommended for certification", outbox().get("tom@unesco.example")[0]);
    assertTrue(outbox().get("tom@unesco.example")[1].contains("Goethe-Gymnasium (Regensburg, Germany)"), outbox().get("tom@unesco.example")[1]);
    assertTrue(held().isEmpty());
  }

  @Test
  void schoolsHqTookUpMeanwhileAreLeftOutAndWhoRecommendedOneIsNotToldOfIt() {
    now = Instant.parse("2026-12-01T09:00:00Z");
    RecommendationDigest digest = digest("daily", 6);
    digest.hold(1, "hq-1"); // an HQ officer may recommend, for a country without an NC
    digest.hold(2, "nc-mx");
    digest.hold(3, "nc-de");
    school(3, "Goethe-Gymnasium", "DE", "Regensburg", MembershipStatus.MEMBER); // certified before the digest
    assertEquals(2, digest.send());
    String amina = outbox().get("amina@unesco.example")[1];
    assertFalse(amina.contains("Lycée Ampère"), "she recommended it herself: " + amina);
    assertTrue(amina.contains("Escuela Benito Juárez"), amina);
    assertFalse(amina.contains("Goethe"), "certified meanwhile: nobody's news");
    assertTrue(outbox().get("tom@unesco.example")[1].contains("Lycée Ampère"));
    assertTrue(held().isEmpty(), "every held school is let go, the certified one too");

    // an officer who recommended every school of the day gets nothing
    clearOutbox();
    now = Instant.parse("2026-12-02T09:00:00Z");
    digest = digest("daily", 6);
    digest.hold(2, "hq-1");
    assertEquals(1, digest.send());
    assertEquals(List.of("tom@unesco.example"), List.copyOf(outbox().keySet()));
  }

  @Test
  void aSchoolThatCannotBeReadNowWaitsForTheNextLookAndADayWithNothingToTellIsNotUsedUp() {
    now = Instant.parse("2026-12-01T07:00:00Z");
    RecommendationDigest digest = digest("daily", 6);
    digest.hold(1, "nc-fr");
    digest.hold(2, "nc-mx");
    unreadable.add(2L);
    assertEquals(2, digest.send());
    assertFalse(outbox().get("tom@unesco.example")[1].contains("Benito"), "not told while it cannot be read");
    assertEquals(List.of(2L), held(), "kept, not dropped untold");
    unreadable.clear();
    now = Instant.parse("2026-12-02T07:00:00Z");
    clearOutbox();
    assertEquals(2, digest("daily", 6).send());
    assertTrue(outbox().get("tom@unesco.example")[1].contains("Escuela Benito Juárez"), "told the next day");

    // every held school taken up by HQ meanwhile: nothing to tell, and the day is not used up
    now = Instant.parse("2026-12-03T07:00:00Z");
    digest = digest("daily", 6);
    digest.hold(3, "nc-de");
    school(3, "Goethe-Gymnasium", "DE", "Regensburg", MembershipStatus.MEMBER);
    clearOutbox();
    assertEquals(0, digest.send());
    assertTrue(held().isEmpty(), "let go without a word");
    school(1, "Lycée Ampère", "FR", "Lyon", MembershipStatus.RECOMMENDED);
    digest.hold(1, "nc-fr");
    now = Instant.parse("2026-12-03T15:00:00Z");
    assertEquals(2, digest("daily", 6).send(), "a recommendation later that day still goes that day");
  }

  @Test
  void twoNodesSendTheDaysDigestOnceAndNothingGoesWithoutEmail() throws Exception {
    now = Instant.parse("2026-12-01T07:00:00Z");
    RecommendationDigest first = digest("daily", 6);
    RecommendationDigest second = digest("daily", 6);
    first.hold(1, "nc-fr");
    mail.mail = null; // no mail server yet: held
    assertEquals(0, first.send());
    assertEquals(1, held().size());
    mail.mail = testOutbox();

    List<Thread> nodes = new ArrayList<>();
    int[] queued = new int[2];
    for (int i = 0; i < 2; i++) {
      int node = i;
      RecommendationDigest d = node == 0 ? first : second;
      nodes.add(new Thread(() -> queued[node] = d.send()));
    }
    nodes.forEach(Thread::start);
    for (Thread t : nodes) {
      t.join();
    }
    assertEquals(2, queued[0] + queued[1], "one node sent it: " + queued[0] + " + " + queued[1]);
    assertEquals(2, count("SELECT COUNT(*) FROM TEST_OUTBOX"));
    assertEquals(1, count("SELECT COUNT(*) FROM NTC_DIGEST_SENT"));
  }

  @Test
  void eachModeSendsWhatTheDailyModeHeldAtOnceAndABadSettingKeepsThePreviousOne() {
    now = Instant.parse("2026-12-01T03:00:00Z");
    RecommendationDigest digest = digest("daily", 6);
    digest.hold(1, "nc-fr");
    assertEquals(0, digest.send());
    digest.modified(config("each", 6));
    assertFalse(digest.daily());
    assertEquals(2, digest.send(), "switched to each: what was held goes now");
    digest.modified(config("weekly", 25));
    assertFalse(digest.daily(), "a refused value keeps the previous one");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("recommendations=weekly"), warnings.toString());
  }

  private List<Long> held() {
    return database.read(c -> RecommendationDigest.held(c).stream().map(RecommendationDigest.Held::schoolId).toList());
  }

  private int count(String sql) {
    return database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private Map<String, String[]> outbox() {
    return TestOutbox.read(database);
  }

  private void clearOutbox() {
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate("DELETE FROM TEST_OUTBOX");
      }
    });
  }

  private static RecommendationDigest.Config config(String mode, int hour) {
    return new RecommendationDigest.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return RecommendationDigest.Config.class;
      }

      @Override
      public String recommendations() {
        return mode;
      }

      @Override
      public int hourUtc() {
        return hour;
      }
    };
  }

  private static MailOutbox testOutbox() {
    return new TestOutbox(SITE, true, address -> true);
  }

  private SchoolService schoolService() {
    return (SchoolService) Proxy.newProxyInstance(SchoolService.class.getClassLoader(), new Class<?>[] {SchoolService.class},
        (proxy, method, args) -> {
          if (method.getName().equals("school") && args.length == 2) {
            if (unreadable.contains((Long) args[1])) {
              throw new IllegalStateException("database away");
            }
            return schools.get((Long) args[1]);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private Accounts accounts() {
    return new TestAccounts((role, country, school) ->
        role == Role.HQ_OFFICER && country == null && school == null ? officers : List.of());
  }
}
