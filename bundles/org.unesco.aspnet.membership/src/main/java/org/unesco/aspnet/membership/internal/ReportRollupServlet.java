package org.unesco.aspnet.membership.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/annual-reports/{year}}: where a year's annual reports stand, country by
 * country, across the countries the caller coordinates (HQ: all). Each country's schools are in
 * {@code GET /api/v1/countries/{iso2}/annual-reports/{year}}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/annual-reports/*")
@OpenApiFragment("openapi/membership.json")
public final class ReportRollupServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private final transient AnnualReportService reports;

  @Activate
  public ReportRollupServlet(@Reference AnnualReportService reports) {
    this.reports = reports;
  }

  @Override
  protected Set<String> methodsAt(HttpServletRequest request) {
    return Requests.segments(request).size() == 1 ? Set.of("GET") : Set.of();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> path = Requests.segments(request);
    if (path.size() != 1) {
      throw Requests.noSuchPath(request);
    }
    ApiServlet.onlyParameters(request, Set.of(), ": the counts are of every country you coordinate; a country's"
        + " schools are in GET /api/v1/countries/{iso2}/annual-reports/{year}");
    var rollup = reports.rollup(Requests.actor(request), SchoolsServlet.year(path.get(0)));
    Json.privateToReader(response);
    Json.write(response, 200, rollup);
  }
}
