package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_KE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.membership.bulk.SchoolRows;

/** Whole-directory reads keep to the caller's scope; imports check like applications and write all or none. */
class DirectoryBulkTest {
  private static final SchoolQuery ALL = new SchoolQuery(null, null, null, null, null, null, null, 0, null);
  private TestDatabase database;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private DirectoryRows rows;
  private DirectoryImport imports;

  @BeforeEach
  void start() {
    database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    AnnualReports reports = new AnnualReports(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        profiles, AnnualReportStateTest.due("03-31"), TestLogger.INSTANCE);
    rows = new DirectoryRows(database, TransitionsTest.POLICY, reports);
    imports = new DirectoryImport(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, schools);
  }

  /** The rows as schools (a row is a view of the current database row: copied here). */
  private List<School> read(Principal who) throws Exception {
    List<School> out = new ArrayList<>();
    rows.schools(who, ALL, r -> out.add(new School(r.id(), r.name(), r.country(), r.unit(), r.city(), r.address(),
        r.latitude(), r.longitude(), List.of(), List.of(), r.languages(), r.students(), r.teachers(), r.email(),
        r.website(), r.nationalId(), r.fields(), r.membershipId() == null ? 0 : r.membershipId(), MembershipStatus.valueOf(r.status()), 0)));
    return out;
  }

  @Test
  void anUnknownRegionIsRefusedBeforeAnyRowIsRead() throws Exception {
    lifecycle.apply(Principal.anonymous(), Schools.in("KE", "Alliance High", "Nairobi", null), false);
    SchoolQuery foo = new SchoolQuery(null, "FOO", null, null, null, null, null, 0, null);
    ProblemException p = assertThrows(ProblemException.class, () -> rows.schools(HQ, foo, r -> { }));
    assertEquals(400, p.status());
    assertEquals(List.of("region"), p.errors().stream().map(FieldError::field).toList());
    assertEquals(400, assertThrows(ProblemException.class, () -> rows.memberships(HQ, foo, r -> { })).status());
    List<Object> africa = new ArrayList<>();
    rows.schools(HQ, new SchoolQuery(null, "africa", null, null, null, null, null, 0, null), africa::add);
    assertEquals(1, africa.size(), "a region in any case");
  }

  /**
   * A file that lets {@code meanwhile} run when it is read the second time, once the import has
   * checked it and starts writing: what another request writes between the check and the writing.
   */
  private static SchoolImport.Source checkedWhile(Runnable meanwhile, SchoolInput... schools) {
    List<ImportRow> list = new ArrayList<>();
    for (int i = 0; i < schools.length; i++) {
      list.add(new ImportRow(i + 2, null, schools[i], List.of()));
    }
    int[] opened = {0};
    return () -> {
      if (++opened[0] == 2) {
        meanwhile.run();
      }
      return list.iterator();
    };
  }

  @Test
  void aSchoolAppliedForWhileTheFileIsCheckedStopsTheImportWhenItIsOneOfItsRows() {
    SchoolInput[] file = {Schools.in("KE", "Alliance High", "Nairobi", null), Schools.in("KE", "Moi Girls", "Eldoret", null),
        Schools.in("KE", "Kenya High", "Nairobi", null), Schools.in("KE", "Starehe Boys", "Nairobi", null)};
    ProblemException refused = assertThrows(ProblemException.class, () -> imports.write(HQ,
        checkedWhile(() -> lifecycle.apply(Principal.anonymous(), Schools.in("KE", "Starehe Boys", "Nairobi", null), false), file),
        SchoolImport.Duplicates.REJECT, "kenya.csv", n -> { }));
    assertEquals(409, refused.status());
    assertTrue(refused.getMessage().contains("line 5") || refused.getMessage().contains("lines 5"), refused.getMessage());
    assertEquals(1, schools.schools(HQ, ALL).items().size(), "only the application's school; nothing of the file");

    // an application of another school meanwhile does not stop it
    ImportReport written = imports.write(HQ,
        checkedWhile(() -> lifecycle.apply(Principal.anonymous(), Schools.in("KE", "Lenana School", "Nairobi", null), false),
            file[0], file[1], file[2]),
        SchoolImport.Duplicates.REJECT, "kenya.csv", n -> { });
    assertEquals(3, written.written());
    assertEquals(5, schools.schools(HQ, new SchoolQuery(null, null, null, null, null, null, null, 50, null)).items().size());
    // nor a look-alike when the importer lets likely duplicates in
    ImportReport allowed = imports.write(HQ,
        checkedWhile(() -> lifecycle.apply(Principal.anonymous(), Schools.in("KE", "Nairobi School", "Nairobi", null), false),
            Schools.in("KE", "Nairobi School", "Nairobi", null), Schools.in("KE", "Maseno School", "Maseno", null)),
        SchoolImport.Duplicates.ALLOW, "kenya.csv", n -> { });
    assertEquals(2, allowed.written());
  }

