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
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/** {@code GET /api/v1/certificates/{number}}: anyone checks a membership certificate. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/certificates/*")
@OpenApiFragment("openapi/membership.json")
public final class CertificatesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient MembershipService memberships;

  @Activate
  public CertificatesServlet(@Reference MembershipService memberships) {
    this.memberships = memberships;
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
    // a status can change any day: a verifier must not be shown yesterday's answer
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, memberships.certificate(Requests.actor(request), path.get(0)));
  }
}
