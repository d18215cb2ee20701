package org.unesco.aspnet.demo.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;

/**
 * Gives the demo network a past. The services record each move at the moment it is made, so a
 * fresh demo would have every school applied and certified today, certifications all in one year,
 * and no member owing a report yet. This dates each demo membership's history back over the years
 * and files the annual reports of the last three years for most members (some late, some missing),
 * as a National Coordinator finds a real network.
 *
 * <p>Only the demo writes dates directly, on the directory it has just written, before anyone uses
 * it. The dates come from the school's id, so a load finished by a later start gives the same ones.
 */
final class DemoHistory {
  private static final int FIRST_CERTIFICATION_YEAR = 2008;
  private static final int REPORT_YEARS = 3;
  private static final List<String> ACTIVITIES = List.of(
      "International Day of Peace: an assembly and a peace garden planted by the pupils.",
      "Trash Hack week: the pupils sorted the canteen's waste and wrote to the town hall.",
      "Exchange of letters and a video call with our partner school abroad.",
      "World Water Day: a survey of the school's water use and a poster exhibition.",
      "A week on human rights with a visit from a local association.",
      "Climate action club: a school energy audit and a tree-planting day.");

  private final Database database;
  private final AnnualReportService reports;
  private final Clock clock;

  DemoHistory(Database database, AnnualReportService reports, Clock clock) {
    this.database = database;
    this.reports = reports;
    this.clock = clock;
  }

  /** One move of a membership's history, by its row id. */
  private record Move(long id, MembershipStatus to) {}

  /**
   * The day a demo school was certified, some day since 2008 and before this year, from its id: the
   * loader certifies it with that day (the service's {@code certifiedOn}, as HQ would for a member
   * since before the platform), which gives its certificate that year.
   */
  LocalDate certifiedOn(long school) {
    SplittableRandom random = new SplittableRandom(school * 7919L + 17);
    int lastYear = LocalDate.now(clock).getYear() - 1;
    int year = FIRST_CERTIFICATION_YEAR + random.nextInt(lastYear - FIRST_CERTIFICATION_YEAR + 1);
    return LocalDate.of(year, 1, 1).plusDays(random.nextInt(330));
  }

