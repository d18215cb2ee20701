package org.unesco.aspnet.apidocs.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.ui.UiPage;
import org.unesco.aspnet.ui.UiPagePath;

/**
 * Adds the API reference to the web UI at /p/api, for everyone: the OpenAPI document is public,
 * and an integrator reads it before having an account.
 */
@Component
@UiPagePath("api")
public final class ApiReferencePage implements UiPage {
  @Override
  public String script() {
    return ApiReferenceFiles.PATH + "/page.js";
  }

  @Override
  public Map<String, String> labels() {
    return Map.of("en", "API", "fr", "API", "es", "API", "de", "API");
  }
}
