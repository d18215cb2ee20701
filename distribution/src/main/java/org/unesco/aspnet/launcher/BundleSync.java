package org.unesco.aspnet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Makes the installed core bundles match the jars in the installation's bundle folders. Bundles
 * are installed by reference (read in place, not copied into the cache); a jar whose size or time
 * changed since the last start is updated, a jar that is gone is uninstalled. Plugins are
 * FileInstall's business and are left alone.
 */
final class BundleSync {
  private static final String REFERENCE = "reference:";

  /**
   * Start levels: 1 the service runtime (log, configuration, Declarative Services), 2 the
   * database service, which opens Derby on a thread of its own, the web bundle, whose start gate
   * must be registered before Jetty starts, and security, which on a first start hashes the first
   * account's password meanwhile, 3 everything else (Jetty, the other bundles, plugins). So Derby
   * boots as early as possible and overlaps the rest of the start-up, and no request reaches a
   * half-registered platform.
   */
  static final Set<String> LEVEL_1 =
      Set.of(
          "org.apache.felix.log",
          "org.apache.felix.configadmin",
          "org.apache.felix.fileinstall",
          "org.apache.felix.scr",
          "org.osgi.service.component",
          "org.osgi.util.promise",
          "org.osgi.util.function",
          "org.unesco.aspnet.logging");

  static final Set<String> LEVEL_2 =
      Set.of(
          "org.osgi.service.jdbc",
          "slf4j.api",
          "org.unesco.aspnet.logging.slf4j",
          "com.zaxxer.HikariCP",
          "org.unesco.aspnet.core",
          "org.unesco.aspnet.persistence",
          "org.unesco.aspnet.web",
          "org.unesco.aspnet.security");

  /** Where everything else starts, plugins included. */
  static final int LAST_LEVEL = 3;

  private final BundleContext context;
  private final Path stampFile;

  BundleSync(BundleContext context, Path stampFile) {
    this.context = context;
    this.stampFile = stampFile;
  }

  void sync(List<Path> dirs) throws IOException, BundleException {
    Properties stamps = loadStamps();
    Map<String, Path> wanted = new LinkedHashMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> jars = Files.list(dir)) {
        jars.filter(p -> p.toString().endsWith(".jar"))
            .sorted()
            .forEach(p -> wanted.put(REFERENCE + p.toAbsolutePath().normalize().toUri(), p));
      }
    }
    Properties next = new Properties();
    for (Bundle bundle : context.getBundles()) {
      String location = bundle.getLocation();
      if (bundle.getBundleId() == 0 || !location.startsWith(REFERENCE)) {
        continue;
      }
      Path jar = wanted.get(location);
      if (jar == null) {
        bundle.uninstall(); // gone from this installation (removed, or renamed by an upgrade)
        continue;
      }
      String stamp = stamp(jar);
      if (!stamp.equals(stamps.getProperty(location))) {
        bundle.update(); // same file name, new content: re-read from the location
      }
      placeInStartLevel(bundle);
      next.setProperty(location, stamp);
      wanted.remove(location);
    }
    for (Map.Entry<String, Path> e : wanted.entrySet()) {
      Bundle bundle = context.installBundle(e.getKey());
      next.setProperty(e.getKey(), stamp(e.getValue()));
      placeInStartLevel(bundle);
      if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        bundle.start(); // marks it for start when the framework starts
      }
    }
    saveStamps(next);
  }

  private static void placeInStartLevel(Bundle bundle) {
    String name = bundle.getSymbolicName();
    int level = LEVEL_1.contains(name) ? 1 : LEVEL_2.contains(name) ? 2 : LAST_LEVEL;
    bundle.adapt(BundleStartLevel.class).setStartLevel(level);
  }

  private static String stamp(Path jar) {
    try {
      return Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private Properties loadStamps() throws IOException {
    Properties p = new Properties();
    if (Files.exists(stampFile)) {
      try (InputStream in = Files.newInputStream(stampFile)) {
        p.load(in);
      }
    }
    return p;
  }

  private void saveStamps(Properties p) throws IOException {
    Files.createDirectories(stampFile.getParent());
    try (OutputStream out = Files.newOutputStream(stampFile)) {
      p.store(out, "size:mtime of each core bundle at the last start; see BundleSync");
    }
  }
}
