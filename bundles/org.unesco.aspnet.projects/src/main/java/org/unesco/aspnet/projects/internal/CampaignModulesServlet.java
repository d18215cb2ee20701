package org.unesco.aspnet.projects.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/** {@code GET /api/v1/campaign-modules}: the installed campaign modules, their phases and schemas. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/campaign-modules")
@OpenApiFragment("openapi/projects.json")
public final class CampaignModulesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient CampaignService campaigns;

  @Activate
  public CampaignModulesServlet(@Reference CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    onlyParameters(request, java.util.Set.of(), ": the list holds every module, in one page");
    String lang = request.getParameter("lang");
    if (lang != null && !lang.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
      throw ProblemException.validation("lang", "must be a language tag such as fr");
    }
    Locale language = lang != null ? Locale.forLanguageTag(lang) : Locale.ENGLISH;
    Json.writePage(response, campaigns.modules(language), null);
  }
}
