package org.unesco.aspnet.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * Starts the platform: one Felix framework whose bundle cache lives in the data folder and is kept
 * between runs (a restart is fast), brought in line with the installation's {@code bundle/}
 * folder at every start (an upgraded installation never runs stale bundles), and stopped cleanly
 * on SIGTERM.
 *
 * <p>Environment: {@code ASPNET_PORT} (8080), {@code ASPNET_DATA_DIR} ({@code data/} of the
 * installation). Option {@code --console}: also start the Gogo shell on stdin.
 */
public final class Main {
  /** How long a stop may take before the JVM exits anyway; the contract says 10 s in all. */
  private static final long STOP_TIMEOUT_MS = 8_000;

  private Main() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    // the real path: the same installation reached through a symbolic link is the same installation
    Path home = Path.of(System.getProperty("aspnet.home", ".")).toRealPath();
    Path data = Path.of(env("ASPNET_DATA_DIR", home.resolve("data").toString())).toAbsolutePath().normalize();
    boolean console = List.of(args).contains("--console");
    // At build time: run once on an empty data folder and keep its database (EmptyDatabase)
    boolean makeEmptyDatabase = List.of(args).contains("--make-empty-database");
    String port = makeEmptyDatabase ? String.valueOf(anyFreePort()) : env("ASPNET_PORT", "8080");
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      System.err.println("ASPNET_PORT must be a port number, not '" + port + "'");
      System.exit(2);
    }
    Path plugins = home.resolve("plugins");
    quietThirdPartyLogs();
    try {
      Files.createDirectories(data);
      Files.createDirectories(plugins);
    } catch (IOException e) {
      refuse(data, "ASPNET_DATA_DIR " + data + " cannot be created or written: " + e);
    }
    if (!Files.isWritable(data)) {
      refuse(data, "ASPNET_DATA_DIR " + data + " is not writable by this user");
    }
    // One platform per data folder: a second one would share Derby's files and the bundle cache.
    dataLock = FileChannel.open(data.resolve("aspnet.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE).tryLock();
    if (dataLock == null) {
      refuse(data, "ASPNET_DATA_DIR " + data + " is in use by another running platform; stop it first, or give this one"
          + " another ASPNET_DATA_DIR");
    }
    // Jetty reports a port in use only in its log, and the platform would run on without HTTP.
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(Integer.parseInt(port)));
    } catch (java.net.BindException e) {
      refuse(data, String.valueOf(e.getMessage()).contains("in use")
          ? "Port " + port + " is in use by another program; set ASPNET_PORT to a free one"
          : "Port " + port + " cannot be opened (" + e.getMessage() + "); set ASPNET_PORT to another one");
    } catch (IOException e) {
      refuse(data, "Port " + port + " cannot be opened (" + e.getMessage() + ")");
    }

    if (makeEmptyDatabase && Files.exists(data.resolve("derby"))) {
      refuse(data, "--make-empty-database needs a data folder without a database; " + data + " has one");
    }
    for (String variable : List.of("ASPNET_DEMO", "ASPNET_GENERATE_SCHOOLS", "ASPNET_ADMIN_PASSWORD")) {
      // what they load would be in every installation's first database, demo passwords included
      if (makeEmptyDatabase && System.getenv(variable) != null) {
        refuse(data, "--make-empty-database makes a database without data or accounts: unset " + variable);
      }
    }
    Map<String, String> properties = frameworkProperties(home, data, plugins, port, console);
    if (makeEmptyDatabase) {
      properties.put(EmptyDatabase.PREPARING, "true");
    }
    if (movedInstallation(home, data)) {
      // Bundles and configurations of the old installation's folders are in the cache: start over
      // from this one's bundle/, plugins/ and config/. The database is not in the cache.
      say("INFO ", "this data folder was last used by another installation (or an earlier release); its bundle"
          + " cache is rebuilt from " + home);
      properties.put("org.osgi.framework.storage.clean", "onFirstInit");
    }
    Framework framework = new FrameworkFactory().newFramework(properties);
    try {
      framework.init();
    } catch (BundleException e) {
      refuse(data, "The framework cannot start: " + e.getMessage());
    }
    Files.writeString(data.resolve(INSTALLATION_FILE), home.toString());
    trace(started, "framework initialised");
    List<Path> bundleDirs = console ? List.of(home.resolve("bundle"), home.resolve("console")) : List.of(home.resolve("bundle"));
    new BundleSync(framework.getBundleContext(), data.resolve("cache").resolve("aspnet-bundles.properties"))
        .sync(bundleDirs);
    trace(started, "bundles in line with " + bundleDirs);

    if (Boolean.getBoolean("aspnet.trace.start")) {
      // the JVM's uptime now, less the time since main() began: what passed before main(). Asked
      // only when tracing: the management beans cost a start some 30 classes and milliseconds.
      trace(started, "JVM up " + (java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
          - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)) + " ms before main()");
    }
    if (Boolean.getBoolean("aspnet.trace.start")) {
      // For start-up work: when each bundle became active, in ms since main() began.
      framework.getBundleContext().addBundleListener(e -> {
        if (e.getType() == org.osgi.framework.BundleEvent.STARTED) {
          System.out.printf("%5d ms started %s%n",
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e.getBundle().getSymbolicName());
        }
      });
    }
    if (makeEmptyDatabase) {
      try {
        framework.start();
        EmptyDatabase.make(framework, home, data, port);
        System.exit(0);
      } catch (Exception | Error e) {
        System.err.println("ASPnet Platform: the empty database was not made: " + e);
        framework.stop(); // Jetty's threads would keep the JVM, and the build, waiting
        framework.waitForStop(30_000);
        System.exit(1);
      }
    }
    Thread stopper = new Thread(() -> stop(framework), "aspnet-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    framework.start();
    String release = Main.class.getPackage().getImplementationVersion();
    say("INFO ", String.format("%s framework started in %d ms; serving http://localhost:%s/ (data in %s)",
        release == null ? "(a development build)" : release, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        port, data));

    FrameworkEvent event = framework.waitForStop(0);
    // Stopped from inside (e.g. the console's "exit"): leave without waiting for the hook.
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      return; // SIGTERM: the hook does the stop; the JVM exits when it is done
    }
    System.exit(event.getType() == FrameworkEvent.ERROR ? 1 : 0);
  }

  /** Where the installation that last ran on a data folder lives, in that data folder. */
  static final String INSTALLATION_FILE = "aspnet-installation.txt";

  /** Held while the platform runs, released by the JVM on exit. */
  private static java.nio.channels.FileLock dataLock;

  /** Whether another installation folder last used {@code data} (an upgrade into a new folder). */
  static boolean movedInstallation(Path home, Path data) throws IOException {
    Path file = data.resolve(INSTALLATION_FILE);
    if (!Files.exists(file)) {
      // a bundle cache without the note: made by a release before this one, which may be elsewhere
      return Files.isDirectory(data.resolve("cache"));
    }
    return !Files.readString(file).strip().equals(home.toString());
  }

  /**
   * A line of the launcher's, as the platform's log writes its own: the time (UTC, to the
   * millisecond), the level, then the text, so that an operator greps and orders them alike.
   */
  static void say(String level, String text) {
    java.io.PrintStream out = level.startsWith("ERROR") ? System.err : System.out;
    out.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + " " + level
        + " ASPnet Platform: " + text);
  }

  /** Says why the platform cannot start, on stderr, and exits 1. */
  private static void refuse(Path data, String why) {
    say("ERROR", why);
    // A first run records the class-data sharing archive as it exits; this one loaded next to
    // nothing. Without its stamp, bin/aspnet drops that archive and records a full one next time.
    try {
      Files.deleteIfExists(data.resolve("aspnet-cds.jsa.stamp"));
    } catch (IOException | RuntimeException ignored) {
      // nothing more to do on the way out
    }
    System.exit(1);
  }

  /** Runs on SIGTERM: stops every bundle (Derby shuts down), then exits 0 if that went well. */
  private static void stop(Framework framework) {
    long start = System.nanoTime();
    int status = 1;
    try {
      framework.stop();
      FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
      boolean clean = event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
      say(clean ? "INFO " : "ERROR", (clean ? "stopped" : "stop timed out") + " in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      status = clean ? 0 : 1;
    } catch (BundleException | InterruptedException e) {
      say("ERROR", "stop failed: " + e);
    }
    System.out.flush();
    // A JVM ended by SIGTERM exits 143 even after a clean stop; service managers read that as a
    // failure. Nothing is left to run once the framework has stopped.
    Runtime.getRuntime().halt(status);
  }

  static Map<String, String> frameworkProperties(
      Path home, Path data, Path plugins, String port, boolean console) {
    Map<String, String> p = new HashMap<>();
    p.put("org.osgi.framework.storage", data.resolve("cache").toString());
    p.put("org.osgi.framework.storage.clean", "none");
    // Derby lives on this class path (lib/) so that class-data sharing covers it; bundles see it
    // through the system bundle.
    p.put("org.osgi.framework.system.packages.extra", "org.apache.derby.jdbc;version=\"10.16.1\"");
    // Start levels put the database first (see BundleSync); plugins start at the last level.
    p.put("org.osgi.framework.startlevel.beginning", String.valueOf(BundleSync.LAST_LEVEL));
    p.put("felix.startlevel.bundle", String.valueOf(BundleSync.LAST_LEVEL));
    p.put("felix.log.level", "1");
    p.put("aspnet.home", home.toString());
    p.put("aspnet.data.dir", data.toString());
    // A data folder without a bundle cache or a database: the first start of an installation on
    // it. The security bundle then hashes the first account's password early (FirstPasswordHash).
    p.put("aspnet.data.new", String.valueOf(!Files.exists(data.resolve("cache")) && !Files.exists(data.resolve("derby"))));
    p.put("aspnet.plugins.dir", plugins.toString());
    p.put("org.osgi.service.http.port", port);
    // Jetty waits for config/org.apache.felix.http.cfg instead of starting, then restarting.
    p.put("org.apache.felix.http.require.config", "true");
    // Default level of the OSGi Log Service; per-logger levels in config/org.osgi.service.log.admin.cfg
    p.put("org.osgi.service.log.admin.loglevel", "INFO");
    // FileInstall watches config/ (one file per PID); config/org.apache.felix.fileinstall-plugins.cfg
    // starts a second watcher on plugins/.
    p.put("felix.fileinstall.dir", home.resolve("config").toString());
    p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
    p.put("felix.fileinstall.poll", "1000");
    p.put("felix.fileinstall.noInitialDelay", "true");
    // Left on, FileInstall rewrites .cfg files and was seen to leave one empty.
    p.put("felix.fileinstall.enableConfigSave", "false");
    p.put("felix.fileinstall.log.level", "3");
    // FileInstall's own folder, by default a new fileinstall-<random> in the system's temporary
    // folder per watcher and start, left behind by the stop's halt() (deleteOnExit never runs).
    p.put("felix.fileinstall.tmpdir", data.resolve("tmp").resolve("fileinstall-config").toString());
    // --noshutdown: the shell's end (Ctrl-D, exit, or a stdin that is closed, as under a service
    // manager) leaves the platform running; it stops on SIGTERM or Ctrl-C, as without the console
    p.put("gosh.args", console ? "--noshutdown" : "--nointeractive");
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("aspnet.") || k.startsWith("felix.") || k.startsWith("org.osgi.") || k.startsWith("org.apache.felix."))
        .forEach(k -> p.put(k, System.getProperty(k)));
    p.put("aspnet.home", home.toString());
    return p;
  }

  /** Jetty and HikariCP log through slf4j-simple (see org.unesco.aspnet.logging.slf4j). */
  private static void quietThirdPartyLogs() {
    Map<String, String> defaults =
        Map.of(
            "org.slf4j.simpleLogger.logFile", "System.out",
            "org.slf4j.simpleLogger.defaultLogLevel", "warn",
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.showShortLogName", "true");
    defaults.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        System.setProperty(k, v);
      }
    });
  }

  private static void trace(long started, String what) {
    if (Boolean.getBoolean("aspnet.trace.start")) {
      System.out.printf("%5d ms %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), what);
    }
  }

  private static int anyFreePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

}
