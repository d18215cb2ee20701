package org.unesco.aspnet.export.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.export.TableReader;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.web.Json;

/**
 * Import jobs: one file, read from a temporary copy on disk, checked (dry run) or written, one job
 * at a time on a thread of its own so that progress can be read while it runs. Jobs are kept in
 * memory for an hour after they end (on the node that ran them); their file is deleted at the end.
 */
@Component(service = ImportJobs.class)
public final class ImportJobs {
  static final Duration KEEP = Duration.ofHours(1);

  /** RUNNING; DONE (checked, or written); REFUSED (nothing written: see the report); FAILED. */
  public enum State { QUEUED, RUNNING, DONE, REFUSED, FAILED }

  /** One import, as {@code GET /api/v1/imports/{id}} shows it. */
  public static final class Job {
    final String id = UUID.randomUUID().toString();
    final String owner;
    final String file;
    final String format;
    final boolean dryRun;
    final SchoolImport.Duplicates duplicates;
    final String country;
    final Instant startedAt = Instant.now();
    final AtomicInteger processed = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);
    volatile int total = -1;
    volatile State state = State.QUEUED;
    volatile Instant finishedAt;
    volatile ImportReport report;
    volatile Map<String, Object> problem;
    volatile Map<String, Object> columns;

    Job(String owner, String file, String format, boolean dryRun, SchoolImport.Duplicates duplicates, String country) {
      this.owner = owner;
      this.file = file;
      this.format = format;
      this.dryRun = dryRun;
      this.duplicates = duplicates;
      this.country = country;
    }

    public String id() {
      return id;
    }

