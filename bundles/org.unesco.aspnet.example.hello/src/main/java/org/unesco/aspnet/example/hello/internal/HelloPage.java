package org.unesco.aspnet.example.hello.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.unesco.aspnet.ui.UiPage;
import org.unesco.aspnet.ui.UiPagePath;

/** Adds the page /p/hello to the web UI, with a navigation entry in three languages. */
@Component
@UiPagePath("hello")
public final class HelloPage implements UiPage {
  @Override
  public String script() {
    return "/hello-ui/page.js";
  }

  @Override
  public Map<String, String> labels() {
    return Map.of("en", "Hello", "fr", "Bonjour", "es", "Hola");
  }
}
