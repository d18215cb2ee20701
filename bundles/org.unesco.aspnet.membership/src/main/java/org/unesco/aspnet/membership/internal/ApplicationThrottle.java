package org.unesco.aspnet.membership.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many applications the public sends from one address in an hour. A script sent 400 in five
 * seconds, each a school for a National Coordinator to review; a school applies once, and a
 * workshop where many schools apply over one venue's connection stays within the default. Counted
 * per node, in memory (a restart forgives): a limit against floods, not an account of who applied.
 */
final class ApplicationThrottle {
  static final long HOUR_MILLIS = 3_600_000L;
  /** Beyond this many addresses, those whose hour has passed are dropped. */
  private static final int ADDRESSES_KEPT = 10_000;

  /** An address's hour: when it began and how many applications it counted. */
  private record Window(long start, int count) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * Counts an application from {@code address} at {@code now} when it is within {@code perHour};
   * returns 0 then, else the seconds until the address may apply again.
   */
  long admit(String address, int perHour, long now) {
    if (windows.size() > ADDRESSES_KEPT) {
      windows.values().removeIf(w -> now - w.start() >= HOUR_MILLIS);
    }
    long[] wait = {0};
    windows.compute(address, (a, w) -> {
      if (w == null || now - w.start() >= HOUR_MILLIS) {
        return new Window(now, 1);
      }
      if (w.count() >= perHour) {
        wait[0] = Math.max(1, (w.start() + HOUR_MILLIS - now + 999) / 1000);
        return w;
      }
      return new Window(w.start(), w.count() + 1);
    });
    return wait[0];
  }
}
