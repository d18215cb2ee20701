package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.AnnualReport;
import org.unesco.aspnet.membership.AnnualReport.State;
import org.unesco.aspnet.membership.AnnualReportInput;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.ReportCompliance;
import org.unesco.aspnet.membership.ReportRollup;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;

/** Annual reports in MEM_ANNUAL_REPORT, each change audited in its own transaction. */
@Component(service = AnnualReportService.class, configurationPid = "org.unesco.aspnet.membership.reports")
@Designate(ocd = AnnualReports.Config.class)
public final class AnnualReports implements AnnualReportService {
  static final int TEXT_MAX = 4000;
  static final int FIRST_YEAR = 2000;
  /** The room of MEM_ANNUAL_REPORT.ANSWERS (V3). */
  static final int ANSWERS_MAX = 8000;

  @ObjectClassDefinition(name = "ASPnet annual reports", description = "When annual reports are due")
  public @interface Config {
    @AttributeDefinition(description = "Day (MM-DD) of the following year by which a year's report is due")
    String dueMonthDay() default "03-31";
  }

  private final Database database;
  private final SchoolDirectory schools;
  private final Authorizer authorizer;
  private final AuditLog audit;
  private final Clock clock;
  private final NationalProfiles profiles;
  private final ConfigValues values;
  private volatile MonthDay due;

  @Activate
  public AnnualReports(
      @Reference Database database,
      @Reference SchoolDirectory schools,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference NationalProfiles profiles,
      Config config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(database, schools, authorizer, audit, profiles, config, Clock.systemUTC(), log::warn);
  }

  AnnualReports(Database database, SchoolDirectory schools, Authorizer authorizer, AuditLog audit,
      NationalProfiles profiles, Config config, Clock clock) {
    this(database, schools, authorizer, audit, profiles, config, clock, warning -> { });
  }

  AnnualReports(Database database, SchoolDirectory schools, Authorizer authorizer, AuditLog audit,
      NationalProfiles profiles, Config config, Clock clock, java.util.function.Consumer<String> warn) {
    this.profiles = profiles;
    this.database = database;
    this.schools = schools;
    this.authorizer = authorizer;
    this.audit = audit;
    this.clock = clock;
    this.values = new ConfigValues("org.unesco.aspnet.membership.reports", warn);
    modified(config);
  }

  @Modified
  void modified(Config config) {
    // a typo in the file must not stop reporting: the day in force stays, and the log says why
    due = values.get("dueMonthDay", () -> MonthDay.parse("--" + config.dueMonthDay().strip()), day -> true,
        "a day of the year as MM-DD, such as 03-31", due == null ? MonthDay.of(3, 31) : due);
  }

  @Override
  public LocalDate dueDate(int year) {
    return due.atYear(year + 1);
  }

