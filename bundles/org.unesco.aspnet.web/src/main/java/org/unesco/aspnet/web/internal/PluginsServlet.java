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
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Target;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;

/**
 * {@code GET /api/v1/plugins}: the plugins as {@link Plugins} describes them. Platform
 * administrators only, once an {@link Authorizer} is installed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/plugins")
public final class PluginsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient Plugins plugins;

  @Activate
  public PluginsServlet(@Reference Plugins plugins) {
    this.plugins = plugins;
  }

  /** Present once the security bundle runs: from then on only platform administrators see this. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
  private transient volatile Authorizer authorizer;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Authorizer policy = authorizer;
    if (policy != null) {
      policy.require(principal(request), Action.MANAGE_PLATFORM, Target.everything());
    }
    onlyParameters(request, java.util.Set.of(), ": the list holds every plugin, in one page");
    response.setHeader("Cache-Control", "no-store");
    Json.writePage(response, plugins.list(), null);
  }

}
