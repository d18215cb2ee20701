package org.unesco.aspnet.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The installation's empty database ({@code lib/empty-database/}), made once when the
 * installation is built: Derby's new database with every migration of {@code bundle/} and {@code
 * plugins/} applied and recorded, and the reference data loaded, but no account and no school.
 * A first start copies it instead of creating Derby's catalogs and running some sixty DDL
 * statements: about a second less on two cores. The persistence bundle runs the migrations at
 * every start as before, so a plugin added later, or one newer than the copy, is migrated then.
 */
final class EmptyDatabase {
  /** Where the empty database lives in an installation. */
  static final String FOLDER = "lib/empty-database";

  /** The framework property that tells bundles this run only makes the empty database. */
  static final String PREPARING = "aspnet.preparing";

  private EmptyDatabase() {}

  /**
   * Waits until the platform is UP on {@code port} and every bundle is active (the plugins'
   * migrations included), stops it, and keeps its Derby folder as {@code home/lib/empty-database}.
   */
  static void make(Framework framework, Path home, Path data, String port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!(up(http, health) && allActive(framework))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the platform did not come up within 2 minutes: see the log above");
      }
      Thread.sleep(100);
    }
    framework.stop();
    if (framework.waitForStop(30_000).getType() == org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT) {
      throw new IllegalStateException("the platform did not stop within 30 s: its database may still be open");
    }
    Path target = home.resolve(FOLDER);
    delete(target);
    copy(data.resolve("derby"), target.resolve("derby"));
    System.out.println("ASPnet Platform: empty database kept in " + target);
  }

  private static boolean up(HttpClient http, HttpRequest health) throws InterruptedException {
    try {
      return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static boolean allActive(Framework framework) {
    for (Bundle b : framework.getBundleContext().getBundles()) {
      if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        return false;
      }
    }
    return true;
  }

  /** Copies a folder tree, files as they are. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
