package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;

/**
 * The audit log is read by country (an NC reads their country's entries, HQ all), so an import is
 * recorded where each country's coordinators read it: one entry per country it wrote schools of,
 * with that country's counts. An entry without a country, as a file of several countries had, is
 * HQ's alone.
 */
class ImportAuditTest {
  private static final Set<String> EXPORTED = Set.of("id", "name", "country", "unit", "city", "address", "latitude",
      "longitude", "levels", "themes", "languages", "students", "teachers", "email", "website", "nationalId");

  /** An entry as AUDIT_LOG keeps it: its country is what NCs read it by. */
  private record Entry(String action, String entityId, String country, Map<String, ?> after) {}

  private final List<Entry> audited = new ArrayList<>();
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private DirectoryImport imports;

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> audited.add(new Entry(action, id, country, after));
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, audit, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    imports = new DirectoryImport(database, countries, TransitionsTest.POLICY, audit, profiles, schools);
  }

  private static ImportRow row(int line, SchoolInput school) {
    return new ImportRow(line, null, school, List.of());
  }

  /** The school {@code id} as an exported row, its number of students changed. */
  private ImportRow update(int line, long id, int students) {
    SchoolInput s = schools.school(HQ, id).input();
    return new ImportRow(line, id, new SchoolInput(s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(),
        s.longitude(), s.levels(), s.themes(), s.languages(), students, s.teachers(), s.email(), s.website(), s.nationalId(),
        s.fields()), List.of(), EXPORTED);
  }

  private List<Entry> imports() {
    return audited.stream().filter(e -> e.action().equals("schools.import")).toList();
  }

  private static Map<String, Object> after(String file, int rows, int created, int updated, List<String> countries) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file);
    m.put("rows", rows);
    m.put("written", created + updated);
    m.put("created", created);
    m.put("updated", updated);
    m.put("duplicates", "REJECT");
    m.put("countries", countries);
    return m;
  }

  @Test
  void hqsImportOfSeveralCountriesIsOneEntryPerCountryWithThatCountrysCounts() {
    long lyon = lifecycle.apply(HQ, Schools.in("FR", "Lycée Ancien", "Lyon", null), false).schoolId();
    SchoolImport.Source file = List.of(
        row(2, Schools.in("FR", "Lycée Un", "Lyon", null)),
        row(3, Schools.in("DE", "Gymnasium Eins", "Bonn", null)),
        row(4, Schools.in("FR", "Collège Deux", "Nantes", null)),
        update(5, lyon, 640),
        row(6, Schools.in("DE", "Gymnasium Zwei", "Köln", null)),
        row(7, Schools.in("DE", "Gymnasium Drei", "Köln", null)))::iterator;

    ImportReport report = imports.write(HQ, file, SchoolImport.Duplicates.REJECT, "europe.csv", n -> { });
    assertEquals(6, report.written());
    List<Entry> entries = imports();
    assertEquals(List.of("DE", "FR"), entries.stream().map(Entry::country).toList(), "one entry per country, none without");
    assertEquals(after("europe.csv", 6, 3, 0, List.of("DE", "FR")), entries.get(0).after(), "Germany's");
    assertEquals(after("europe.csv", 6, 2, 1, List.of("DE", "FR")), entries.get(1).after(), "France's");
    assertEquals(List.of("europe.csv", "europe.csv"), entries.stream().map(Entry::entityId).toList());
    assertEquals(report.written(), entries.stream().mapToInt(e -> (Integer) e.after().get("written")).sum(),
        "together, what the import wrote");
  }

  @Test
  void anImportOfOneCountryIsOneEntryOfThatCountryAsBefore() {
    SchoolImport.Source file = List.of(row(2, Schools.in("FR", "Lycée Un", "Lyon", null)),
        row(3, Schools.in("FR", "Collège Deux", "Nantes", null)))::iterator;
    imports.write(NC_FR, file, SchoolImport.Duplicates.REJECT, "fr.csv", n -> { });
    assertEquals(List.of(new Entry("schools.import", "fr.csv", "FR", after("fr.csv", 2, 2, 0, List.of("FR")))), imports());
  }

  @Test
  void anImportThatWroteNothingIsOneEntryWithoutACountry() {
    long lyon = lifecycle.apply(HQ, Schools.in("FR", "Lycée Ancien", "Lyon", null), false).schoolId();
    int students = schools.school(HQ, lyon).students() == null ? 0 : schools.school(HQ, lyon).students();
    SchoolImport.Source unchanged = List.of(update(2, lyon, students))::iterator;
    ImportReport report = imports.write(HQ, unchanged, SchoolImport.Duplicates.REJECT, "same.csv", n -> { });
    assertEquals(1, report.unchanged(), report.toString());
    List<Entry> entries = imports();
    assertEquals(1, entries.size(), entries.toString());
    assertEquals(null, entries.get(0).country());
    assertEquals(after("same.csv", 1, 0, 0, List.of()), entries.get(0).after());
  }
}
