package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.projects.InternationalDay;
import org.unesco.aspnet.projects.InternationalDayInput;
import org.unesco.aspnet.projects.ObservanceKind;

/** The calendar of international days over a real database: the shipped list, HQ's changes, the checks. */
class DayStoreTest {
  private static final Principal HQ = person("hq", "en", Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_FR = person("nc-fr", "fr", Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  private static final Principal PUBLIC_FR = new Principal(null, null, null, "fr", List.of());
  private static final Clock DEC_1_2026 = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);

  private final List<String> audited = new ArrayList<>();
  private TestDatabase database;
  private List<DayStore.Seed> shipped;

  private static Principal person(String id, String language, Grant... grants) {
    return new Principal(id, id + "@example.org", id, language, List.of(grants));
  }

  @BeforeEach
  void start() {
    database = new TestDatabase();
    database.run("V4__international_days.sql");
    shipped = DayStore.readSeeds(DayStore.class.getClassLoader().getResourceAsStream(DayStore.REFERENCE));
  }

  private DayStore store(List<DayStore.Seed> seeds) {
    AuditLog audit = (c, who, action, entity, id, country, before, after) ->
        audited.add(action + " " + id + " " + (before == null ? "-" : before.get("observed")) + " "
            + (after == null ? "-" : after.get("observed")));
    return new DayStore(database, audit, DEC_1_2026, seeds);
  }

  private static ProblemException problem(Supplier<?> call) {
    return assertThrows(ProblemException.class, call::get);
  }

  private static InternationalDayInput oceans(String observed) {
    return new InternationalDayInput(Map.of("en", "World Oceans Day", "fr", "Journée mondiale de l'océan"), observed,
        List.of(Theme.ESD), "https://www.un.org/en/observances/oceans-day");
  }

  @Test
  void theShippedListIsEveryonesCalendarInTheirLanguage() {
    assertEquals(71, shipped.size());
    DayStore days = store(shipped);
    List<InternationalDay> year = days.between(PUBLIC_FR, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), null);
    assertEquals(71, year.size(), "69 days and periods, and the two decades under way");
    InternationalDay first = year.stream().filter(d -> d.kind() != ObservanceKind.DECADE).findFirst().orElseThrow();
    assertEquals("world-logic-day", first.id());
    assertEquals("Journée mondiale de la logique", first.name());
    assertEquals(LocalDate.parse("2027-01-14"), first.start());
    InternationalDay philosophy = days.day(PUBLIC_FR, "world-philosophy-day", 2027);
    assertEquals(LocalDate.parse("2027-11-18"), philosophy.start(), "the third Thursday of November 2027");
    assertEquals(LocalDate.parse("2026-12-03"), days.day(PUBLIC_FR, "international-day-of-persons-with-disabilities", null).start(),
        "without a year, the next one from today");
    for (int i = 1; i < year.size(); i++) {
      assertTrue(!year.get(i).start().isBefore(year.get(i - 1).start()), "in date order");
    }
    List<InternationalDay> peace = days.between(PUBLIC_FR, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"),
        Theme.PEACE_GCED);
    assertTrue(peace.size() > 10 && peace.size() < year.size());
    assertTrue(peace.stream().allMatch(d -> d.themes().contains(Theme.PEACE_GCED)));
  }

  @Test
  void hqAddsEditsAndRemovesADayEachAuditedAndARemovedShippedDayStaysRemoved() {
    DayStore days = store(shipped);
    InternationalDay added = days.add(HQ, new InternationalDayInput(Map.of("en", "International Day of Play", "es",
        "Día Internacional del Juego"), "06-11", List.of(Theme.PEACE_GCED, Theme.PEACE_GCED), ""));
    assertEquals("international-day-of-play", added.id());
    assertEquals(List.of(Theme.PEACE_GCED), added.themes());
    assertNull(added.source());
    assertEquals(LocalDate.parse("2027-06-11"), added.start());
    InternationalDay edited = days.update(HQ, added.id(), added.revision(),
        new InternationalDayInput(Map.of("fr", "Journée internationale du jeu"), "second Sunday of June", null, null));
    assertEquals(2, edited.revision());
    assertEquals(Map.of("en", "International Day of Play", "es", "Día Internacional del Juego", "fr",
        "Journée internationale du jeu"), edited.names(), "names merge by language");
    assertEquals(LocalDate.parse("2027-06-13"), edited.start());
    assertEquals(412, problem(() -> days.update(HQ, added.id(), added.revision(), oceans("06-08"))).status());
    assertEquals(edited, days.update(HQ, added.id(), edited.revision(), new InternationalDayInput(null, null, null, null)),
        "an empty change makes no revision");

    days.remove(HQ, "world-logic-day", null);
    assertEquals(404, problem(() -> days.day(HQ, "world-logic-day", null)).status());
    DayStore afterRestart = store(shipped);
    assertEquals(404, problem(() -> afterRestart.day(HQ, "world-logic-day", null)).status(), "not put back at the next start");
    assertEquals(List.of("international-day.add international-day-of-play - 06-11",
        "international-day.update international-day-of-play 06-11 second Sunday of June",
        "international-day.remove world-logic-day 01-14 -"), audited);
  }

