package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * {@code GET /api/v1/health}: 200 {@code {"status":"UP",...}} while the platform is UP (see
 * {@link PlatformHealth}), 503 with what is missing otherwise. Each component's detail (what it
 * waits for, why it failed) is for platform administrators; everyone else gets the statuses.
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

  /** Present once the security bundle runs; without it nobody is told the details. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile Authorizer authorizer;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    PlatformHealth.Snapshot s = health.current();
    response.addHeader("Cache-Control", "no-store"); // added, not set: as Json.send does, nothing set it before
    Json.send(response, s.status(), Json.MEDIA_TYPE, administrator(request) ? s.body() : s.publicBody());
  }

  private boolean administrator(HttpServletRequest request) {
    Principal who = principal(request);
    Authorizer policy = authorizer;
    return !who.isAnonymous() && policy != null && policy.allows(who, Action.MANAGE_PLATFORM, Target.everything());
  }
}
