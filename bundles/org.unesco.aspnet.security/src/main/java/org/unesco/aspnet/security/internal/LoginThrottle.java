package org.unesco.aspnet.security.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The growing delay after failed sign-ins: none for the first few, then 1 s, 2 s, 4 s... up to
 * 15 minutes between attempts. Never a permanent lock-out, so an attacker cannot lock a real
 * person out for good, and a quiet hour forgets everything.
 */
final class LoginThrottle {
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);

  private LoginThrottle() {}

  /** How long after the last failure the next attempt must wait, given the failures so far. */
  static Duration delay(int failures, int freeAttempts) {
    if (failures < freeAttempts) {
      return Duration.ZERO;
    }
    int exponent = Math.min(failures - freeAttempts, 20);
    Duration d = Duration.ofSeconds(1L << exponent);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** Seconds still to wait, or 0 when an attempt may go ahead now. */
  static long secondsToWait(SecurityStore.Failures f, int freeAttempts, Instant now) {
    if (f.last() == null) {
      return 0;
    }
    Instant allowedAt = f.last().plus(delay(f.count(), freeAttempts));
    // rounded up: a client that waits as long as Retry-After says is let through
    return now.isBefore(allowedAt) ? Math.max(1, (Duration.between(now, allowedAt).toMillis() + 999) / 1000) : 0;
  }
}
