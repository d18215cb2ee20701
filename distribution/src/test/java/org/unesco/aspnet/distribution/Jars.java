package org.unesco.aspnet.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes variants of a plugin jar for the tests: another version, an extra migration... */
final class Jars {
  private Jars() {}

  /** Copies {@code source} with manifest headers set and entries added or replaced. */
  static Path variant(Path source, Path target, Map<String, String> headers, Map<String, String> entries)
      throws IOException {
    try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
      Manifest manifest = new Manifest(in.getManifest());
      headers.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          if (entries.containsKey(e.getName())) {
            continue;
          }
          out.putNextEntry(new JarEntry(e.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
          out.putNextEntry(new JarEntry(e.getKey()));
          out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
        }
      }
    }
    return target;
  }

  /** A bundle with nothing but a manifest. */
  static Path manifestOnly(Path target, Map<String, String> headers) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    headers.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
      // no entries
    }
    return target;
  }

  static String entry(Path jar, String name) throws IOException {
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (e.getName().equals(name)) {
          return new String(((InputStream) in).readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
