package org.unesco.aspnet.membership.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many applications the public has sent from one address in the last hour. A script sent 400 in
 * five seconds, each a school for a National Coordinator to review; a school applies once, and a
 * workshop where many schools apply over one venue's connection stays within the default. Only
 * applications taken count (a form refused for a mistake does not, so no one is locked out by
 * correcting theirs); an IPv6 address counts with its /64, which one subscriber holds whole. Counted
 * per node, in memory (a restart forgives): a limit against floods, not an account of who applied.
 */
final class ApplicationThrottle {
  static final long HOUR_MILLIS = 3_600_000L;
  /** Beyond this many addresses, those whose hour has passed are dropped, and if that is not enough, all. */
  static final int ADDRESSES_KEPT = 10_000;

  /** An address's hour: when it began and how many applications it counted. */
  private record Window(long start, int count) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong lastPrune = new AtomicLong(-Long.MAX_VALUE / 2); // long ago, without overflow

  /** 0 when {@code address} may apply at {@code now} within {@code perHour}; else the seconds until it may. */
  long wait(String address, int perHour, long now) {
    Window w = windows.get(key(address));
    if (w == null || now - w.start() >= HOUR_MILLIS || w.count() < perHour) {
      return 0;
    }
    return Math.max(1, (w.start() + HOUR_MILLIS - now + 999) / 1000);
  }

  /** Counts an application taken from {@code address} at {@code now}. */
  void taken(String address, long now) {
    if (windows.size() >= ADDRESSES_KEPT) {
      prune(now);
    }
    windows.compute(key(address), (a, w) -> w == null || now - w.start() >= HOUR_MILLIS ? new Window(now, 1)
        : new Window(w.start(), w.count() + 1));
  }

  /**
   * Drops the addresses whose hour has passed, at most once a minute; if as many remain (someone
   * going through addresses by the thousand, which no per-address limit stops), forgets them all
   * rather than grow: memory stays bounded, and a flood is then bounded by the rate of new addresses.
   */
  private void prune(long now) {
    long last = lastPrune.get();
    if (now - last < 60_000 || !lastPrune.compareAndSet(last, now)) {
      return;
    }
    windows.values().removeIf(w -> now - w.start() >= HOUR_MILLIS);
    if (windows.size() >= ADDRESSES_KEPT) {
      windows.clear();
    }
  }

  /** The address as counted: an IPv6 address by its first 64 bits. */
  static String key(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1) : address)
          .getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (java.net.UnknownHostException e) {
      return address; // a literal always parses; anything else is counted as it is
    }
  }
}
