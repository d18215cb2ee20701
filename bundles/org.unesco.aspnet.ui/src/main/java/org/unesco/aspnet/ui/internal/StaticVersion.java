package org.unesco.aspnet.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The version of the UI's files: a digest of every file under {@code static/} (names and bytes),
 * so that it changes exactly when one of them does. The page asks for its files under
 * {@code /v/<version>/}, which a browser may keep for a year without asking again; one version for
 * all the files keeps the modules' relative imports ({@code ./app.js}) on the same version, so a
 * module is never loaded twice.
 */
final class StaticVersion {
  private StaticVersion() {}

  /** The digest of the files as this bundle holds them (on a class path outside a framework: a folder's). */
  static String of(Class<?> owner) {
    return of(files(owner));
  }

  /** The digest of these files, by their path below {@code static/}. */
  static String of(Map<String, URL> files) {
    if (files.isEmpty()) {
      // nothing to read them from: a version of this run only, never one that outlives a change
      return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, URL> file : new TreeMap<>(files).entrySet()) {
        digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try (InputStream in = file.getValue().openStream()) {
          digest.update(in.readAllBytes());
        }
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files under {@code static/}, by their path below it, in a stable order. */
  private static Map<String, URL> files(Class<?> owner) {
    Map<String, URL> files = new TreeMap<>();
    Bundle bundle = FrameworkUtil.getBundle(owner);
    if (bundle != null) {
      for (URL url : Collections.list(java.util.Objects.requireNonNullElse(
          bundle.findEntries("static", "*", true), Collections.<URL>emptyEnumeration()))) {
        String path = url.getPath();
        if (!path.endsWith("/")) {
          // the host's copy first, then its fragments': the one the class loader serves counts
          files.putIfAbsent(path.substring(path.indexOf("/static/") + "/static/".length()), url);
        }
      }
      return files;
    }
    URL index = owner.getResource("/static/index.html");
    if (index == null || !"file".equals(index.getProtocol())) {
      return files;
    }
    try {
      Path root = Path.of(index.toURI()).getParent();
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
          files.put(root.relativize(p).toString().replace('\\', '/'), p.toUri().toURL());
        }
      }
      return files;
    } catch (IOException | URISyntaxException e) {
      return new TreeMap<>();
    }
  }
}
