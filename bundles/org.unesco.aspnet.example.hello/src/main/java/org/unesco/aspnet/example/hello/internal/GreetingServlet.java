package org.unesco.aspnet.example.hello.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.example.hello.internal.GreetingStore.Greeting;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;
import org.unesco.aspnet.web.Revisions;

/**
 * {@code GET/PUT /api/v1/hello/greeting}: a stored resource with an ETag, showing how an endpoint
 * reads a JSON body, validates it field by field and guards updates with If-Match.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/hello/greeting")
@OpenApiFragment("openapi/hello.json")
public final class GreetingServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  /** The body of PUT. */
  public record GreetingUpdate(String text) {}

  private final transient GreetingStore store;

  @Activate
  public GreetingServlet(@Reference GreetingStore store) {
    this.store = store;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    send(response, store.current());
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int revision = Revisions.expected(request); // 428 without If-Match
    GreetingUpdate update = Json.read(request, GreetingUpdate.class);
    List<FieldError> errors = new ArrayList<>();
    if (update.text() == null || update.text().isBlank()) {
      errors.add(new FieldError("text", "is required"));
    } else if (update.text().length() > 200) {
      errors.add(new FieldError("text", "must be at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    send(response, store.replace(update.text().strip(), revision));
  }

  private static void send(HttpServletResponse response, Greeting greeting) throws IOException {
    response.setHeader("ETag", Revisions.etag(greeting.revision()));
    Json.write(response, 200, Map.of("text", greeting.text()));
  }
}
