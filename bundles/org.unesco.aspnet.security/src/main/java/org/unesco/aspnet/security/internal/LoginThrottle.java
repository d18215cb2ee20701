package org.unesco.aspnet.security.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The growing delay after failed sign-ins: none for the first few, then 1 s, 2 s, 4 s... up to
 * 15 minutes between attempts. Never a permanent lock-out, so an attacker cannot lock a real
 * person out for good, and a quiet hour forgets everything.
 *
 * <p>Attempts sent at once: one goes ahead only when it would be let through were every attempt
 * still in flight against its account and address wrong ({@link #ifAllWrong}), so that guesses
 * in parallel get no more checks than guesses one by one; it is refused when it must wait even if
 * they are all right; otherwise it waits for them to end, and is judged again. Right passwords
 * sent at once are refused only when more wait than a node lets wait ({@link #WAITING_PER_FREE_ATTEMPT})
 * or for longer than {@link #WAIT_FOR_OTHERS}: then for a second.
 */
final class LoginThrottle {
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  /** An attempt in flight longer than this stopped with its node: it counts as failed. */
  static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(1);
  /** How long an attempt waits for those in flight before it is told to come back in a second (429). */
  static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(30);
  /** How often an attempt waiting for others looks again, for those of other nodes (this node's wake it at once). */
  static final Duration POLL = Duration.ofMillis(100);
  /**
   * How many attempts may wait on one subject on one node, per free attempt of the subject (an
   * address's 20: 40 waiting beside the 20 in flight); more get 429 with Retry-After 1 at once.
   */
  static final int WAITING_PER_FREE_ATTEMPT = 2;
  /** How many waiting attempts of a subject the end of one wakes (it frees one place). */
  static final int WOKEN_PER_END = 2;

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

  /**
   * The failures there would be were every attempt in flight wrong: each one more, the latest
   * start the last failure (a wrong attempt counts as failed at the time it started).
   */
  static SecurityStore.Failures ifAllWrong(SecurityStore.Failures settled, SecurityStore.InFlight inFlight) {
    if (inFlight.count() == 0) {
      return settled;
    }
    return new SecurityStore.Failures(settled.count() + inFlight.count(), SecurityStore.later(settled.last(), inFlight.latest()));
  }
}
