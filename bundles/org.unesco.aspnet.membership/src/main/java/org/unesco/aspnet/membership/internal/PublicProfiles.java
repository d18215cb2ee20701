package org.unesco.aspnet.membership.internal;

import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A plain map within a budget, not a cache that orders its entries by use (Caffeine, in session
 * 15): a read writes nothing into the old objects that the pages are once kept, an entry takes 130
 * bytes beside its JSON instead of 200, and the runtime has a bundle less to start. Once the
 * budget is reached a page read is sent and not kept; the preload (SchoolDirectory) fills the
 * budget first, and the budget by default holds far more schools than the network has.
 */
final class PublicProfiles {
  /**
   * Per entry beyond its JSON: the map's node and its slot in the table, the boxed key, the entry
   * and the array's header (about 110 bytes on a 64-bit JVM with compressed pointers, rounded up).
   */
  static final int OVERHEAD_BYTES = 128;

  /**
   * What decides who sees the entry ({@code country}, {@code unit}, {@code status}), its ETag
   * ({@code revision}), and the public JSON, null for a school that is not a member (the public
   * does not see it).
   */
  record Entry(String country, String unit, MembershipStatus status, int revision, byte[] json) {
    int weight() {
      return OVERHEAD_BYTES + (json == null ? 0 : json.length) + (unit == null ? 0 : 48 + 2 * unit.length());
    }
  }

  private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
  /** The weight of what {@link #entries} holds (or is about to: a put reserves its weight first). */
  private final AtomicLong weight = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private volatile long maxBytes;

  /** Pages within {@code maxBytes}. */
  PublicProfiles(long maxBytes) {
    this.maxBytes = Math.max(0, maxBytes);
  }

  /**
   * The budget when none is configured: a fifth of the heap, as Derby's page cache takes, and a
   * bound rather than a reservation: 12,000 schools of about 540 bytes take 7 MB; a 256 MB heap keeps
   * about 95,000 (a preload stops at 85,000); the default heap of a machine with 24 GB (6 GB) keeps 2,000,000.
   */
  static long defaultBytes(long maxHeap) {
    return maxHeap / 5;
  }

  Entry get(long id) {
    return entries.get(id);
  }

  /** To take before reading a school from the database, and give back to {@link #offer}. */
  long generation() {
    return generation.get();
  }

  /**
   * Keeps {@code entry}, read from the database after {@link #generation} returned {@code
   * before}, unless a school changed since (then what was read may be older than the change) or
   * the budget is spent.
   */
  void offer(long id, long before, Entry entry) {
    keep(id, before, entry, false);
  }

  /** As {@link #offer}, unless school {@code id}'s page is kept already (a preload: the request's page stays). */
  void offerIfAbsent(long id, long before, Entry entry) {
    keep(id, before, entry, true);
  }

  private void keep(long id, long before, Entry entry, boolean ifAbsent) {
    if (generation.get() != before) {
      return;
    }
    int w = entry.weight();
    if (weight.addAndGet(w) > maxBytes) {
      weight.addAndGet(-w);
      return;
    }
    Entry replaced = ifAbsent ? entries.putIfAbsent(id, entry) : entries.put(id, entry);
    if (replaced != null) {
      weight.addAndGet(-(ifAbsent ? w : replaced.weight())); // kept: the reservation, or the one replaced
      if (ifAbsent) {
        return;
      }
    }
    // A change committed between the check and the put forgets after it bumps the generation:
    // seen here, the entry may predate it.
    if (generation.get() != before) {
      remove(id, entry);
    }
  }

  private void remove(long id, Entry entry) {
    if (entries.remove(id, entry)) {
      weight.addAndGet(-entry.weight());
    }
  }

  /** After a change of school {@code id} is committed (or failed: forgetting is always safe). */
  void forget(long id) {
    generation.incrementAndGet();
    Entry gone = entries.remove(id);
    if (gone != null) {
      weight.addAndGet(-gone.weight());
    }
  }

  /** After changes of many schools (an import). */
  void forgetAll() {
    generation.incrementAndGet();
    entries.forEach(this::remove);
  }

  /**
   * Whether the kept pages take nine tenths of the budget: a preload stops there, and leaves the
   * rest to pages read on demand.
   */
  boolean nearlyFull() {
    return weight.get() >= maxBytes / 10 * 9;
  }

  /** Whether school {@code id}'s page is kept. */
  boolean contains(long id) {
    return entries.containsKey(id);
  }

  long size() {
    return entries.size();
  }

  /** The weight of the pages kept, in bytes. */
  long weight() {
    return weight.get();
  }

  /** A new budget; a smaller one than what is kept forgets pages (any) until they fit. */
  void resize(long bytes) {
    maxBytes = Math.max(0, bytes);
    for (var e : entries.entrySet()) {
      if (weight.get() <= maxBytes) {
        break;
      }
      remove(e.getKey(), e.getValue());
    }
  }
}
