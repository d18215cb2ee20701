package org.unesco.aspnet.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
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
 * {@code GET /api/v1/plugins}: the bundles installed from the plugins folder, their state, what
 * they contribute, and for one that cannot start, what it is missing in plain words. Platform
 * administrators only, once an {@link Authorizer} is installed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/plugins")
public final class PluginsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient BundleContext context;
  /** The plugins folder; null when the launcher names none. */
  private final transient Path pluginsDir;
  private final String pluginsUri;

  @Activate
  public PluginsServlet(BundleContext context) {
    this.context = context;
    String dir = context.getProperty("aspnet.plugins.dir");
    this.pluginsDir = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
    this.pluginsUri = pluginsDir == null ? null : pluginsDir.toUri().toString();
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
    List<Map<String, Object>> items = new ArrayList<>();
    java.util.Set<String> installedFiles = new java.util.HashSet<>();
    for (Bundle bundle : context.getBundles()) {
      if (isPlugin(bundle)) {
        Map<String, Object> item = describe(bundle);
        installedFiles.add(String.valueOf(item.get("file")));
        items.add(item);
      }
    }
    items.addAll(notInstalled(installedFiles));
    items.sort(Comparator.comparing(m -> String.valueOf(m.get("symbolicName"))));
    response.setHeader("Cache-Control", "no-store");
    Json.writePage(response, items, null);
  }

  /**
   * The jars in the plugins folder that no installed bundle comes from, each with why: a file that
   * is no jar, or no OSGi bundle, is otherwise only a line in the log (or not even that).
   */
  private List<Map<String, Object>> notInstalled(java.util.Set<String> installedFiles) {
    List<Map<String, Object>> items = new ArrayList<>();
    if (pluginsDir == null) {
      return items;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(pluginsDir)) {
      for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        String file = jar.getFileName().toString();
        if (installedFiles.contains(file)) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbolicName", null);
        m.put("file", file);
        m.put("state", "NOT_INSTALLED");
        m.put("provides", List.of());
        m.put("problem", whyNotInstalled(jar));
        items.add(m);
      }
    } catch (IOException | RuntimeException unreadableFolder) {
      // the folder itself is gone or unreadable: nothing to add to what is installed
    }
    return items;
  }

  static String whyNotInstalled(Path jar) {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      java.util.jar.Manifest manifest = file.getManifest();
      if (manifest == null || manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
        return "Not an OSGi bundle: its manifest has no Bundle-SymbolicName";
      }
      return "Not installed yet, or refused by the framework (for example a second copy of "
          + manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) + "): see the log";
    } catch (IOException e) {
      return "Not a readable jar (" + e.getMessage() + "): replace it with the plugin's jar";
    }
  }

  private boolean isPlugin(Bundle bundle) {
    if (pluginsUri == null) {
      return false;
    }
    String location = bundle.getLocation();
    // FileInstall installs with the file URI as location ("file:/.../plugins/x.jar")
    return location.startsWith(pluginsUri) || location.startsWith(pluginsUri.replace("file:///", "file:/"));
  }

  private Map<String, Object> describe(Bundle bundle) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbolicName", bundle.getSymbolicName());
    m.put("name", bundle.getHeaders().get(Constants.BUNDLE_NAME));
    m.put("version", bundle.getVersion().toString());
    m.put("file", Path.of(bundle.getLocation().replaceFirst("^file:/*", "/")).getFileName().toString());
    m.put("state", stateName(bundle));
    m.put("provides", contributions(bundle));
    List<String> missing = MissingRequirements.of(bundle, context);
    if (!missing.isEmpty()) {
      m.put("problem", "Cannot start: " + String.join("; ", missing));
    }
    return m;
  }

  /** The extension points a plugin fills and the endpoints it adds, from its live services. */
  private static List<Map<String, Object>> contributions(Bundle bundle) {
    List<Map<String, Object>> result = new ArrayList<>();
    ServiceReference<?>[] refs = bundle.getRegisteredServices();
    if (refs == null) {
      return result;
    }
    for (ServiceReference<?> ref : refs) {
      Map<String, Object> c = new LinkedHashMap<>();
      String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
      Object pattern = ref.getProperty("osgi.http.whiteboard.servlet.pattern");
      if (pattern != null) {
        c.put("kind", "endpoint");
        c.put("pattern", pattern);
      } else {
        String spi = null;
        for (String cls : classes) {
          if (cls.startsWith("org.unesco.aspnet.")) {
            spi = cls;
          }
        }
        if (spi == null) {
          continue;
        }
        c.put("kind", "extension");
        c.put("service", spi);
        for (String key : ref.getPropertyKeys()) {
          if (key.startsWith("aspnet.")) {
            c.put(key, ref.getProperty(key));
          }
        }
      }
      result.add(c);
    }
    return result;
  }

  static String stateName(Bundle bundle) {
    return switch (bundle.getState()) {
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.RESOLVED -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null ? "FRAGMENT" : "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.STOPPING -> "STOPPING";
      default -> "UNINSTALLED";
    };
  }
}
