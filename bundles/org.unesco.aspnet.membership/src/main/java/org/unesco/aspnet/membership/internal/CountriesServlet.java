package org.unesco.aspnet.membership.internal;

import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.AnnualReportService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.ProfileService;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.Revisions;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/countries} and {@code GET /api/v1/countries/{iso2}}, named in the caller's
 * language; {@code PATCH /api/v1/countries/{iso2}}, a merge patch of the region (HQ) and the national
 * network (HQ, the country's NC); {@code GET
 * /api/v1/countries/{iso2}/profile}, the active national profile (public: forms are built from it).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/countries", "/api/v1/countries/*"})
@OpenApiFragment("openapi/membership.json")
public final class CountriesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private final transient Countries countries;
  private final transient AnnualReportService reports;
  private final transient ProfileService profiles;

  @Activate
  public CountriesServlet(
      @Reference Countries countries,
      @Reference AnnualReportService reports,
      @Reference ProfileService profiles) {
    this.countries = countries;
    this.reports = reports;
    this.profiles = profiles;
  }

  /** The list GET; a country GET and PATCH; its profile and its annual-report compliance GET. */
  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    List<String> path = Requests.segments(request);
    return switch (path.size()) {
      case 0 -> Set.of("GET");
      case 1 -> Set.of("GET", "PATCH");
      case 2 -> path.get(1).equals("profile") ? Set.of("GET") : Set.of();
      case 3 -> path.get(1).equals("annual-reports") ? Set.of("GET") : Set.of();
      default -> Set.of();
    };
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() < 3) { // a country's annual reports take theirs (below)
      // ?region=Africa, unknown here, would pass the whole list off as a filtered one
      ApiServlet.onlyParameters(request, Set.of(), path.isEmpty()
          ? ": the list holds every country, in one page (each has its region)" : "");
    }
    if (path.isEmpty()) {
      Set<String> withProfile = profiles.countries();
      List<?> items = countries.countries(Requests.actor(request), Requests.language(request, response)).stream()
          .map(c -> flagged(c, withProfile)).toList();
      // Every page of the UI loads it: asked each time, downloaded again only when a count changed.
      Json.writeRevalidated(request, response, Json.page(items, null));
    } else if (path.size() == 1) {
      Countries.Versioned country = countries.versioned(Requests.actor(request), path.get(0), Requests.language(request, response));
      // the coordinators' emails are for signed-in readers only: no shared cache may keep this
      // answer, nor a browser give it back to whoever signs in or out next (the ETag is the same)
      Json.privateToReader(response);
      // the ETag is the revision an edit sends back; the counts are not in it: no 304
      response.setHeader("ETag", Revisions.etag(country.revision()));
      Json.write(response, 200, flagged(country.country(), profiles.countries()));
    } else if (path.size() == 2 && path.get(1).equals("profile")) {
      // No Content-Language: each text comes in the language asked for where the profile has it,
      // in the profile's own language otherwise.
      String iso2 = path.get(0).toUpperCase(Locale.ROOT);
      if (!countries.exists(iso2)) { // not country(): its member counts are not needed here
        throw ProblemException.notFound(path.get(0) + " is not a UNESCO Member State or Associate Member");
      }
      // A request that names no language reads the profile in the country's own language.
      Locale stated = Requests.statedLanguage(request);
      Json.write(response, 200, profiles.describe(iso2, stated).orElseThrow(
          () -> ProblemException.notFound(iso2 + " has no national profile installed")));
    } else if (path.size() == 3 && path.get(1).equals("annual-reports")) {
      // Who has (not) reported: for the country's coordinators and HQ.
      countries.country(Requests.actor(request), path.get(0), Locale.ENGLISH); // 404 for an unknown code
      var rows = reports.compliance(Requests.actor(request), path.get(0), SchoolsServlet.year(path.get(2)));
      Set<AnnualReport.State> states = states(request);
      Json.writePage(response, states == null ? rows : rows.stream().filter(r -> states.contains(r.state())).toList(), null);
    } else {
      throw Requests.noSuchPath(request);
    }
  }

  /**
   * The country with {@code profile}: whether a national profile is installed for it, so that a
   * client asks {@code /countries/{iso2}/profile} only where there is one (a 404 for each of the
   * 180 other countries' schools, in every visitor's console, otherwise).
   */
  private static Object flagged(Country country, Set<String> withProfile) {
    ObjectNode node = Json.MAPPER.valueToTree(country);
    node.put("profile", withProfile.contains(country.iso2()));
    return node;
  }

  /**
   * {@code ?state=MISSING,LATE}: the states to list (any case), null for all; any other parameter
   * but {@code lang}, {@code limit} and {@code cursor} is a 400, rather than a filter silently ignored.
   */
  private static Set<AnnualReport.State> states(HttpServletRequest request) {
    // limit and cursor are taken, as by every list, though a country's list comes whole
    ApiServlet.onlyParameters(request, Set.of("state", "limit", "cursor"),
        "; use state (" + java.util.Arrays.toString(AnnualReport.State.values()) + ")");
    ApiServlet.intParameter(request, "limit", 500, 1, 500); // checked as everywhere, though it cuts nothing
    String cursor = request.getParameter("cursor");
    if (cursor != null && !cursor.isBlank()) {
      throw ProblemException.validation("cursor", "there is no next page: this list comes whole (next is null)");
    }
    String given = request.getParameter("state");
    if (given == null || given.isBlank()) {
      return null;
    }
    Set<AnnualReport.State> states = java.util.EnumSet.noneOf(AnnualReport.State.class);
    for (String one : given.split(",")) {
      try {
        states.add(AnnualReport.State.valueOf(one.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ProblemException.validation("state", "must be one or more of " + java.util.Arrays.toString(AnnualReport.State.values())
            + ", separated by commas");
      }
    }
    return states;
  }

  /** A JSON merge patch of the country ({@link Countries.Patch}): all of it, or nothing on any error. */
  @Override
  protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() != 1) {
      throw Requests.noSuchPath(request);
    }
    Locale language = Requests.language(request, response);
    ObjectNode body = Json.read(request, ObjectNode.class);
    Countries.Versioned changed = countries.patch(Requests.actor(request), path.get(0), body, language,
        Revisions.expectedIfPresent(request));
    response.setHeader("ETag", Revisions.etag(changed.revision()));
    Json.write(response, 200, flagged(changed.country(), profiles.countries())); // as a GET answers it
  }
}
