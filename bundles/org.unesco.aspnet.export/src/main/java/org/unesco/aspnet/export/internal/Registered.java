package org.unesco.aspnet.export.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;

/**
 * Services of one kind (datasets, formats, readers) by their key, as plugins bring and take them.
 * Of two with one key, the one with the higher {@code service.ranking}, then the one registered last,
 * is used, with a warning; when it leaves, the other takes over (a plugin's "csv" never leaves the
 * platform without its own). A key that breaks the rule of its URL is refused with a warning.
 */
final class Registered<T> {
  private record Candidate<T>(T service, int ranking, long id, Object bundle) {}

  private static final Comparator<Candidate<?>> PREFERRED =
      Comparator.comparingInt((Candidate<?> c) -> c.ranking()).thenComparingLong(Candidate::id).reversed();

  private final String kind;
  private final String property;
  private final Pattern rule;
  private final String ruleText;
  private final Map<String, List<Candidate<T>>> candidates = new HashMap<>();
  /** The one used for each key, in key order; replaced whole on every change, read without a lock. */
  private volatile SortedMap<String, T> current = Collections.emptySortedMap();

  Registered(String kind, String property, Pattern rule, String ruleText) {
    this.kind = kind;
    this.property = property;
    this.rule = rule;
    this.ruleText = ruleText;
  }

  /** The services in use, by key. */
  SortedMap<String, T> current() {
    return current;
  }

  synchronized void add(T service, Map<String, Object> properties, Consumer<String> warn) {
    Object value = properties.get(property);
    if (!(value instanceof String key) || !rule.matcher(key).matches()) {
      warn.accept("The " + kind + " " + service.getClass().getName() + " (" + bundle(properties) + ") is ignored: its "
          + property + " must be " + ruleText + (value == null ? ", and it is missing" : ", not '" + value + "'"));
      return;
    }
    List<Candidate<T>> list = candidates.computeIfAbsent(key, k -> new ArrayList<>());
    list.add(new Candidate<>(service, ranking(properties), id(properties), bundle(properties)));
    list.sort(PREFERRED);
    if (list.size() > 1) {
      warn.accept("Two " + kind + "s are named " + key + ": " + describe(list.get(0)) + " is used, " + describe(list.get(1))
          + " waits until it leaves (the higher service.ranking wins, then the newest)");
    }
    publish();
  }

  synchronized void remove(T service, Map<String, Object> properties) {
    // looked for under every key: its properties may have changed since it was added (a dynamic
    // reference without an updated method keeps it bound under its first key)
    candidates.values().forEach(list -> list.removeIf(c -> c.service() == service));
    candidates.values().removeIf(List::isEmpty);
    publish();
  }

  private void publish() {
    SortedMap<String, T> next = new TreeMap<>();
    candidates.forEach((key, list) -> next.put(key, list.get(0).service()));
    current = Collections.unmodifiableSortedMap(next);
  }

  private static String describe(Candidate<?> c) {
    return c.service().getClass().getName() + " (" + c.bundle() + ")";
  }

  private static int ranking(Map<String, Object> properties) {
    return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
  }

  private static long id(Map<String, Object> properties) {
    return properties.get(Constants.SERVICE_ID) instanceof Long l ? l : 0L;
  }

  private static Object bundle(Map<String, Object> properties) {
    Object id = properties.get(Constants.SERVICE_BUNDLEID);
    return id == null ? "bundle ?" : "bundle " + id;
  }
}
