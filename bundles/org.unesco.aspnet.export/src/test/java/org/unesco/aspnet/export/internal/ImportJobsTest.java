package org.unesco.aspnet.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.SchoolImport;

/** A file that cannot be read is the sender's problem (400, saying where), not a server fault. */
class ImportJobsTest {
  @TempDir Path dir;

  private static final Principal NC_KE = new Principal("nc", "nc@example.org", "NC", "en",
      List.of(Grant.country(Role.NATIONAL_COORDINATOR, "KE")));

  /** Never reached: the file fails before any row is checked. */
  private static final SchoolImport NEVER = new SchoolImport() {
    @Override
    public ImportReport check(Principal actor, Source rows, IntConsumer progress) {
      return fail("checked a file that cannot be read");
    }

    @Override
    public ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress) {
      return fail("wrote a file that cannot be read");
    }
  };

  @Test
  void anUnclosedQuoteIsA400NamingItsLineNotAServerFault() throws Exception {
    Path file = dir.resolve("q.csv");
    Files.writeString(file, "name,country,city,address,levels,email\n"
        + "\"Unterminated,KE,Nairobi,x,PRIMARY,a@example.org\n", StandardCharsets.UTF_8);
    ImportJobs jobs = new ImportJobs(NEVER, (actor, action, target) -> true);
    try {
      ImportJobs.Job job = jobs.start(NC_KE, new CsvReader(), "csv", file, "q.csv", true, SchoolImport.Duplicates.REJECT);
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
}
