package org.unesco.aspnet.projects.internal;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.security.ScopeCatalog;

/** Tells the security bundle which campaigns exist, so that a coordinator is invited only for a real one. */
@Component(service = ScopeCatalog.class)
public final class CampaignScopes implements ScopeCatalog {
  private final CampaignService campaigns;

  @Activate
  public CampaignScopes(@Reference CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public java.util.Optional<String> name(Target scope, String language) {
    Long id = scope.campaign() == null ? null : org.unesco.aspnet.web.ApiServlet.wholeNumber(scope.campaign());
    if (id == null) {
      return java.util.Optional.empty();
    }
    try {
      java.util.Map<String, String> title = campaigns.campaign(Principal.system(), id).title();
      String in = title.get(language == null ? "en" : language.split("[-_]", 2)[0]);
      return java.util.Optional.ofNullable(in != null ? in : title.getOrDefault("en", title.values().stream().findFirst().orElse(null)));
    } catch (ProblemException notFound) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public List<FieldError> unknown(Target scope) {
    String campaign = scope.campaign();
    if (campaign == null) {
      return List.of();
    }
    // written as the platform writes ids: a grant of campaign "١" would never match campaign 1
    Long id = org.unesco.aspnet.web.ApiServlet.wholeNumber(campaign);
    try {
      if (id != null) {
        campaigns.campaign(Principal.system(), id);
        return List.of();
      }
    } catch (ProblemException notFound) {
      if (notFound.status() != 404) {
        throw notFound;
      }
    }
    return List.of(new FieldError("campaign", campaign + " is not a known campaign"));
  }
}
