package org.unesco.aspnet.ui;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page that a plugin adds to the web UI, with an entry in its navigation. Register it as a
 * service with {@link UiPagePath} (its address: {@code @UiPagePath("hello")} is {@code /p/hello}).
 * The UI loads {@link #script()} as an ES module when the page opens and calls its default export
 * {@code render(container, ui)}; the plugin serves the script itself (a whiteboard resource or
 * servlet), from the same origin.
 */
@ConsumerType
public interface UiPage {
  /** Absolute path of the page's ES module, e.g. {@code /hello-ui/page.js}. */
  String script();

  /**
   * The navigation label by language tag ({@code en}, {@code fr}, {@code es}...); {@code en} is
   * the fallback when the visitor's language is missing.
   */
  Map<String, String> labels();

  /**
   * Who sees the navigation entry: {@code public} (everyone, the default), {@code signed-in}, or a
   * role name such as {@code NATIONAL_COORDINATOR}. The services enforce their own rules anyway.
   */
  default String audience() {
    return "public";
  }
}
