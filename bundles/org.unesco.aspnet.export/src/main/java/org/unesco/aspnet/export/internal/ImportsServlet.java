package org.unesco.aspnet.export.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.export.TableReader;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code POST /api/v1/imports?dryRun=true&duplicates=reject|skip|allow&format=csv|xlsx&country=FR}
 * with the file as the body: answers 200 with the finished job when it ends within a few seconds
 * (small files), otherwise 202 with {@code Location: /api/v1/imports/{id}}; {@code GET
 * /api/v1/imports/{id}} shows processed / total while it runs and the report when it is done.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/imports", "/api/v1/imports/*"})
@OpenApiFragment("openapi/export.json")
public final class ImportsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  static final Duration WAIT = Duration.ofSeconds(3);
  /** The query parameters it reads; any other is a 400. */
  static final List<String> PARAMETERS = List.of("dryRun", "duplicates", "format", "file", "country", "lang");
  private static final Pattern ISO2 = Pattern.compile("[A-Z]{2}");

  private final transient Exports exports;
  private final transient ImportJobs jobs;
  private final transient CountryService countries;

  @Activate
  public ImportsServlet(@Reference Exports exports, @Reference ImportJobs jobs, @Reference CountryService countries) {
    this.exports = exports;
    this.jobs = jobs;
    this.countries = countries;
  }

  /** An import starts with POST to the collection; its job is read with GET /{id}. */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.equals("/")) {
      return Set.of("POST");
    }
    return info.indexOf('/', 1) < 0 ? Set.of("GET") : Set.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String info = request.getPathInfo(); // one segment: methodsAt
    onlyParameters(request, Set.of(), "; a job is read whole"); // as POST refuses what it would ignore
    ImportJobs.Job job = jobs.get(principal(request), info.substring(1));
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, job.view());
  }

  /**
   * The audit log names an import by its file: one line, of which the first {@value
   * #FILE_NAME_MAX} characters are kept (a long spreadsheet name is no reason to refuse the file).
   */
  static final int FILE_NAME_MAX = 100;

  static String fileName(String file, String language) {
    if (file == null) {
      return null;
    }
    String name = file.strip();
    if (name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
      throw ProblemException.validation("file", ImportMessages.get(language, "fileName"));
    }
    // the column counts UTF-16 units on Derby: cut there, never between the two halves of an emoji
    int end = Math.min(FILE_NAME_MAX, name.length());
    if (end < name.length() && Character.isLowSurrogate(name.charAt(end))) {
      end--;
    }
    return name.substring(0, end);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal actor = principalSpeaking(request); // row errors of national fields in the request's language
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to import schools");
    }
    // from the query alone (an unknown parameter is told with the others' mistakes, in asked): the body is the file, whatever Content-Type curl gave it
    Asked asked = asked(queryParameters(request), countries::exists, exports.readers().keySet(), actor.language());
    boolean dryRun = asked.dryRun();
    SchoolImport.Duplicates duplicates = asked.duplicates();
    String country = asked.country();
    String file = asked.file();
    String format = asked.format();
    TableReader reader = format == null ? byMediaType(request.getContentType()) : exports.readers().get(format);
    if (format == null && reader != null) {
      format = exports.readers().entrySet().stream().filter(e -> e.getValue() == reader).map(Map.Entry::getKey).findFirst().orElse("?");
    }
    if (reader == null) {
      throw new ProblemException(415, ProblemException.TYPE_BASE + "unsupported-media-type", "Unsupported media type",
          "Send a file in one of " + exports.readers().keySet() + " (Content-Type such as text/csv, or ?format=)");
    }
    Path upload = Files.createTempFile("aspnet-import-", "." + format);
    try (InputStream in = request.getInputStream()) {
      Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(upload);
      throw e;
    }
    String fileName = file == null ? "upload." + format : file;
    ImportJobs.Job job = jobs.start(actor, reader, format, upload, fileName, dryRun, duplicates, country);
    response.setHeader("Location", "/api/v1/imports/" + job.id());
    response.setHeader("Cache-Control", "no-store");
    try {
      if (job.await(WAIT)) {
        refuseIfTheFileWasTheProblem(job);
        Json.write(response, 200, job.view());
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    response.setHeader("Retry-After", "2"); // progress moves by the second; a client polling faster learns nothing
    Json.write(response, 202, job.view());
  }

  /** What the query asks for; {@code format} in lower case, or null to go by the Content-Type. */
  record Asked(boolean dryRun, SchoolImport.Duplicates duplicates, String country, String file, String format) {}

  /** The query read, every parameter's mistake told at once, field by field, in one 400. */
  static Asked asked(Map<String, String> query, Predicate<String> knownCountry, Set<String> formats, String language) {
    List<FieldError> errors = new ArrayList<>();
    boolean dryRun = ProblemException.collected(errors, () -> dryRun(query.get("dryRun"), language), true);
    SchoolImport.Duplicates duplicates = ProblemException.collected(errors, () -> duplicates(query.get("duplicates"), language), null);
    String country = ProblemException.collected(errors, () -> country(query.get("country"), knownCountry, language), null);
    String file = ProblemException.collected(errors, () -> fileName(query.get("file"), language), null);
    String format = query.get("format") == null ? null : query.get("format").toLowerCase(Locale.ROOT);
    if (format != null && !formats.contains(format)) {
      // a parameter with a value we do not read: told on the parameter, as any other (415 is for a Content-Type)
      errors.add(new FieldError("format", ImportMessages.get(language, "formats", String.join(", ", formats))));
    }
    for (String name : query.keySet()) {
      // a misspelt parameter is one more mistake of the query, not one that hides the others
      if (!PARAMETERS.contains(name)) {
        errors.add(new FieldError(name, ImportMessages.get(language, "notParameter", String.join(", ", PARAMETERS))));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return new Asked(dryRun, duplicates, country, file, format);
  }

  /**
   * A file that could not be read, found while the client still waits: the same 4xx problem as a
   * file whose header could not be read (a corrupt XLSX), naming the job.
   */
  private static void refuseIfTheFileWasTheProblem(ImportJobs.Job job) {
    ProblemException refusal = job.refusal();
    if (refusal != null) {
      throw refusal;
    }
  }

  private TableReader byMediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (TableReader r : exports.readers().values()) {
      if (r.mediaTypes().contains(type)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Absent: a real run. Present without a value ({@code ?dryRun}): a check, the safe reading of
   * a bare flag; a real run must not start from a typo.
   */
  static boolean dryRun(String v, String language) {
    if (v == null) {
      return false;
    }
    String s = v.strip();
    if (s.isEmpty() || s.equalsIgnoreCase("true") || s.equals("1")) {
      return true;
    }
    if (s.equalsIgnoreCase("false") || s.equals("0")) {
      return false;
    }
    throw ProblemException.validation("dryRun", ImportMessages.get(language, "trueOrFalse"));
  }

  /**
   * {@code ?country=fr}: the country of the rows without one, in upper case; absent, null. Any
   * case, but a known ISO 3166-1 alpha-2 code: a typo must not import a file into no country.
   */
  static String country(String v, Predicate<String> known, String language) {
    if (v == null) {
      return null;
    }
    String code = v.strip().toUpperCase(Locale.ROOT);
    if (!ISO2.matcher(code).matches()) {
      throw ProblemException.validation("country", ImportMessages.get(language, "countryCode"));
    }
    if (!known.test(code)) {
      throw ProblemException.validation("country", ImportMessages.get(language, "countryUnknown", code));
    }
    return code;
  }

  private static SchoolImport.Duplicates duplicates(String v, String language) {
    if (v == null || v.isBlank()) {
      return SchoolImport.Duplicates.REJECT;
    }
    try {
      return SchoolImport.Duplicates.valueOf(v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("duplicates", ImportMessages.get(language, "duplicates"));
    }
  }
}
