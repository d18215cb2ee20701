package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.Json;

/**
 * The page at {@code /} until a UI bundle registers its own (with a higher service ranking): says
 * what runs here and where the API is.
 */
@Component(service = Servlet.class, property = "service.ranking:Integer=-100")
@HttpWhiteboardServletPattern("/")
public final class ShellServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final byte[] page;

  public ShellServlet() throws IOException {
    try (InputStream in = ShellServlet.class.getResourceAsStream("/static/index.html")) {
      page = in.readAllBytes();
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    if (!path.equals("/") && !path.equals("/index.html")) {
      Json.writeProblem(request, response, ProblemException.notFound("There is nothing at " + path));
      return;
    }
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(page.length);
    response.getOutputStream().write(page);
  }
}
