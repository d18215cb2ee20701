package org.unesco.aspnet.example.hello.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/hello?name=Amina}: greets with the stored greeting, and says which version of
 * the plugin answered (the hot-deployment tests rely on it). {@code GET /api/v1/hello/failure}
 * fails on purpose to show how an unexpected error reaches a client.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/hello", "/api/v1/hello/failure"})
@OpenApiFragment("openapi/hello.json")
public final class HelloServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private final String version;
  private final transient GreetingStore store;

  @Activate
  public HelloServlet(BundleContext context, @Reference GreetingStore store) {
    this.version = context.getBundle().getVersion().toString();
    this.store = store;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().endsWith("/failure")) {
      // Shows what a client sees of a bug: 500, an incident id, no stack trace.
      throw new IllegalStateException("the example plugin failed on purpose");
    }
    String name = request.getParameter("name");
    if (name != null && (name.isBlank() || name.length() > 100)) {
      throw ProblemException.validation("name", "must be 1 to 100 characters");
    }
    Json.write(
        response,
        200,
        Map.of(
            "message",
            store.current().text() + ", " + (name == null ? "world" : name) + "!",
            "version",
            version));
  }
}
