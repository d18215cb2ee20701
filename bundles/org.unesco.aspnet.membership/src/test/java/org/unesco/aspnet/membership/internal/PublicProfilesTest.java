package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_KE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.web.Json;

/**
 * The public pages of schools kept in memory ({@link PublicProfiles}) say what the database says:
 * the same bytes as the school read and written, for the same people, and never what was true
 * before an edit, a move of the lifecycle or an import.
 */
class PublicProfilesTest {
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private DirectoryImport imports;

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles,
        TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    imports = new DirectoryImport(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, schools);
    // searches by one word go through the word index and the kept pages alone once it is usable
    assertTrue(within10s(schools::wordIndexReady));
  }

  /** Whether {@code condition} holds within 10 s (the directory's background threads: word index, preload). */
  private static boolean within10s(java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private Application member(SchoolInput school) {
    Application a = lifecycle.apply(Principal.anonymous(), school, false);
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, a.membershipId(), s, null);
    }
    return a;
  }

  /** What the page would be without the cache: the school as the public reads it, written by Jackson. */
  private byte[] uncached(long id) throws Exception {
    return Json.MAPPER.writeValueAsBytes(schools.school(Principal.anonymous(), id));
  }

  private String page(long id) {
    return new String(schools.publicProfile(Principal.anonymous(), id).json(), StandardCharsets.UTF_8);
  }

  private static int status(Runnable r) {
    return assertThrows(ProblemException.class, r::run).status();
  }

  @Test
  void thePageIsTheSchoolAsThePublicReadsItAndIsKept() throws Exception {
    long id = member(Schools.valid()).schoolId();
    PublicProfiles.Entry first = schools.publicProfile(Principal.anonymous(), id);
    assertArrayEquals(uncached(id), first.json());
    assertTrue(page(id).contains("\"email\":null"), "no contact for the public: " + page(id));
    assertEquals(schools.school(HQ, id).revision(), first.revision(), "the ETag's revision");
    assertSame(first, schools.publicProfile(NC_KE, id), "read once, kept: another country's NC sees the public page");
  }

  @Test
  void whoMaySeeMoreIsSentToTheDatabase() {
    long id = member(Schools.valid()).schoolId();
    assertNull(schools.publicProfile(NC_FR, id), "France's NC sees the contacts");
    assertNull(schools.publicProfile(HQ, id));
    assertEquals("ce.0250007x@ac-besancon.fr", schools.school(NC_FR, id).email());
  }

  @Test
  void aSchoolThatIsNotAMemberIsNotFoundByThePublicAsWithoutTheCache() {
    long candidate = lifecycle.apply(Principal.anonymous(), Schools.valid(), false).schoolId();
    assertEquals(404, status(() -> schools.publicProfile(Principal.anonymous(), candidate)));
    assertEquals(404, status(() -> schools.school(Principal.anonymous(), candidate)));
    assertEquals(404, status(() -> schools.publicProfile(NC_KE, candidate)));
    assertNull(schools.publicProfile(NC_FR, candidate), "its NC reads it from the database");
    assertEquals(404, status(() -> schools.publicProfile(Principal.anonymous(), 999_999L)));
  }

  @Test
  void anEditIsSeenAtOnce() throws Exception {
    long id = member(Schools.valid()).schoolId();
    PublicProfiles.Entry before = schools.publicProfile(Principal.anonymous(), id);
    School current = schools.school(NC_FR, id);
    SchoolInput renamed = Schools.named("Lycée Louis Pasteur", "Besançon");
    schools.update(NC_FR, id, current.revision(), renamed, false);
    PublicProfiles.Entry after = schools.publicProfile(Principal.anonymous(), id);
    assertTrue(page(id).contains("Lycée Louis Pasteur"), page(id));
    assertEquals(before.revision() + 1, after.revision(), "a new ETag");
    assertArrayEquals(uncached(id), after.json());
  }

  @Test
  void aMoveOfTheLifecycleIsSeenAtOnce() throws Exception {
    Application a = member(Schools.valid());
    schools.publicProfile(Principal.anonymous(), a.schoolId());
    lifecycle.transition(HQ, a.membershipId(), MembershipStatus.SUSPENDED, "no annual report for three years");
    assertEquals(404, status(() -> schools.publicProfile(Principal.anonymous(), a.schoolId())), "suspended: gone at once");
    lifecycle.transition(HQ, a.membershipId(), MembershipStatus.MEMBER, "reinstated");
    assertTrue(page(a.schoolId()).contains("\"status\":\"MEMBER\""));
    assertArrayEquals(uncached(a.schoolId()), schools.publicProfile(Principal.anonymous(), a.schoolId()).json());
  }

  @Test
  void anImportThatUpdatesASchoolIsSeenAtOnce() {
    long id = member(Schools.valid()).schoolId();
    assertTrue(page(id).contains("\"students\":1200"));
    SchoolInput s = schools.school(HQ, id).input();
    SchoolInput more = new SchoolInput(s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(), s.longitude(),
        s.levels(), s.themes(), s.languages(), 1500, s.teachers(), s.email(), s.website(), s.nationalId(), s.fields());
    ImportRow row = new ImportRow(2, id, more, List.of(), Set.of("id", "name", "country", "city", "students"));
    imports.write(NC_FR, List.of(row)::iterator, SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertTrue(page(id).contains("\"students\":1500"), page(id));
  }

  /** The page of the directory as the servlet writes it from memory: the bytes Json.writePage writes. */
  private static String kept(SchoolDirectory.PublicPage page) throws Exception {
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      json.append(i > 0 ? "," : "").append(new String(page.items().get(i), StandardCharsets.UTF_8));
    }
    return json.append("],\"next\":").append(Json.MAPPER.writeValueAsString(page.next())).append('}').toString();
  }

  private String read(Principal actor, SchoolQuery query) throws Exception {
    org.unesco.aspnet.membership.Page<School> page = schools.schools(actor, query);
    return Json.MAPPER.writeValueAsString(Json.page(page.items(), page.next()));
  }

  private static SchoolQuery query(String country, String q, SchoolQuery.Sort sort, String cursor) {
    return new SchoolQuery(country, null, null, null, null, null, q, 2, cursor, sort);
  }

  @Test
  void aPageOfTheDirectoryFromMemoryIsThePageReadWholeInEveryOrder() throws Exception {
    member(Schools.in("FR", "Lycée Marie Curie", "Lyon", null));
    member(Schools.in("FR", "École Marie Curie", "Besançon", null));
    lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Collège Marie Curie", "Dijon", null), false); // a candidate
    member(Schools.in("FR", "Collège Pierre Curie", "Annecy", null));
    member(Schools.in("KE", "Curie Academy", "Nairobi", null));
    member(Schools.in("FR", "Lycée Jean Moulin", "Albi", null));
    for (SchoolQuery.Sort sort : SchoolQuery.Sort.values()) {
      for (String q : new String[] {"curie", null, "marie curie"}) {
        SchoolQuery first = query("FR", q, sort, null);
        String cursor = null;
        int pages = 0;
        do {
          SchoolQuery at = query(first.country(), q, sort, cursor);
          SchoolDirectory.PublicPage page = schools.publicSchools(Principal.anonymous(), at);
          assertEquals(read(Principal.anonymous(), at), kept(page), sort + " " + q + " page " + pages);
          cursor = page.next();
          pages++;
        } while (cursor != null);
        assertTrue(pages >= 2 || !"curie".equals(q), "more than one page of two: " + sort);
      }
    }
    assertTrue(kept(schools.publicSchools(Principal.anonymous(), query("KE", "curie", SchoolQuery.Sort.ID, null)))
        .contains("Curie Academy"));
  }

  @Test
  void aPageOfTheDirectoryShowsAnEditAtOnceAndIsNotForThoseWhoSeeMore() throws Exception {
    long id = member(Schools.in("FR", "Lycée Marie Curie", "Lyon", null)).schoolId();
    SchoolQuery curie = query("FR", "curie", SchoolQuery.Sort.ID, null);
    assertTrue(kept(schools.publicSchools(Principal.anonymous(), curie)).contains("Lycée Marie Curie"));
    School current = schools.school(NC_FR, id);
    schools.update(NC_FR, id, current.revision(), Schools.in("FR", "Lycée Marie et Pierre Curie", "Lyon", null), false);
    String page = kept(schools.publicSchools(Principal.anonymous(), curie));
    assertTrue(page.contains("Lycée Marie et Pierre Curie"), page);
    assertEquals(read(Principal.anonymous(), curie), page);
    assertNull(schools.publicSchools(NC_FR, curie), "France's NC sees contacts and candidates: read whole");
    assertNull(schools.publicSchools(HQ, curie));
    assertNull(schools.publicSchools(NC_KE, curie), "an NC of any country is read whole (a condition of their own)");
  }

  @Test
  void aSearchByOneWordLeavesOutASchoolSuspendedAndTakesItBackReinstated() throws Exception {
    Application a = member(Schools.in("FR", "Lycée Marie Curie", "Lyon", null));
    member(Schools.in("FR", "École Marie Curie", "Besançon", null));
    SchoolQuery curie = new SchoolQuery("FR", null, null, null, null, null, "cur", 20, null, SchoolQuery.Sort.ID);
    assertTrue(kept(schools.publicSchools(Principal.anonymous(), curie)).contains("Lycée Marie Curie"));
    lifecycle.transition(HQ, a.membershipId(), MembershipStatus.SUSPENDED, "no annual report for three years");
    String page = kept(schools.publicSchools(Principal.anonymous(), curie));
    assertTrue(!page.contains("Lycée Marie Curie") && page.contains("École Marie Curie"), page);
    assertEquals(read(Principal.anonymous(), curie), page);
    lifecycle.transition(HQ, a.membershipId(), MembershipStatus.MEMBER, "reinstated");
    assertEquals(read(Principal.anonymous(), curie), kept(schools.publicSchools(Principal.anonymous(), curie)));
    assertTrue(kept(schools.publicSchools(Principal.anonymous(), curie)).contains("Lycée Marie Curie"));
  }

  @Test
  void aSearchByOneWordReadsPastCandidatesThatAreNotMembers() throws Exception {
    for (int i = 0; i < 40; i++) { // more candidates than a first batch of the index holds
      lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Collège Curie " + i, "Lyon", null), false);
    }
    member(Schools.in("FR", "Lycée Marie Curie", "Lyon", null));
    member(Schools.in("FR", "École Curie", "Dijon", null));
    member(Schools.in("FR", "Institut Curie", "Paris", null));
    for (SchoolQuery.Sort sort : List.of(SchoolQuery.Sort.ID, SchoolQuery.Sort.NEWEST)) {
      SchoolQuery first = query("FR", "curie", sort, null);
      SchoolDirectory.PublicPage page = schools.publicSchools(Principal.anonymous(), first);
      assertEquals(2, page.items().size());
      assertEquals(read(Principal.anonymous(), first), kept(page), sort.toString());
      SchoolQuery second = query("FR", "curie", sort, page.next());
      assertEquals(read(Principal.anonymous(), second), kept(schools.publicSchools(Principal.anonymous(), second)));
      assertEquals(1, schools.publicSchools(Principal.anonymous(), second).items().size());
    }
  }

  private static SchoolDirectory.Config megabytes(int mb) {
    return config(mb, true);
  }

  private static SchoolDirectory.Config config(int mb, boolean preload) {
    return new SchoolDirectory.Config() {
      @Override
      public int publicProfileCacheMegabytes() {
        return mb;
      }

      @Override
      public boolean publicProfilePreload() {
        return preload;
      }

      @Override
      public Class<? extends java.lang.annotation.Annotation> annotationType() {
        return SchoolDirectory.Config.class;
      }
    };
  }

  @Test
  void noMemoryGivenMeansEveryPageIsReadAndGivingItBackKeepsThemAgain() throws Exception {
    long id = member(Schools.valid()).schoolId();
    SchoolQuery curie = query("FR", "hugo", SchoolQuery.Sort.ID, null);
    assertTrue(schools.publicProfile(Principal.anonymous(), id) != null);
    schools.modified(megabytes(0), java.util.Map.of());
    assertNull(schools.publicProfile(Principal.anonymous(), id), "off: the page is read from the database");
    assertNull(schools.publicSchools(Principal.anonymous(), curie));
    schools.modified(megabytes(16), java.util.Map.of());
    assertArrayEquals(uncached(id), schools.publicProfile(Principal.anonymous(), id).json(), "on again, without a restart");
    assertEquals(read(Principal.anonymous(), curie), kept(schools.publicSchools(Principal.anonymous(), curie)));
  }

  /** Waits for the preload to keep {@code n} pages; false if it does not within 10 s. */
  private boolean kept(long n) {
    return within10s(() -> schools.keptPages() == n);
  }

  @Test
  void theFirstPageServedPreloadsEverySchoolsPageAndAnImportAgain() throws Exception {
    schools.preloadBatch = 7; // five batches, the last one short
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(member(Schools.in(i % 2 == 0 ? "FR" : "KE", "Lycée Curie " + i, "Lyon", null)).schoolId());
    }
    long candidate = lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Collège Curie", "Dijon", null), false).schoolId();
    assertEquals(0, schools.keptPages(), "nothing is read before a page is asked for");
    schools.publicProfile(Principal.anonymous(), ids.get(0));
    assertTrue(kept(31), "every school kept, the candidate too (for its 404): " + schools.keptPages());
    for (long id : ids) {
      assertArrayEquals(uncached(id), schools.publicProfile(Principal.anonymous(), id).json());
    }
    assertEquals(404, status(() -> schools.publicProfile(Principal.anonymous(), candidate)));

    SchoolInput s = schools.school(HQ, ids.get(0)).input();
    SchoolInput more = new SchoolInput(s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(), s.longitude(),
        s.levels(), s.themes(), s.languages(), 1500, s.teachers(), s.email(), s.website(), s.nationalId(), s.fields());
    ImportRow row = new ImportRow(2, ids.get(0), more, List.of(), Set.of("id", "name", "country", "city", "students"));
    imports.write(NC_FR, List.of(row)::iterator, SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertTrue(kept(31), "an import forgets every page, and they are read again: " + schools.keptPages());
    assertTrue(page(ids.get(0)).contains("\"students\":1500"), page(ids.get(0)));
    assertArrayEquals(uncached(ids.get(0)), schools.publicProfile(Principal.anonymous(), ids.get(0)).json());
  }

  @Test
  void aPreloadStopsAtNineTenthsOfTheBudgetAndLeavesRoomForThePagesAskedFor() throws Exception {
    schools.preloadBatch = 7; // a check of the budget per batch would overshoot by up to six pages
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(member(Schools.in("FR", "Lycée Curie " + i, "Lyon", null)).schoolId());
    }
    long budget = 12_000;
    schools.budget(budget, true);
    schools.publicProfile(Principal.anonymous(), ids.get(0));
    assertTrue(within10s(schools::preloadDone));
    long pages = schools.keptPages();
    long bytes = schools.keptBytes();
    long page = bytes / pages;
    assertTrue(pages < 30, "not every school fits: " + pages);
    assertTrue(bytes >= budget * 9 / 10 && bytes < budget * 9 / 10 + page, "stopped at nine tenths: " + bytes + " in " + pages);
    long notKept = ids.stream().filter(id -> !schools.isKept(id)).findFirst().orElseThrow();
    assertArrayEquals(uncached(notKept), schools.publicProfile(Principal.anonymous(), notKept).json());
    assertTrue(schools.isKept(notKept), "the room left keeps a page asked for");
  }

  @Test
  void aPreloadSettingThatIsNeitherTrueNorFalseIsRefusedNotTakenForFalse() throws Exception {
    // what Declarative Services hands over for publicProfilePreload=maybe: false, and the raw text
    schools.modified(config(16, false), java.util.Map.of("publicProfilePreload", "maybe"));
    long first = member(Schools.valid()).schoolId();
    member(Schools.in("KE", "Curie Academy", "Nairobi", null));
    schools.publicProfile(Principal.anonymous(), first);
    assertTrue(kept(2), "the preload stays on, as it was: " + schools.keptPages());
    schools.modified(config(0, false), java.util.Map.of("publicProfilePreload", "FALSE"));
    assertNull(schools.publicProfile(Principal.anonymous(), first), "0 MB: off");
    schools.modified(config(-7, false), java.util.Map.of());
    assertNull(schools.publicProfile(Principal.anonymous(), first), "-7 MB is refused, not read as -1: still off");
  }

  @Test
  void withoutPreloadOnlyThePagesAskedForAreKept() throws Exception {
    schools.modified(config(16, false), java.util.Map.of());
    long first = member(Schools.valid()).schoolId();
    long second = member(Schools.in("KE", "Curie Academy", "Nairobi", null)).schoolId();
    schools.publicProfile(Principal.anonymous(), first);
    Thread.sleep(300); // time a preload of two schools would take many times over
    assertEquals(1, schools.keptPages());
    assertArrayEquals(uncached(second), schools.publicProfile(Principal.anonymous(), second).json());
    assertEquals(2, schools.keptPages());
  }

  @Test
  void aPreloadStopsAtNineTenthsOfTheBudgetAndNothingIsKeptPastIt() {
    PublicProfiles cache = new PublicProfiles(100_000);
    long id = 0;
    while (!cache.nearlyFull()) {
      id++;
      cache.offer(id, cache.generation(), new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[800]));
    }
    int each = 800 + PublicProfiles.OVERHEAD_BYTES;
    assertEquals((90_000 + each - 1) / each, id, "the first entry that reaches nine tenths");
    assertEquals(id, cache.size(), "room is left for the pages read on demand");
    long more = id;
    while (cache.size() == more) {
      more++;
      cache.offer(more, cache.generation(), new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[800]));
    }
    assertEquals(100_000 / each, cache.size(), "then pages are kept up to the budget, and no more");
    assertNull(cache.get(more), "a page past the budget is sent, not kept");
    cache.forget(1);
    cache.offer(more, cache.generation(), new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[800]));
    assertTrue(cache.get(more) != null, "a page forgotten makes room");
  }

  @Test
  void aReadThatBeganBeforeAChangeIsNotKept() {
    PublicProfiles cache = new PublicProfiles(1 << 20);
    PublicProfiles.Entry old = new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[] {1});
    long before = cache.generation();
    cache.forget(7); // a change committed while the page was being read
    cache.offer(7, before, old);
    assertNull(cache.get(7), "what was read may predate the change");
    cache.offer(7, cache.generation(), old);
    assertSame(old, cache.get(7));
    cache.forgetAll();
    assertNull(cache.get(7));
  }

  @Test
  void theBudgetBoundsTheMemory() {
    PublicProfiles cache = new PublicProfiles(100_000);
    for (long id = 1; id <= 1000; id++) {
      cache.offer(id, cache.generation(), new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[400]));
    }
    assertTrue(cache.size() <= 100_000 / 400, "at most what fits: " + cache.size());
    assertTrue(cache.size() >= 100_000 / 800, "and not much less: " + cache.size());
    PublicProfiles none = new PublicProfiles(0);
    none.offer(1, none.generation(), new PublicProfiles.Entry("FR", null, MembershipStatus.MEMBER, 1, new byte[400]));
    assertNull(none.get(1));
  }
}
