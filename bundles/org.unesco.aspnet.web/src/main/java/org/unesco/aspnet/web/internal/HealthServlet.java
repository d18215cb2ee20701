package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * {@code GET /api/v1/health}: 200 {@code {"status":"UP",...}} while the platform is UP (see
 * {@link PlatformHealth}), 503 with what is missing otherwise.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/health")
public final class HealthServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient PlatformHealth health;

  @Activate
  public HealthServlet(@Reference PlatformHealth health) {
    this.health = health;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    PlatformHealth.Snapshot s = health.current();
    response.addHeader("Cache-Control", "no-store"); // added, not set: as Json.send does, nothing set it before
    Json.send(response, s.status(), Json.MEDIA_TYPE, s.body());
  }
}