  /**
   * Dates the history of {@code membership} back around its certification day ({@link
   * #certifiedOn}): a review of weeks or months before it, later moves spread since; a candidate
   * applied weeks or months ago.
   *
   * @return when the membership was certified, or null
   */
  Instant date(long school, long membership) {
    SplittableRandom random = new SplittableRandom(school * 7919L + 19);
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      List<Move> moves = moves(c, membership);
      if (moves.isEmpty()) {
        return null;
      }
      int certified = -1;
      for (int i = 0; i < moves.size(); i++) {
        if (moves.get(i).to() == MembershipStatus.MEMBER) {
          certified = i;
          break;
        }
      }
      Instant certifiedAt = certifiedAt(c, membership);
      Instant[] at = new Instant[moves.size()];
      if (certified >= 0 && certifiedAt != null) {
        at[certified] = certifiedAt;
        // the moves after certification (a suspension, a reinstatement) spread over the years since
        Duration since = Duration.between(at[certified], now.minus(Duration.ofDays(2)));
        for (int i = certified + 1; i < moves.size(); i++) {
          long slice = since.toMinutes() / (moves.size() - certified);
          at[i] = at[i - 1].plus(Duration.ofMinutes(slice / 2 + (long) (random.nextDouble() * slice / 2)));
        }
      } else {
        certified = moves.size() - 1;
        at[certified] = now.minus(Duration.ofDays(1 + random.nextInt(60))).minus(Duration.ofMinutes(random.nextInt(600)));
      }
      for (int i = certified - 1; i >= 0; i--) { // a review takes weeks or months
        at[i] = at[i + 1].minus(Duration.ofDays(7 + random.nextInt(80))).minus(Duration.ofMinutes(random.nextInt(600)));
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_STATUS_CHANGE SET CHANGED_AT = ? WHERE ID = ?")) {
        for (int i = 0; i < moves.size(); i++) {
          ps.setTimestamp(1, Timestamp.from(at[i]));
          ps.setLong(2, moves.get(i).id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Instant last = at[moves.size() - 1];
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE MEM_MEMBERSHIP SET APPLIED_AT = ?,"
              + " ENDED_AT = CASE WHEN ENDED_AT IS NULL THEN ENDED_AT ELSE CAST(? AS TIMESTAMP) END,"
              + " STAGE_SINCE = CASE WHEN STAGE_SINCE IS NULL THEN STAGE_SINCE ELSE CAST(? AS TIMESTAMP) END WHERE ID = ?")) {
        ps.setTimestamp(1, Timestamp.from(at[0]));
        ps.setTimestamp(2, Timestamp.from(last));
        ps.setTimestamp(3, Timestamp.from(last));
        ps.setLong(4, membership);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SCHOOL SET CREATED_AT = ? WHERE ID = ?")) {
        ps.setTimestamp(1, Timestamp.from(at[0]));
        ps.setLong(2, school);
        ps.executeUpdate();
      }
      return certifiedAt;
    });
  }

  private static Instant certifiedAt(Connection c, long membership) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT CERTIFIED_AT FROM MEM_MEMBERSHIP WHERE ID = ?")) {
      ps.setLong(1, membership);
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
        return t == null ? null : t.toInstant();
      }
    }
  }

  private static List<Move> moves(Connection c, long membership) throws SQLException {
    List<Move> moves = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ID, TO_STATUS FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ? ORDER BY ID")) {
      ps.setLong(1, membership);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          moves.add(new Move(rs.getLong(1), MembershipStatus.valueOf(rs.getString(2))));
        }
      }
    }
    return moves;
  }

  /**
   * Files the reports of the last three years a school certified at {@code certifiedAt} owes: about
   * three in four on time, one in ten late, the rest missing. A suspended school has sent none for
   * two years (the reason HQ gives), a dormant one none last year. {@code leaveLastYear}: a school
   * with a demo account still has last year's to write, for whoever signs in as it.
   */
  void report(long school, MembershipStatus status, Instant certifiedAt, List<Theme> themes, Integer students,
      boolean leaveLastYear) {
    if (certifiedAt == null || status == MembershipStatus.WITHDRAWN) {
      return;
    }
    SplittableRandom random = new SplittableRandom(school * 104729L + 3);
    int lastYear = LocalDate.now(clock).getYear() - 1;
    int from = Math.max(certifiedAt.atZone(ZoneOffset.UTC).getYear(), lastYear - REPORT_YEARS + 1);
    for (int year = from; year <= lastYear; year++) {
      int yearsAgo = lastYear - year;
      boolean silent = status == MembershipStatus.SUSPENDED && yearsAgo < 2
          || status == MembershipStatus.DORMANT && yearsAgo < 1
          || leaveLastYear && yearsAgo == 0;
      double draw = random.nextDouble();
      if (silent || draw >= 0.88 || reports.report(Principal.system(), school, year).revision() > 0) {
        continue;
      }
      int pupils = Math.max(5, Math.min(students == null ? 200 : students, 30 + random.nextInt(400)));
      AnnualReport sent = reports.submit(Principal.system(), school, year, null, new AnnualReportInput(
          ACTIVITIES.get(random.nextInt(ACTIVITIES.size())), themes.isEmpty() ? List.of(Theme.PEACE_GCED) : themes,
          pupils, 1 + random.nextInt(12), null));
      // sent weeks before the due date, or, one time in eight, weeks after it
      Instant due = sent.due().atStartOfDay(ZoneOffset.UTC).toInstant();
      int reportYear = year;
      Instant when = draw < 0.77 ? due.minus(Duration.ofDays(1 + random.nextInt(80))) : due.plus(Duration.ofDays(3 + random.nextInt(60)));
      Instant submittedAt = when.isAfter(clock.instant()) ? clock.instant() : when;
      database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE MEM_ANNUAL_REPORT SET SUBMITTED_AT = ? WHERE SCHOOL_ID = ? AND REPORT_YEAR = ? AND REVISION = ?")) {
          ps.setTimestamp(1, Timestamp.from(submittedAt));
          ps.setLong(2, school);
          ps.setInt(3, reportYear);
          ps.setInt(4, sent.revision());
          return ps.executeUpdate();
        }
      });
    }
  }
}
