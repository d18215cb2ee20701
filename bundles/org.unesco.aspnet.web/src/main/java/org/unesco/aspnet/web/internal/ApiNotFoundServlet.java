package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/**
 * Answers 404 problem+json for any API path that no bundle serves (longest match wins); 503 with
 * {@code Retry-After} while health is DOWN: an endpoint whose component waits for what is down (the
 * database) is away, and a client must not take it for a path that does not exist.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/*")
public final class ApiNotFoundServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int RETRY_AFTER_SECONDS = 5;

  private final transient PlatformHealth health;

  @Activate
  public ApiNotFoundServlet(@Reference PlatformHealth health) {
    this.health = health;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!health.current().up()) {
      response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      Json.writeProblem(request, response, new ProblemException(503, ProblemException.TYPE_BASE + "unavailable",
          "Service unavailable", "Part of the platform is down (GET /api/v1/health says which); try again in a moment.",
          java.util.List.of(), java.util.Map.of("retryAfter", RETRY_AFTER_SECONDS)));
      return;
    }
    Json.writeProblem(
        request, response, ProblemException.notFound("No endpoint at " + request.getRequestURI()));
  }
}
