package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;

/**
 * Free-text search through the word index answers exactly what the definition says (every word
 * of the text starts a word of the name or city), checked against the same definition computed
 * here over generated schools, in both index orders, for HQ and for the public, page by page.
 */
class WordIndexTest {
  private static final Principal HQ = TransitionsTest.HQ;
  private static final String[] PREFIXES = {"Lycée", "Collège", "Escuela", "École", "Gymnasium"};
  private static final String[] NAMES = {"Marie Curie", "Curiel", "Jean-Moulin", "Curie Curieux", "Nelson Mandela",
      "Mandelbrot", "Émile Zola", "Zoltán Kodály", "Saint-Exupéry"};
  private static final String[] CITIES = {"Lyon", "Besançon", "Curepipe", "Mandeure", "Zürich"};
  private static final String[] QUERIES = {"cur", "curie", "CURIE lyon", "mand", "zol", "saint ex", "moulin", "urie",
      "escuela mandela", "e", "zürich", "nothing"};

  private TestDatabase database;
  private Countries countries;
  private NationalProfiles profiles;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  /** Every school written, by id, with its status. */
  private final Map<Long, SchoolInput> written = new HashMap<>();
  private final Map<Long, MembershipStatus> statuses = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    database = new TestDatabase();
    countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = directory();
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
  }

  private SchoolDirectory directory() throws InterruptedException {
    SchoolDirectory directory = new SchoolDirectory(
        database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    for (int i = 0; i < 200 && !directory.wordIndexReady(); i++) {
      Thread.sleep(50);
    }
    assertTrue(directory.wordIndexReady(), "the word index is ready");
    return directory;
  }

  private void generate(int n) {
    Random random = new Random(7);
    String[] country = {"FR", "FR", "ES", "CH"};
    for (int i = 0; i < n; i++) {
      SchoolInput school = Schools.in(country[random.nextInt(country.length)],
          PREFIXES[random.nextInt(PREFIXES.length)] + " " + NAMES[random.nextInt(NAMES.length)],
          CITIES[random.nextInt(CITIES.length)], null);
      Application a = lifecycle.apply(HQ, school, true);
      MembershipStatus status = MembershipStatus.APPLIED;
      if (random.nextBoolean()) {
        for (MembershipStatus step : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
            MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
          status = lifecycle.transition(HQ, a.membershipId(), step, null).status();
        }
      }
      written.put(a.schoolId(), school);
      statuses.put(a.schoolId(), status);
    }
  }

  /** The definition, computed independently of the SQL. */
  private List<Long> expected(String country, String q, boolean membersOnly) {
    List<String> words = SearchKey.words(q);
    return written.entrySet().stream()
        .filter(e -> country == null || e.getValue().country().equals(country))
        .filter(e -> !membersOnly || statuses.get(e.getKey()) == MembershipStatus.MEMBER)
        .filter(e -> {
          List<String> own = new ArrayList<>(SearchKey.words(e.getValue().name()));
          own.addAll(SearchKey.words(e.getValue().city()));
          return words.stream().allMatch(w -> own.stream().anyMatch(o -> o.startsWith(w)));
        })
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private List<Long> search(Principal who, String country, String q, SchoolQuery.Sort sort, int limit) {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<School> page = schools.schools(who, new SchoolQuery(country, null, null, null, null, null, q, limit, cursor, sort));
      page.items().forEach(s -> ids.add(s.id()));
      cursor = page.next();
    } while (cursor != null);
    return ids;
  }

  @Test
  void searchThroughTheIndexAnswersTheDefinitionInEveryOrderAndPage() {
    generate(240);
    int nonEmpty = 0;
    for (String q : QUERIES) {
      for (String country : Arrays.asList(null, "FR", "CH")) {
        List<Long> hq = expected(country, q, false);
        List<Long> publicly = expected(country, q, true);
        nonEmpty += hq.isEmpty() ? 0 : 1;
        String what = q + " in " + country;
        assertEquals(hq, search(HQ, country, q, SchoolQuery.Sort.ID, 7), what);
        assertEquals(publicly, search(Principal.anonymous(), country, q, SchoolQuery.Sort.ID, 5), "public: " + what);
        List<Long> newest = new ArrayList<>(hq);
        java.util.Collections.reverse(newest);
        assertEquals(newest, search(HQ, country, q, SchoolQuery.Sort.NEWEST, 9), "newest: " + what);
        // the order by name reads the schools themselves: the same schools
        assertEquals(hq, search(HQ, country, q, SchoolQuery.Sort.NAME, 100).stream().sorted().toList(), "by name: " + what);
      }
    }
    assertTrue(nonEmpty > 20, "the queries find something");
    assertEquals(List.of(), expected(null, "urie", false), "a word is matched from its start");
    // too many words is a 400 on every path, also when the index knows none of them
    assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(org.unesco.aspnet.core.ProblemException.class,
        () -> search(HQ, "FR", "zzzzz y x w v u", SchoolQuery.Sort.ID, 5)).status());
  }

  @Test
  void aRenamedSchoolIsFoundByItsNewWordsOnly() {
    generate(5);
    long id = written.keySet().iterator().next();
    School school = schools.school(HQ, id);
    SchoolInput renamed = Schools.in(school.country(), "Lycée Wangari Maathai", "Nyeri", null);
    schools.update(HQ, id, school.revision(), renamed, true);
    assertEquals(List.of(id), search(HQ, null, "maathai nyeri", SchoolQuery.Sort.ID, 10));
    assertTrue(!search(HQ, null, school.name(), SchoolQuery.Sort.ID, 10).contains(id));
    assertEquals(entries(school.country(), "Lycée Wangari Maathai", "Nyeri"), entriesOf(id), "the old words' entries are gone");
    // moved to another country: every entry moves with it
    School moved = schools.school(HQ, id);
    schools.update(HQ, id, moved.revision(), Schools.in("KE", "Lycée Wangari Maathai", "Nyeri", null), true);
    assertEquals(entries("KE", "Lycée Wangari Maathai", "Nyeri"), entriesOf(id));
    assertEquals(List.of(id), search(HQ, "KE", "maathai", SchoolQuery.Sort.ID, 10));
  }

  /** The index entries a school with this country, name and city should have, as "COUNTRY WORD". */
  private static java.util.Set<String> entries(String country, String name, String city) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    SearchWords.of(name, city).forEach(w -> out.add(country + " " + w));
    return out;
  }

  /** The index entries the database holds for a school. */
  private java.util.Set<String> entriesOf(long id) {
    return database.read(c -> {
      java.util.Set<String> out = new java.util.TreeSet<>();
      try (var ps = c.prepareStatement("SELECT COUNTRY, WORD FROM MEM_SCHOOL_WORD WHERE SCHOOL_ID = ?")) {
        ps.setLong(1, id);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
      }
      return out;
    });
  }

  @Test
  void whileAnImportHoldsTheIndexOnDerbySearchesReadTheSchoolsThemselves() {
    generate(40);
    List<Long> curie = expected("FR", "cur", false);
    assertTrue(!curie.isEmpty());
    // without its entries, only a search that reads the schools themselves still finds them
    database.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("DELETE FROM MEM_SCHOOL_WORD");
      }
      return null;
    });
    boolean derby = database.dialect() == org.unesco.aspnet.persistence.Database.Dialect.DERBY;
    List<Long> during = SearchWords.bulkWrite(() -> search(HQ, "FR", "cur", SchoolQuery.Sort.ID, 4));
    assertEquals(derby ? curie : List.of(), during, "PostgreSQL readers do not wait for writers: the index serves");
    assertEquals(List.of(), search(HQ, "FR", "cur", SchoolQuery.Sort.ID, 4), "through the index again once the import ends");
  }

  @Test
  void unspacedScriptsMatchAnywhere() {
    lifecycle.apply(HQ, Schools.in("CN", "北京市第一中学", "北京", null), true);
    lifecycle.apply(HQ, Schools.in("JP", "東京都立第一高等学校", "東京", null), true);
    assertEquals(2, search(HQ, null, "第一", SchoolQuery.Sort.ID, 10).size());
    assertEquals(1, search(HQ, "CN", "第一", SchoolQuery.Sort.ID, 10).size());
    long seoul = lifecycle.apply(HQ, Schools.in("KR", "서울중학교", "서울", null), true).schoolId();
    assertEquals(List.of(seoul), search(HQ, "KR", "중학교", SchoolQuery.Sort.ID, 10), "a Korean compound by its inner word");
    assertEquals(List.of(seoul), search(HQ, null, "중학교", SchoolQuery.Sort.NAME, 10));
  }

  /** النور is "the Nour": a reader of Arabic types نور and expects it found, through the index or not. */
  @Test
  void anArabicWordIsFoundWithOrWithoutItsArticle() {
    long nour = lifecycle.apply(HQ, Schools.in("EG", "مدرسة النور الثانوية", "القاهرة", null), true).schoolId();
    long amal = lifecycle.apply(HQ, Schools.in("EG", "مدرسة الأمل", "الإسكندرية", null), true).schoolId();
    // by id through the word index; by name the schools themselves are read
    for (SchoolQuery.Sort sort : List.of(SchoolQuery.Sort.ID, SchoolQuery.Sort.NAME)) {
      assertEquals(List.of(nour), search(HQ, null, "نور", sort, 10), sort.name());
      assertEquals(List.of(nour), search(HQ, null, "النور", sort, 10), sort.name());
      assertEquals(List.of(nour), search(HQ, "EG", "قاهرة", sort, 10), "the city too: " + sort);
      assertEquals(List.of(amal), search(HQ, "EG", "أمل", sort, 10), "a hamza typed or not: " + sort);
      assertEquals(List.of(nour, amal), search(HQ, "EG", "مدرسة", sort, 10).stream().sorted().toList(), sort.name());
      assertEquals(List.of(), search(HQ, "EG", "لنور", sort, 10), "a word is matched from its start: " + sort);
    }
    assertEquals(null, SearchWords.withoutArticle("ال"), "the article alone is a word");
    assertEquals(null, SearchWords.withoutArticle("alpha"));
  }

  @Test
  void anUpgradedInstallationBuildsItsIndexAndSearchesMeanwhile() throws Exception {
    generate(60);
    // as V5 finds an installation with schools: no words, marked incomplete; except that the
    // first ten schools keep theirs, as if written since the upgrade or by a pass cut short
    long tenth = written.keySet().stream().sorted().skip(9).findFirst().orElseThrow();
    database.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("DELETE FROM MEM_SCHOOL_WORD WHERE SCHOOL_ID > " + tenth);
        st.executeUpdate("DELETE FROM MEM_SEARCH_WORD");
        st.executeUpdate("UPDATE MEM_SEARCH_STATE SET COMPLETE = 0");
      }
      return null;
    });
    schools = directory();
    assertTrue(database.read(SearchWords::complete));
    assertEquals(expected("FR", "cur", false), search(HQ, "FR", "cur", SchoolQuery.Sort.ID, 4));
    assertEquals(expected(null, "zol", true), search(Principal.anonymous(), null, "zol", SchoolQuery.Sort.ID, 4));
    for (Map.Entry<Long, SchoolInput> e : written.entrySet()) {
      SchoolInput s = e.getValue();
      assertEquals(entries(s.country(), s.name(), s.city()), entriesOf(e.getKey()), "school " + e.getKey());
    }
    int total = written.values().stream().mapToInt(s -> SearchWords.of(s.name(), s.city()).size()).sum();
    int stored = database.read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM MEM_SCHOOL_WORD")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertEquals(total, stored, "one entry per school and word, none twice");
  }

  /**
   * An installation whose keys an older fold made (version 1 read "Vоltaire", with a Cyrillic о, as
   * a word of its own): the start makes them again, and its index entries follow.
   */
  @Test
  void anUpgradeThatChangedTheFoldMakesTheKeysAgain() throws Exception {
    generate(20);
    String mixed = "Lyc\u0435e V\u043Eltaire"; // Cyrillic е and о
    long id = lifecycle.apply(HQ, Schools.in("FR", mixed, "Lyon", null), true).schoolId();
    written.put(id, Schools.in("FR", mixed, "Lyon", null));
    keyedByVersion1(id);
    database.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("UPDATE MEM_SEARCH_STATE SET KEY_VERSION = 1");
      }
      return null;
    });
    java.util.Map<Long, java.util.Set<String>> othersBefore = new HashMap<>();
    written.keySet().stream().filter(k -> k != id).forEach(k -> othersBefore.put(k, entriesOf(k)));

    schools = directory();
    assertEquals(SearchKey.version(), (int) database.read(StoredKeys::version));
    assertEquals("lycee voltaire", database.read(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT NAME_KEY FROM MEM_SCHOOL WHERE ID = " + id)) {
        rs.next();
        return rs.getString(1);
      }
    }));
    assertEquals(entries("FR", "Lycee Voltaire", "Lyon"), entriesOf(id), "the old words' entries are gone");
    assertEquals(List.of(id), search(HQ, "FR", "voltaire", SchoolQuery.Sort.ID, 10));
    assertEquals(List.of(id), search(HQ, "FR", "volt", SchoolQuery.Sort.NAME, 10));
    othersBefore.forEach((k, before) -> assertEquals(before, entriesOf(k), "school " + k + " untouched"));
    // and the school typed in Latin letters alone is a likely duplicate of it
    ProblemException p = assertThrows(ProblemException.class,
        () -> lifecycle.apply(HQ, Schools.in("FR", "Lycée Voltaire", "Lyon", null), false));
    assertEquals(409, p.status());
    assertEquals(id, ((Number) ((Map<?, ?>) ((List<?>) p.extensions().get("duplicates")).get(0)).get("id")).longValue());
  }

  /**
   * A school edited after the upgrade and before its keys were made again (any edit, its email
   * here): the edit writes the new keys, so it replaces the index entries of the old ones too.
   */
  @Test
  void anEditBeforeTheKeysAreMadeAgainReplacesTheOldKeysEntries() throws Exception {
    String mixed = "Lyc\u0435e V\u043Eltaire";
    long id = lifecycle.apply(HQ, Schools.in("FR", mixed, "Lyon", null), true).schoolId();
    keyedByVersion1(id);
    School school = schools.school(HQ, id);
    SchoolInput s = Schools.in("FR", mixed, "Lyon", null);
    SchoolInput newEmail = new SchoolInput(s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(), s.longitude(),
        s.levels(), s.themes(), s.languages(), s.students(), s.teachers(), "office@voltaire.example.fr", s.website(), s.nationalId());
    schools.update(HQ, id, school.revision(), newEmail, true);
    assertEquals(entries("FR", "Lycee Voltaire", "Lyon"), entriesOf(id), "the old keys' entries replaced");
    assertEquals(List.of(id), search(HQ, "FR", "voltaire", SchoolQuery.Sort.ID, 10));
  }

  /**
   * School {@code id} ("Lycеe Vоltaire" in Lyon, FR) as version 1 of the fold keyed and indexed it:
   * with its Cyrillic letters as typed.
   */
  private void keyedByVersion1(long id) {
    String oldKey = "lyc\u0435e v\u043Eltaire";
    database.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.executeUpdate("UPDATE MEM_SCHOOL SET NAME_KEY = '" + oldKey + "' WHERE ID = " + id);
        st.executeUpdate("DELETE FROM MEM_SCHOOL_WORD WHERE SCHOOL_ID = " + id);
        for (String word : SearchWords.ofKeys(oldKey, "lyon")) {
          st.executeUpdate("INSERT INTO MEM_SCHOOL_WORD VALUES ('FR', '" + word + "', " + id + ")");
        }
      }
      return null;
    });
  }
}
