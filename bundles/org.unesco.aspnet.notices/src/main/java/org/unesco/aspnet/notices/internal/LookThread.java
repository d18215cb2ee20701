package org.unesco.aspnet.notices.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which a component of this bundle looks now and then (the automatic reminders,
 * the recommendation digest): a daemon, so that it never holds the platform up, and one, so that
 * two looks never run at once.
 */
final class LookThread {
  private LookThread() {}

  static ScheduledExecutorService named(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Stops it: a look under way is given five seconds to end. */
  static void stop(ScheduledExecutorService thread) throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
  }
}