  /** The first moment after {@code year}'s due day (UTC): a report sent from then on is late. */
  Instant deadline(int year) {
    return dueDate(year).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * A school owes a year's report when it was a member (MEMBER or DORMANT) at some moment of that
   * year: one of its membership periods was certified before the year ended, had not ended before
   * it began, and was not SUSPENDED the whole year. Suspended the whole year is what the period's
   * status history (MEM_STATUS_CHANGE) says: a suspension at or before the year's first moment with
   * no move back to MEMBER or DORMANT after it and before the year ended. So the year of a
   * suspension is owed (a member for part of it), a year wholly suspended is not (NOT_DUE, as a year
   * before the certification), and the year of a reinstatement is. Within a certified period the
   * status is MEMBER from the certification date (which HQ may date back) until a move says
   * otherwise. The SQL condition on a school aliased {@code S}; its parameters are {@link #yearBounds}.
   */
  static final String MEMBER_DURING_YEAR = "EXISTS (SELECT 1 FROM MEM_MEMBERSHIP MP WHERE MP.SCHOOL_ID = S.ID"
      + " AND MP.CERTIFIED_AT < ? AND (MP.ENDED_AT IS NULL OR MP.ENDED_AT > ?)"
      + " AND NOT EXISTS (SELECT 1 FROM MEM_STATUS_CHANGE SC WHERE SC.MEMBERSHIP_ID = MP.ID"
      + " AND SC.TO_STATUS = 'SUSPENDED' AND SC.CHANGED_AT <= ?"
      + " AND NOT EXISTS (SELECT 1 FROM MEM_STATUS_CHANGE BACK WHERE BACK.MEMBERSHIP_ID = MP.ID"
      + " AND BACK.TO_STATUS IN ('MEMBER', 'DORMANT') AND BACK.CHANGED_AT > SC.CHANGED_AT AND BACK.CHANGED_AT < ?)))";

  /**
   * Who is chased for a year's report: a member of that year still in the network, whatever its
   * status now (a school suspended for not reporting still owes it); one that has left it
   * (withdrawn, or rejected on applying again) is not. The SQL condition on a school aliased {@code S}.
   */
  static final String STILL_IN_NETWORK = "S.STATUS NOT IN ('WITHDRAWN', 'REJECTED')";

  /** The parameters of {@link #MEMBER_DURING_YEAR}: the year's end and its start, its start and its end (UTC). */
  static List<Object> yearBounds(int year) {
    Timestamp end = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp start = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    return List.of(end, start, start, end);
  }

  /** SUBMITTED or LATE for a submission, MISSING or OPEN for none (of a school that owes it). */
  State stateOf(int year, Instant submittedAt) {
    return stateOf(year, submittedAt, true);
  }

  /** As above; a report not {@code due} is never late, and missing it is NOT_DUE. */
  State stateOf(int year, Instant submittedAt, boolean due) {
    Instant deadline = deadline(year);
    if (submittedAt != null) {
      return !due || submittedAt.isBefore(deadline) ? State.SUBMITTED : State.LATE;
    }
    if (!due) {
      return State.NOT_DUE;
    }
    return clock.instant().isBefore(deadline) ? State.OPEN : State.MISSING;
  }

  private static boolean due(Connection c, long schoolId, int year) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MEM_SCHOOL S WHERE S.ID = ? AND " + MEMBER_DURING_YEAR)) {
      List<Object> params = new ArrayList<>(List.of(schoolId));
      params.addAll(yearBounds(year));
      SchoolDirectory.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public void checkYear(int year, String lang) {
    int current = LocalDate.now(clock).getYear();
    if (year < FIRST_YEAR || year > current) {
      throw ProblemException.validation("year", FieldMessages.get(lang, "range", String.valueOf(FIRST_YEAR), String.valueOf(current)));
    }
  }

  private School school(Principal actor, long schoolId, Action action) {
    School s = schools.school(actor, schoolId); // 404 when not visible
    authorizer.require(actor, action, Scopes.of(s));
    return s;
  }

  @Override
  public AnnualReport report(Principal actor, long schoolId, int year) {
    checkYear(year, actor.language());
    school(actor, schoolId, Action.VIEW_SCHOOL);
    return database.read(c -> {
      AnnualReport stored = find(c, schoolId, year);
      return stored != null ? stored
          : new AnnualReport(schoolId, year, stateOf(year, null, due(c, schoolId, year)), dueDate(year), null, List.of(),
              null, null, null, Map.of(), null, 0);
    });
  }

  @Override
  public AnnualReport submit(Principal actor, long schoolId, int year, Integer expectedRevision, AnnualReportInput input) {
    checkYear(year, actor.language());
    School s = school(actor, schoolId, Action.EDIT_SCHOOL);
    AnnualReportInput checked = validate(input, actor.language());
    Instant now = clock.instant();
    return database.inTransaction(c -> {
      AnnualReport before = find(c, schoolId, year);
      AnnualReportInput valid = withAnswers(actor, s.country(), checked, before == null ? Map.of() : before.answers());
      if (before != null) {
        if (expectedRevision == null) {
          if (unchanged(before, valid)) {
            // the same first report sent again (its answer lost on a slow connection): PUT is
            // idempotent, so it is answered as the first was, and nothing is written twice
            return before;
          }
          throw ProblemException.preconditionRequired(LifecycleMessages.get(actor.language(), "reportExists"));
        }
        if (expectedRevision != before.revision()) {
          throw ProblemException.preconditionFailed(LifecycleMessages.get(actor.language(), "reportChanged"));
        }
        if (unchanged(before, valid)) {
          return before; // sent again as it is: no new revision (others' If-Match stays good), no audit entry
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE MEM_ANNUAL_REPORT SET ACTIVITIES = ?, THEMES = ?, STUDENTS_INVOLVED = ?, TEACHERS_INVOLVED = ?,"
                + " NOTES = ?, SUBMITTED_AT = ?, SUBMITTED_BY = ?, ANSWERS = ?, REVISION = REVISION + 1"
                + " WHERE SCHOOL_ID = ? AND REPORT_YEAR = ? AND REVISION = ?")) {
          // A correction keeps the first submission's time, which decides on time or late: a report
          // sent on time stays on time when it is corrected later (the audit log has each change).
          int i = bind(ps, valid, before.submittedAt(), actor);
          ps.setLong(i++, schoolId);
          ps.setInt(i++, year);
          ps.setInt(i, expectedRevision);
          if (ps.executeUpdate() == 0) {
            throw ProblemException.preconditionFailed(LifecycleMessages.get(actor.language(), "reportChanged"));
          }
        }
      } else {
        if (expectedRevision != null) {
          // RFC 9110 13.1.1: If-Match names a current representation, and there is none yet.
          throw ProblemException.preconditionFailed(
              LifecycleMessages.get(actor.language(), "noReportYet", String.valueOf(year)));
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO MEM_ANNUAL_REPORT (ACTIVITIES, THEMES, STUDENTS_INVOLVED, TEACHERS_INVOLVED, NOTES,"
                + " SUBMITTED_AT, SUBMITTED_BY, ANSWERS, SCHOOL_ID, REPORT_YEAR, REVISION)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
          int i = bind(ps, valid, now, actor);
          ps.setLong(i++, schoolId);
          ps.setInt(i, year);
          ps.executeUpdate();
        } catch (java.sql.SQLException e) {
          if (!"23505".equals(e.getSQLState())) {
            throw e;
          }
          // the same first report sent twice at once: the other one is in, as if it had come first
          throw ProblemException.preconditionRequired(LifecycleMessages.get(actor.language(), "reportExists"));
        }
      }
      AnnualReport after = find(c, schoolId, year);
      audit.record(c, actor, "annualReport.submit", "school", String.valueOf(schoolId), s.country(),
          before == null ? null : summary(before), summary(after));
      return after;
    });
  }

  /** Whether {@code in} says what the stored report says, as it would be stored. */
  private static boolean unchanged(AnnualReport stored, AnnualReportInput in) {
    return Objects.equals(stored.activities(), in.activities())
        && stored.themes().equals(in.themes())
        && Objects.equals(stored.studentsInvolved(), in.studentsInvolved())
        && Objects.equals(stored.teachersInvolved(), in.teachersInvolved())
        && Objects.equals(stored.notes(), in.notes())
        && Objects.equals(SchoolDirectory.fieldsJson(stored.answers()), SchoolDirectory.fieldsJson(in.answers()));
  }

  private static int bind(PreparedStatement ps, AnnualReportInput in, Instant now, Principal actor) throws SQLException {
    ps.setString(1, in.activities());
    ps.setString(2, SchoolDirectory.joinCodes(in.themes()));
    ps.setInt(3, in.studentsInvolved());
    ps.setInt(4, in.teachersInvolved());
    ps.setString(5, in.notes());
    ps.setTimestamp(6, Timestamp.from(now));
    ps.setString(7, actor.accountId());
    ps.setString(8, SchoolDirectory.fieldsJson(in.answers()));
    return 9;
  }

  /**
   * Checks the answers to the national questions of the school's country; answers to questions no
   * active profile asks stay as stored.
   */
  private AnnualReportInput withAnswers(Principal actor, String country, AnnualReportInput in, Map<String, Object> stored) {
    NationalProfiles.Checked checked = profiles.checkAnswers(country, in.answers(), stored, actor.language());
    if (!checked.errors().isEmpty()) {
      throw ProblemException.validation(checked.errors());
    }
    String json = SchoolDirectory.fieldsJson(checked.fields());
    if (json != null && json.length() > ANSWERS_MAX) {
      throw ProblemException.validation("answers",
          LifecycleMessages.get(actor.language(), "answersMax", String.valueOf(ANSWERS_MAX)));
    }
    return new AnnualReportInput(in.activities(), in.themes(), in.studentsInvolved(), in.teachersInvolved(),
        in.notes(), checked.fields());
  }

  static AnnualReportInput validate(AnnualReportInput in, String lang) {
    if (in == null) {
      throw ProblemException.badRequest(LifecycleMessages.get(lang, "reportEmpty"));
    }
    List<FieldError> errors = new ArrayList<>();
    String activities = in.activities() == null ? null : in.activities().strip();
    if (activities == null || activities.isEmpty()) {
      errors.add(new FieldError("activities", FieldMessages.get(lang, "required")));
    } else if (activities.codePointCount(0, activities.length()) > TEXT_MAX) {
      errors.add(new FieldError("activities", FieldMessages.get(lang, "length", String.valueOf(TEXT_MAX))));
    }
    if (in.themes() == null || in.themes().isEmpty()) {
      errors.add(new FieldError("themes", FieldMessages.get(lang, "themeNeeded")));
    } else {
      // on the place of each: a value that is no theme is taken out (null) by the binding, which tells it there
      for (int i = 0; i < in.themes().size(); i++) {
        if (in.themes().get(i) == null) {
          errors.add(new FieldError("themes[" + i + "]", FieldMessages.get(lang, "themeValue")));
        }
      }
    }
    required(errors, "studentsInvolved", in.studentsInvolved(), lang);
    required(errors, "teachersInvolved", in.teachersInvolved(), lang);
    String notes = in.notes() == null || in.notes().isBlank() ? null : in.notes().strip();
    if (notes != null && notes.codePointCount(0, notes.length()) > TEXT_MAX) {
      errors.add(new FieldError("notes", FieldMessages.get(lang, "length", String.valueOf(TEXT_MAX))));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return new AnnualReportInput(activities, in.themes().stream().distinct().toList(), in.studentsInvolved(),
        in.teachersInvolved(), notes, in.answers());
  }

  private static void required(List<FieldError> errors, String field, Integer value, String lang) {
    if (value == null) {
      errors.add(new FieldError(field, FieldMessages.get(lang, "required")));
    } else {
      SchoolValidator.count(errors, field, value, lang);
    }
  }

  @Override
  public List<ReportCompliance> compliance(Principal actor, String country, int year) {
    checkYear(year, actor.language());
    String code = country == null ? "" : country.toUpperCase(java.util.Locale.ROOT);
    authorizer.require(actor, Action.VIEW_COUNTRY, Target.country(code));
    List<ReportCompliance> rows = database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT S.ID, S.NAME, S.CITY, R.SUBMITTED_AT, S.EMAIL FROM MEM_SCHOOL S"
              + " LEFT JOIN MEM_ANNUAL_REPORT R ON R.SCHOOL_ID = S.ID AND R.REPORT_YEAR = ?"
              + " WHERE S.COUNTRY = ? AND " + STILL_IN_NETWORK + " AND " + MEMBER_DURING_YEAR + " ORDER BY S.ID")) {
        List<Object> params = new ArrayList<>(List.of(year, code));
        params.addAll(yearBounds(year));
        SchoolDirectory.bind(ps, params);
        List<ReportCompliance> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Timestamp t = rs.getTimestamp(4);
            Instant submitted = t == null ? null : t.toInstant();
            out.add(new ReportCompliance(rs.getLong(1), rs.getString(2), rs.getString(3), stateOf(year, submitted), submitted,
                rs.getString(5)));
          }
        }
        return out;
      }
    });
    // Who has not reported comes first: that is what a coordinator chases.
    rows.sort(Comparator.comparing((ReportCompliance r) -> r.state() == State.MISSING || r.state() == State.OPEN ? 0 : 1)
        .thenComparing(ReportCompliance::schoolId));
    return rows;
  }

  @Override
  public ReportRollup rollup(Principal actor, int year) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to read where annual reports stand");
    }
    checkYear(year, actor.language());
    boolean everywhere = actor.has(Role.HQ_OFFICER);
    // the countries a National Coordinator reads (each checked by the authorizer, as the country's
    // own list is; a sub-national coordinator reads neither)
    java.util.Set<String> mine = new java.util.TreeSet<>();
    for (Grant g : actor.grants()) {
      if (g.role() == Role.NATIONAL_COORDINATOR && g.country() != null
          && authorizer.allows(actor, Action.VIEW_COUNTRY, Target.country(g.country()))) {
        mine.add(g.country());
      }
    }
    if (!everywhere && mine.isEmpty()) {
      throw ProblemException.forbidden("Only HQ and National Coordinators read where annual reports stand");
    }
    Instant deadline = deadline(year);
    Map<String, ReportRollup.CountryCounts> rows = new java.util.TreeMap<>();
    if (!everywhere) {
      mine.forEach(code -> rows.put(code, new ReportRollup.CountryCounts(code, 0, 0, 0, 0)));
    }
    database.read(c -> {
      String only = everywhere ? "" : " AND S.COUNTRY IN (" + String.join(", ", java.util.Collections.nCopies(mine.size(), "?")) + ")";
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT S.COUNTRY, COUNT(*), COUNT(R.SUBMITTED_AT), SUM(CASE WHEN R.SUBMITTED_AT >= ? THEN 1 ELSE 0 END)"
              + " FROM MEM_SCHOOL S LEFT JOIN MEM_ANNUAL_REPORT R ON R.SCHOOL_ID = S.ID AND R.REPORT_YEAR = ?"
              + " WHERE " + STILL_IN_NETWORK + " AND " + MEMBER_DURING_YEAR + only + " GROUP BY S.COUNTRY")) {
        List<Object> params = new ArrayList<>(List.of(Timestamp.from(deadline), year));
        params.addAll(yearBounds(year));
        if (!everywhere) {
          params.addAll(mine);
        }
        SchoolDirectory.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long owed = rs.getLong(2);
            long sent = rs.getLong(3);
            long late = rs.getLong(4);
            rows.put(rs.getString(1), new ReportRollup.CountryCounts(rs.getString(1), owed, sent - late, late, owed - sent));
          }
        }
      }
      return null;
    });
    long owed = 0;
    long onTime = 0;
    long late = 0;
    long notSent = 0;
    for (ReportRollup.CountryCounts r : rows.values()) {
      owed += r.owed();
      onTime += r.onTime();
      late += r.late();
      notSent += r.notSent();
    }
    return new ReportRollup(year, dueDate(year), !clock.instant().isBefore(deadline),
        new ReportRollup.Counts(owed, onTime, late, notSent), List.copyOf(rows.values()));
  }

  private AnnualReport find(Connection c, long schoolId, int year) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ACTIVITIES, THEMES, STUDENTS_INVOLVED, TEACHERS_INVOLVED, NOTES, SUBMITTED_AT, REVISION, ANSWERS"
            + " FROM MEM_ANNUAL_REPORT WHERE SCHOOL_ID = ? AND REPORT_YEAR = ?")) {
      ps.setLong(1, schoolId);
      ps.setInt(2, year);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Instant submitted = rs.getTimestamp(6).toInstant();
        State state = stateOf(year, submitted);
        if (state == State.LATE && !due(c, schoolId, year)) {
          state = State.SUBMITTED; // sent after the date for a year it did not owe: not late
        }
        return new AnnualReport(schoolId, year, state, dueDate(year), rs.getString(1),
            SchoolDirectory.splitCodes(rs.getString(2), Theme::valueOf),
            rs.getInt(3), rs.getInt(4), rs.getString(5), SchoolDirectory.fieldsOf(rs.getString(8)), submitted, rs.getInt(7));
      }
    }
  }

  private static Map<String, Object> summary(AnnualReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", r.year());
    m.put("state", r.state().name());
    m.put("themes", r.themes().stream().map(Enum::name).toList());
    m.put("studentsInvolved", r.studentsInvolved());
    m.put("teachersInvolved", r.teachersInvolved());
    m.put("answers", r.answers());
    m.put("revision", r.revision());
    // a correction is read in the audit log, texts too; last and shortened, so that an entry's
    // size limit never cuts the counts off
    m.put("activities", shortened(r.activities()));
    m.put("notes", shortened(r.notes()));
    return m;
  }

  /** The first {@value #AUDIT_TEXT} characters of a report's text, and "…" when there is more. */
  private static String shortened(String text) {
    return text == null || text.codePointCount(0, text.length()) <= AUDIT_TEXT ? text
        : text.substring(0, text.offsetByCodePoints(0, AUDIT_TEXT)) + "…";
  }

  private static final int AUDIT_TEXT = 500;
}
