package org.unesco.aspnet.membership.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import org.unesco.aspnet.membership.MembershipStatus;

/**
 * Schools as {@code GET /api/v1/schools/{id}} shows them to someone who may see no more than the
 * public (anyone signed out, anyone of another scope), kept in memory as the bytes sent: the page
 * of a school is read far more often than it changes, and reading it from the database and writing
 * its JSON was most of the cost of that request (docs/performance.md, session 15).
 *
 * <p>Only for one process that owns its database (embedded Derby): with several nodes on one
 * PostgreSQL, another node's edit would not reach this memory (DESIGN.md section 4). Every change
 * of a school's profile or status in this bundle {@link #forget}s it once committed; a read that
 * began before such a change does not keep what it read ({@link #generation}).
 */
final class PublicProfiles {
  /** Per entry beyond its JSON: the key, the entry, the cache's node (measured, rounded up). */
  private static final int OVERHEAD_BYTES = 200;

  /**
   * What decides who sees the entry ({@code country}, {@code unit}, {@code status}), its ETag
   * ({@code revision}), and the public JSON, null for a school that is not a member (the public
   * does not see it).
   */
  record Entry(String country, String unit, MembershipStatus status, int revision, byte[] json) {
    int weight() {
      return OVERHEAD_BYTES + (json == null ? 0 : json.length) + (unit == null ? 0 : 2 * unit.length());
    }
  }

  private final Cache<Long, Entry> entries;
  private final AtomicLong generation = new AtomicLong();

  /** A cache of at most {@code maxBytes}, least useful entries evicted first. */
  PublicProfiles(long maxBytes) {
    entries = Caffeine.newBuilder()
        .maximumWeight(Math.max(0, maxBytes))
        .weigher((Long id, Entry e) -> e.weight())
        .executor(Runnable::run) // evict on the caller's thread: no pool thread of a bundle that may be stopped
        .build();
  }

  /**
   * The budget when none is configured: a tenth of the heap, as Derby's page cache takes a fifth
   * (12,000 schools of about 700 bytes fit in 9 MB; a 256 MB heap keeps about 30,000).
   */
  static long defaultBytes(long maxHeap) {
    return maxHeap / 10;
  }

  Entry get(long id) {
    return entries.getIfPresent(id);
  }

  /** To take before reading a school from the database, and give back to {@link #offer}. */
  long generation() {
    return generation.get();
  }

  /**
   * Keeps {@code entry}, read from the database after {@link #generation} returned {@code
   * before}, unless a school changed since: then what was read may be older than the change.
   */
  void offer(long id, long before, Entry entry) {
    if (generation.get() != before) {
      return;
    }
    entries.put(id, entry);
    // A change committed between the check and the put forgets after it bumps the generation:
    // seen here, the entry may predate it.
    if (generation.get() != before) {
      entries.asMap().remove(id, entry);
    }
  }

  /** After a change of school {@code id} is committed (or failed: forgetting is always safe). */
  void forget(long id) {
    generation.incrementAndGet();
    entries.invalidate(id);
  }

  /** After changes of many schools (an import). */
  void forgetAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  void resize(long maxBytes) {
    entries.policy().eviction().ifPresent(e -> e.setMaximum(Math.max(0, maxBytes)));
  }
}
