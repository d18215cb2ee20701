package org.unesco.aspnet.export.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.export.TableReader;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.web.Json;

/**
 * Operator commands in the Gogo shell ({@code bin/aspnet --console}), acting as the platform
 * itself (HQ scope): {@code aspnet:export schools csv /tmp/schools.csv country=FR} and {@code
 * aspnet:import /tmp/schools.csv [dryRun|write] [reject|skip|allow]}, both with a progress bar.
 * Plain service properties: nothing here needs Gogo at run time.
 */
@Component(
    service = ExportCommands.class,
    property = {"osgi.command.scope=aspnet", "osgi.command.function=export", "osgi.command.function=import"})
public final class ExportCommands {
  private static final int BAR = 30;
  private static final String FILE = "a .csv or .xlsx file whose columns are named by header (English, French or Spanish)";
  private static final String MODE = "dryRun (checks, writes nothing) or write (every row or none)";
  private static final String DUPLICATES =
      "rows that look like existing schools: reject (the import fails, naming them), skip (left out) or allow (written)";

  private final Exports exports;
  private final ImportJobs jobs;

  @Activate
  public ExportCommands(@Reference Exports exports, @Reference ImportJobs jobs) {
    this.exports = exports;
    this.jobs = jobs;
  }

  /** export <dataset> <format> <file> [name=value...]: writes the file, showing rows as they go. */
  @Descriptor("exports a dataset to a file, as the platform (every country), with a progress count")
  public String export(
      @Descriptor("schools, memberships, annual-reports, participations or submissions") String dataset,
      @Descriptor("csv, json, ndjson, or a plugin's format (xlsx, geojson)") String format,
      @Descriptor("the file to write (written whole or not at all)") String file,
      @Descriptor("filters as in the API, e.g. country=FR status=MEMBER") String... filters) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        return "filters are name=value, e.g. country=FR";
      }
      parameters.put(f.substring(0, eq), f.substring(eq + 1));
    }
    Path target = Path.of(file).toAbsolutePath();
    Path part = target.resolveSibling(target.getFileName() + ".part");
    PrintStream console = System.out;
    long start = System.nanoTime();
    long rows;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
      OutputStream counting = new OutputStream() {
        long bytes;
        long shown;

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          tick(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          tick(len);
        }

        private void tick(int n) {
          bytes += n;
          if (bytes - shown > (8 << 20)) {
            shown = bytes;
            console.print("\r" + spinner(bytes) + " " + (bytes >> 20) + " MB written");
          }
        }
      };
      rows = exports.export(Principal.system(), dataset, format, parameters, (exporter, name) -> counting);
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return String.format(Locale.ROOT, "\r%s %d rows to %s in %.1f s", "[" + "#".repeat(BAR) + "]", rows, target, ms / 1000.0);
  }

  /** import <file> [dryRun|write] [reject|skip|allow]: checks or writes, with processed / total. */
  public String importSchools(String file, String mode, String duplicates) throws Exception {
    Path source = Path.of(file).toAbsolutePath();
    String ext = source.getFileName().toString();
    String format = ext.substring(ext.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    TableReader reader = exports.readers().get(format);
    if (reader == null) {
      return "no reader for ." + format + "; installed: " + exports.readers().keySet();
    }
    boolean dryRun = !"write".equalsIgnoreCase(mode);
    Path copy = Files.createTempFile("aspnet-import-", "." + format);
    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
    ImportJobs.Job job = jobs.start(Principal.system(), reader, format, copy, source.getFileName().toString(), dryRun,
        SchoolImport.Duplicates.valueOf(duplicates.toUpperCase(Locale.ROOT)), null);
    PrintStream console = System.out;
    while (!job.await(Duration.ofMillis(250))) {
      console.print("\r" + bar(job.processed(), job.total()));
    }
    console.print("\r" + bar(job.processed(), Math.max(job.total(), 0)) + "\n");
    java.util.Map<String, Object> view = new LinkedHashMap<>(job.view());
    var report = job.report();
    if (report != null && report.rows().size() > 20) {
      // the console shows the counts and the first rows; the HTTP job has them all
      java.util.Map<String, Object> shown = Json.MAPPER.convertValue(report, java.util.Map.class);
      shown.put("rows", report.rows().subList(0, 20));
      shown.put("rowsNotShown", report.rows().size() - 20);
      view.put("report", shown);
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view);
  }

  /**
   * Gogo calls a function by its name: {@code import} is a Java keyword, hence these overloads.
   * Gogo's {@code help} finds no method named import, so {@code aspnet:import} alone says how to use it.
   */
  @Descriptor("says how to use aspnet:import")
  public String _import() {
    return String.join("\n",
        "aspnet:import <file> [<mode>] [<duplicates>]",
        "   imports a CSV or XLSX file of schools as the platform (every country), with a progress bar",
        "   file:       " + FILE,
        "   mode:       " + MODE + "; dryRun if not given",
        "   duplicates: " + DUPLICATES + "; reject if not given",
        "e.g. aspnet:import /tmp/ecoles.csv write skip");
  }


  @Descriptor("checks a CSV or XLSX file of schools row by row and writes nothing (a dry run)")
  public String _import(@Descriptor(FILE) String file) throws Exception {
    return importSchools(file, "dryRun", "reject");
  }

  @Descriptor("imports a CSV or XLSX file of schools: a dry run, or every row written or none")
  public String _import(@Descriptor(FILE) String file, @Descriptor(MODE) String mode) throws Exception {
    return importSchools(file, mode, "reject");
  }

  @Descriptor("imports a CSV or XLSX file of schools, saying what to do with rows that look like existing schools")
  public String _import(@Descriptor(FILE) String file, @Descriptor(MODE) String mode,
      @Descriptor(DUPLICATES) String duplicates)
      throws Exception {
    return importSchools(file, mode, duplicates);
  }

  static String bar(int processed, int total) {
    if (total <= 0) {
      return "[" + " ".repeat(BAR) + "] counting rows...";
    }
    int filled = (int) ((long) processed * BAR / total);
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + processed + " / " + total
        + " (" + (processed * 100L / total) + "%)";
  }

  private static char spinner(long bytes) {
    return "|/-\\".charAt((int) ((bytes >> 23) & 3));
  }
}
