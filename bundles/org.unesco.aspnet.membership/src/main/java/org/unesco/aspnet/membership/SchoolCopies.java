package org.unesco.aspnet.membership;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.event.Event;
import org.osgi.service.log.Logger;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.persistence.Database;

/**
 * A school's name, country and (where kept) city, copied into another bundle's tables for its
 * lists and scopes (a campaign's participants, a partnership's two schools), kept as the school is
 * now: each {@link SchoolService#TOPIC_SCHOOL_CHANGED} event is applied on a thread of its own, one
 * at a time, each reading the school as it is then, so that the last edit leaves the last state;
 * and {@link #compareLater} compares every copy with the directory once, for the edits whose event
 * was missed (the bundle was away, a node stopped before Event Admin delivered it). A copy is
 * never a row's revision: an If-Match read before the edit still names the row.
 *
 * @since 1.5
 */
public final class SchoolCopies {

  /**
   * Where copies live: a table, its school id column, and the columns of the copy; {@code city}
   * null for a table that keeps no city.
   */
  public record Place(String table, String id, String name, String country, String city) {}

  private record Copy(Place place, long school, String name, String country, String city) {
    /** Whether the copy is school {@code s} as it is now. */
    boolean is(School s) {
      return Objects.equals(name, s.name()) && Objects.equals(country, s.country())
          && (place.city() == null || Objects.equals(city, s.city()));
    }
  }

  private final Database database;
  private final SchoolService schools;
  private final List<Place> places;
  private final String what;
  private final ScheduledExecutorService thread;

  /**
   * @param what what the copies are in, for the log ("partnership", "campaign participant and
   *     submission")
   * @param threadName the name of the thread that applies the edits
   */
  public SchoolCopies(Database database, SchoolService schools, String what, String threadName, Place... places) {
    this.database = database;
    this.schools = schools;
    this.what = what;
    this.places = List.of(places);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * A school changed: its copies follow, on the copies' thread; the caller (an Event Admin
   * handler) returns at once, since Event Admin denies a handler that takes more than a few seconds.
   */
  public void follow(Event event, Logger log) {
    if (event.getProperty("schoolId") instanceof Long id) {
      thread.execute(() -> {
        try {
          refresh(id);
        } catch (RuntimeException e) {
          log.error("The {} copies of school {} could not follow its edit: {}", what, id, e.getMessage(), e);
        }
      });
    }
  }

  /** Compares every copy with the directory once, {@code delaySeconds} from now (after the platform's start). */
  public void compareLater(long delaySeconds, Logger log) {
    thread.schedule(() -> {
      try {
        int corrected = resync();
        if (corrected > 0) {
          log.info("{} {} rows took their schools' name, country or city as they are now", corrected, what);
        }
      } catch (RuntimeException e) {
        log.error("The {} copies could not be compared with the directory: {}", what, e.getMessage(), e);
      }
    }, delaySeconds, TimeUnit.SECONDS);
  }

  /** Stops the copies' thread; what it had still to do is for the next start's comparison. */
  public void close() {
    thread.shutdownNow();
  }

  /** The copies of school {@code id} as it is now, in one transaction. */
  public void refresh(long id) {
    School school = schools.schoolOrNull(Principal.system(), id);
    if (school == null) {
      return;
    }
    database.inTransaction(c -> {
      for (Place p : places) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + p.table() + " SET " + p.name() + " = ?, "
            + p.country() + " = ?" + (p.city() == null ? "" : ", " + p.city() + " = ?") + " WHERE " + p.id() + " = ?")) {
          int i = 1;
          ps.setString(i++, school.name());
          ps.setString(i++, school.country());
          if (p.city() != null) {
            ps.setString(i++, school.city());
          }
          ps.setLong(i, id);
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /**
   * Every school of the copies compared with the directory, once each: the rows whose copy differs
   * take the school as it is now, and only those, only if they still hold that copy (an edit
   * applied meanwhile stays); a school the directory no longer has keeps its copy. Returns the
   * number of rows corrected.
   */
  public int resync() {
    Map<Long, List<Copy>> copied = database.read(c -> {
      Map<Long, List<Copy>> found = new LinkedHashMap<>();
      for (Place p : places) {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + p.id() + ", " + p.name() + ", " + p.country()
                + (p.city() == null ? "" : ", " + p.city()) + " FROM " + p.table());
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Copy(p, rs.getLong(1),
                rs.getString(2), rs.getString(3).strip(), p.city() == null ? null : rs.getString(4)));
          }
        }
      }
      return found;
    });
    List<Map.Entry<Copy, School>> stale = new ArrayList<>();
    for (Map.Entry<Long, List<Copy>> e : copied.entrySet()) {
      School now = schools.schoolOrNull(Principal.system(), e.getKey());
      if (now == null) {
        continue;
      }
      for (Copy copy : e.getValue()) {
        if (!copy.is(now)) {
          stale.add(Map.entry(copy, now));
        }
      }
    }
    if (stale.isEmpty()) {
      return 0;
    }
    return database.inTransaction(c -> {
      int corrected = 0;
      for (Place p : places) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + p.table() + " SET " + p.name() + " = ?, "
            + p.country() + " = ?" + (p.city() == null ? "" : ", " + p.city() + " = ?") + " WHERE " + p.id()
            + " = ? AND " + p.name() + " = ? AND " + p.country() + " = ?"
            + (p.city() == null ? "" : " AND (" + p.city() + " = ? OR " + p.city() + " IS NULL AND ? = 1)"))) {
          boolean any = false;
          for (Map.Entry<Copy, School> change : stale) {
            Copy copy = change.getKey();
            School now = change.getValue();
            if (copy.place() != p) {
              continue;
            }
            int i = 1;
            ps.setString(i++, now.name());
            ps.setString(i++, now.country());
            if (p.city() != null) {
              ps.setString(i++, now.city());
            }
            ps.setLong(i++, copy.school());
            ps.setString(i++, copy.name());
            ps.setString(i++, copy.country());
            if (p.city() != null) {
              ps.setString(i++, Objects.requireNonNullElse(copy.city(), ""));
              ps.setInt(i, copy.city() == null ? 1 : 0);
            }
            ps.addBatch();
            any = true;
          }
          if (any) {
            for (int n : ps.executeBatch()) {
              corrected += Math.max(n, 0);
            }
          }
        }
      }
      return corrected;
    });
  }

}