  private static SchoolImport.Source source(SchoolInput... schools) {
    List<ImportRow> list = new ArrayList<>();
    for (int i = 0; i < schools.length; i++) {
      list.add(new ImportRow(i + 2, null, schools[i], List.of()));
    }
    return list::iterator;
  }

  @Test
  void aCoordinatorReadsTheirCountryOnlyAndThePublicReadsMembers() throws Exception {
    lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Lycée A", "Lyon", null), false);
    lifecycle.apply(Principal.anonymous(), Schools.in("KE", "Alliance High", "Nairobi", null), false);
    assertEquals(2, read(HQ).size());
    assertEquals(List.of("FR"), read(NC_FR).stream().map(School::country).toList());
    assertEquals(List.of("KE"), read(NC_KE).stream().map(School::country).toList());
    assertEquals(0, read(Principal.anonymous()).size(), "no members yet");
    assertEquals(SchoolRows.View.PUBLIC, rows.view(Principal.anonymous()));
    assertEquals(SchoolRows.View.SCOPE, rows.view(NC_FR));
    assertEquals(SchoolRows.View.EVERYTHING, rows.view(HQ));
    List<Object> history = new ArrayList<>();
    rows.memberships(NC_KE, ALL, history::add);
    assertEquals(1, history.size(), "one period, one history line: " + history);
    assertEquals(401, assertThrows(ProblemException.class, () -> rows.memberships(Principal.anonymous(), ALL, r -> { })).status());
  }

  @Test
  void aDryRunReportsEveryRowAndWritesNothing() throws Exception {
    lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Lycée Déjà Là", "Lyon", "0691234A"), false);
    SchoolInput bad = new SchoolInput(null, "FR", null, "Lyon", "1 rue", null, null, List.of(), List.of(), List.of(),
        null, null, "not an email", null, null);
    ImportReport report = imports.check(NC_FR, source(
        Schools.in("FR", "Lycée Nouveau", "Lyon", null),
        Schools.in("FR", "LYCÉE DÉJÀ LÀ", "lyon", null),   // same normalised name and city
        Schools.in("FR", "Autre Nom", "Paris", "0691234A"), // same national id
        Schools.in("FR", "Lycée Nouveau", "Lyon", null),   // repeats line 2
        bad,
        Schools.in("KE", "Alliance", "Nairobi", null)),    // not the NC's country
        n -> { });
    assertEquals(6, report.total());
    assertEquals(4, report.valid());
    assertEquals(2, report.invalid());
    assertEquals(3, report.duplicates());
    assertEquals(0, report.written());
    assertEquals(List.of(3, 4, 5, 6, 7), report.rows().stream().map(ImportReport.RowReport::line).toList());
    assertEquals(Integer.valueOf(2), report.rows().get(2).duplicateOfLine());
    assertEquals(List.of("name", "levels", "email"), report.rows().get(3).errors().stream().map(FieldError::field).toList());
    assertEquals("country", report.rows().get(4).errors().get(0).field());
    assertEquals(1, read(HQ).size(), "nothing written");
    assertThrows(ProblemException.class, () -> imports.check(Principal.anonymous(), source(), n -> { }));
  }

  @Test
  void theRealRunWritesEveryRowOrNone() throws Exception {
    ImportReport refused = imports.write(HQ, source(Schools.in("FR", "Un", "Lyon", null), Schools.in("FR", "", "Lyon", null)),
        SchoolImport.Duplicates.REJECT, "f.csv", n -> { });
    assertEquals(0, refused.written());
    assertEquals(0, read(HQ).size(), "none");
    ImportReport written = imports.write(HQ, source(Schools.in("FR", "Un", "Lyon", null), Schools.in("KE", "Deux", "Nairobi", null)),
        SchoolImport.Duplicates.REJECT, "f.csv", n -> { });
    assertEquals(2, written.written());
    List<School> all = read(HQ);
    assertEquals(2, all.size());
    assertTrue(all.stream().allMatch(s -> s.status() == MembershipStatus.APPLIED && s.membershipId() > 0));
    assertEquals(MembershipStatus.APPLIED, lifecycle.membership(HQ, all.get(0).membershipId()).status());
    assertEquals(1, lifecycle.history(HQ, all.get(0).membershipId()).size());
    ImportReport skipped = imports.write(HQ, source(Schools.in("FR", "Un", "Lyon", null), Schools.in("FR", "Trois", "Lyon", null)),
        SchoolImport.Duplicates.SKIP, "f.csv", n -> { });
    assertEquals(1, skipped.written());
    assertEquals(3, read(HQ).size());
  }

