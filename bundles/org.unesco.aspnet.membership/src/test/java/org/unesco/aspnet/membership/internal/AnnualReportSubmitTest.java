package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.Theme;

/** Creating and replacing a report over a real database: If-Match only for a report that exists (RFC 9110). */
class AnnualReportSubmitTest {
  private static final AnnualReportInput REPORT =
      new AnnualReportInput("Peace week", List.of(Theme.PEACE_GCED), 50, 3, null);
  private AnnualReports reports;
  private long school;
  private final int year = LocalDate.now().getYear() - 1;
  private TestDatabase database;
  private NationalProfiles profiles;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;

  @BeforeEach
  void start() {
    database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT,
        new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    reports = new AnnualReports(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles,
        AnnualReportStateTest.due("03-31"), TestLogger.INSTANCE);
    school = lifecycle.apply(HQ, Schools.valid(), false).schoolId();
  }

  @Test
  void aReportSentOnTimeStaysOnTimeWhenCorrectedAfterTheDueDate() {
    MutableClock clock = new MutableClock(java.time.Instant.parse((year + 1) + "-03-01T10:00:00Z"));
    long id = school;
    AnnualReports timed = new AnnualReports(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles,
        AnnualReportStateTest.due("03-31"), clock);
    var first = timed.submit(HQ, id, year, null, REPORT);
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.SUBMITTED, first.state());
    clock.now = java.time.Instant.parse((year + 1) + "-06-01T10:00:00Z"); // after the due date
    var corrected = timed.submit(HQ, id, year, 1, new AnnualReportInput("Peace week, with the photos", List.of(Theme.PEACE_GCED), 52, 3, null));
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.SUBMITTED, corrected.state(), "still on time");
    assertEquals(first.submittedAt(), corrected.submittedAt());
    assertEquals(52, corrected.studentsInvolved());
  }

  /** A member of all of {@code year}: certified on its first of February. */
  private long memberSince(org.unesco.aspnet.membership.SchoolInput input, int certifiedYear) {
    long id = lifecycle.apply(HQ, input, false).schoolId();
    long membership = schools.school(HQ, id).membershipId();
    for (var step : List.of(org.unesco.aspnet.membership.MembershipStatus.UNDER_NATIONAL_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.RECOMMENDED, org.unesco.aspnet.membership.MembershipStatus.UNDER_HQ_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, membership, step, null);
    }
    database.inTransaction(c -> {
      try (var ps = c.prepareStatement("UPDATE MEM_MEMBERSHIP SET CERTIFIED_AT = ? WHERE ID = ?")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse(certifiedYear + "-02-01T00:00:00Z")));
        ps.setLong(2, membership);
        return ps.executeUpdate();
      }
    });
    return id;
  }

  @Test
  void theRollUpCountsOnTimeLateAndNotSentPerCountryForThoseWhoMayReadThem() {
    long onTime = memberSince(Schools.named("École du Matin", "Dole"), year);
    long late = memberSince(Schools.named("École du Soir", "Dole"), year);
    memberSince(Schools.named("École du Silence", "Dole"), year);
    memberSince(Schools.in("KE", "Moi Girls School", "Nairobi", null), year);
    memberSince(Schools.named("École de l'an prochain", "Dole"), year + 1); // owes nothing for the year
    MutableClock clock = new MutableClock(java.time.Instant.parse((year + 1) + "-03-31T23:59:00Z")); // the due day's last minute
    AnnualReports timed = new AnnualReports(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles,
        AnnualReportStateTest.due("03-31"), clock);
    timed.submit(HQ, onTime, year, null, REPORT);
    var before = timed.rollup(HQ, year);
    assertEquals(false, before.duePassed());
    assertEquals(LocalDate.of(year + 1, 3, 31), before.dueDate());
    clock.now = java.time.Instant.parse((year + 1) + "-04-01T00:00:00Z"); // the first moment after it
    timed.submit(HQ, late, year, null, REPORT);
    var rollup = timed.rollup(HQ, year);
    assertEquals(true, rollup.duePassed());
    assertEquals(List.of(new org.unesco.aspnet.membership.ReportRollup.CountryCounts("FR", 3, 1, 1, 1),
        new org.unesco.aspnet.membership.ReportRollup.CountryCounts("KE", 1, 0, 0, 1)), rollup.countries());
    assertEquals(new org.unesco.aspnet.membership.ReportRollup.Counts(4, 1, 1, 2), rollup.total());
    // the counts are the country's list, state by state
    var list = timed.compliance(HQ, "FR", year);
    assertEquals(1, list.stream().filter(r -> r.state() == org.unesco.aspnet.membership.AnnualReport.State.SUBMITTED).count());
    assertEquals(1, list.stream().filter(r -> r.state() == org.unesco.aspnet.membership.AnnualReport.State.LATE).count());
    assertEquals(1, list.stream().filter(r -> r.state() == org.unesco.aspnet.membership.AnnualReport.State.MISSING).count());
    // an NC reads their country only; a country without schools owing is a row of zeros
    assertEquals(List.of(new org.unesco.aspnet.membership.ReportRollup.CountryCounts("KE", 1, 0, 0, 1)),
        timed.rollup(TransitionsTest.NC_KE, year).countries());
    var germany = new org.unesco.aspnet.core.Principal("nc-de", "nc-de@example.org", "nc-de", "en",
        List.of(org.unesco.aspnet.core.Grant.country(org.unesco.aspnet.core.Role.NATIONAL_COORDINATOR, "DE")));
    assertEquals(List.of(new org.unesco.aspnet.membership.ReportRollup.CountryCounts("DE", 0, 0, 0, 0)), timed.rollup(germany, year).countries());
    assertEquals(403, assertThrows(ProblemException.class, () -> timed.rollup(TransitionsTest.STAFF, year)).status());
    assertEquals(401, assertThrows(ProblemException.class,
        () -> timed.rollup(org.unesco.aspnet.core.Principal.anonymous(), year)).status());
    assertEquals(400, assertThrows(ProblemException.class, () -> timed.rollup(HQ, 1999)).status());
  }

  /** A clock the test moves. */
  static final class MutableClock extends java.time.Clock {
    java.time.Instant now;

    MutableClock(java.time.Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void onlyAYearInWhichTheSchoolWasAMemberIsOwed() {
    long membership = schools.school(HQ, school).membershipId();
    for (var step : List.of(org.unesco.aspnet.membership.MembershipStatus.UNDER_NATIONAL_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.RECOMMENDED, org.unesco.aspnet.membership.MembershipStatus.UNDER_HQ_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, membership, step, null);
    }
    // certified at the start of last year: last year is owed, the year before is not
    int before = year - 1;
    database.inTransaction(c -> {
      try (var ps = c.prepareStatement("UPDATE MEM_MEMBERSHIP SET CERTIFIED_AT = ? WHERE ID = ?")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse(year + "-02-01T00:00:00Z")));
        ps.setLong(2, membership);
        return ps.executeUpdate();
      }
    });
    String country = schools.school(HQ, school).country();
    assertEquals(List.of(school), reports.compliance(HQ, country, year).stream().map(r -> r.schoolId()).toList());
    assertEquals(List.of(), reports.compliance(HQ, country, before), "not a member yet: nobody chases that year's report");
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.MISSING, reports.report(HQ, school, year).state());
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.NOT_DUE, reports.report(HQ, school, before).state());
    // a report sent now for that year is welcome, but it is not late
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.SUBMITTED, reports.submit(HQ, school, before, null, REPORT).state());
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.LATE, reports.submit(HQ, school, year, null, REPORT).state());
  }

  @Test
  void aYearSpentWhollySuspendedIsNotDueAndTheYearOfTheSuspensionIs() {
    // certified in 2014, suspended in mid-2015, reinstated in mid-2017: its history says so
    long membership = schools.school(HQ, school).membershipId();
    for (var step : List.of(org.unesco.aspnet.membership.MembershipStatus.UNDER_NATIONAL_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.RECOMMENDED, org.unesco.aspnet.membership.MembershipStatus.UNDER_HQ_REVIEW,
        org.unesco.aspnet.membership.MembershipStatus.MEMBER, org.unesco.aspnet.membership.MembershipStatus.SUSPENDED,
        org.unesco.aspnet.membership.MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, membership, step, "no report for two years");
    }
    List<String> dates = List.of("2014-01-10", "2014-01-20", "2014-02-01", "2014-02-10", "2014-03-01", "2015-06-15", "2017-05-01");
    database.inTransaction(c -> {
      List<Long> changes = new java.util.ArrayList<>();
      try (var ps = c.prepareStatement("SELECT ID FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ? ORDER BY ID")) {
        ps.setLong(1, membership);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            changes.add(rs.getLong(1));
          }
        }
      }
      assertEquals(dates.size(), changes.size(), "applied, the review, certified, suspended, reinstated");
      try (var ps = c.prepareStatement("UPDATE MEM_STATUS_CHANGE SET CHANGED_AT = ? WHERE ID = ?")) {
        for (int i = 0; i < changes.size(); i++) {
          ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse(dates.get(i) + "T10:00:00Z")));
          ps.setLong(2, changes.get(i));
          ps.executeUpdate();
        }
      }
      try (var ps = c.prepareStatement("UPDATE MEM_MEMBERSHIP SET CERTIFIED_AT = ?, APPLIED_AT = ? WHERE ID = ?")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2014-03-01T10:00:00Z")));
        ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.parse("2014-01-10T10:00:00Z")));
        ps.setLong(3, membership);
        return ps.executeUpdate();
      }
    });
    String country = schools.school(HQ, school).country();
    var NOT_DUE = org.unesco.aspnet.membership.AnnualReport.State.NOT_DUE;
    var MISSING = org.unesco.aspnet.membership.AnnualReport.State.MISSING;
    assertEquals(NOT_DUE, reports.report(HQ, school, 2013).state(), "before its certification");
    assertEquals(MISSING, reports.report(HQ, school, 2014).state());
    assertEquals(MISSING, reports.report(HQ, school, 2015).state(), "a member for part of the year of its suspension: owed");
    assertEquals(NOT_DUE, reports.report(HQ, school, 2016).state(), "the whole year suspended");
    assertEquals(MISSING, reports.report(HQ, school, 2017).state(), "reinstated during the year");
    assertEquals(MISSING, reports.report(HQ, school, 2018).state());
    // the country's list and the roll-up say the same
    for (int y : List.of(2015, 2017)) {
      assertEquals(List.of(school), reports.compliance(HQ, country, y).stream().map(r -> r.schoolId()).toList(), "" + y);
      assertEquals(1, reports.rollup(HQ, y).total().owed(), "" + y);
    }
    assertEquals(List.of(), reports.compliance(HQ, country, 2016));
    assertEquals(0, reports.rollup(HQ, 2016).total().owed());
    assertEquals(List.of(), reports.rollup(HQ, 2016).countries());
    // a report sent for the suspended year is welcome, and not late
    assertEquals(org.unesco.aspnet.membership.AnnualReport.State.SUBMITTED, reports.submit(HQ, school, 2016, null, REPORT).state());
  }

  @Test
  void anIfMatchForAReportThatDoesNotExistFailsAndCreatesNothing() {
    ProblemException p = assertThrows(ProblemException.class, () -> reports.submit(HQ, school, year, 7, REPORT));
    assertEquals(412, p.status());
    assertEquals(0, reports.report(HQ, school, year).revision(), "nothing created");
    assertEquals(412, assertThrows(ProblemException.class, () -> reports.submit(HQ, school, year, 0, REPORT)).status());
  }

  @Test
  void theFirstReportIsCreatedWithoutIfMatchAndReplacedWithIt() {
    assertEquals(1, reports.submit(HQ, school, year, null, REPORT).revision());
    // the same first report again without If-Match (its answer lost): answered as stored, nothing new
    assertEquals(1, reports.submit(HQ, school, year, null, REPORT).revision());
    AnnualReportInput other = new AnnualReportInput("Another text", List.of(Theme.PEACE_GCED), 50, 3, null);
    assertEquals(428, assertThrows(ProblemException.class, () -> reports.submit(HQ, school, year, null, other)).status());
    assertEquals(412, assertThrows(ProblemException.class, () -> reports.submit(HQ, school, year, 7, REPORT)).status());
    assertEquals(1, reports.submit(HQ, school, year, 1, REPORT).revision(), "sent again as it is: nothing new");
    AnnualReportInput corrected = new AnnualReportInput("Peace week and a Sandwatch day", List.of(Theme.PEACE_GCED), 50, 3, null);
    assertEquals(2, reports.submit(HQ, school, year, 1, corrected).revision());
    assertEquals("Peace week and a Sandwatch day", reports.report(HQ, school, year).activities());
  }
}
