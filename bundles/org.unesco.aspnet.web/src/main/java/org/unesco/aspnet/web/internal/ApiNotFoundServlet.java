package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/** Answers 404 problem+json for any API path that no bundle serves (longest match wins). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/*")
public final class ApiNotFoundServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Json.writeProblem(
        request, response, ProblemException.notFound("No endpoint at " + request.getRequestURI()));
  }
}