  /**
   * The dry run counts the rows as the real run with the same duplicates would: with SKIP, a likely
   * duplicate is left out, so it is not among the schools created (it was: created 3 of 3 rows).
   */
  @Test
  void aDryRunWithSkipCountsWhatTheRealRunWouldWrite() throws Exception {
    lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Lycée Déjà Là", "Lyon", null), false);
    SchoolImport.Source file = source(Schools.in("FR", "Lycée Un", "Lyon", null), Schools.in("FR", "Lycée Déjà Là", "Lyon", null),
        Schools.in("FR", "Lycée Deux", "Lyon", null));
    ImportReport dry = imports.check(HQ, file, SchoolImport.Duplicates.SKIP, n -> { });
    assertEquals(1, dry.duplicates());
    assertEquals(2, dry.created(), "the duplicate is skipped, not created: " + dry);
    assertEquals(0, dry.written());
    assertEquals(1, read(HQ).size(), "nothing written");
    ImportReport allowed = imports.check(HQ, file, SchoolImport.Duplicates.ALLOW, n -> { });
    assertEquals(3, allowed.created(), "with ALLOW it would be created");
    assertEquals(3, imports.check(HQ, file, n -> { }).created(), "REJECT counts what the file would do once the duplicate is confirmed");
    ImportReport real = imports.write(HQ, file, SchoolImport.Duplicates.SKIP, "f.csv", n -> { });
    assertEquals(dry.created(), real.created());
    assertEquals(2, real.written());
  }

  /** A refused row anywhere in the file: no school, membership, indexed or dictionary word is left. */
  @Test
  void aRefusalLaterInTheFileLeavesNothing() throws Exception {
    ImportReport refused = imports.write(HQ, source(Schools.in("FR", "Lycée Un", "Lyon", null),
            Schools.in("KE", "Deux", "Nairobi", null), Schools.in("XX", "Trois", "Nowhere", null)),
        SchoolImport.Duplicates.REJECT, "f.csv", n -> { });
    assertEquals(0, refused.written());
    assertEquals(1, refused.invalid());
    assertEquals(0, read(HQ).size());
    assertEquals(0, count("SELECT COUNT(*) FROM MEM_MEMBERSHIP"), "no membership left behind");
    assertEquals(0, count("SELECT COUNT(*) FROM MEM_SCHOOL_WORD"), "no indexed word left behind");
    assertEquals(0, count("SELECT COUNT(*) FROM MEM_SEARCH_WORD WHERE WORD = 'lycee'"), "no dictionary word either");
  }

