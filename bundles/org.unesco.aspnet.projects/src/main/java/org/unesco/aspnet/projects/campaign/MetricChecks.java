package org.unesco.aspnet.projects.campaign;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unesco.aspnet.core.FieldError;

/**
 * Reads a submission's metrics (plain JSON values) and collects what is wrong, field by field,
 * for {@link CampaignModule#validate}. Each reader returns the value when it is right and null
 * otherwise (with an error recorded), so a module checks everything in one pass:
 *
 * <pre>{@code
 * MetricChecks checks = new MetricChecks();
 * Double mass = checks.number(item, "mass", "metrics.waste[0]", true, 0, 100_000);
 * return checks.errors();
 * }</pre>
 *
 * Paths are what the client sees in {@code errors[].field}, e.g. {@code metrics.waste[0].mass}.
 * Messages are in English; the platform writes them again in the submitter's language, so change
 * a sentence here together with the platform's table of them (MetricMessages).
 */
public final class MetricChecks {
  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private static String at(String path, String name) {
    return path == null || path.isEmpty() ? name : path + "." + name;
  }

  /** Records every field of {@code object} that is not in {@code known}. */
  public void onlyKnown(Map<String, Object> object, String path, Set<String> known) {
    for (String name : object.keySet()) {
      if (!known.contains(name)) {
        add(at(path, name), "is not a known field; known: " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private Object present(Map<String, Object> object, String name, String path, boolean required) {
    Object value = object.get(name);
    if (value == null && required) {
      add(at(path, name), "is required");
    }
    return value;
  }

  /** A number within {@code [min, max]}. */
  public Double number(Map<String, Object> object, String name, String path, boolean required, double min, double max) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      add(at(path, name), "must be a number");
      return null;
    }
    if (n instanceof java.math.BigInteger || n instanceof java.math.BigDecimal) {
      // compared exactly: a number too large for a double must not become infinite or wrap around
      java.math.BigDecimal exact = n instanceof java.math.BigInteger b ? new java.math.BigDecimal(b) : (java.math.BigDecimal) n;
      if (!within(exact, java.math.BigDecimal.valueOf(min), java.math.BigDecimal.valueOf(max), path, name, fmt(min), fmt(max))) {
        return null;
      }
      return exact.doubleValue();
    }
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      add(at(path, name), "must be a number");
      return null;
    }
    if (d < min && min == 0) {
      add(at(path, name), "must not be negative");
      return null;
    }
    // 1e400 is a number, read as infinite: beyond the range, not "not a number"
    if (d < min || d > max || Double.isInfinite(d)) {
      add(at(path, name), "must be from " + fmt(min) + " to " + fmt(max));
      return null;
    }
    return d;
  }

  /** A whole number within {@code [min, max]}. */
  public Long integer(Map<String, Object> object, String name, String path, boolean required, long min, long max) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof java.math.BigInteger)) {
      add(at(path, name), "must be a whole number");
      return null;
    }
    // compared as a BigInteger: longValue() of 2^64 + 1 is 1, of 2^63 a negative number
    java.math.BigInteger n = value instanceof java.math.BigInteger b ? b : java.math.BigInteger.valueOf(((Number) value).longValue());
    if (!within(new java.math.BigDecimal(n), java.math.BigDecimal.valueOf(min), java.math.BigDecimal.valueOf(max), path, name,
        String.valueOf(min), String.valueOf(max))) {
      return null;
    }
    return n.longValueExact();
  }

  /** Records the error of a value outside {@code [min, max]}: "must not be negative" when the range starts at 0. */
  private boolean within(java.math.BigDecimal value, java.math.BigDecimal min, java.math.BigDecimal max, String path,
      String name, String minText, String maxText) {
    if (value.compareTo(min) < 0 && min.signum() == 0) {
      add(at(path, name), "must not be negative");
      return false;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      add(at(path, name), "must be from " + minText + " to " + maxText);
      return false;
    }
    return true;
  }

  /** One of {@code choices} (exact spelling). */
  public String choice(Map<String, Object> object, String name, String path, boolean required, Collection<String> choices) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || !choices.contains(s)) {
      add(at(path, name), "must be one of " + String.join(", ", choices));
      return null;
    }
    return s;
  }

  /** A unit among {@code units}, with a message that says it is unknown. */
  public String unit(Map<String, Object> object, String name, String path, boolean required, Collection<String> units) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      // not {a=1} or [null]: a Java rendering of what was sent is no message
      add(at(path, name), "must be one of " + String.join(", ", units));
      return null;
    }
    if (!units.contains(s)) {
      add(at(path, name), "unknown unit " + s + "; use one of " + String.join(", ", units));
      return null;
    }
    return s;
  }

  /**
   * Text of at most {@code max} characters (code points: an emoji is one), that shows something:
   * a site name of zero-width spaces would print as an empty line in a summary.
   */
  public String text(Map<String, Object> object, String name, String path, boolean required, int max) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || org.unesco.aspnet.core.PlainText.showsNothing(s)) {
      add(at(path, name), "must be text, not blank");
      return null;
    }
    if (s.codePointCount(0, s.length()) > max) {
      add(at(path, name), "must be at most " + max + " characters");
      return null;
    }
    return s;
  }

  /** An ISO-8601 date (YYYY-MM-DD) from 2000 on and not in the future anywhere on Earth. */
  public LocalDate date(Map<String, Object> object, String name, String path, boolean required) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    LocalDate d;
    try {
      d = LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      add(at(path, name), "must be a date YYYY-MM-DD");
      return null;
    }
    if (d.isAfter(LocalDate.now(ZoneOffset.ofHours(14)))) {
      add(at(path, name), "must not be in the future");
      return null;
    }
    if (d.getYear() < 2000) {
      add(at(path, name), "must not be before 2000");
      return null;
    }
    return d;
  }

  /** A JSON object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(Map<String, Object> object, String name, String path, boolean required) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> m)) {
      add(at(path, name), "must be an object");
      return null;
    }
    return (Map<String, Object>) m;
  }

  /** A list of at most {@code maxItems} items (at least one when required). */
  public List<Object> list(Map<String, Object> object, String name, String path, boolean required, int maxItems) {
    Object value = present(object, name, path, required);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> l)) {
      add(at(path, name), "must be a list");
      return null;
    }
    if (required && l.isEmpty()) {
      add(at(path, name), "must have at least one item");
      return null;
    }
    if (l.size() > maxItems) {
      add(at(path, name), "must have at most " + maxItems + " items");
      return null;
    }
    return new ArrayList<>(l);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
