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
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Makes the installed core bundles match the jars in the installation's bundle folders. Bundles
 * are installed by reference (read in place, not copied into the cache); a jar whose size or time
 * changed since the last start is updated, a jar that is gone is uninstalled. Plugins are
 * FileInstall's business and are left alone.
 */
final class BundleSync {
  private static final String REFERENCE = "reference:";

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
      next.setProperty(location, stamp);
      wanted.remove(location);
    }
    for (Map.Entry<String, Path> e : wanted.entrySet()) {
      Bundle bundle = context.installBundle(e.getKey());
      next.setProperty(e.getKey(), stamp(e.getValue()));
      if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        bundle.start(); // marks it for start when the framework starts
      }
    }
    saveStamps(next);
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
