package org.unesco.aspnet.persistence.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.persistence.Database;

/**
 * Backups the platform takes by itself (config/org.unesco.aspnet.persistence.backup.cfg), so that
 * an installation run by a service manager, with no console, is backed up too: Derby's online
 * backup at set times of day, into one folder per backup, the oldest deleted after each new one.
 * A backup missed while the platform was stopped (or the first one, when none is there yet) is
 * taken {@value #CATCH_UP_SECONDS} s after the start. {@code backup} in health says when the last
 * one was taken, or why the last one failed.
 */
@Component(
    configurationPid = ScheduledBackups.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = HealthCheck.class)
@Designate(ocd = ScheduledBackups.Config.class)
public final class ScheduledBackups implements HealthCheck {
  static final String PID = "org.unesco.aspnet.persistence.backup";
  static final int CATCH_UP_SECONDS = 30;

  @ObjectClassDefinition(
      name = "ASPnet scheduled backups",
      description = "Copies of the embedded Derby database that the platform takes by itself at set times")
  public @interface Config {
    @AttributeDefinition(description = "true: back up at the times of 'at'; false: no scheduled backups"
        + " (aspnet:backup in the console still works)")
    boolean enabled() default false;

    @AttributeDefinition(description = "Times of day, HH:mm in the server's time zone, separated by commas")
    String at() default "02:30";

    @AttributeDefinition(
        required = false,
        description = "The folder of the backups, best on another disk. Empty: <data dir>/backups;"
            + " a relative path is read from the data dir")
    String folder() default "";

    @AttributeDefinition(description = "How many backups are kept, from 1 to 1000; the oldest go after each new one")
    int keep() default 7;
  }

  /** The settings in force; a refused value keeps the one before (the default at first). */
  record Settings(boolean enabled, BackupSchedule schedule, String folder, int keep) {
    static final Settings DEFAULTS = new Settings(false, BackupSchedule.parse("02:30"), "", 7);

    static Settings of(Config c, Map<String, Object> raw, Settings previous, ConfigValues values) {
      return new Settings(
          values.get("enabled", () -> ConfigValues.trueOrFalse(raw.getOrDefault("enabled", Boolean.FALSE)), b -> true,
              "true or false", previous.enabled()),
          values.get("at", () -> BackupSchedule.parse(c.at()), s -> true, "times of day, HH:mm, separated by commas",
              previous.schedule()),
          values.get("folder", () -> c.folder().strip(), f -> true, "a folder", previous.folder()),
          values.get("keep", c::keep, n -> n >= 1 && n <= 1000, "a whole number from 1 to 1000", previous.keep()));
    }
  }

  private static volatile Settings inForce = Settings.DEFAULTS;

  private final Database database;
  private final Logger log;
  private final Clock clock;
  private final Settings settings;
  private final Path folder;
  private final ScheduledThreadPoolExecutor executor;
  /** What health says: the last backup or the last failure, whichever came last. */
  private volatile HealthCheck.Result state;

  @Activate
  public ScheduledBackups(
      BundleContext context,
      Config config,
      Map<String, Object> raw,
      @Reference Database database,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(database, log, Clock.systemDefaultZone(), dataDir(context), Settings.of(config, raw, inForce, new ConfigValues(PID, log::warn)));
  }

