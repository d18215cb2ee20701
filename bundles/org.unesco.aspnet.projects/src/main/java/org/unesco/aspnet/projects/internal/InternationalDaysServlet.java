package org.unesco.aspnet.projects.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.projects.InternationalDay;
import org.unesco.aspnet.projects.InternationalDayInput;
import org.unesco.aspnet.projects.InternationalDays;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;
import org.unesco.aspnet.web.Revisions;

/**
 * {@code /api/v1/international-days}: the calendar for a year ({@code ?year=}, this year by
 * default) or a period ({@code ?from=&to=}), optionally of one theme, and HQ's additions (POST);
 * {@code /{id}} one day with its next occurrence (or its occurrence in {@code ?year=}), HQ's PATCH
 * (If-Match) and DELETE.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/international-days", "/api/v1/international-days/*"})
@OpenApiFragment("openapi/international-days.json")
public final class InternationalDaysServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  /** The longest period one request reads: two years, as a calendar subscription does. */
  static final int PERIOD_DAYS_MAX = 731;

  /** The days from..to (both included) a list covers. */
  record Period(LocalDate from, LocalDate to) {}

  private final transient InternationalDays days;

  @Activate
  public InternationalDaysServlet(@Reference InternationalDays days) {
    this.days = days;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    return switch (pathSegments(request).size()) {
      case 0 -> Set.of("GET", "POST");
      case 1 -> Set.of("GET", "PATCH", "DELETE");
      default -> Set.of();
    };
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = pathSegments(request);
    Principal reader = principalSpeaking(request);
    if (path.isEmpty()) {
      onlyParameters(request, Set.of("year", "from", "to", "theme"), "; use year, or from and to, and theme");
      Period period = period(request, false);
      // the calendar is the same for everyone; a browser asks again and downloads only what changed
      Json.writeRevalidated(request, response,
          Json.page(days.between(reader, period.from(), period.to(), theme(request)), null));
      return;
    }
    onlyParameters(request, Set.of("year"), "; use year for the day's date in that year");
    String year = request.getParameter("year");
    InternationalDay day = days.day(reader, path.get(0), year == null ? null : year(year));
    response.setHeader("ETag", Revisions.etag(day.revision()));
    response.setHeader("Cache-Control", "no-cache");
    Json.write(response, 200, day);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal actor = principalSpeaking(request);
    String language = actor.language();
    InternationalDay day = days.add(actor,
        Json.read(request, InternationalDayInput.class, rest -> DayStore.checked(rest, true, language)));
    response.setHeader("Location", "/api/v1/international-days/" + day.id());
    response.setHeader("ETag", Revisions.etag(day.revision()));
    Json.write(response, 201, day);
  }

  @Override
  protected void doPatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = pathSegments(request).get(0);
    Principal actor = principalSpeaking(request);
    int revision = CampaignAccess.revisionRead(actor, request);
    String language = actor.language();
    InternationalDay day = days.update(actor, id, revision,
        Json.read(request, InternationalDayInput.class, rest -> DayStore.checked(rest, false, language)));
    response.setHeader("ETag", Revisions.etag(day.revision()));
    Json.write(response, 200, day);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    days.remove(principalSpeaking(request), pathSegments(request).get(0), Revisions.expectedIfPresent(request));
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  /**
   * The period a list asks for: {@code year}, or {@code from} and {@code to} (ISO dates, at most
   * two years apart); without either this year, or with {@code twoYears} this year and the next
   * (a calendar subscription's default). A 400 naming the parameter otherwise.
   */
  static Period period(HttpServletRequest request, boolean twoYears) {
    String year = request.getParameter("year");
    String from = request.getParameter("from");
    String to = request.getParameter("to");
    if (year != null && (from != null || to != null)) {
      throw ProblemException.validation(from != null ? "from" : "to", "cannot go with year: use year, or from and to");
    }
    if (year != null) {
      int y = year(year);
      return new Period(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }
    if (from == null && to == null) {
      int y = LocalDate.now(ZoneOffset.UTC).getYear();
      return new Period(LocalDate.of(y, 1, 1), LocalDate.of(twoYears ? y + 1 : y, 12, 31));
    }
    if (from == null || to == null) {
      throw ProblemException.validation(from == null ? "from" : "to", "is required with " + (from == null ? "to" : "from")
          + ": a date such as 2027-01-31");
    }
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    if (end.isBefore(start)) {
      throw ProblemException.validation("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(start, end) >= PERIOD_DAYS_MAX) {
      throw ProblemException.validation("to", "must be at most " + (PERIOD_DAYS_MAX - 1) + " days after from (a period of at most "
          + PERIOD_DAYS_MAX + " days, both included)");
    }
    return new Period(start, end);
  }

  /** {@code ?theme=}: one of the three thematic areas, or null when not given. */
  static Theme theme(HttpServletRequest request) {
    String value = request.getParameter("theme");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Theme.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("theme", "must be PEACE_GCED, ESD or INTERCULTURAL");
    }
  }

  private static int year(String value) {
    Long y = wholeNumber(value);
    if (y == null || y < Observance.EARLIEST_YEAR || y > Observance.LATEST_YEAR) {
      throw ProblemException.validation("year", "must be a year from " + Observance.EARLIEST_YEAR + " to "
          + Observance.LATEST_YEAR);
    }
    return y.intValue();
  }

  private static LocalDate date(String name, String value) {
    try {
      LocalDate d = LocalDate.parse(value.strip());
      if (d.getYear() >= Observance.EARLIEST_YEAR && d.getYear() <= Observance.LATEST_YEAR) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // told below
    }
    throw ProblemException.validation(name, "must be a date such as 2027-01-31, in the years " + Observance.EARLIEST_YEAR
        + " to " + Observance.LATEST_YEAR);
  }
}
