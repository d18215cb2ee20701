package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.ImportRow;

/** A national school id is one id in any case: stored upper-cased, so every comparison agrees. */
class NationalIdTest {
  private TestDatabase database;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private DirectoryImport imports;

  @BeforeEach
  void start() {
    database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    imports = new DirectoryImport(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, schools);
  }

  @Test
  void tidyingTrimsAndUpperCases() {
    assertEquals("0334986R", SchoolValidator.tidy(Schools.in("FR", "A", "Lyon", " 0334986r ")).nationalId());
    assertEquals("KE-0042", SchoolValidator.nationalId("ke-0042"));
    assertNull(SchoolValidator.nationalId("   "));
    assertNull(SchoolValidator.nationalId(null));
  }

  @Test
  void anApplicationWithTheIdInLowerCaseIsALikelyDuplicate() {
    long first = lifecycle.apply(HQ, Schools.in("FR", "Lycée Un", "Bordeaux", "0334986R"), false).schoolId();
    ProblemException p = assertThrows(ProblemException.class,
        () -> lifecycle.apply(HQ, Schools.in("FR", "Lycée Deux", "Mérignac", "0334986r"), false));
    assertEquals(409, p.status());
    assertEquals(first, ((Number) ((java.util.Map<?, ?>) ((List<?>) p.extensions().get("duplicates")).get(0)).get("id")).longValue());
    // stored as typed in upper case
    long lower = lifecycle.apply(HQ, Schools.in("FR", "Lycée Trois", "Pessac", "0690001b"), false).schoolId();
    assertEquals("0690001B", schools.school(HQ, lower).nationalId());
  }

  @Test
  void anEditToAnotherSchoolsIdInLowerCaseIsALikelyDuplicate() {
    lifecycle.apply(HQ, Schools.in("FR", "Lycée Un", "Paris", "0750654D"), false);
    long other = lifecycle.apply(HQ, Schools.in("FR", "Lycée Deux", "Lyon", "0691234A"), false).schoolId();
    School s = schools.school(HQ, other);
    SchoolInput sameId = Schools.in("FR", "Lycée Deux", "Lyon", "0750654d");
    assertEquals(409, assertThrows(ProblemException.class, () -> schools.update(HQ, other, s.revision(), sameId)).status());
    // its own id in another case is no change of identity
    SchoolInput ownLower = Schools.in("FR", "Lycée Deux", "Lyon", "0691234a");
    assertEquals("0691234A", schools.update(HQ, other, s.revision(), ownLower).nationalId());
  }

  @Test
  void anImportFindsIdsThatDifferOnlyByCase() throws Exception {
    long existing = lifecycle.apply(HQ, Schools.in("FR", "Lycée Déjà Là", "Lyon", "0691234A"), false).schoolId();
    List<ImportRow> rows = new ArrayList<>();
    rows.add(new ImportRow(2, null, Schools.in("FR", "Lycée A", "Lyon", "0690001B"), List.of()));
    rows.add(new ImportRow(3, null, Schools.in("FR", "Lycée B", "Villeurbanne", "0690001b"), List.of()));
    rows.add(new ImportRow(4, null, Schools.in("FR", "Lycée C", "Bron", "0691234a"), List.of()));
    ImportReport report = imports.check(NC_FR, rows::iterator, n -> { });
    assertEquals(2, report.duplicates());
    assertEquals(Integer.valueOf(2), report.rows().get(0).duplicateOfLine());
    assertEquals(List.of(existing), report.rows().get(1).duplicateOf());
  }

  @Test
  void theMigrationUpperCasesStoredIds() {
    long id = lifecycle.apply(HQ, Schools.in("FR", "Lycée Ancien", "Lyon", "0691234A"), false).schoolId();
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SCHOOL SET NATIONAL_ID = ? WHERE ID = ?")) {
        ps.setString(1, "0691234a"); // as stored before ids were normalised
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      return null;
    });
    database.run("V7__national_ids_upper_case.sql");
    String stored = database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT NATIONAL_ID FROM MEM_SCHOOL WHERE ID = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
    assertEquals("0691234A", stored);
  }
}
