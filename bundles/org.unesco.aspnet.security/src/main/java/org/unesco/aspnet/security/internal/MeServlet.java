package org.unesco.aspnet.security.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/** {@code GET /api/v1/me}: who I am, my roles with their scope, and my CSRF token. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/me")
@OpenApiFragment("openapi/security.json")
public final class MeServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Principal me = principal(request);
    if (me.isAnonymous()) {
      throw ProblemException.unauthorized("Not signed in");
    }
    onlyParameters(request, java.util.Set.of(), ""); // a parameter it would ignore is told, as other GETs tell it
    Map<String, Object> body = describe(me);
    Object csrf = request.getAttribute(AuthenticationFilter.CSRF_ATTRIBUTE);
    if (csrf != null) {
      body.put("csrfToken", csrf);
    }
    response.setHeader("Cache-Control", "no-store");
    Json.write(response, 200, body);
  }

  /** An account as the API shows it: never its password hash. */
  static Map<String, Object> describe(Principal p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.accountId());
    m.put("email", p.email());
    m.put("name", p.name());
    m.put("language", p.language());
    m.put("roles", p.grants().stream().map(MeServlet::grant).toList());
    return m;
  }

  private static Map<String, Object> grant(Grant g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", g.role().name());
    putIfPresent(m, "country", g.country());
    putIfPresent(m, "unit", g.unit());
    putIfPresent(m, "campaign", g.campaign());
    putIfPresent(m, "school", g.school());
    return m;
  }

  private static void putIfPresent(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
