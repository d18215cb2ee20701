package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;

/**
 * A row with the id of a known school updates it (the round trip of an exported file): as an edit
 * through the API, only what changed, all or none, never a duplicate of itself.
 */
class DirectoryImportUpdateTest {
  /** The columns of an exported file of schools (without a national profile). */
  private static final Set<String> EXPORTED = Set.of("id", "name", "country", "unit", "city", "address", "latitude",
      "longitude", "levels", "themes", "languages", "students", "teachers", "email", "website", "nationalId");
  private static final SchoolQuery ALL = new SchoolQuery(null, null, null, null, null, null, null, 100, null);

  private final List<String> audited = new ArrayList<>();
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private DirectoryImport imports;

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> audited.add(action + " " + id);
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, audit, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    imports = new DirectoryImport(database, countries, TransitionsTest.POLICY, audit, profiles, schools);
  }

  private long applied(String country, String name, String city) {
    return lifecycle.apply(Principal.anonymous(), Schools.in(country, name, city, null), false).schoolId();
  }

  private School stored(long id) {
    return schools.school(HQ, id);
  }

  /** The school as an export writes it, with {@code change} applied to what the row says. */
  private ImportRow exported(int line, long id, java.util.function.UnaryOperator<SchoolInput> change) {
    return new ImportRow(line, id, change.apply(stored(id).input()), List.of(), EXPORTED);
  }

  private static SchoolInput students(SchoolInput s, Integer students) {
    return new SchoolInput(s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(), s.longitude(), s.levels(),
        s.themes(), s.languages(), students, s.teachers(), s.email(), s.website(), s.nationalId(), s.fields());
  }

  private static SchoolInput renamed(SchoolInput s, String name, String city) {
    return new SchoolInput(name, s.country(), s.unit(), city, s.address(), s.latitude(), s.longitude(), s.levels(),
        s.themes(), s.languages(), s.students(), s.teachers(), s.email(), s.website(), s.nationalId(), s.fields());
  }

  private static SchoolImport.Source source(ImportRow... rows) {
    return List.of(rows)::iterator;
  }

  @Test
  void aCorrectedCellUpdatesItsSchoolAndTheOtherRowsAreLeftUnchanged() {
    long a = applied("FR", "Lycée Un", "Lyon");
    long b = applied("FR", "Lycée Deux", "Lyon");
    School before = stored(b);
    SchoolImport.Source file = source(exported(2, a, s -> s), exported(3, b, s -> students(s, 999)));

    ImportReport dry = imports.check(NC_FR, file, n -> { });
    assertEquals(List.of(2, 0, 0, 0, 1, 1), List.of(dry.total(), dry.invalid(), dry.duplicates(), dry.created(),
        dry.updated(), dry.unchanged()), dry.toString());
    assertEquals(1, dry.rows().size(), "only the update is worth a look: " + dry.rows());
    ImportReport.RowReport row = dry.rows().get(0);
    assertEquals(3, row.line());
    assertEquals(ImportReport.Action.UPDATE, row.action());
    assertEquals(List.of("students"), row.changed());
    assertEquals(before, stored(b), "a dry run writes nothing");

    ImportReport done = imports.write(NC_FR, file, SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertEquals(1, done.written());
    School after = stored(b);
    assertEquals(999, after.students());
    assertEquals(before.revision() + 1, after.revision(), "a new ETag");
    assertEquals(students(before.input(), 999), after.input(), "nothing else changed");
    assertEquals(1, stored(a).revision(), "the unchanged school is not written");
    assertEquals(2, schools.schools(HQ, ALL).items().size(), "no school created");
    assertEquals(List.of("school.update " + b, "schools.import fr.csv"), audited.subList(audited.size() - 2, audited.size()),
        "audited as an edit, once, and the import");
    assertTrue(audited.stream().noneMatch(e -> e.equals("school.update " + a)), audited.toString());

    ImportReport again = imports.check(NC_FR, source(exported(2, a, s -> s), exported(3, b, s -> s)), n -> { });
    assertEquals(2, again.unchanged(), "a file exported and imported unchanged changes nothing");
    assertEquals(0, again.duplicates());
  }

  @Test
  void aRefusedCellIsAnErrorOfItsRowNotAValueTheRowWouldClear() {
    long a = applied("FR", "Lycée Un", "Lyon");
    imports.write(NC_FR, source(exported(2, a, s -> students(s, 640))), SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    // "1.000" in a French file: refused (ambiguous), read as no value
    ImportRow refused = new ImportRow(2, a, students(stored(a).input(), null),
        List.of(new FieldError("students", "could be a thousand or one")), EXPORTED);
    ImportReport dry = imports.check(NC_FR, source(refused), n -> { });
    assertEquals(1, dry.invalid(), dry.toString());
    assertEquals(List.of(), dry.rows().get(0).changed(), "not a change to the stored 640: " + dry);
  }

  @Test
  void columnsTheFileLacksStayAndAnEmptyCellClearsAnOptionalValue() {
    long a = applied("FR", "Lycée Un", "Lyon");
    School before = stored(a);
    // a file of name, city, address, levels, email, website: website empty, students not there at all
    SchoolInput cells = new SchoolInput("Lycée Un", null, null, "Lyon", before.address(), null, null, before.levels(),
        List.of(), List.of(), null, null, before.email(), null, null);
    ImportRow row = new ImportRow(2, a, cells, List.of(), Set.of("id", "name", "city", "address", "levels", "email", "website"));
    ImportReport dry = imports.check(NC_FR, source(row), n -> { });
    assertEquals(List.of("website"), dry.rows().get(0).changed(), dry.toString());
    imports.write(NC_FR, source(row), SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    School after = stored(a);
    assertNull(after.website());
    assertEquals(before.students(), after.students());
    assertEquals(before.country(), after.country());
    assertEquals(before.latitude(), after.latitude());

    SchoolInput noEmail = new SchoolInput("Lycée Un", null, null, "Lyon", before.address(), null, null, before.levels(),
        List.of(), List.of(), null, null, null, null, null);
    ImportReport refused = imports.write(NC_FR, source(new ImportRow(2, a, noEmail, List.of(), row.columns())),
        SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertEquals(1, refused.invalid());
    assertEquals(List.of("email"), refused.rows().get(0).errors().stream().map(FieldError::field).toList(),
        "a required value cannot be cleared, as in an edit");
    assertEquals(before.email(), stored(a).email());
  }

  @Test
  void aSchoolTheImporterMayNotEditIsARowErrorOnItsIdAndOneTheyMayNotSeeIsUnknown() {
    long kenyanCandidate = applied("KE", "Alliance High", "Nairobi");
    long kenyanMember = applied("KE", "Moi Girls", "Eldoret");
    long membership = stored(kenyanMember).membershipId();
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, membership, s, null);
    }
    long french = applied("FR", "Lycée Un", "Lyon");
    ImportReport report = imports.write(NC_FR, source(
        exported(2, french, s -> students(s, 10)),
        exported(3, kenyanCandidate, s -> students(s, 10)),
        new ImportRow(4, 987654L, Schools.in("FR", "Lycée Inconnu", "Lyon", null), List.of(), EXPORTED),
        exported(5, kenyanMember, s -> s)),
        SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertEquals(3, report.invalid(), report.toString());
    assertEquals(0, report.written(), "all or none");
    List<ImportReport.RowReport> refused = report.rows().stream().filter(r -> !r.errors().isEmpty()).toList();
    assertEquals(List.of(3, 4, 5), refused.stream().map(ImportReport.RowReport::line).toList());
    List<FieldError> errors = refused.stream().map(r -> r.errors().get(0)).toList();
    assertEquals(List.of("id", "id", "id"), errors.stream().map(FieldError::field).toList());
    assertEquals("There is no school " + kenyanCandidate, errors.get(0).message(), "as if it did not exist");
    assertEquals("There is no school 987654", errors.get(1).message());
    assertEquals("you may not edit school " + kenyanMember, errors.get(2).message(), "seen, not editable");
    assertNull(refused.get(0).action());
    assertEquals(1, stored(french).revision(), "nothing written");
    assertEquals(stored(kenyanCandidate).students(), Schools.valid().students());
  }

  @Test
  void aSecondRowWithTheSameIdIsAnErrorOfThatRow() {
    long a = applied("FR", "Lycée Un", "Lyon");
    ImportReport report = imports.check(NC_FR, source(exported(2, a, s -> students(s, 10)), exported(3, a, s -> students(s, 20))),
        n -> { });
    assertEquals(1, report.invalid());
    assertEquals(3, report.rows().get(1).line());
    assertEquals("school " + a + " is already updated by line 2", report.rows().get(1).errors().get(0).message());
  }

  @Test
  void anUpdateIsNeverItsOwnDuplicateButOneThatNowLooksLikeAnotherSchoolIs() {
    long a = applied("FR", "Lycée Un", "Lyon");
    long b = applied("FR", "Lycée Deux", "Lyon");
    long twin = lifecycle.apply(Principal.anonymous(), Schools.in("FR", "Lycée Un", "Lyon", null), true).schoolId();
    ImportReport unchanged = imports.check(NC_FR, source(exported(2, a, s -> s), exported(3, twin, s -> students(s, 5))), n -> { });
    assertEquals(0, unchanged.duplicates(), "a confirmed look-alike pair stays as it is: " + unchanged);
    ImportReport numbered = imports.check(NC_FR, source(exported(2, b, s -> new SchoolInput(s.name(), s.country(), s.unit(),
        s.city(), s.address(), s.latitude(), s.longitude(), s.levels(), s.themes(), s.languages(), s.students(), s.teachers(),
        s.email(), s.website(), "0691234a", s.fields()))), n -> { });
    assertEquals(0, numbered.duplicates(), "a new national id is compared, but not with the school itself: " + numbered);
    assertEquals(List.of("nationalId"), numbered.rows().get(0).changed());
    ImportReport renamed = imports.check(NC_FR, source(exported(2, b, s -> renamed(s, "LYCEE UN", "lyon"))), n -> { });
    assertEquals(1, renamed.duplicates());
    assertEquals(List.of(a, twin), renamed.rows().get(0).duplicateOf(), "the other schools, not itself");
    assertEquals(List.of("name", "city"), renamed.rows().get(0).changed());
    ImportReport refused = imports.write(NC_FR, source(exported(2, b, s -> renamed(s, "LYCEE UN", "lyon"))),
        SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertEquals(0, refused.written());
    assertEquals("Lycée Deux", stored(b).name());
    // a new row in the same file repeating what an update renames a school to
    ImportReport inFile = imports.check(NC_FR, source(exported(2, b, s -> renamed(s, "Lycée Trois", "Lyon")),
        new ImportRow(3, null, Schools.in("FR", "Lycée Trois", "Lyon", null), List.of(), EXPORTED)), n -> { });
    assertEquals(Integer.valueOf(2), inFile.rows().get(1).duplicateOfLine(), inFile.toString());
    assertEquals(List.of(1, 1), List.of(inFile.created(), inFile.updated()));
  }

  /** Someone edits a school the file updates after the import checked it: 409 naming the line, nothing written. */
  @Test
  void aSchoolEditedBetweenTheCheckAndTheWritingStopsTheImport() {
    long a = applied("FR", "Lycée Un", "Lyon");
    List<ImportRow> rows = List.of(new ImportRow(2, null, Schools.in("FR", "Lycée Nouveau", "Lyon", null), List.of(), EXPORTED),
        exported(3, a, s -> students(s, 999)));
    int[] opened = {0};
    SchoolImport.Source file = () -> {
      if (++opened[0] == 2) { // the file is read the second time to be written: an edit comes first
        School now = stored(a);
        schools.update(HQ, a, now.revision(), students(now.input(), 500), false);
      }
      return rows.iterator();
    };
    ProblemException conflict = assertThrows(ProblemException.class,
        () -> imports.write(NC_FR, file, SchoolImport.Duplicates.REJECT, "fr.csv", n -> { }));
    assertEquals(409, conflict.status());
    assertTrue(conflict.getMessage().contains("lines 3"), conflict.getMessage());
    assertEquals(500, stored(a).students(), "the edit stands");
    assertEquals(1, schools.schools(HQ, ALL).items().size(), "the new row was not written either");
  }
}
