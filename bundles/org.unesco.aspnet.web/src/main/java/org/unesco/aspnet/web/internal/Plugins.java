package org.unesco.aspnet.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.HealthCheck;

/**
 * The bundles installed from the plugins folder and the jars there that are not: their state, what
 * they contribute, and for one that does not work, why in plain words (a requirement no bundle
 * offers, a component that failed to start or waits for a service, a file that is no bundle).
 * {@code plugins} in health is DEGRADED while one does not work (for {@value #GRACE_SECONDS} s or
 * more): a failing plugin never takes the core down, but an operator is told, and the log says it
 * once (looked at every {@value #GRACE_SECONDS} s on a thread of its own, health asked or not).
 */
@Component(service = {Plugins.class, HealthCheck.class})
public final class Plugins implements HealthCheck {
  private final BundleContext context;
  private final ServiceComponentRuntime scr;
  private final Logger log;
  /** The plugins folder; null when the launcher names none. */
  private final Path pluginsDir;
  private final String pluginsUri;
  private final java.util.concurrent.ScheduledExecutorService watch;
  private volatile Result state = Result.up();
  static final int GRACE_SECONDS = 5;
  /** When each current problem was first seen, and those logged: each is said once while it lasts. */
  private final Map<String, Long> firstSeen = new java.util.HashMap<>();
  private final Set<String> logged = new java.util.HashSet<>();

  @Activate
  public Plugins(BundleContext context, @Reference ServiceComponentRuntime scr,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.scr = scr;
    this.log = log;
    String dir = context.getProperty("aspnet.plugins.dir");
    this.pluginsDir = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
    this.pluginsUri = pluginsDir == null ? null : pluginsDir.toUri().toString();
    // looked at every few seconds, so that the log says it though nobody asks health
    this.watch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aspnet-plugin-check");
      t.setDaemon(true);
      return t;
    });
    watch.scheduleWithFixedDelay(() -> {
      try {
        state = look();
      } catch (RuntimeException e) {
        log.debug("Plugin check failed: {}", e.toString()); // the framework stopping under it
      }
    }, GRACE_SECONDS, GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
  }

  @org.osgi.service.component.annotations.Deactivate
  void stop() {
    watch.shutdownNow();
  }

  /** What {@code GET /api/v1/plugins} lists, by symbolic name. */
  List<Map<String, Object>> list() {
    List<Map<String, Object>> items = new ArrayList<>();
    Set<String> installedFiles = new java.util.HashSet<>();
    for (Bundle bundle : context.getBundles()) {
      if (isPlugin(bundle)) {
        Map<String, Object> item = describe(bundle);
        installedFiles.add(String.valueOf(item.get("file")));
        items.add(item);
      }
    }
    items.addAll(notInstalled(installedFiles));
    items.sort(Comparator.comparing(m -> String.valueOf(m.get("symbolicName"))));
    return items;
  }

  @Override
  public String name() {
    return "plugins";
  }

  /** What the watch found last: health reads it, and asks nothing of the framework while the platform starts. */
  @Override
  public Result check() {
    return state;
  }

  /** The plugins' problems that have lasted, said once in the log. */
  private Result look() {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> item : list()) {
      if (item.get("problem") != null) {
        problems.add(item.get("file") + ": " + item.get("problem"));
      }
    }
    List<String> lasting = lasting(problems, System.nanoTime());
    return lasting.isEmpty() ? Result.up() : Result.degraded(String.join("; ", lasting));
  }

  /**
   * The problems seen for {@value #GRACE_SECONDS} s or more, each logged once when it first gets
   * there: a plugin being installed, or waiting a moment for the database at start, is not one.
   */
  synchronized List<String> lasting(List<String> problems, long now) {
    firstSeen.keySet().retainAll(problems);
    List<String> lasting = new ArrayList<>();
    for (String problem : problems) {
      long since = firstSeen.computeIfAbsent(problem, p -> now);
      if (now - since >= java.util.concurrent.TimeUnit.SECONDS.toNanos(GRACE_SECONDS)) {
        lasting.add(problem);
        if (logged.add(problem)) {
          log.warn("Plugin not working: {}", problem);
        }
      }
    }
    logged.retainAll(problems);
    return lasting;
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
    } else if (bundle.getState() == Bundle.ACTIVE) {
      List<String> failing = failingComponents(bundle);
      if (!failing.isEmpty()) {
        m.put("problem", String.join("; ", failing));
      }
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

  /**
   * The components of {@code bundle} that failed to start (their first line of failure) or wait for
   * a service nobody offers. A delayed component fails at its first use, so until then it is not
   * known to fail.
   */
  private List<String> failingComponents(Bundle bundle) {
    List<String> failing = new ArrayList<>();
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
      String name = d.name.substring(d.name.lastIndexOf('.') + 1);
      for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          failing.add(name + " failed to start: " + rootCause(c.failure));
        } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
          List<String> services = new ArrayList<>();
          for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
            services.add(serviceOf(d, r.name));
          }
          failing.add(name + " waits for " + String.join(", ", services));
        }
      }
    }
    return failing;
  }

  /** The innermost cause of a stack trace as text: what the plugin threw, not SCR's wrappers. */
  static String rootCause(String stackTrace) {
    if (stackTrace == null) {
      return "(no reason given)";
    }
    String cause = stackTrace.lines().findFirst().orElse("");
    for (String line : (Iterable<String>) stackTrace.lines()::iterator) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length());
      }
    }
    return cause;
  }

  private static String serviceOf(ComponentDescriptionDTO d, String reference) {
    for (var r : d.references) {
      if (r.name.equals(reference)) {
        return r.interfaceName + (r.target == null ? "" : " " + r.target);
      }
    }
    return reference;
  }
}
