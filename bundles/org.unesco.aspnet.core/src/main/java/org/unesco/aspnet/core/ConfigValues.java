package org.unesco.aspnet.core;

import java.lang.annotation.Annotation;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a component's configuration, which operators edit by hand in {@code config/}: a value
 * that cannot be read or breaks its rule is reported, and the previous value (the default at
 * start-up) is kept, so that a typo never takes a component, or the platform, down. Read every
 * value once, in the component's activate and modified methods, not on each request.
 *
 * @since 1.1
 */
public final class ConfigValues {
  private final String pid;
  private final Consumer<String> warn;

  /** @param warn where to report a refused value, e.g. an OSGi logger's {@code warn} */
  public ConfigValues(String pid, Consumer<String> warn) {
    this.pid = pid;
    this.warn = warn;
  }

  /**
   * {@code read}'s value when it can be read and passes {@code rule}; otherwise {@code previous},
   * with a warning that names the key and says what {@code rule} asks ({@code ruleText}).
   */
  public <T> T get(String key, Supplier<T> read, Predicate<? super T> rule, String ruleText, T previous) {
    try {
      T value = read.get();
      if (value != null && rule.test(value)) {
        return value;
      }
      warn.accept(pid + ": " + key + "=" + value + " is refused: it must be " + ruleText + "; " + key + " stays " + previous);
    } catch (RuntimeException unreadable) {
      warn.accept(pid + ": " + key + " is refused (" + unreadable.getMessage() + "): it must be " + ruleText + "; "
          + key + " stays " + previous);
    }
    return previous;
  }

  /**
   * A configured boolean as written in the file, for {@link #get}'s {@code read}: true or false in
   * any case; anything else throws, and so is refused. Declarative Services reads anything but
   * "true" as false, so that "maybe" or "yes" would quietly switch a feature off.
   *
   * @since 1.3
   */
  public static Boolean trueOrFalse(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(raw).strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("'" + raw + "' is neither true nor false");
    };
  }

  /** The default of {@code key} declared in a configuration annotation, the value before any file is read. */
  public static <T> T defaultOf(Class<? extends Annotation> config, String key, Class<T> type) {
    try {
      return type.cast(config.getMethod(key).getDefaultValue());
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(config.getName() + " has no " + key, e);
    }
  }
}
