package org.unesco.aspnet.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.ui.UiPage;
import org.unesco.aspnet.ui.UiPagePath;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/ui/pages}: the pages that plugins add to the UI ({@link UiPage} services),
 * for the app to put in its navigation. Public: it says nothing the UI would not show anyway.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/ui/pages")
@OpenApiFragment("openapi/ui.json")
public final class UiPagesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  /** A page, with the time its bundle was installed or last updated. */
  private record Entry(String path, UiPage page, long bundleModified) {}

  private final transient Map<UiPage, Entry> pages = new ConcurrentHashMap<>();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addPage(UiPage page, Map<String, Object> properties, ServiceReference<UiPage> reference) {
    Object path = properties.get(UiPagePath.PROPERTY);
    if (path instanceof String p && PATH.matcher(p).matches()) {
      pages.put(page, new Entry(p, page, reference.getBundle().getLastModified()));
    }
  }

  void removePage(UiPage page) {
    pages.remove(page);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Entry e : pages.values().stream().sorted(Comparator.comparing(Entry::path)).toList()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", e.path());
      item.put("script", versioned(e.page().script(), e.bundleModified()));
      item.put("labels", e.page().labels());
      item.put("audience", e.page().audience());
      items.add(item);
    }
    response.setHeader("Cache-Control", "no-cache");
    Json.writePage(response, items, null);
  }

  /**
   * The script's address marked with its bundle's install or update time. A whiteboard resource
   * answers with the jar entry's time as Last-Modified, the same in every build of a plugin
   * (reproducible jars), so a browser would otherwise keep an updated plugin's old script.
   */
  static String versioned(String script, long bundleModified) {
    if (script == null || script.contains("?") || script.contains("#")) {
      return script; // the plugin versions it itself
    }
    return script + "?v=" + Long.toString(bundleModified, 36);
  }
}
