package org.unesco.aspnet.membership.internal;

import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.core.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.Revisions;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/schools} (directory), {@code GET/PATCH /api/v1/schools/{id}} (profile with
 * ETag and If-Match) and {@code POST /api/v1/schools/{id}/applications} (apply again).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/schools", "/api/v1/schools/*"})
@OpenApiFragment("openapi/membership.json")
public final class SchoolsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FILTERS =
      Set.of("country", "unit", "region", "status", "level", "theme", "language", "q", "limit", "cursor", "sort", "updatedSince");
  private static final int Q_MAX = 100;

  private final transient SchoolService schools;
  /** The same service as {@code schools}, for the public pages it keeps in memory. */
  private final transient SchoolDirectory directory;
  private final transient MembershipService memberships;
  private final transient CountryService countries;
  private final transient AnnualReportService reports;

  /** The national rules, checked with the rest when a field has the wrong type (SchoolForm). */
  private final transient NationalProfiles profiles;

  @Activate
  public SchoolsServlet(
      @Reference SchoolDirectory directory,
      @Reference MembershipService memberships,
      @Reference CountryService countries,
      @Reference AnnualReportService reports,
      @Reference NationalProfiles profiles) {
    this.profiles = profiles;
    this.schools = directory;
    this.directory = directory;
    this.memberships = memberships;
    this.countries = countries;
    this.reports = reports;
  }

  /** {@code /{id}/annual-reports/{year}}: the school id and the year, or null for another path. */
  private static long[] reportPath(List<String> path) {
    if (path.size() != 3 || !path.get(1).equals("annual-reports")) {
      return null;
    }
    return new long[] {pathId(path.get(0), "school"), year(path.get(2))};
  }

  static int year(String segment) {
    if (!segment.matches("\\d{4}")) {
      throw ProblemException.validation("year", "must be a year such as 2025");
    }
    return Integer.parseInt(segment);
  }

  /**
   * The list GET; a school GET and PATCH; its annual report of a year GET and PUT; its
   * re-application POST.
   */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = Requests.segments(request);
    return switch (path.size()) {
      case 0 -> Set.of("GET");
      case 1 -> Set.of("GET", "PATCH");
      case 2 -> path.get(1).equals("applications") ? Set.of("POST") : Set.of();
      case 3 -> path.get(1).equals("annual-reports") ? Set.of("GET", "PUT") : Set.of();
      default -> Set.of();
    };
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long[] report = reportPath(Requests.segments(request));
    if (report == null) {
      throw Requests.noSuchPath(request);
    }
    Integer revision = Revisions.expectedIfPresent(request);
    Principal actor = Requests.actor(request);
    // a fraction among the counts is told with the empty texts, not before them
    AnnualReportInput input = Json.read(request, AnnualReportInput.class, rest -> AnnualReports.validate(rest, actor.language()));
    AnnualReport saved = reports.submit(actor, report[0], (int) report[1], revision, input);
    response.setHeader("ETag", Revisions.etag(saved.revision()));
    // a first report (sent without If-Match) is created: 201, RFC 9110 9.3.4; sent again as it was
    // (its answer lost), the same answer
    Json.write(response, revision == null && saved.revision() == 1 ? 201 : 200, saved);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    Principal actor = Requests.actor(request);
    if (path.isEmpty()) {
      SchoolQuery query = withKnownUnit(profiles, query(request, FILTERS, countries::exists, actor.language()), actor.language());
      SchoolDirectory.PublicPage kept = directory.publicSchools(actor, query);
      if (kept != null) {
        writePage(response, kept);
        return;
      }
      Page<School> page = schools.schools(actor, query);
      Json.writePage(response, page.items(), page.next());
    } else if (path.size() == 1) {
      long id = pathId(path.get(0), "school");
      onlyParameters(request, Set.of(), "; a school is read whole"); // as the list refuses what it would ignore
      PublicProfiles.Entry page = directory.publicProfile(actor, id);
      if (page != null) {
        writePage(request, response, page);
        return;
      }
      School school = schools.school(actor, id);
      if (!notModified(request, response, school.revision())) {
        Json.write(response, 200, school);
      }
    } else if (reportPath(path) != null) {
      long[] report = reportPath(path);
      onlyParameters(request, Set.of(), "; a report is read whole");
      AnnualReport r = reports.report(actor, report[0], (int) report[1]);
      if (r.revision() > 0) { // a report not yet submitted has no ETag: it is created without If-Match
        response.setHeader("ETag", Revisions.etag(r.revision()));
      }
      response.setHeader("Cache-Control", "private, no-cache");
      Json.write(response, 200, r);
    } else {
      throw Requests.noSuchPath(request);
    }
  }

  /**
   * A page of the directory made of schools' public pages: the bytes and the headers {@link
   * Json#writePage} writes (a coordinator reads another page at the same address).
   */
  private static void writePage(HttpServletResponse response, SchoolDirectory.PublicPage page) throws IOException {
    Json.privateToReader(response);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(512 * (page.items().size() + 1));
    body.write(ITEMS);
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.write(page.items().get(i));
    }
    body.write(NEXT);
    body.write(Json.MAPPER.writeValueAsBytes(page.next()));
    body.write('}');
    Json.send(response, 200, Json.MEDIA_TYPE_UTF_8, body);
  }

  /**
   * A school's ETag (its revision: every change of what it shows raises it) and no-cache; true when
   * a 304 was sent for If-None-Match. The public and a coordinator read the same revision with and
   * without its email: a browser must not answer one with the other's copy after a sign-in or out.
   */
  private static boolean notModified(HttpServletRequest request, HttpServletResponse response, int revision) {
    Json.privateToReader(response); // added, not set: a set searches all the headers (see Json.send)
    return Revisions.sendNotModified(request, response, revision);
  }

  private static final byte[] ITEMS = "{\"items\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] NEXT = "],\"next\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** A school's public page as kept in memory: the same headers and bytes as the school read and written. */
  private static void writePage(HttpServletRequest request, HttpServletResponse response, PublicProfiles.Entry page)
      throws IOException {
    if (!notModified(request, response, page.revision())) {
      Json.send(response, 200, Json.MEDIA_TYPE_UTF_8, page.json());
    }
  }

  @Override
  protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() != 1) {
      throw Requests.noSuchPath(request);
    }
    long id = pathId(path.get(0), "school");
    Principal actor = Requests.actor(request);
    if (actor.isAnonymous()) { // sign in first, then If-Match: as an annual report's PUT
      throw ProblemException.unauthorized("Sign in to do this");
    }
    int revision = Revisions.expected(request);
    // a string refused in one field is told with what the form says of the others (to who may edit)
    ObjectNode patch = Json.read(request, ObjectNode.class, rest -> {
      School current = schools.editable(actor, id);
      SchoolForm.check(merged(current, rest), Set.of(ApplicationsServlet.CONFIRM), countries::exists, actor.language(),
          nationalRules(actor, current), current.country());
    });
    JsonNode confirm = patch.get(ApplicationsServlet.CONFIRM); // true, false or null: SchoolForm checks it with the rest
    // Rights first, so that nobody learns about fields they may not change; then a merge patch
    // onto what is stored, and the same checks as an application.
    School current = schools.editable(actor, id);
    SchoolInput input = SchoolForm.read(merged(current, patch), Set.of(ApplicationsServlet.CONFIRM), countries::exists,
        actor.language(), nationalRules(actor, current), current.country());
    School updated = schools.update(actor, id, revision, input, confirm != null && confirm.asBoolean());
    response.setHeader("ETag", Revisions.etag(updated.revision()));
    Json.write(response, 200, updated);
  }

  private ObjectNode merged(School current, ObjectNode patch) {
    return SchoolForm.merge(Json.MAPPER.valueToTree(current.input()), givenBack(current, patch));
  }

  /**
   * The patch with what the school left in the country it moves back to (its unit and extra fields
   * there, kept by the move away), before the required checks: a value sent in the patch wins, a
   * null too.
   */
  private ObjectNode givenBack(School current, ObjectNode patch) {
    JsonNode country = patch.get("country");
    if (country == null || !country.isTextual()
        || country.asText().strip().equalsIgnoreCase(current.country())) {
      return patch;
    }
    java.util.Map<String, Object> there = directory.leftBehind(current.id(), country.asText());
    if (there.isEmpty()) {
      return patch;
    }
    ObjectNode result = patch.deepCopy();
    if (there.get("unit") != null && !patch.has("unit")) {
      result.put("unit", String.valueOf(there.get("unit")));
    }
    if (there.get("fields") instanceof java.util.Map<?, ?> fields && !fields.isEmpty()) {
      JsonNode sent = patch.get("fields");
      if (sent == null || sent.isObject()) { // fields of another type are refused as they are
        ObjectNode merged = sent == null ? Json.MAPPER.createObjectNode() : ((ObjectNode) sent).deepCopy();
        fields.forEach((k, v) -> {
          if (!merged.has(String.valueOf(k))) {
            merged.set(String.valueOf(k), Json.MAPPER.valueToTree(v));
          }
        });
        result.set("fields", merged);
      }
    }
    return result;
  }

  private java.util.function.Function<SchoolInput, List<org.unesco.aspnet.core.FieldError>> nationalRules(
      Principal actor, School current) {
    // the unit as it will be stored (by is BY): not refused here and accepted once the other error is fixed
    return given -> profiles.check(profiles.withUnitCode(given), current.fields() == null ? java.util.Map.of() : current.fields(),
        actor.language()).errors();
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() != 2 || !path.get(1).equals("applications")) {
      throw Requests.noSuchPath(request);
    }
    long school = pathId(path.get(0), "school");
    // nothing to say but "again": no body or {}, not a body that is silently dropped. Without
    // Content-Length (-1) an HTTP/1.1 request has a body only when it is chunked.
    if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
      Json.read(request, Reapplication.class);
    }
    var application = memberships.reapply(Requests.actor(request), school);
    response.setHeader("Location", "/api/v1/memberships/" + application.membershipId());
    Json.write(response, 201, application);
  }

  /** The body of an application again, when one is sent: an empty object. */
  record Reapplication() {}

  /** The query with its unit as the country's national profile spells it (ProfileService.knownUnit). */
  static SchoolQuery withKnownUnit(NationalProfiles profiles, SchoolQuery q, String lang) {
    if (q.unit() == null) {
      return q;
    }
    return q.withUnit(profiles.knownUnit(q.country(), q.unit(), lang));
  }


  /**
   * The directory's filters as the request states them, each checked the same way wherever it is
   * read; a parameter not among {@code filters} is refused with 400, so one left out reads as absent.
   */
  static SchoolQuery query(HttpServletRequest request, Set<String> filters, Predicate<String> knownCountry, String lang) {
    for (String name : request.getParameterMap().keySet()) {
      if (!filters.contains(name) && !name.equals("lang")) { // ?lang= is every endpoint's (api.md)
        throw ProblemException.validation(name, "is not a filter; use " + String.join(", ", filters.stream().sorted().toList()));
      }
    }
    String q = request.getParameter("q");
    if (q != null && q.length() > Q_MAX) {
      throw ProblemException.validation("q", "must be at most " + Q_MAX + " characters");
    }
    String country = code(request, "country");
    if (country != null && !knownCountry.test(country.toUpperCase(Locale.ROOT))) {
      // not an empty list: "UK" for GB would look like a country without schools
      throw ProblemException.validation("country", FieldMessages.get(lang, "countryUnknown", country));
    }
    return new SchoolQuery(
        country,
        region(request),
        choice(request, "status", MembershipStatus.class),
        choice(request, "level", Level.class),
        choice(request, "theme", Theme.class),
        code(request, "language"),
        blankToNull(q),
        intParameter(request, "limit", SchoolQuery.DEFAULT_LIMIT, 1, SchoolQuery.MAX_LIMIT),
        blankToNull(request.getParameter("cursor")),
        choice(request, "sort", SchoolQuery.Sort.class),
        request.getParameter("unit"),
        filters.contains("updatedSince") ? SchoolQuery.updatedSince(request.getParameter("updatedSince")) : null);
  }

  private static String region(HttpServletRequest request) {
    String value = blankToNull(request.getParameter("region"));
    return value == null ? null : DirectoryFilter.region(value);
  }

  private static String code(HttpServletRequest request, String name) {
    String value = blankToNull(request.getParameter(name));
    if (value != null && !value.matches("[A-Za-z]{2}")) {
      throw ProblemException.validation(name, "must be a two-letter code");
    }
    return value;
  }

  private static <E extends Enum<E>> E choice(HttpServletRequest request, String name, Class<E> type) {
    String value = blankToNull(request.getParameter(name));
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation(name, "must be one of " + SchoolForm.choices(type));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
