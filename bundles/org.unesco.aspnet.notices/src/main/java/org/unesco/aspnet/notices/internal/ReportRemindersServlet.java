package org.unesco.aspnet.notices.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.AnnualReport.State;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code POST /api/v1/annual-report-reminders} {country, year, states?}: emails the schools of a
 * country whose report for the year has not come (MISSING by default; OPEN too before the due date)
 * a reminder ({@link ReportReminders}), and answers how many were reminded and which were left out
 * and why. {@code GET} with the same as parameters tells what a POST would do now, and whether the
 * platform sends email ({@code delivery}), without sending anything. For whoever reads the country's
 * report list: its National Coordinators and HQ.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/annual-report-reminders")
@OpenApiFragment("openapi/notices.json")
public final class ReportRemindersServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of a POST: {@code states} left out is MISSING. */
  public record Request(String country, Integer year, List<String> states) {}

  private final transient ReportReminders reminders;
  private final transient Authorizer authorizer;
  private final transient CountryService countries;

  @Activate
  public ReportRemindersServlet(@Reference ReportReminders reminders, @Reference Authorizer authorizer,
      @Reference CountryService countries) {
    this.reminders = reminders;
    this.authorizer = authorizer;
    this.countries = countries;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    return Set.of("GET", "HEAD", "POST", "OPTIONS");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    String lang = me.language();
    onlyParameters(request, List.of("country", "year", "states"), "; use country, year and states");
    Map<String, String> query = queryParameters(request);
    String yearText = query.get("year") == null ? "" : query.get("year").strip();
    Integer year = yearText.matches("-?[0-9]{1,9}") ? Integer.valueOf(yearText) : null;
    String statesText = query.get("states");
    Request asked = new Request(query.get("country"), year,
        statesText == null ? null : Arrays.stream(statesText.split(",", -1)).map(String::strip).toList());
    List<FieldError> errors = errors(asked, lang, countries::exists, y -> reminders.checkYear(y, lang));
    if (year == null && !yearText.isEmpty()) { // not "is required": it was given, as something else than a year
      errors.removeIf(e -> e.field().equals("year"));
      errors.add(new FieldError("year", ReminderMessages.get(lang, "wholeNumber")));
    }
    require(errors);
    String country = asked.country().strip().toUpperCase(Locale.ROOT);
    authorizer.require(me, Action.VIEW_COUNTRY, Target.country(country));
    Set<State> states = statesOf(asked);
    Map<String, Object> body = previewBody(reminders.preview(me, country, year, states), states, reminders.delivers());
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, body);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = signedIn(request);
    String lang = me.language();
    java.util.function.IntConsumer yearCheck = y -> reminders.checkYear(y, lang);
    Request asked = Json.read(request, Request.class, rest -> require(errors(rest, lang, countries::exists, yearCheck)));
    require(errors(asked, lang, countries::exists, yearCheck));
    String country = asked.country().strip().toUpperCase(Locale.ROOT);
    authorizer.require(me, Action.VIEW_COUNTRY, Target.country(country));
    Set<State> states = statesOf(asked);
    ReportReminders.Outcome outcome = reminders.remind(me, country, asked.year(), states);
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, body(outcome, states));
  }

  /** The signed-in person, speaking the request's language (for the messages written for them); 401 for the public. */
  private static Principal signedIn(HttpServletRequest request) {
    if (principal(request).isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to do this");
    }
    return principalSpeaking(request);
  }

  private static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /**
   * What is wrong with a request, field by field, in {@code lang}. A year out of range (2000 to this
   * year) is the annual reports' 400 ({@link org.unesco.aspnet.membership.AnnualReportService#compliance}),
   * in the same language, once the rights are checked: their range, not a copy of it here. When
   * another field is wrong the 400 comes before the rights anyway, and then tells the year's mistake
   * too ({@code yearCheck}, the annual reports' check): every mistake at once.
   */
  static List<FieldError> errors(Request r, String lang, Predicate<String> countryExists, java.util.function.IntConsumer yearCheck) {
    List<FieldError> errors = new ArrayList<>();
    if (r.country() == null || r.country().isBlank()) {
      errors.add(new FieldError("country", ReminderMessages.get(lang, "required")));
    } else if (!r.country().strip().matches("[A-Za-z]{2}") || !countryExists.test(r.country().strip().toUpperCase(Locale.ROOT))) {
      errors.add(new FieldError("country", ReminderMessages.get(lang, "country")));
    }
    if (r.year() == null) {
      errors.add(new FieldError("year", ReminderMessages.get(lang, "required")));
    }
    if (r.states() != null) {
      if (r.states().isEmpty() || r.states().stream().allMatch(s -> s != null && s.isBlank())) {
        errors.add(new FieldError("states", ReminderMessages.get(lang, "noStates")));
      } else if (r.states().stream().anyMatch(s -> s == null || !chased(s))) {
        errors.add(new FieldError("states", ReminderMessages.get(lang, "states")));
      }
    }
    if (!errors.isEmpty() && r.year() != null) {
      ProblemException.collected(errors, () -> {
        yearCheck.accept(r.year());
        return null;
      }, null);
    }
    return errors;
  }

  private static boolean chased(String state) {
    return ReportReminders.CHASED.stream().anyMatch(s -> s.name().equals(state.strip()));
  }

  /** The states a (valid) request names; MISSING when it names none. */
  static Set<State> statesOf(Request r) {
    if (r.states() == null) {
      return EnumSet.of(State.MISSING);
    }
    Set<State> states = EnumSet.noneOf(State.class);
    r.states().forEach(s -> states.add(State.valueOf(s.strip())));
    return states;
  }

  /**
   * A GET's answer (OpenAPI {@code ReminderPreview}): a POST's, with how many schools it would remind
   * ({@code toRemind}) rather than did, no count of messages, and whether the platform sends email.
   */
  static Map<String, Object> previewBody(ReportReminders.Outcome outcome, Set<State> states, boolean delivers) {
    Map<String, Object> body = body(outcome, states);
    body.put("delivery", delivers ? "email" : "manual");
    body.put("toRemind", body.remove("reminded"));
    body.remove("messages");
    return body;
  }

  /** A POST's answer (OpenAPI {@code ReminderOutcome}). */
  static Map<String, Object> body(ReportReminders.Outcome outcome, Set<State> states) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("country", outcome.country());
    body.put("year", outcome.year());
    body.put("due", outcome.due().toString());
    body.put("states", states.stream().map(Enum::name).toList());
    body.put("reminded", outcome.reminded().size());
    body.put("messages", outcome.messages());
    body.put("schools", outcome.reminded().stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("schoolId", s.schoolId());
      m.put("name", s.name());
      m.put("messages", s.messages());
      return m;
    }).toList());
    body.put("skipped", outcome.skipped().stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("schoolId", s.schoolId());
      m.put("name", s.name());
      m.put("reason", s.reason());
      if (s.remindedAt() != null) {
        m.put("remindedAt", s.remindedAt().toString());
      }
      return m;
    }).toList());
    return body;
  }
}