  ScheduledBackups(Database database, Logger log, Clock clock, Path dataDir, Settings settings) {
    this.database = database;
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    inForce = settings;
    this.folder = settings.folder().isEmpty() ? dataDir.resolve("backups") : dataDir.resolve(settings.folder()).normalize();
    if (!settings.enabled()) {
      executor = null;
      state = new Result(Status.UP, "Scheduled backups are off: set enabled=true in config/" + PID + ".cfg");
      return;
    }
    if (database.dialect() != Database.Dialect.DERBY) {
      executor = null;
      state = Result.degraded("Scheduled backups are on, but the database is not embedded Derby: back it up with its"
          + " server's own tools (pg_dump for PostgreSQL), and set enabled=false in config/" + PID + ".cfg");
      log.warn(state.detail());
      return;
    }
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "aspnet-backup");
      t.setDaemon(true);
      return t;
    });
    // a stop cancels what is waiting; a backup under way finishes or fails on the closing database
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<LocalDateTime> newest = newest();
    String when = "next at " + settings.schedule().next(now).toLocalDateTime() + " (times: " + settings.schedule().times() + ")";
    state = new Result(Status.UP, newest.map(t -> "Last backup " + t + " in " + folder).orElse("No backup yet in " + folder)
        + "; " + when);
    if (newest.isEmpty() || newest.get().atZone(now.getZone()).isBefore(settings.schedule().previous(now))) {
      executor.schedule(() -> backUp(), CATCH_UP_SECONDS, TimeUnit.SECONDS);
      log.info("Scheduled backups into {}: {}, and one in {} s ({})", folder, when, CATCH_UP_SECONDS,
          newest.map(t -> "the last, " + t + ", is older than the last scheduled time").orElse("none is there yet"));
    } else {
      log.info("Scheduled backups into {}: {}", folder, when);
    }
    scheduleNext(now);
  }

  private static Path dataDir(BundleContext context) {
    String dir = context.getProperty("aspnet.data.dir");
    return Path.of(dir == null ? "data" : dir).toAbsolutePath();
  }

  private Optional<LocalDateTime> newest() {
    try {
      return BackupSchedule.newest(folder);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The backup of the next scheduled time after {@code after}, named by that time (a timer that
   * fires a moment early would otherwise name it 02-29-59, and a restart that day take it for missed).
   */
  private void scheduleNext(ZonedDateTime after) {
    ZonedDateTime at = settings.schedule().next(after);
    long delay = Duration.between(ZonedDateTime.now(clock), at).toMillis();
    executor.schedule(() -> {
      backUp(at.toLocalDateTime());
      scheduleNext(at);
    }, Math.max(delay, 0), TimeUnit.MILLISECONDS);
  }

  /** A backup named by the time it is taken (a missed one's, or by hand). */
  void backUp() {
    backUp(LocalDateTime.now(clock));
  }

  /** One backup into {@code <folder>/<time>}, then the oldest beyond {@code keep} deleted. */
  void backUp(LocalDateTime time) {
    long start = System.nanoTime();
    String name = BackupSchedule.NAME.format(time);
    Path partial = folder.resolve(name + BackupSchedule.PARTIAL);
    Path done = folder.resolve(name);
    try {
      if (Files.exists(done)) {
        return; // this second's backup is there (a catch-up and a scheduled time together)
      }
      Files.createDirectories(partial);
      BackupCommand.backUp(database, partial);
      Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
      int deleted = BackupSchedule.prune(folder, settings.keep());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long mb = Folders.size(done) / (1024 * 1024);
      state = new Result(Status.UP, "Last backup " + done + " (" + mb + " MB, " + ms + " ms); next at "
          + settings.schedule().next(ZonedDateTime.now(clock)).toLocalDateTime());
      log.info("Backed up the database to {} in {} ms ({} MB); {} older backup(s) deleted, the {} newest kept", done, ms, mb,
          deleted, settings.keep());
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      String last = newest().map(t -> "the last good one is of " + t).orElse("there is no good one yet");
      state = Result.degraded("The backup of " + name + " into " + folder + " failed (" + reason + "): " + last);
      log.error("The scheduled backup into {} failed: {}; {}", done, reason, last);
      try {
        Folders.deleteTree(partial);
      } catch (IOException left) {
        // the next backup's prune deletes it
      }
    }
  }

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public Result check() {
    return state;
  }

  @Deactivate
  void stop() throws InterruptedException {
    if (executor != null) {
      executor.shutdown();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
