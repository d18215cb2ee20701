package org.unesco.aspnet.notices.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.ConfigValues;

/**
 * The annual-report reminders the platform sends by itself ({@link ReminderSchedule}): one thread
 * of this component looks once a day (an hour after another while the day's look has not been
 * done: the platform sent no email, the database failed, or some country's reminders did), starting
 * a minute after activation.
 * Several nodes may look on the same day: the reminders' store sends each school each reminder once.
 */
@Component(configurationPid = AutomaticReminders.PID)
@Designate(ocd = AutomaticReminders.Config.class)
public final class AutomaticReminders {
  static final String PID = "org.unesco.aspnet.notices.reminders";
  private static final Duration FIRST_LOOK = Duration.ofMinutes(1);
  private static final Duration LOOK_EVERY = Duration.ofHours(1);
  /** A settings change is looked at this soon: reminders just turned on go out now, not within the hour. */
  private static final Duration LOOK_AFTER_CHANGE = Duration.ofSeconds(3);

  @ObjectClassDefinition(name = "ASPnet annual report reminders",
      description = "Reminders of the annual report that the platform emails by itself to schools that have not sent it")
  public @interface Config {
    @AttributeDefinition(description = "Days before a year's due date when the schools that have not sent that year's report"
        + " get a reminder (0: none; at most 180)")
    int daysBeforeDue() default 30;

    @AttributeDefinition(description = "Days after the due date when the schools whose report is still missing get one more"
        + " (0: none; at most 180)")
    int daysAfterDue() default 14;
  }

  /** What a look does ({@link ReportReminders#remindAutomatically}). */
  @FunctionalInterface
  interface Reminding {
    Optional<ReportReminders.Looked> remind(int daysBefore, int daysAfter, BooleanSupplier stopping);
  }

  private final Reminding reminders;
  private final Consumer<String> info;
  private final Consumer<String> warn;
  private final ConfigValues values;
  private final Clock clock;
  private final ScheduledExecutorService thread;
  private volatile int daysBefore = ConfigValues.defaultOf(Config.class, "daysBeforeDue", Integer.class);
  private volatile int daysAfter = ConfigValues.defaultOf(Config.class, "daysAfterDue", Integer.class);
  /** The day whose reminders have been looked at; null: not yet (or the settings changed since). */
  private volatile LocalDate lookedAt;
  private volatile boolean stopping;
  /** Whether looks are scheduled (not in the tests that call {@link #look} by hand). */
  private volatile boolean looking;

  @Activate
  public AutomaticReminders(@Reference ReportReminders reminders, @Reference(service = LoggerFactory.class) Logger log, Config config) {
    this(reminders::remindAutomatically, config, Clock.systemUTC(), log::info, log::warn);
    thread.scheduleWithFixedDelay(this::look, FIRST_LOOK.toSeconds(), LOOK_EVERY.toSeconds(), TimeUnit.SECONDS);
    looking = true;
  }

  /** For tests: no look is scheduled, {@link #look} is called by hand. */
  AutomaticReminders(Reminding reminders, Config config, Clock clock, Consumer<String> info, Consumer<String> warn) {
    this.reminders = reminders;
    this.info = info;
    this.warn = warn;
    this.clock = clock;
    this.values = new ConfigValues(PID, warn);
    this.thread = LookThread.named("aspnet-report-reminders");
    apply(config);
  }

  @Modified
  void modified(Config config) {
    apply(config);
    if (looking && !stopping) {
      thread.schedule(this::look, LOOK_AFTER_CHANGE.toSeconds(), TimeUnit.SECONDS); // on the one thread: never two looks at once
    }
  }

  private void apply(Config config) {
    String rule = "a number of days from 0 (none) to " + ReminderSchedule.MAX_DAYS;
    daysBefore = values.get("daysBeforeDue", config::daysBeforeDue, d -> d >= 0 && d <= ReminderSchedule.MAX_DAYS, rule, daysBefore);
    daysAfter = values.get("daysAfterDue", config::daysAfterDue, d -> d >= 0 && d <= ReminderSchedule.MAX_DAYS, rule, daysAfter);
    lookedAt = null; // the new settings are applied at the next look, today's too
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    stopping = true; // a look under way stops before its next country
    LookThread.stop(thread);
  }

  /** Today's reminders, unless they have been looked at already today. */
  void look() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (today.equals(lookedAt) || daysBefore == 0 && daysAfter == 0) {
      return;
    }
    try {
      Optional<ReportReminders.Looked> looked = reminders.remind(daysBefore, daysAfter, () -> stopping);
      int reminded = looked.map(ReportReminders.Looked::reminded).orElse(0);
      if (reminded > 0) {
        info.accept("Annual reports: " + reminded + " school(s) reminded by email");
      }
      if (looked.isEmpty() || stopping) { // without email, looked at again in an hour: a server may be set meanwhile
        return;
      }
      if (looked.get().failed() > 0) { // the countries done meanwhile are not reminded twice (the store's key)
        warn.accept("Annual report reminders: the look of " + today + " failed for " + looked.get().failed()
            + " country(ies), tried again in an hour");
      } else {
        lookedAt = today;
      }
    } catch (RuntimeException e) {
      warn.accept("Annual report reminders: the look of " + today + " failed, tried again in an hour: " + e);
    }
  }

  /** The settings in force, for tests. */
  int daysBefore() {
    return daysBefore;
  }

  int daysAfter() {
    return daysAfter;
  }
}