  /**
   * An Error half-way through the writing (what an XLSX cell of a billion digits did: an
   * OutOfMemoryError) leaves nothing either: the writing is one transaction, rolled back on anything.
   */
  @Test
  void anErrorWhileWritingLeavesNothing() throws Exception {
    List<ImportRow> file = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      file.add(new ImportRow(i + 2, null, Schools.in("FR", "Lycée " + i, "Lyon", null), List.of()));
    }
    int[] passes = {0};
    SchoolImport.Source failingOnTheWrite = () -> {
      int pass = ++passes[0];
      java.util.Iterator<ImportRow> rows = file.iterator();
      return new java.util.Iterator<>() {
        private int read;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public ImportRow next() {
          if (pass == 2 && ++read == 4) { // the second pass writes: three schools are in
            throw new OutOfMemoryError("Java heap space");
          }
          return rows.next();
        }
      };
    };
    assertThrows(OutOfMemoryError.class, () -> imports.write(HQ, failingOnTheWrite, SchoolImport.Duplicates.REJECT, "f.csv", n -> { }));
    assertEquals(2, passes[0], "it failed while writing");
    assertEquals(0, read(HQ).size(), "none");
    assertEquals(0, count("SELECT COUNT(*) FROM MEM_MEMBERSHIP"), "no membership left behind");
    assertEquals(0, count("SELECT COUNT(*) FROM MEM_SCHOOL_WORD"), "no indexed word left behind");
  }

  /** A row repeating an earlier one of the same file is reported by line, not as an existing school. */
  @Test
  void aRepeatedRowIsADuplicateOfItsLineNotOfTheRowJustWritten() throws Exception {
    ImportReport skipped = imports.write(HQ, source(Schools.in("FR", "Un", "Lyon", null), Schools.in("FR", "Un", "Lyon", null)),
        SchoolImport.Duplicates.SKIP, "f.csv", n -> { });
    assertEquals(1, skipped.written());
    assertEquals(1, skipped.duplicates());
    assertEquals(Integer.valueOf(2), skipped.rows().get(0).duplicateOfLine());
    assertEquals(List.of(), skipped.rows().get(0).duplicateOf());
    ImportReport rejected = imports.write(HQ, source(Schools.in("KE", "Deux", "Nairobi", null), Schools.in("KE", "Deux", "Nairobi", null)),
        SchoolImport.Duplicates.REJECT, "f.csv", n -> { });
    assertEquals(0, rejected.written());
    assertEquals(List.of(), rejected.rows().get(0).duplicateOf());
    assertEquals(1, read(HQ).size(), "only the first file's school");
  }

  private long count(String sql) {
    return database.read(c -> {
      try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Rows are looked up in batches of 256: duplicates are found in every batch, in file order. */
  @Test
  void duplicatesAreFoundAcrossLookUpBatches() throws Exception {
    imports.write(HQ, source(Schools.in("FR", "Lycée Ancien", "Lyon", null), Schools.in("KE", "Old School", "Nairobi", "KE-77")),
        SchoolImport.Duplicates.REJECT, "f.csv", n -> { });
    List<Long> existing = read(HQ).stream().map(School::id).sorted().toList();
    SchoolInput[] file = new SchoolInput[600];
    for (int i = 0; i < file.length; i++) {
      file[i] = Schools.in(i % 2 == 0 ? "FR" : "KE", "École " + i, "Ville " + (i % 7), null);
    }
    file[0] = Schools.in("FR", "Lycee ancien", "LYON", null);          // line 2: the same name and city, folded
    file[300] = Schools.in("KE", "Another name", "Mombasa", "KE-77");  // line 302: the same national id
    file[599] = Schools.in("FR", "Lycée Ancien", "Lyon", null);       // line 601: the same again, in the third batch
    file[400] = Schools.in("FR", "École 10", "Ville 3", null);         // line 402: repeats line 12 of the file
    ImportReport report = imports.check(HQ, source(file), n -> { });
    assertEquals(600, report.total());
    assertEquals(4, report.duplicates());
    assertEquals(List.of(2, 302, 402, 601), report.rows().stream().map(ImportReport.RowReport::line).toList());
    assertEquals(List.of(existing.get(0)), report.rows().get(0).duplicateOf());
    assertEquals(List.of(existing.get(1)), report.rows().get(1).duplicateOf());
    assertEquals(Integer.valueOf(12), report.rows().get(2).duplicateOfLine());
    assertEquals(List.of(existing.get(0)), report.rows().get(3).duplicateOf());
  }

  /** As an application's 409 does: another unit's candidate is a likely duplicate, without its id. */
  @Test
  void aSubNationalCoordinatorLearnsOfAnotherUnitsCandidateButNotItsId() throws Exception {
    long hidden = lifecycle.apply(Principal.anonymous(), inUnit("paris", "Lycée Caché", "Paris", "0750001A"), false).schoolId();
    Principal lyon = TransitionsTest.person("snc-lyon", new Grant(Role.SUBNATIONAL_COORDINATOR, "FR", "lyon", null, null));
    SchoolImport.Source file = source(inUnit("lyon", "Lycee cache", "PARIS", null), inUnit("lyon", "Autre nom", "Lyon", "0750001A"));
    ImportReport seenFromLyon = imports.check(lyon, file, n -> { });
    assertEquals(2, seenFromLyon.duplicates(), "both rows are likely duplicates");
    assertEquals(List.of(List.of(), List.of()), seenFromLyon.rows().stream().map(ImportReport.RowReport::duplicateOf).toList(),
        "but the candidate of Paris is not named to Lyon's coordinator");
    ImportReport seenByTheNc = imports.check(TransitionsTest.NC_FR, file, n -> { });
    assertEquals(List.of(List.of(hidden), List.of(hidden)),
        seenByTheNc.rows().stream().map(ImportReport.RowReport::duplicateOf).toList(), "France's NC sees France's candidate");
  }

  private static SchoolInput inUnit(String unit, String name, String city, String nationalId) {
    SchoolInput v = Schools.in("FR", name, city, nationalId);
    return new SchoolInput(v.name(), v.country(), unit, v.city(), v.address(), v.latitude(), v.longitude(), v.levels(),
        v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), nationalId);
  }
}
