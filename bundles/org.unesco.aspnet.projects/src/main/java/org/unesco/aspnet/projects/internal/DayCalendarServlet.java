package org.unesco.aspnet.projects.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.projects.InternationalDays;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * {@code /api/v1/international-days.ics}: the calendar as iCalendar (RFC 5545), for a teacher's
 * calendar application, with the same {@code year}, {@code from}/{@code to}, {@code theme} and
 * {@code lang} as the list; without a period this year and the next, so that a subscription to
 * the address stays current.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/international-days.ics")
public final class DayCalendarServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient InternationalDays days;

  @Activate
  public DayCalendarServlet(@Reference InternationalDays days) {
    this.days = days;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    onlyParameters(request, Set.of("year", "from", "to", "theme"), "; use year, or from and to, and theme");
    Principal reader = principalSpeaking(request);
    InternationalDaysServlet.Period period = InternationalDaysServlet.period(request, true);
    String calendar = DayCalendar.write(days.between(reader, period.from(), period.to(),
        InternationalDaysServlet.theme(request)), DayMessages.get(reader.language(), "calendar"), Instant.now());
    String file = request.getParameter("year") != null ? "international-days-" + period.from().getYear() + ".ics"
        : request.getParameter("from") != null ? "international-days-" + period.from() + "-to-" + period.to() + ".ics"
        : "international-days.ics";
    response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    response.setHeader("Cache-Control", "no-cache");
    Json.send(response, 200, DayCalendar.MEDIA_TYPE, calendar.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected List<String> alsoProduces() {
    return List.of("text/calendar");
  }
}