  @Test
  void onlyHqKeepsTheCalendar() {
    DayStore days = store(shipped);
    assertEquals(401, problem(() -> days.add(PUBLIC_FR, oceans("06-08"))).status());
    ProblemException nc = problem(() -> days.add(NC_FR, oceans("06-08")));
    assertEquals(403, nc.status());
    assertEquals("Seul le Siège tient le calendrier des journées internationales", nc.getMessage());
    InternationalDay water = days.day(NC_FR, "world-water-day", null);
    assertEquals(403, problem(() -> days.update(NC_FR, water.id(), water.revision(), oceans("06-09"))).status());
    assertEquals(403, problem(() -> { days.remove(NC_FR, water.id(), null); return null; }).status());
    assertEquals(1, days.day(HQ, "world-water-day", null).revision(), "nothing written");
    assertTrue(audited.isEmpty());
  }

  @Test
  void everyWrongFieldIsToldAtOnceAndASecondDayOfOneNameIsAConflict() {
    DayStore days = store(shipped);
    ProblemException bad = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("fr", "Journée", "xx", "?"),
        "31 June", java.util.Arrays.asList(Theme.ESD, null), "http://127.0.0.1/x")));
    assertEquals(400, bad.status());
    Map<String, String> fields = new HashMap<>();
    for (FieldError e : bad.errors()) {
      fields.put(e.field(), e.message());
    }
    assertEquals(List.of("names.en", "names.xx", "observed", "source", "themes[1]"), fields.keySet().stream().sorted().toList());
    // a blank English name is said once; a period longer than a month is a year
    ProblemException blank = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "  "), "12-31 to 12-30", null, null)));
    assertEquals(List.of("names.en", "observed"), blank.errors().stream().map(FieldError::field).toList());
    assertTrue(blank.errors().get(1).message().contains("62"), blank.errors().get(1).message());
    assertTrue(problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "Day"), " ", null, null))).errors().get(0).message()
        .startsWith("is required: must be a date"), "an empty rule is a missing one");
    ProblemException same = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "World  WATER day!"), "03-22",
        null, null)));
    assertEquals(409, same.status());
    assertEquals("world-water-day", same.extensions().get("day"));
    InternationalDay play = days.add(HQ, new InternationalDayInput(Map.of("en", "International Day of Play"), "06-11", null, null));
    assertEquals(409, problem(() -> days.update(HQ, play.id(), play.revision(),
        new InternationalDayInput(Map.of("en", "World Water Day"), null, null, null))).status(), "a rename onto another day's name");
    assertEquals(400, problem(() -> days.update(HQ, play.id(), play.revision(),
        new InternationalDayInput(java.util.Collections.singletonMap("en", null), null, null, null))).status(),
        "the English name cannot be taken away");
  }

  @Test
  void aLaterReleasesNewRowIsAddedAndHqsOwnDayOfThatNameStays() {
    DayStore first = store(shipped.subList(0, 3));
    first.add(HQ, new InternationalDayInput(Map.of("en", "World Water Day", "fr", "Notre journée de l'eau"), "03-22", null, null));
    first.remove(HQ, shipped.get(0).id(), null);
    DayStore upgraded = store(shipped);
    List<InternationalDay> all = upgraded.between(HQ, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), null);
    assertEquals(71 - 1, all.size(), "every row but the one removed");
    assertEquals("Notre journée de l'eau", upgraded.day(PUBLIC_FR, "world-water-day", null).name());
  }

  @Test
  void aShippedListThatDoesNotReadIsRefused() {
    String csv = "date,en,fr,es,de,themes,source\n03-32,Bad,,,,,\n";
    assertThrows(IllegalStateException.class,
        () -> DayStore.readSeeds(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
    assertEquals("world-teachers-day", DayStore.idOf("World Teachers’ Day"));
    assertEquals("journee-mondiale-de-l-ocean", DayStore.idOf("Journée mondiale de l’océan".replace("’", "-")));
  }

  @Test
  void aRenamedDaysOldNameIsFreeAgainAndLookAlikesAreTheSameName() {
    DayStore days = store(shipped);
    InternationalDay water = days.day(HQ, "world-water-day", null);
    days.update(HQ, water.id(), water.revision(), new InternationalDayInput(Map.of("en", "World Day for Water"), null, null, null));
    // the old name is free: the new day gets the next address, the renamed one keeps its own
    InternationalDay again = days.add(HQ, new InternationalDayInput(Map.of("en", "World Water Day"), "03-22", null, null));
    assertEquals("world-water-day-2", again.id());
    assertEquals("World Day for Water", days.day(HQ, "world-water-day", null).name());
    // invisible characters, case and accents make no other name; another script is refused in words
    for (String same : List.of("World Wa\u200bter Day", "WORLD WATER DAY!", "Wörld Water Day")) {
      assertEquals(409, problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", same), "03-22", null, null))).status(), same);
    }
    ProblemException cyrillic = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "W\u043erld Water Day"), "03-22",
        null, null)));
    assertEquals(List.of("names.en"), cyrillic.errors().stream().map(FieldError::field).toList());
    assertTrue(cyrillic.errors().get(0).message().contains("Latin"), cyrillic.errors().get(0).message());
    // letters without an accent to take off are written out, not dropped: Straße is not Stra E
    assertEquals("strasse-day", DayStore.nameKey("Straße Day"));
    assertEquals("oeuvre-day", DayStore.nameKey("Œuvre Day"));
    // a long name is cut at a word for its address; its whole name is what makes it the same
    String longer = "International Day against Violence and Bullying at School including Cyberbullying Awareness Week";
    InternationalDay week = days.add(HQ, new InternationalDayInput(Map.of("en", longer), "11-01 to 11-07", null, null));
    assertTrue(week.id().length() <= 80 && !week.id().endsWith("-"), week.id());
    // a name on two lines, a name given only as {"en": null}: each said once
    ProblemException twoLines = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "Day\rof lines"), "03-01", null, null)));
    assertEquals(List.of("names.en"), twoLines.errors().stream().map(FieldError::field).toList());
    // nor a bidirectional override or isolate, which turns the name round as it is printed
    for (String turned : List.of("Day of \u202eyalp", "Day of \u2066play\u2069")) {
      ProblemException bidi = problem(() -> days.add(HQ, new InternationalDayInput(Map.of("en", "Day of play", "fr", turned),
          "03-01", null, null)));
      assertEquals(List.of("names.fr"), bidi.errors().stream().map(FieldError::field).toList(), turned);
    }
    ProblemException none = problem(() -> days.add(HQ, new InternationalDayInput(java.util.Collections.singletonMap("en", null), "03-01",
        null, null)));
    assertEquals(List.of("names.en"), none.errors().stream().map(FieldError::field).toList());
  }


  @Test
  void theSameDayAddedTenTimesAtOnceIsKeptOnceAndEveryConflictNamesIt() throws Exception {
    DayStore days = store(shipped);
    days.day(HQ, "world-water-day", null); // the shipped list in first, as at any first use
    for (int round = 0; round < 5; round++) {
      String name = "World Echo Day " + (99692 + round);
      int n = 10;
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(n);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
      List<java.util.concurrent.Future<Object>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return days.add(HQ, new InternationalDayInput(Map.of("en", name), "07-07", null, null));
          } catch (ProblemException e) {
            return e;
          }
        }));
      }
      ready.await();
      go.countDown();
      List<String> added = new ArrayList<>();
      List<Object> conflicts = new ArrayList<>();
      for (java.util.concurrent.Future<Object> answer : answers) {
        Object a = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (a instanceof InternationalDay d) {
          added.add(d.id());
        } else {
          ProblemException e = (ProblemException) a;
          assertEquals(409, e.status(), e.getMessage());
          conflicts.add(e.extensions().get("day"));
        }
      }
      pool.shutdown();
      String id = DayStore.idOf(name);
      assertEquals(List.of(id), added, "one kept, under its own address");
      assertEquals(java.util.Collections.nCopies(n - 1, id), conflicts, "every conflict names the day kept, " + name);
      assertEquals(name, days.day(HQ, id, null).name());
    }
  }
  @Test
  void aNameGivenWithARegionIsShownToReadersOfThatLanguage() {
    assertEquals("Dia do Brasil", DayStore.nameIn(Map.of("en", "Brazil Day", "pt-BR", "Dia do Brasil"), "pt"));
    assertEquals("Brazil Day", DayStore.nameIn(Map.of("en", "Brazil Day", "pt-BR", "Dia do Brasil"), "fr"));
  }
}