    public boolean await(Duration d) throws InterruptedException {
      return done.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public State state() {
      return state;
    }

    public int processed() {
      return processed.get();
    }

    public int total() {
      return total;
    }

    public ImportReport report() {
      return report;
    }

    /**
     * A job that failed for the file's sake (a 4xx problem: unreadable, or the directory changed
     * under it) as the answer to its upload: the same problem, naming the job; else null.
     */
    public ProblemException refusal() {
      Map<String, Object> p = problem;
      if (state == State.FAILED && p != null && p.get("status") instanceof Integer status && status >= 400 && status < 500) {
        return new ProblemException(status, (String) p.get("type"), (String) p.get("title"), (String) p.get("detail"),
            java.util.List.of(), Map.of("job", id, "state", state.name()));
      }
      return null;
    }

    public Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("state", state.name());
      m.put("dryRun", dryRun);
      m.put("duplicates", duplicates.name());
      m.put("file", file);
      m.put("format", format);
      m.put("country", country);
      m.put("total", total < 0 ? null : total);
      m.put("processed", processed.get());
      m.put("startedAt", startedAt);
      m.put("finishedAt", finishedAt);
      m.put("columns", columns);
      m.put("report", report);
      m.put("problem", problem);
      return m;
    }
  }

  private final SchoolImport schools;
  private final Authorizer authorizer;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "aspnet-import");
    t.setDaemon(true);
    return t;
  });

  @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile Logger log;

  // The national profiles' labels are headers too; without the service, the core names only.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile org.unesco.aspnet.membership.ProfileService profiles;

  /**
   * The headers the active national profiles name their columns by, by {@link Headers#key}: each
   * field's export header in any case ({@code FIELDS.TYPEETABLISSEMENT}) and its label in every
   * language it has ("Type d'établissement" is {@code fields.typeEtablissement}),
   * and the profile's own names for the national id and the unit ("Numéro UAI", "Académie"). Those of
   * the file's country when it is known, else of every active profile (the first one to use a label
   * keeps it).
   */
  Map<String, String> profileHeaders(String fileCountry) {
    org.unesco.aspnet.membership.ProfileService p = profiles;
    if (p == null) {
      return Map.of();
    }
    Map<String, String> headers = new java.util.HashMap<>();
    for (String country : fileCountry != null ? java.util.List.of(fileCountry.toUpperCase(java.util.Locale.ROOT))
        : new java.util.TreeSet<>(p.countries())) {
      for (org.unesco.aspnet.membership.profile.Field f : p.fields(country)) {
        Headers.profileField(headers, f.key(), f.label().byLanguage().values());
      }
      for (java.util.Locale language : new java.util.Locale[] {null, java.util.Locale.ENGLISH}) {
        p.describe(country, language).map(view -> view.get("labels")).ifPresent(labels -> {
          if (labels instanceof Map<?, ?> named) {
            for (String[] core : new String[][] {{"school.nationalId", "nationalId"}, {"unit", "unit"}}) {
              if (named.get(core[0]) instanceof String label) {
                headers.putIfAbsent(Headers.key(label), core[1]);
              }
            }
          }
        });
      }
    }
    return headers;
  }

  @Activate
  public ImportJobs(@Reference SchoolImport schools, @Reference Authorizer authorizer) {
    this.schools = schools;
    this.authorizer = authorizer;
  }

  @Deactivate
  void stop() {
    worker.shutdownNow();
  }

  /**
   * Starts an import of {@code upload} (a temporary file this job now owns and deletes).
   *
   * @param country the country of the rows without one (upper case, a known country, checked by
   *     the caller), or null: then the importer's own country when they coordinate exactly one.
   *     Each row is still checked against what the importer may write.
   * @throws ProblemException 401/403 for who may not import, 400 for a file without the needed columns
   */
  public Job start(Principal actor, TableReader reader, String format, Path upload, String fileName, boolean dryRun,
      SchoolImport.Duplicates duplicates, String country) throws IOException {
    expire();
    if (actor.isAnonymous()) {
      Files.deleteIfExists(upload);
      throw ProblemException.unauthorized("Sign in to import schools");
    }
    if (!authorizer.allows(actor, Action.EDIT_SCHOOL, Target.everything())
        && !actor.has(Role.NATIONAL_COORDINATOR) && !actor.has(Role.SUBNATIONAL_COORDINATOR)) {
      Files.deleteIfExists(upload);
      throw ProblemException.forbidden("Schools are imported by National Coordinators and HQ");
    }
    Job job = new Job(actor.accountId(), fileName, format, dryRun, duplicates, country);
    SchoolSheet sheet;
    try {
      String fileCountry = country != null ? country : defaultCountry(actor);
      // what reading the file finds is told in the importer's language, as the rows' checks are
      sheet = new SchoolSheet(reader, upload, fileCountry, profileHeaders(fileCountry), actor.language());
    } catch (IOException e) {
      Files.deleteIfExists(upload);
      if (e instanceof FileSystemException) {
        throw e; // the temporary copy: ours (500 with an incident)
      }
      // its header unreadable: answered as a file found unreadable while the upload waits, a FAILED job
      logUnreadable(job, e);
      job.problem = Json.problemDocument(unreadable(e, actor.language()), "/api/v1/imports/" + job.id);
      job.state = State.FAILED;
      job.finishedAt = Instant.now();
      job.done.countDown();
      jobs.put(job.id, job);
      throw job.refusal();
    } catch (RuntimeException | Error e) {
      // a file without the columns needed (400), or a fault
      Files.deleteIfExists(upload);
      throw e;
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("matched", sheet.columns().keySet());
    columns.put("ignored", sheet.ignored());
    columns.put("headers", sheet.headers()); // so a report can name a field as the file does
    job.columns = columns;
    jobs.put(job.id, job);
    try {
      worker.execute(() -> run(actor, job, sheet, upload));
    } catch (RejectedExecutionException stopping) {
      jobs.remove(job.id);
      Files.deleteIfExists(upload);
      throw new ProblemException(503, ProblemException.TYPE_BASE + "service-unavailable", "Service unavailable",
          "Imports are stopping (the export bundle is being updated); send the file again in a moment");
    }
    return job;
  }

  /**
   * A file refused as unreadable is the sender's to fix, not an incident: nothing is logged at the
   * default level. At DEBUG (org.unesco.aspnet.export=DEBUG in config/org.osgi.service.log.admin.cfg)
   * what the reader met, the spreadsheet library's own words the sender is not shown, goes to the
   * log in one line, so that an operator can tell a broken file from a reader's fault.
   */
  private void logUnreadable(Job job, IOException e) {
    Logger l = log;
    if (l != null) {
      l.debug("Import {} ({}): the file cannot be read: {}{}", job.id, job.file, e.getMessage(),
          e.getCause() == null ? "" : " (" + e.getCause() + ")");
    }
  }

  /**
   * The reader's words for a file it cannot read, e.g. "line 2: a quoted field is not closed": the
   * sender's to fix, in {@code language} (the reader's words are, when it writes that language).
   */
  static ProblemException unreadable(IOException e, String language) {
    return ProblemException.badRequest(ImportMessages.get(language, "unreadable", e.getMessage()));
  }

  /**
   * Whatever happens on the job's thread, the job ends (never left RUNNING): DONE or REFUSED with
   * its report, FAILED with a 400 when the file cannot be read, a 409 when the directory changed
   * under it, a 500 for anything else (an incident in the log). A real run writes in one
   * transaction, rolled back on any of these, an OutOfMemoryError included: nothing is written.
   */
  private void run(Principal actor, Job job, SchoolSheet sheet, Path upload) {
    job.state = State.RUNNING;
    try {
      job.total = sheet.count();
      ImportReport report = job.dryRun
          ? schools.check(actor, sheet, job.duplicates, job.processed::set)
          : schools.write(actor, sheet, job.duplicates, job.file, job.processed::set);
      job.report = report;
      boolean refused = report.invalid() > 0 || (job.duplicates == SchoolImport.Duplicates.REJECT && report.duplicates() > 0);
      job.state = !job.dryRun && refused ? State.REFUSED : State.DONE;
    } catch (ProblemException p) {
      job.problem = Json.problemDocument(p, "/api/v1/imports/" + job.id);
      job.state = State.FAILED;
    } catch (IOException | UncheckedIOException e) {
      // The reader's own words, e.g. "line 2: a quoted field is not closed": the file's fault.
      // The temporary copy gone or unreadable is ours.
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      if (cause instanceof FileSystemException) {
        failed(job, e);
      } else {
        logUnreadable(job, cause);
        job.problem = Json.problemDocument(unreadable(cause, actor.language()), "/api/v1/imports/" + job.id);
        job.state = State.FAILED;
      }
    } catch (Throwable e) { // an Error too: a job left RUNNING would be polled for an hour
      failed(job, e);
    } finally {
      sheet.close(); // the rows of a pass that stopped half-way
      if (job.state == State.RUNNING) {
        // failed() could not finish (memory still short): the job ends all the same
        job.problem = FAILED_PROBLEM;
        job.state = State.FAILED;
      }
      job.finishedAt = Instant.now();
      try {
        Files.deleteIfExists(upload);
      } catch (IOException ignored) {
        // the temporary folder is cleaned by the system
      }
      job.done.countDown();
    }
  }

  /** A job that failed without an incident to name (made in advance: there may be no memory left to make it). */
  private static final Map<String, Object> FAILED_PROBLEM = Map.of("status", 500, "title", "Import failed", "detail",
      "Nothing was written.");

  /** A fault of the platform: reported as a 500 in the job, logged with an incident id. */
  private void failed(Job job, Throwable e) {
    String incident = UUID.randomUUID().toString().substring(0, 8);
    job.problem = Map.of("status", 500, "title", "Import failed", "detail",
        "Nothing was written. Incident " + incident, "incident", incident);
    job.state = State.FAILED;
    Logger l = log;
    try {
      if (l != null) {
        l.error("Import {} failed (incident {}): {}", job.id, incident, e.toString(), e);
      }
    } catch (RuntimeException | Error notLogged) {
      // the job has ended with its problem; the log is the one thing missing
    }
  }

  /** The job, for its owner or HQ; 404 for anyone else. */
  public Job get(Principal actor, String id) {
    Job job = jobs.get(id);
    if (job == null || actor.isAnonymous()
        || !(job.owner.equals(actor.accountId()) || authorizer.allows(actor, Action.VIEW_AUDIT, Target.everything()))) {
      if (actor.isAnonymous()) {
        throw ProblemException.unauthorized("Sign in to see imports");
      }
      throw ProblemException.notFound("There is no import " + id);
    }
    return job;
  }

  /** Without {@code ?country=}, an NC of exactly one country imports into it when the file has no country column. */
  static String defaultCountry(Principal actor) {
    var countries = actor.grants().stream()
        .filter(g -> g.role() == Role.NATIONAL_COORDINATOR || g.role() == Role.SUBNATIONAL_COORDINATOR)
        .map(Grant::country).distinct().toList();
    return countries.size() == 1 ? countries.get(0) : null;
  }

  private void expire() {
    Instant limit = Instant.now().minus(KEEP);
    jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(limit));
  }
}
