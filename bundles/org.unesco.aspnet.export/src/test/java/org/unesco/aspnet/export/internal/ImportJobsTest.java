package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.SchoolImport;

/**
 * A file that cannot be read is the sender's problem (400, saying where), not a server fault; the
 * country of rows without one comes from {@code ?country=}, else the coordinator's only country.
 */
class ImportJobsTest {
  @TempDir Path dir;

  private static final Principal NC_KE = new Principal("nc", "nc@example.org", "NC", "en",
      List.of(Grant.country(Role.NATIONAL_COORDINATOR, "KE")));
  private static final Principal HQ = new Principal("hq", "hq@example.org", "HQ", "en",
      List.of(Grant.global(Role.HQ_OFFICER)));

  /** Never reached: the file fails before any row is checked. */
  private static final SchoolImport NEVER = new SchoolImport() {
    @Override
    public ImportReport check(Principal actor, Source rows, Duplicates duplicates, IntConsumer progress) {
      return fail("checked a file that cannot be read");
    }

    @Override
    public ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress) {
      return fail("wrote a file that cannot be read");
    }
  };

  /** A dry run that notes the country of each row it is given, in file order. */
  private static final class Recording implements SchoolImport {
    final List<String> countries = new ArrayList<>();
    volatile Duplicates checkedWith;

    @Override
    public ImportReport check(Principal actor, Source rows, Duplicates duplicates, IntConsumer progress) {
      checkedWith = duplicates;
      rows.open().forEachRemaining(r -> countries.add(r.school().country()));
      return new ImportReport(true, countries.size(), countries.size(), 0, 0, 0, List.of(), false);
    }

    @Override
    public ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress) {
      return fail("a dry run wrote");
    }
  }

  private static List<String> countries(ImportJobs.Job job, Recording seen) throws InterruptedException {
    assertTrue(job.await(Duration.ofSeconds(10)));
    assertEquals(ImportJobs.State.DONE, job.state(), String.valueOf(job.view().get("problem")));
    return seen.countries;
  }

  @Test
  void anUnclosedQuoteIsA400NamingItsLineNotAServerFault() throws Exception {
    Path file = dir.resolve("q.csv");
    Files.writeString(file, "name,country,city,address,levels,email\n"
        + "\"Unterminated,KE,Nairobi,x,PRIMARY,a@example.org\n", StandardCharsets.UTF_8);
    ImportJobs jobs = new ImportJobs(NEVER, (actor, action, target) -> true);
    try {
      ImportJobs.Job job = jobs.start(NC_KE, new CsvReader(), "csv", file, "q.csv", true, SchoolImport.Duplicates.REJECT, null);
      assertTrue(job.await(Duration.ofSeconds(10)));
      assertEquals(ImportJobs.State.FAILED, job.state());
      @SuppressWarnings("unchecked")
      Map<String, Object> problem = (Map<String, Object>) job.view().get("problem");
      assertEquals(400, problem.get("status"), problem.toString());
      assertEquals("The file cannot be read: line 2: a quoted field is not closed", problem.get("detail"));
      assertTrue(!problem.containsKey("incident"), problem.toString());
      assertTrue(Files.notExists(file), "the temporary copy is deleted");
    } finally {
      jobs.stop();
    }
  }

  @Test
  void hqImportsANationalListWithoutACountryColumnIntoTheCountryItNames() throws Exception {
    Path file = dir.resolve("ecoles.csv");
    Files.writeString(file, "Nom;Ville;Adresse;Niveaux;Courriel\n"
        + "Lycée Hugo;Lyon;1 rue A;SECONDARY;a@example.org\n"
        + "Collège Camus;Paris;2 rue B;SECONDARY;b@example.org\n", StandardCharsets.UTF_8);
    Recording seen = new Recording();
    ImportJobs jobs = new ImportJobs(seen, (actor, action, target) -> true);
    try {
      ImportJobs.Job job = jobs.start(HQ, new CsvReader(), "csv", file, "ecoles.csv", true, SchoolImport.Duplicates.REJECT, "FR");
      assertEquals(List.of("FR", "FR"), countries(job, seen));
      assertEquals("FR", job.view().get("country"));
    } finally {
      jobs.stop();
    }
  }

  /** A dry run with duplicates=skip is checked as the real run would write it: skipped duplicates are not counted created. */
  @Test
  void aDryRunIsCheckedWithTheDuplicatesOfTheRequest() throws Exception {
    for (SchoolImport.Duplicates duplicates : SchoolImport.Duplicates.values()) {
      Path file = dir.resolve("schools.csv");
      Files.writeString(file, SCHOOLS, StandardCharsets.UTF_8);
      Recording seen = new Recording();
      ImportJobs jobs = new ImportJobs(seen, (actor, action, target) -> true);
      try {
        ImportJobs.Job job = jobs.start(HQ, new CsvReader(), "csv", file, "schools.csv", true, duplicates, null);
        assertEquals(List.of("KE", "KE"), countries(job, seen));
        assertEquals(duplicates, seen.checkedWith);
      } finally {
        jobs.stop();
      }
    }
  }

  @Test
  void withoutTheCountryParameterHqMustGiveACountryColumn() throws Exception {
    Path file = dir.resolve("ecoles.csv");
    Files.writeString(file, "Nom;Ville;Adresse;Niveaux;Courriel\nLycée Hugo;Lyon;1 rue A;SECONDARY;a@example.org\n",
        StandardCharsets.UTF_8);
    ImportJobs jobs = new ImportJobs(NEVER, (actor, action, target) -> true);
    try {
      ProblemException p = assertThrows(ProblemException.class,
          () -> jobs.start(HQ, new CsvReader(), "csv", file, "ecoles.csv", true, SchoolImport.Duplicates.REJECT, null));
      assertEquals(List.of("country"), p.errors().stream().map(e -> e.field()).toList());
      assertTrue(p.errors().get(0).message().contains("?country="), p.errors().toString());
      assertTrue(Files.notExists(file), "the temporary copy is deleted");
    } finally {
      jobs.stop();
    }
  }

  @Test
  void theCountryParameterFillsEmptyCountryCellsAndOutranksTheCoordinatorsOwnCountry() throws Exception {
    Path file = dir.resolve("mixed.csv");
    Files.writeString(file, "name,country,city,address,levels,email\n"
        + "Lycée Hugo,,Lyon,1 rue A,SECONDARY,a@example.org\n"
        + "Alliance High School,KE,Nairobi,2 Main Street,SECONDARY,b@example.org\n", StandardCharsets.UTF_8);
    Recording seen = new Recording();
    ImportJobs jobs = new ImportJobs(seen, (actor, action, target) -> true);
    try {
      // An NC of Kenya naming France: the rows are France's, and the membership bundle's per-row
      // check (EDIT_SCHOOL in the row's country) refuses them as for a file that says FR.
      ImportJobs.Job job = jobs.start(NC_KE, new CsvReader(), "csv", file, "mixed.csv", true, SchoolImport.Duplicates.REJECT, "FR");
      assertEquals(List.of("FR", "KE"), countries(job, seen), "a country cell keeps its country");
    } finally {
      jobs.stop();
    }
  }

  /** A dry run whose check throws {@code thrown} once it has read the rows (what a file had done: OutOfMemoryError). */
  private static SchoolImport throwing(Throwable thrown) {
    return new SchoolImport() {
      @Override
      public ImportReport check(Principal actor, Source rows, Duplicates duplicates, IntConsumer progress) {
        rows.open().next(); // a pass left half-way: its rows are closed with the job
        progress.accept(1);
        throw sneaky(thrown);
      }

      @Override
      public ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress) {
        throw sneaky(thrown);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  private static final String SCHOOLS = "name,country,city,address,levels,email\n"
      + "Alliance High School,KE,Nairobi,1 Main Street,SECONDARY,a@example.org\n"
      + "Kenya High School,KE,Nairobi,2 Main Street,SECONDARY,b@example.org\n";

  @Test
  void whateverIsThrownOnTheJobsThreadTheJobEndsFailedNeverRunning() throws Exception {
    for (Throwable thrown : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(), new AssertionError("bug"),
        new IllegalStateException("bug"), new java.io.IOException("line 3: broken"))) {
      for (boolean dryRun : new boolean[] {true, false}) {
        Path file = dir.resolve("schools.csv");
        Files.writeString(file, SCHOOLS, StandardCharsets.UTF_8);
        ImportJobs jobs = new ImportJobs(throwing(thrown), (actor, action, target) -> true);
        try {
          ImportJobs.Job job = jobs.start(HQ, new CsvReader(), "csv", file, "schools.csv", dryRun, SchoolImport.Duplicates.REJECT, null);
          assertTrue(job.await(Duration.ofSeconds(10)), thrown + ": the job ends");
          assertEquals(ImportJobs.State.FAILED, job.state(), thrown.toString());
          Map<String, Object> view = job.view();
          assertTrue(view.get("finishedAt") != null, view.toString());
          @SuppressWarnings("unchecked")
          Map<String, Object> problem = (Map<String, Object>) view.get("problem");
          if (thrown instanceof java.io.IOException) {
            assertEquals(400, problem.get("status"), "the reader's words: the file's fault");
            assertEquals("The file cannot be read: line 3: broken", problem.get("detail"));
          } else {
            assertEquals(500, problem.get("status"), thrown + ": " + problem);
            assertTrue(String.valueOf(problem.get("detail")).startsWith("Nothing was written. Incident "), problem.toString());
            assertTrue(problem.containsKey("incident"), problem.toString());
            assertEquals(null, job.refusal(), "a fault of the platform is no answer about the file");
          }
          assertTrue(Files.notExists(file), "the temporary copy is deleted");
        } finally {
          jobs.stop();
        }
      }
    }
  }

  @Test
  void aFileWhoseHeaderCannotBeReadIsA400NamingItsFailedJob() throws Exception {
    Path file = dir.resolve("ecoles.csv");
    // saved by Excel as "CSV (comma delimited)": Windows-1252
    Files.write(file, "Nom;Ville;Adresse;Niveaux;Courriel;Élèves\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
    ImportJobs jobs = new ImportJobs(NEVER, (actor, action, target) -> true);
    try {
      ProblemException p = assertThrows(ProblemException.class,
          () -> jobs.start(NC_KE, new CsvReader(), "csv", file, "ecoles.csv", true, SchoolImport.Duplicates.REJECT, null));
      assertEquals(400, p.status());
      assertTrue(p.detail().startsWith("The file cannot be read: line 1 is not UTF-8 (byte 0xC9)"), p.detail());
      assertEquals("FAILED", p.extensions().get("state"));
      ImportJobs.Job job = jobs.get(NC_KE, (String) p.extensions().get("job"));
      assertEquals(ImportJobs.State.FAILED, job.state());
      @SuppressWarnings("unchecked")
      Map<String, Object> problem = (Map<String, Object>) job.view().get("problem");
      assertEquals(400, problem.get("status"), "kept in the job");
      assertEquals(p.detail(), problem.get("detail"));
      assertTrue(Files.notExists(file), "the temporary copy is deleted");
    } finally {
      jobs.stop();
    }
  }

  @Test
  void aCsvThatIsNotUtf8FurtherDownFailsItsJobWithA400NamingTheLine() throws Exception {
    Path file = dir.resolve("schools.csv");
    StringBuilder csv = new StringBuilder(SCHOOLS);
    for (int i = 4; i < 3000; i++) { // beyond what the reader reads ahead at the header
      csv.append("School ").append(i).append(",KE,Nairobi,").append(i).append(" Main Street,SECONDARY,s").append(i).append("@example.org\n");
    }
    csv.append("Ecole Fran\u00e7aise,KE,Nairobi,3000 Main Street,SECONDARY,f@example.org\n");
    Files.write(file, csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
    ImportJobs jobs = new ImportJobs(NEVER, (actor, action, target) -> true);
    try {
      ImportJobs.Job job = jobs.start(HQ, new CsvReader(), "csv", file, "schools.csv", true, SchoolImport.Duplicates.REJECT, null);
      assertTrue(job.await(Duration.ofSeconds(10)));
      assertEquals(ImportJobs.State.FAILED, job.state());
      ProblemException refusal = job.refusal();
      assertEquals(400, refusal.status());
      assertTrue(refusal.detail().startsWith("The file cannot be read: line 3000 is not UTF-8 (byte 0xE7): "), refusal.detail());
      assertTrue(refusal.detail().contains("\"CSV UTF-8 (comma delimited)\"") && refusal.detail().contains("\"Unicode (UTF-8)\""),
          "how to save it, in Excel and in LibreOffice: " + refusal.detail());
    } finally {
      jobs.stop();
    }
  }
}
