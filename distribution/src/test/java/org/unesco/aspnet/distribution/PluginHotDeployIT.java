package org.unesco.aspnet.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The plugins folder: drop in, replace, remove, under load; and the plugins that cannot start. */
class PluginHotDeployIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.Map<Installation, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonNode plugin(Installation platform, String symbolicName) throws Exception {
    String token = TOKENS.computeIfAbsent(platform, p -> {
      try {
        return p.adminToken();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (JsonNode p : JSON.readTree(platform.get("/api/v1/plugins", "Authorization", "Bearer " + token).body()).path("items")) {
      if (p.path("symbolicName").asText().equals(symbolicName) || p.path("file").asText().equals(symbolicName)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void dropReplaceRemoveWithoutRestartAndWithoutFailingOtherRequests() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicReference<String> firstFailure = new AtomicReference<>();
      Thread load = new Thread(() -> {
        while (running.get()) {
          try {
            int status = platform.get("/api/v1/health").statusCode();
            if (status == 200) {
              ok.incrementAndGet();
            } else {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, "HTTP " + status);
            }
          } catch (Exception e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e.toString());
          }
        }
      });
      load.start();
      try {
        platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
        var v1 = platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.statusCode() == 200);
        assertTrue(v1.body().contains("0.1.0.SNAPSHOT"), v1.body());
        JsonNode listed = plugin(platform, "org.unesco.aspnet.example.hello");
        assertEquals("ACTIVE", listed.path("state").asText());
        assertEquals("hello.jar", listed.path("file").asText());
        assertTrue(listed.path("provides").toString().contains("/api/v1/hello"), listed.toString());

        Path v2 = Jars.variant(Installation.HELLO_PLUGIN, platform.root.resolve("v2.jar"), Map.of("Bundle-Version", "0.1.1"), Map.of());
        platform.deployPlugin(v2, "hello.jar");
        platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.body().contains("\"version\":\"0.1.1\""));
        assertEquals("0.1.1", plugin(platform, "org.unesco.aspnet.example.hello").path("version").asText());

        platform.removePlugin("hello.jar");
        platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.statusCode() == 404);
        Installation.await("plugin gone from the list", Duration.ofSeconds(5),
            () -> plugin(platform, "org.unesco.aspnet.example.hello") == null);
      } finally {
        running.set(false);
        load.join();
      }
      assertEquals(0, failed.get(), "failed health requests during hot deployment, first: " + firstFailure.get());
      assertTrue(ok.get() > 50, "the load loop ran: " + ok.get() + " requests");
    }
  }

  @Test
  void unresolvablePluginIsReportedInPlainWords() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      Path broken = Jars.manifestOnly(platform.root.resolve("broken.jar"), Map.of(
          "Bundle-ManifestVersion", "2",
          "Bundle-SymbolicName", "org.example.broken",
          "Bundle-Version", "1.0.0",
          "Import-Package", "com.example.maps;version=\"[2.0,3)\""));
      platform.deployPlugin(broken, "broken.jar");
      Installation.await("broken plugin listed", Duration.ofSeconds(15), () -> plugin(platform, "org.example.broken") != null);
      JsonNode p = plugin(platform, "org.example.broken");
      assertEquals("INSTALLED", p.path("state").asText());
      assertEquals(
          "Cannot start: needs Java package com.example.maps (version 2.0.0 or later, below 3.0.0),"
              + " which no installed bundle provides",
          p.path("problem").asText());
      assertEquals(200, platform.get("/api/v1/health").statusCode(), "the core stays up");

      // Built against another release of the platform: the installed version is named
      Path newer = Jars.manifestOnly(platform.root.resolve("newer.jar"), Map.of(
          "Bundle-ManifestVersion", "2",
          "Bundle-SymbolicName", "org.example.newer",
          "Bundle-Version", "1.0.0",
          "Import-Package", "org.unesco.aspnet.core;version=\"[9.0,10)\""));
      platform.deployPlugin(newer, "newer.jar");
      Installation.await("newer plugin listed", Duration.ofSeconds(15), () -> plugin(platform, "org.example.newer") != null);
      String said = plugin(platform, "org.example.newer").path("problem").asText();
      assertTrue(said.matches("Cannot start: needs Java package org\\.unesco\\.aspnet\\.core \\(version 9\\.0\\.0 or later, below 10\\.0\\.0\\),"
          + " but the installed one is version 1\\.\\d+\\.\\d+ from org\\.unesco\\.aspnet\\.core: build the plugin against the installed version"), said);

      // A file that is no jar at all: listed by its file name with why, instead of nothing
      Path garbage = platform.root.resolve("garbage.jar");
      Files.write(garbage, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
      platform.deployPlugin(garbage, "maps-2.0.jar");
      Installation.await("unreadable jar listed", Duration.ofSeconds(15), () -> plugin(platform, "maps-2.0.jar") != null);
      JsonNode g = plugin(platform, "maps-2.0.jar");
      assertEquals("NOT_INSTALLED", g.path("state").asText(), g.toString());
      assertTrue(g.path("problem").asText().startsWith("Not a readable jar"), g.toString());
      assertEquals(200, platform.get("/api/v1/health").statusCode(), "the core stays up");

      // both are told in health (DEGRADED, for an administrator with why) and once in the log
      String admin = platform.adminToken();
      Installation.await("plugins DEGRADED in health", Duration.ofSeconds(20), () ->
          JSON.readTree(platform.get("/api/v1/health", "Authorization", "Bearer " + admin).body())
              .path("components").path("plugins").path("detail").asText().contains("maps-2.0.jar: Not a readable jar"));
      JsonNode health = JSON.readTree(platform.get("/api/v1/health", "Authorization", "Bearer " + admin).body());
      assertEquals("DEGRADED", health.path("status").asText(), health.toString());
      assertTrue(health.toString().contains("broken.jar: Cannot start: needs Java package com.example.maps"), health.toString());
      Thread.sleep(1500); // health built again: still said once
      platform.get("/api/v1/health");
      assertEquals(1, platform.log().lines().filter(l -> l.contains("Plugin not working: maps-2.0.jar: Not a readable jar")).count(),
          platform.log());
    }
  }

  /**
   * A plugin whose component fails to start is ACTIVE as a bundle and does nothing: the plugins
   * list and health say which component and why, and health is UP again once it no longer fails.
   */
  @Test
  void aComponentThatFailsToStartIsReportedWithWhy() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      String admin = platform.adminToken();
      platform.deployPlugin(Installation.EXAMPLES.resolve("org.unesco.aspnet.example.faultyprofile.jar"), "faulty.jar");
      Installation.await("the plugin active", Duration.ofSeconds(20), () -> {
        JsonNode p = plugin(platform, "faulty.jar");
        return p != null && p.path("state").asText().equals("ACTIVE");
      });
      assertTrue(plugin(platform, "faulty.jar").path("problem").isMissingNode(), plugin(platform, "faulty.jar").toString());

      Path config = platform.home.resolve("config/org.unesco.aspnet.example.failing.cfg");
      Files.writeString(config, "reason=a test\n");
      Installation.await("the failure listed", Duration.ofSeconds(20), () ->
          plugin(platform, "faulty.jar").path("problem").asText().equals("FailingComponent failed to start: "
              + "java.lang.IllegalStateException: this component fails on purpose"));
      Installation.await("plugins DEGRADED in health", Duration.ofSeconds(20), () ->
          JSON.readTree(platform.get("/api/v1/health", "Authorization", "Bearer " + admin).body())
              .path("components").path("plugins").path("detail").asText().contains("FailingComponent failed to start"));
      assertEquals(200, platform.get("/api/v1/health").statusCode(), "the core stays up");
      assertTrue(platform.log().contains("Plugin not working: faulty.jar: FailingComponent failed to start"), platform.log());

      Files.delete(config);
      Installation.await("health UP again", Duration.ofSeconds(20), () ->
          JSON.readTree(platform.get("/api/v1/health").body()).path("status").asText().equals("UP"));
      assertTrue(plugin(platform, "faulty.jar").path("problem").isMissingNode());
    }
  }

  @Test
  void failingOrEditedMigrationStopsOnlyItsBundle() throws Exception {
    try (Installation platform = new Installation()) {
      platform.start();
      Path failing = Jars.variant(Installation.HELLO_PLUGIN, platform.root.resolve("failing.jar"), Map.of(),
          Map.of("db/migration/V2__broken.sql", "CREATE TABLE HELLO_EXTRA (ID INT);\nCREATE TABLE HELLO_BAD (ID NO_SUCH_TYPE);\n"));
      platform.deployPlugin(failing, "hello.jar");
      Installation.await("migration failure logged", Duration.ofSeconds(20),
          () -> platform.log().contains("Migration V2__broken.sql of org.unesco.aspnet.example.hello failed"));
      Installation.await("bundle stopped", Duration.ofSeconds(10),
          () -> "RESOLVED".equals(plugin(platform, "org.unesco.aspnet.example.hello").path("state").asText()));
      assertTrue(platform.log().contains("bundle org.unesco.aspnet.example.hello is stopped"), platform.log());
      assertEquals(404, platform.get("/api/v1/hello").statusCode());
      assertEquals(200, platform.get("/api/v1/health").statusCode(), "the core stays up");

      // V1 was applied above; a jar whose V1 differs is refused
      platform.removePlugin("hello.jar");
      Installation.await("removed", Duration.ofSeconds(10), () -> plugin(platform, "org.unesco.aspnet.example.hello") == null);
      String v1 = Jars.entry(Installation.HELLO_PLUGIN, "db/migration/V1__greeting.sql");
      Path edited = Jars.variant(Installation.HELLO_PLUGIN, platform.root.resolve("edited.jar"), Map.of("Bundle-Version", "0.1.2"),
          Map.of("db/migration/V1__greeting.sql", v1.replace("VARCHAR(200)", "VARCHAR(300)")));
      platform.deployPlugin(edited, "hello.jar");
      Installation.await("edit refused", Duration.ofSeconds(20),
          () -> platform.log().contains("Migration V1__greeting.sql of org.unesco.aspnet.example.hello was edited after it was applied"));
      assertEquals(404, platform.get("/api/v1/hello").statusCode());

      // the original jar works again: its migrations match the record
      platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
      platform.awaitResponse("/api/v1/hello", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      assertFalse(platform.get("/api/v1/hello").body().contains("0.1.2"));
    }
  }

  @Test
  void aConfigEditAppliesWithoutRestart() throws Exception {
    try (Installation platform = new Installation()) {
      platform.deployPlugin(Installation.HELLO_PLUGIN, "hello.jar");
      platform.start();
      platform.awaitResponse("/api/v1/hello/greeting", Duration.ofSeconds(20), r -> r.statusCode() == 200);
      String etag = platform.get("/api/v1/hello/greeting").headers().firstValue("ETag").orElseThrow();
      String body = "{\"text\":\"" + "y".repeat(150) + "\"}";
      Files.writeString(platform.home.resolve("config/org.unesco.aspnet.web.cfg"), "maxRequestBytes=100\n");
      Installation.await("the new limit applies", Duration.ofSeconds(15), () ->
          platform.send("PUT", "/api/v1/hello/greeting", body, "Content-Type", "application/json", "If-Match", etag).statusCode() == 413);
      // A typo keeps the limit in force, says so in the log, and takes nothing down
      Files.writeString(platform.home.resolve("config/org.unesco.aspnet.web.cfg"), "maxRequestBytes=1MB\n");
      Installation.await("the typo is reported", Duration.ofSeconds(15), () -> platform.log().contains("maxRequestBytes is refused"));
      assertEquals(200, platform.get("/api/v1/health").statusCode());
      assertEquals(413, platform.send("PUT", "/api/v1/hello/greeting", body, "Content-Type", "application/json", "If-Match", etag)
          .statusCode(), "the limit in force stays");
      // a key that is no setting, and a file no bundle reads (a misspelled name): each said in the log
      Files.writeString(platform.home.resolve("config/org.unesco.aspnet.web.cfg"), "maxRequestBytes=100\nmaxRequestByte=5\n");
      Files.writeString(platform.home.resolve("config/org.unesco.aspnet.securty.cfg"), "sessionHours=48\n");
      Installation.await("the mistakes are reported", Duration.ofSeconds(30), () ->
          platform.log().contains("maxRequestByte is not a setting of org.unesco.aspnet.web")
              && platform.log().contains("No installed bundle reads the configuration org.unesco.aspnet.securty"));
      assertTrue(platform.log().contains("(its settings: ") && platform.log().contains("maxRequestBytes"), platform.log());
      assertEquals(200, platform.get("/api/v1/health").statusCode());
    }
  }
}
