package org.unesco.aspnet.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.persistence.testing.TestDatabase;

class ScheduledBackupsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final List<String> logged = new ArrayList<>();

  @Test
  void timesOfDayAreReadAsWrittenAndAnythingElseIsRefusedInWords() {
    assertEquals(List.of(LocalTime.of(2, 30), LocalTime.of(14, 0)), BackupSchedule.parse("14:00, 02:30").times());
    for (String bad : new String[] {"2:30", "25:00", "02:30,", "noon", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupSchedule.parse(bad), bad);
      assertTrue(e.getMessage().contains("HH:mm"), e.getMessage());
    }
  }

  @Test
  void theNextAndThePreviousTimeCrossMidnightAndDaylightSaving() {
    BackupSchedule schedule = BackupSchedule.parse("02:30,14:30");
    ZonedDateTime evening = ZonedDateTime.of(2026, 12, 2, 20, 0, 0, 0, PARIS);
    assertEquals(ZonedDateTime.of(2026, 12, 3, 2, 30, 0, 0, PARIS), schedule.next(evening));
    assertEquals(ZonedDateTime.of(2026, 12, 2, 14, 30, 0, 0, PARIS), schedule.previous(evening));
    ZonedDateTime early = ZonedDateTime.of(2026, 12, 2, 1, 0, 0, 0, PARIS);
    assertEquals(ZonedDateTime.of(2026, 12, 1, 14, 30, 0, 0, PARIS), schedule.previous(early));
    ZonedDateTime atTheTime = ZonedDateTime.of(2026, 12, 2, 14, 30, 0, 0, PARIS);
    assertEquals(atTheTime, schedule.previous(atTheTime), "a time that has come is the previous one");
    assertEquals(ZonedDateTime.of(2026, 12, 3, 2, 30, 0, 0, PARIS), schedule.next(atTheTime));
    // 2026-03-29 02:30 does not exist in Paris (clocks go from 02:00 to 03:00): the backup runs at 03:30
    ZonedDateTime beforeTheChange = ZonedDateTime.of(2026, 3, 29, 1, 0, 0, 0, PARIS);
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), schedule.next(beforeTheChange).toInstant());
  }

  @Test
  void aBackupIsAWholeDatabaseInAFolderNamedByItsTimeAndOnlyTheNewestAreKept(@TempDir Path data) throws Exception {
    TestDatabase database = new TestDatabase("backups");
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("CREATE TABLE T (NAME VARCHAR(40))");
        s.execute("INSERT INTO T VALUES ('Lycée Voltaire')");
      }
      return null;
    });
    Path folder = data.resolve("backups");
    Files.createDirectories(folder.resolve("2026-11-30T02-30-00.partial/derby")); // a backup a crash cut short
    Files.createDirectories(folder.resolve("keep-me")); // not ours: never touched
    for (String time : new String[] {"2026-12-01T02:30:00", "2026-12-02T02:30:00", "2026-12-02T02:30:07"}) {
      backups(database, data, time, Map.of("enabled", "true", "keep", "2")).backUp();
    }
    List<Path> kept = BackupSchedule.backups(folder);
    assertEquals(List.of(folder.resolve("2026-12-02T02-30-07"), folder.resolve("2026-12-02T02-30-00")), kept);
    assertFalse(Files.exists(folder.resolve("2026-11-30T02-30-00.partial")), "a partial backup is deleted");
    assertTrue(Files.isDirectory(folder.resolve("keep-me")));
    try (Stream<Path> files = Files.list(kept.get(0))) {
      Path copy = files.findFirst().orElseThrow();
      assertTrue(Files.exists(copy.resolve("service.properties")), "a Derby database: " + copy);
    }
    assertTrue(logged.stream().anyMatch(l -> l.startsWith("info Backed up the database to " + kept.get(0))), logged.toString());
  }

  @Test
  void aFailedBackupIsSaidInHealthAndTheLogWithTheLastGoodOne(@TempDir Path data) throws Exception {
    TestDatabase database = new TestDatabase("backups");
    ScheduledBackups first = backups(database, data, "2026-12-01T02:30:00", Map.of("enabled", "true"));
    first.backUp();
    assertEquals(HealthCheck.Status.UP, first.check().status());
    Files.writeString(data.resolve("backups/2026-12-02T02-30-00.partial"), "a file where the backup's folder goes");
    ScheduledBackups second = backups(database, data, "2026-12-02T02:30:00", Map.of("enabled", "true"));
    second.backUp();
    HealthCheck.Result result = second.check();
    assertEquals(HealthCheck.Status.DEGRADED, result.status());
    assertTrue(result.detail().contains("the last good one is of 2026-12-01T02:30"), result.detail());
    assertTrue(logged.stream().anyMatch(l -> l.startsWith("error The scheduled backup")), logged.toString());
  }

  @Test
  void offByDefaultAndOnAnotherDatabaseSaidInHealthNotScheduled(@TempDir Path data) {
    ScheduledBackups off = backups(new TestDatabase("backups"), data, "2026-12-02T12:00:00", Map.of());
    assertEquals(HealthCheck.Status.UP, off.check().status());
    assertTrue(off.check().detail().startsWith("Scheduled backups are off"), off.check().detail());

    Database postgres = (Database) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Database.class},
        (proxy, method, args) -> method.getName().equals("dialect") ? Database.Dialect.POSTGRESQL : null);
    ScheduledBackups elsewhere = backups(postgres, data, "2026-12-02T12:00:00", Map.of("enabled", "true"));
    assertEquals(HealthCheck.Status.DEGRADED, elsewhere.check().status());
    assertTrue(elsewhere.check().detail().contains("pg_dump"), elsewhere.check().detail());
  }

  @Test
  void aRefusedValueIsWarnedAboutAndTheOneBeforeStays() {
    List<String> warnings = new ArrayList<>();
    ScheduledBackups.Settings settings = ScheduledBackups.Settings.of(
        config(Map.of("enabled", "yes", "at", "2h30", "keep", "0")), Map.of("enabled", "yes"),
        ScheduledBackups.Settings.DEFAULTS, new ConfigValues(ScheduledBackups.PID, warnings::add));
    assertEquals(ScheduledBackups.Settings.DEFAULTS, settings);
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(warnings.get(1).contains("at is refused ('2h30' is not a time of day written HH:mm)"), warnings.toString());
  }

  private ScheduledBackups backups(Database database, Path data, String localTime, Map<String, Object> raw) {
    Clock clock = Clock.fixed(java.time.LocalDateTime.parse(localTime).atZone(PARIS).toInstant(), PARIS);
    ScheduledBackups.Settings settings = ScheduledBackups.Settings.of(config(raw), raw, ScheduledBackups.Settings.DEFAULTS,
        new ConfigValues(ScheduledBackups.PID, logged::add));
    ScheduledBackups backups = new ScheduledBackups(database, logger(), clock, data, settings);
    try {
      backups.stop(); // the tests call backUp themselves
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return backups;
  }

  /** The component's configuration as Declarative Services gives it: each value from the map, or the default. */
  private static ScheduledBackups.Config config(Map<String, Object> values) {
    return (ScheduledBackups.Config) Proxy.newProxyInstance(ScheduledBackups.Config.class.getClassLoader(),
        new Class<?>[] {ScheduledBackups.Config.class}, (proxy, method, args) -> {
          Object value = values.get(method.getName());
          if (value == null) {
            return method.getDefaultValue();
          }
          return method.getReturnType() == int.class ? Integer.parseInt(value.toString())
              : method.getReturnType() == boolean.class ? Boolean.parseBoolean(value.toString()) : value.toString();
        });
  }

  /** A logger that writes "level message" lines, with {} filled in. */
  private Logger logger() {
    return (Logger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String format) {
        String line = format;
        for (int i = 1; i < args.length; i++) {
          Object[] more = args[i] instanceof Object[] array ? array : new Object[] {args[i]};
          for (Object arg : more) {
            line = line.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(String.valueOf(arg)));
          }
        }
        logged.add(method.getName() + " " + line);
      }
      return method.getReturnType() == boolean.class ? false : null;
    });
  }
}
