package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start, stop, restart and upgrade, as an operator does them. */
class LifecycleIT {

  @Test
  void sigtermStopsCleanlyWithin10sAndARestartKeepsTheData() throws Exception {
    try (Installation platform = new Installation()) {
      platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
      // the system's temporary folder, seen alone: a server's /tmp must not fill up start after start
      Path systemTmp = Files.createDirectories(platform.root.resolve("system-tmp"));
      platform.environment.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + systemTmp);
      platform.start();
      platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
      assertEquals(
          200,
          platform.send("PUT", "/api/v1/hello/greeting", "{\"text\":\"Bonjour\"}",
              "Content-Type", "application/json", "If-Match", etag).statusCode());

      // the launcher's lines as the log's: the time, the level, and the release it runs
      assertTrue(java.util.regex.Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  ASPnet Platform: \\d+\\.\\d+\\.\\d+\\S* framework started in")
          .matcher(platform.log()).find(), platform.log());
      long stopMs = platform.stop();
      assertTrue(stopMs < 10_000, "stopped in " + stopMs + " ms");
      assertEquals(0, platform.exitValue(), platform.log());
      try (var left = Files.list(systemTmp)) {
        assertEquals(List.of(), left.map(f -> f.getFileName().toString()).toList(),
            "left in the system's temporary folder after a stop");
      }
      platform.environment.remove("JAVA_TOOL_OPTIONS");
      // Derby's own record of a clean shutdown (the platform's "Database closed" log line travels
      // through the asynchronous log service, which may itself be stopping by then)
      String derbyLog = Files.readString(platform.data.resolve("derby.log"));
      assertTrue(derbyLog.contains("Shutting down instance") && derbyLog.contains(platform.data.resolve("derby").toString()),
          "Derby shut down cleanly:\n" + derbyLog + "\n" + platform.log());

      platform.start();
      var r = platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), x -> x.statusCode() == 200);
      assertTrue(r.body().contains("Bonjour"), r.body());
      assertTrue(Files.isDirectory(platform.data.resolve("cache")), "the bundle cache is kept in the data folder");
    }
  }

  /**
   * The operator console whose input ends (Ctrl-D, or a service manager's closed stdin) leaves the
   * platform running: it stops on SIGTERM, as without the console.
   */
  @Test
  void theConsoleWhoseInputEndsLeavesThePlatformRunning() throws Exception {
    try (Installation platform = new Installation()) {
      platform.arguments.add("--console");
      platform.start();
      platform.closeInput();
      Thread.sleep(3000);
      assertTrue(platform.isRunning(), platform.log());
      assertEquals(200, platform.get("/api/v1/health").statusCode());
      assertTrue(platform.stop() < 10_000);
    }
  }

  /**
   * A database the platform cannot open (a URL mistyped in persistence.cfg: a server that does not
   * exist, and no driver for it) is said once, in the log and in health (503), never as a flood of
   * stack traces from every component that needs it; with the right URL back the platform serves
   * the same data again, without a restart.
   */
  @Test
  void aDatabaseThatCannotBeOpenedIsSaidOnceAndTheRightUrlBringsItBack() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      String admin = platform.adminToken();
      Path config = platform.home.resolve("config/org.unesco.aspnet.persistence.cfg");
      String good = Files.readString(config);
      long before = platform.log().lines().count();
      Files.writeString(config, good.replaceFirst("(?m)^url=.*$", "url=jdbc:postgresql://nowhere.invalid/aspnet"));
      platform.awaitResponse("/api/v1/health", Duration.ofSeconds(30), r -> r.statusCode() == 503);
      Thread.sleep(3000); // what a loop of failing activations would have written meanwhile
      String written = String.join("\n", platform.log().lines().skip(before).toList());
      assertTrue(written.contains("No JDBC driver for jdbc:postgresql://nowhere.invalid/aspnet"), written);
      assertTrue(written.lines().count() < 100, "said once, not a flood (" + written.lines().count() + " lines):\n" + written);
      assertEquals(503, platform.get("/api/v1/schools").statusCode(), "the directory waits for its database");

      Files.writeString(config, good);
      platform.awaitResponse("/api/v1/health", Duration.ofSeconds(30), r -> r.statusCode() == 200);
      platform.awaitResponse("/api/v1/schools", Duration.ofSeconds(30), r -> r.statusCode() == 200);
      assertEquals(200, platform.get("/api/v1/me", "Authorization", "Bearer " + admin).statusCode(), "the same database: its sessions");
    }
  }

  /**
   * Backups the platform takes by itself, for an installation run by a service manager: turned on
   * in their file, the first is taken soon after (none was there but an older one), the older one
   * beyond keep=1 goes, health says where the last one is, and the backup put in place of the
   * database brings it back as it was (a session made before it still signs in).
   */
  @Test
  void scheduledBackupsTurnedOnLiveAreWholeDatabasesAndTheNewestAreKept() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      String admin = platform.adminToken();
      Path backups = platform.data.resolve("backups");
      Path old = backups.resolve("2020-01-01T02-30-00");
      Files.createDirectories(old.resolve("derby"));
      Files.createDirectories(backups.resolve("the operator's notes"));
      Path config = platform.home.resolve("config/org.unesco.aspnet.persistence.backup.cfg");
      Files.writeString(config, Files.readString(config).replace("enabled=false", "enabled=true").replace("keep=7", "keep=1"));

      String[] health = {""};
      Installation.await("a backup in health's details", Duration.ofSeconds(60), () -> {
        health[0] = platform.get("/api/v1/health", "Authorization", "Bearer " + admin).body();
        return health[0].contains("Last backup " + backups);
      });
      assertTrue(health[0].contains("MB, "), health[0]);
      assertTrue(platform.log().contains("Backed up the database to " + backups), platform.log());
      List<Path> kept;
      try (var folders = Files.list(backups)) {
        kept = folders.filter(p -> p.getFileName().toString().matches("\\d{4}-.*")).toList();
      }
      assertEquals(1, kept.size(), kept.toString());
      assertFalse(Files.exists(old), "the oldest beyond keep=1 is deleted");
      assertTrue(Files.isDirectory(backups.resolve("the operator's notes")), "what is not a backup stays");
      Path copy = kept.get(0).resolve("derby");
      assertTrue(Files.exists(copy.resolve("service.properties")), "a Derby database: " + copy);

      platform.stop();
      Installation.deleteTree(platform.data.resolve("derby"));
      Files.move(copy, platform.data.resolve("derby"));
      platform.start();
      assertEquals(200, platform.get("/api/v1/me", "Authorization", "Bearer " + admin).statusCode(), platform.log());
    }
  }

  /**
   * While the platform starts, nothing answers as if it were up: once Felix HTTP dispatches, every
   * request gets 503 with Retry-After until health is UP (the API as problem+json, a page as a page
   * that reloads itself, health with what it still waits for), and the plugins list, which is open
   * only on a platform without accounts, is never served to a stranger on the way.
   */
  @Test
  void whileThePlatformStartsEveryRequestIsTold503UntilItIsUp() throws Exception {
    try (Installation platform = new Installation()) {
      java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
      Thread probe = new Thread(() -> {
        while (!up.get()) {
          for (String path : new String[] {"/api/v1/health", "/api/v1/plugins", "/api/v1/schools", "/"}) {
            try {
              var r = platform.get(path);
              seen.add(path + " " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("")
                  + " retry=" + r.headers().firstValue("Retry-After").orElse("-") + " " + r.body().replace('\n', ' '));
              if (path.equals("/api/v1/health") && r.statusCode() == 200) {
                up.set(true);
              }
            } catch (java.io.IOException notListeningYet) {
              // Jetty does not listen yet
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      });
      probe.start();
      platform.start();
      probe.join(30_000);
      up.set(true);

      java.util.List<String> answers = java.util.List.copyOf(seen);
      assertFalse(answers.isEmpty(), "the probe saw the platform answer");
      for (String a : answers) {
        assertFalse(a.startsWith("/api/v1/plugins 200"), "the plugins list went to a stranger during the start: " + a);
        assertFalse(a.startsWith("/api/v1/schools 404") && a.contains("problem+json"),
            "an endpoint was missing behind an open gate: " + a);
        if (a.contains(" 503 ")) {
          assertTrue(a.contains("retry=1"), "a 503 during the start says when to come back: " + a);
          if (a.startsWith("/api/v1/health")) {
            assertTrue(a.contains("\"status\":\"DOWN\"") && a.contains("\"components\""), a);
          } else if (a.startsWith("/api/")) {
            assertTrue(a.contains("application/problem+json") && a.contains("/problems/starting"), a);
          } else {
            assertTrue(a.contains("text/html") && a.contains("http-equiv=\"refresh\""), a);
          }
        }
      }
      assertEquals(401, platform.get("/api/v1/plugins").statusCode());
      assertEquals(200, platform.get("/api/v1/schools").statusCode());
      assertTrue(platform.log().contains("Serving every request: the platform is UP"), platform.log());
    }
  }

  /**
   * The installation is built with an empty database (lib/empty-database: migrations applied, no
   * account): a first start copies it, creates its own administrator, and a restart keeps what
   * it has.
   */
  @Test
  void aFirstStartCopiesTheEmptyDatabaseAndARestartKeepsItsOwn() throws Exception {
    try (Installation platform = new Installation()) {
      assertTrue(Files.isDirectory(platform.home.resolve("lib/empty-database/derby")), "built with the installation");
      platform.start();
      assertTrue(platform.log().contains("First start: the database is a copy of the installation's empty one"), platform.log());
      assertEquals(200, platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD).statusCode(),
          "this installation's administrator, with this installation's password");
      assertTrue(platform.get("/api/v1/countries/FR").body().contains("Europe and North America"), "reference data in it");
      String admin = platform.adminToken();
      String audit = platform.get("/api/v1/audit?limit=200", "Authorization", "Bearer " + admin).body();
      assertEquals(1, audit.split("\"account.create\"", -1).length - 1, "one account made, at this start: " + audit);
      platform.stop();
      platform.start();
      assertFalse(platform.log().contains("is a copy of the installation's empty one"), "a restart keeps its database");
      assertEquals(200, platform.login(Installation.ADMIN_EMAIL, Installation.ADMIN_PASSWORD).statusCode());
    }
  }

  /**
   * The build records the class-data sharing archive into lib/ with the empty database: run where
   * it was built, a first start maps it rather than recording one of its own into the data folder.
   */
  @Test
  void aFirstStartWhereTheInstallationWasBuiltUsesTheBuildsClassDataArchive() throws Exception {
    try (Installation platform = new Installation(true)) {
      assertTrue(Files.isRegularFile(platform.home.resolve("lib/aspnet-cds.jsa")), "recorded by the build");
      platform.start();
      platform.stop();
      assertTrue(Files.exists(platform.data.resolve("aspnet-cds.jsa.stamp")), "the data folder's stamp is written");
      assertFalse(Files.exists(platform.data.resolve("aspnet-cds.jsa")), "no archive of its own: the build's was valid");
    }
  }

  @Test
  void anUpgradedInstallationNeverRunsStaleBundlesFromTheCache() throws Exception {
    try (Installation platform = new Installation()) {
      Path bundleDir = platform.home.resolve("bundle");
      platform.start();
      assertEquals(404, platform.get("/api/v1/hello").statusCode());
      platform.stop();

      // upgrade 1: a new core bundle appears
      Files.copy(Installation.HELLO_PLUGIN, bundleDir.resolve("hello.jar"));
      platform.start();
      var v1 = platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      assertTrue(v1.body().contains("\"version\":\"0.1.0.SNAPSHOT\""), v1.body());
      platform.stop();

      // upgrade 2: same file name, new content
      Path v2 = Jars.variant(Installation.HELLO_PLUGIN, platform.root.resolve("v2.jar"), Map.of("Bundle-Version", "0.1.1"), Map.of());
      Files.copy(v2, bundleDir.resolve("hello.jar"), StandardCopyOption.REPLACE_EXISTING);
      platform.start();
      var after = platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      assertTrue(after.body().contains("\"version\":\"0.1.1\""), after.body());
      platform.stop();

      // upgrade 3: the bundle is gone
      Files.delete(bundleDir.resolve("hello.jar"));
      platform.start();
      assertEquals(404, platform.get("/api/v1/hello").statusCode());
    }
  }

  @Test
  void aSecondPlatformOnTheSameDataOrPortIsRefusedInWordsAndTheFirstRunsOn() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      Path stamps = platform.data.resolve("cache").resolve("aspnet-bundles.properties");
      String cache = Files.readString(stamps);
      var sameData = platform.runRefused(platform.data, Installation.anyFreePort());
      assertEquals(1, sameData.getKey(), sameData.getValue());
      assertTrue(sameData.getValue().contains("is in use by another running platform"), sameData.getValue());
      var samePort = platform.runRefused(platform.root.resolve("other-data"), platform.port);
      assertEquals(1, samePort.getKey(), samePort.getValue());
      assertTrue(samePort.getValue().contains("Port " + platform.port + " is in use"), samePort.getValue());
      assertEquals(200, platform.get("/api/v1/health").statusCode(), "the first one is left alone");
      assertEquals(cache, Files.readString(stamps), "its bundle cache was not touched");
    }
  }

  @Test
  void anInstallationMovedToANewFolderRunsItsOwnPluginsOnTheSameData() throws Exception {
    try (Installation platform = new Installation()) {
      platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
      platform.start();
      platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
      assertEquals(200, platform.send("PUT", "/api/v1/hello/greeting", "{\"text\":\"Hallo\"}",
          "Content-Type", "application/json", "If-Match", etag).statusCode());
      platform.stop();

      // an upgrade unpacked into a new folder, the old one gone; the data folder comes from a release
      // that did not note where its installation was
      Files.delete(platform.data.resolve("aspnet-installation.txt"));
      platform.moveTo("aspnet-2.0");
      platform.start();
      var r = platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), x -> x.statusCode() == 200);
      assertTrue(r.body().contains("Hallo"), "the data stays: " + r.body());
      assertTrue(platform.log().contains("its bundle cache is rebuilt"), platform.log());
      String plugins = platform.get("/api/v1/plugins", "Authorization", "Bearer " + platform.adminToken()).body();
      assertFalse(plugins.contains("NOT_INSTALLED") || plugins.contains("INSTALLED\""), plugins);
      assertTrue(plugins.contains("hello.jar"), plugins);

      // and once more, from a data folder that knows its installation
      platform.stop();
      platform.moveTo("aspnet-3.0");
      platform.start();
      platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), x -> x.statusCode() == 200);
      String again = platform.get("/api/v1/plugins", "Authorization", "Bearer " + platform.adminToken()).body();
      assertFalse(again.contains("NOT_INSTALLED"), again);
      // a plain restart keeps its cache
      platform.stop();
      platform.start();
      assertFalse(platform.log().contains("bundle cache is rebuilt"), platform.log());
    }
  }
}
