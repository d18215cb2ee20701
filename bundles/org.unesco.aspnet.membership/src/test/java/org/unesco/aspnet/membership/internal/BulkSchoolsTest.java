package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;

/** The benchmark generator writes complete members: school, membership, history. */
class BulkSchoolsTest {
  private static final Principal HQ = TransitionsTest.person("hq", Grant.global(Role.HQ_OFFICER));

  @Test
  void generatesMembersWithTheirMembershipAndHistory() {
    TestDatabase database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    SchoolDirectory schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    MembershipLifecycle lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);

    // A directory that held a school once: the identity columns no longer start at 1, so the
    // generator's guess of the ids is wrong and it must link the rows itself.
    long once = lifecycle.apply(HQ, Schools.valid(), false).schoolId();
    database.inTransaction(c -> {
      for (String sql : new String[] {
          "DELETE FROM MEM_STATUS_CHANGE", "DELETE FROM MEM_MEMBERSHIP", "DELETE FROM MEM_SCHOOL WHERE ID = " + once}) {
        try (java.sql.Statement st = c.createStatement()) {
          st.executeUpdate(sql);
        }
      }
      return null;
    });

    BulkSchools.generate(database, List.of("FR", "KE", "JP"), 25, TestLogger.INSTANCE);

    List<School> all = schools.schools(HQ, new SchoolQuery(null, null, null, null, null, null, null, 100, null)).items();
    assertEquals(25, all.size());
    assertEquals(25, all.stream().filter(s -> s.status() == MembershipStatus.MEMBER).count());
    School last = all.get(24);
    Membership m = lifecycle.membership(HQ, last.membershipId());
    assertEquals(last.id(), m.schoolId());
    assertEquals(MembershipStatus.MEMBER, m.status());
    assertEquals(List.of(MembershipStatus.APPLIED, MembershipStatus.MEMBER),
        lifecycle.history(HQ, m.id()).stream().map(h -> h.to()).toList());
    assertEquals(9, countries.country(HQ, "FR", Locale.ENGLISH).members());

    // the directory goes on as usual after the bulk load, and after a restart: a new school gets a new id
    database.restart();
    long next = lifecycle.apply(HQ, Schools.in("KE", "Starehe Girls Centre", "Nairobi", null), true).schoolId();
    assertTrue(next > all.get(24).id(), "a new id after the generated ones: " + next);
    assertEquals("Starehe Girls Centre", schools.school(HQ, next).name());

    // the word index came with them: every generated word finds its schools through it
    for (int i = 0; i < 100 && !schools.wordIndexReady(); i++) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
    assertTrue(schools.wordIndexReady());
    java.util.Random random = new java.util.Random(42);
    java.util.Map<String, List<Long>> byWord = new java.util.HashMap<>();
    for (int i = 0; i < 25; i++) {
      SchoolInput generated = BulkSchools.school(random, List.of("FR", "KE", "JP"), i);
      assertEquals(generated.name(), all.get(i).name());
      for (String word : SearchWords.of(generated.name(), generated.city())) {
        byWord.computeIfAbsent(word, w -> new java.util.ArrayList<>()).add(all.get(i).id());
      }
    }
    for (var e : byWord.entrySet()) {
      assertEquals(e.getValue(), schools.schools(HQ, new SchoolQuery(null, null, null, null, null, null, e.getKey(), 100, null))
          .items().stream().map(School::id).filter(e.getValue()::contains).toList(), e.getKey());
    }
  }

  @Test
  void aFreshDatabaseHandsOutNewIdsAfterTheBulkLoadAndARestart() {
    TestDatabase database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    SchoolDirectory schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    MembershipLifecycle lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    BulkSchools.generate(database, List.of("FR", "KE", "JP"), 30, TestLogger.INSTANCE);
    database.restart();
    var application = lifecycle.apply(HQ, Schools.in("KE", "Starehe Girls Centre", "Nairobi", null), true);
    assertEquals(31, application.schoolId());
    assertEquals(31, application.membershipId());
    assertEquals("Starehe Girls Centre", schools.school(HQ, 31).name());
  }
}
