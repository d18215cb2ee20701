package org.unesco.aspnet.logging.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes log entries to stdout so that an operator (or systemd, or a container runtime) sees them
 * without any log file to find.
 */
@Component(immediate = true, configurationPid = "org.unesco.aspnet.logging")
@Designate(ocd = ConsoleLogWriter.Config.class)
public final class ConsoleLogWriter implements LogListener {

  @ObjectClassDefinition(
      name = "ASPnet console log",
      description = "Which log entries are written to stdout")
  public @interface Config {
    @AttributeDefinition(description = "Lowest level written: ERROR, WARN, INFO, DEBUG or TRACE")
    String level() default "INFO";

    @AttributeDefinition(
        description =
            "Lowest level written for the framework's own bundle and service events"
                + " (loggers Events.*); they are chatty at INFO")
    String eventsLevel() default "WARN";
  }

  private final LogReaderService reader;
  private final PrintStream out = System.out;
  private volatile LogLevel level;
  private volatile LogLevel eventsLevel;

  @Activate
  public ConsoleLogWriter(@Reference LogReaderService reader, Config config) {
    this.reader = reader;
    modified(config);
    reader.addLogListener(this);
  }

  @Modified
  void modified(Config config) {
    level = checked("level", config.level(), level == null ? LogLevel.INFO : level);
    eventsLevel = checked("eventsLevel", config.eventsLevel(), eventsLevel == null ? LogLevel.WARN : eventsLevel);
  }

  /**
   * {@code value} as a level; a typo ({@code WARNING}, {@code VERBOSE}) keeps the level in force,
   * said on the console in the log's own format, as other components' refused values are.
   */
  private LogLevel checked(String key, String value, LogLevel previous) {
    LogLevel parsed = parse(value, null);
    if (parsed != null) {
      return parsed;
    }
    out.print(Instant.now() + " WARN  org.unesco.aspnet.logging [ConsoleLogWriter] org.unesco.aspnet.logging: " + key
        + "=" + value + " is refused: it must be ERROR, WARN, INFO, DEBUG or TRACE; " + key + " stays " + previous
        + System.lineSeparator());
    return previous;
  }

  @Deactivate
  void deactivate() {
    reader.removeLogListener(this);
  }

  @Override
  public void logged(LogEntry entry) {
    String logger = entry.getLoggerName();
    LogLevel threshold = logger != null && logger.startsWith("Events.") ? eventsLevel : level;
    if (!threshold.implies(entry.getLogLevel())) {
      return;
    }
    out.print(format(entry));
  }

  static String format(LogEntry entry) {
    StringBuilder line = new StringBuilder(160);
    line.append(Instant.ofEpochMilli(entry.getTime()))
        .append(' ')
        .append(String.format("%-5s", entry.getLogLevel()))
        .append(' ')
        .append(entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName());
    if (entry.getLoggerName() != null && !entry.getLoggerName().startsWith("Events.")) {
      line.append(" [").append(shortName(entry.getLoggerName())).append(']');
    }
    line.append(' ').append(entry.getMessage()).append(System.lineSeparator());
    if (entry.getException() != null) {
      StringWriter trace = new StringWriter();
      entry.getException().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  private static String shortName(String loggerName) {
    int dot = loggerName.lastIndexOf('.');
    return dot < 0 ? loggerName : loggerName.substring(dot + 1);
  }

  static LogLevel parse(String value, LogLevel fallback) {
    try {
      return LogLevel.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
