package org.unesco.aspnet.membership.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.AnnualReportService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.membership.bulk.MembershipRow;
import org.unesco.aspnet.membership.bulk.ReportRow;
import org.unesco.aspnet.membership.bulk.SchoolRow;
import org.unesco.aspnet.membership.bulk.SchoolRows;
import org.unesco.aspnet.persistence.Database;

/**
 * Whole-directory reads for exports: one forward-only result set per read, each row handed on as
 * soon as it is read. The filters are those of the directory; the scope is narrower than the
 * directory's (a coordinator gets their scope only, not the public rows of other countries), so
 * that an export of an NC never holds another country's row.
 */
@Component(service = SchoolRows.class)
public final class DirectoryRows implements SchoolRows {
  private static final int FETCH = 1000;

  private final Database database;
  private final Authorizer authorizer;
  private final AnnualReports reports;

  @Activate
  public DirectoryRows(
      @Reference Database database,
      @Reference Authorizer authorizer,
      @Reference(service = AnnualReportService.class) AnnualReportService reports) {
    this.database = database;
    this.authorizer = authorizer;
    this.reports = (AnnualReports) reports; // ours: the same bundle registers it
  }

  @Override
  public View view(Principal actor) {
    if (Scopes.everything(authorizer, actor, Action.VIEW_SCHOOL)) {
      return View.EVERYTHING;
    }
    return Scopes.condition(authorizer, actor, Action.VIEW_SCHOOL, new ArrayList<>()) == null ? View.PUBLIC : View.SCOPE;
  }

  @Override
  public void schools(Principal actor, SchoolQuery filters, Handler<SchoolRow> each) throws IOException {
    List<Object> params = new ArrayList<>();
    String where = where(actor, filters, "", params, true);
    // No ORDER BY: rows come in the order they are stored, which for a directory that only grows
    // is the order of ids. Ordered by id, Derby walks the primary key and fetches each row from its
    // page apart; in storage order it reads whole pages: a full export took 22 % less time.
    String sql = "SELECT " + ResultRow.COLUMNS + " FROM MEM_SCHOOL" + hint(filters) + " WHERE " + where;
    ResultRow row = new ResultRow();
    stream(sql, params, rs -> {
      row.read(rs);
      each.accept(row);
    });
  }

  /** The current row, read once per row, each value as the export writes it. */
  static final class ResultRow implements SchoolRow {
    static final String COLUMNS = "ID, NAME, COUNTRY, UNIT, CITY, ADDRESS, LATITUDE, LONGITUDE, LEVELS, THEMES,"
        + " LANGUAGES, STUDENTS, TEACHERS, EMAIL, WEBSITE, NATIONAL_ID, STATUS, MEMBERSHIP_ID, FIELDS";
    private long id;
    private String name;
    private String country;
    private String unit;
    private String city;
    private String address;
    private Double latitude;
    private Double longitude;
    private List<String> levels;
    private List<String> themes;
    private List<String> languages;
    private Integer students;
    private Integer teachers;
    private String email;
    private String website;
    private String nationalId;
    private String status;
    private Long membershipId;
    private String fieldsJson;
    private java.util.Map<String, Object> fields;

    void read(ResultSet rs) throws SQLException {
      id = rs.getLong(1);
      name = rs.getString(2);
      country = rs.getString(3);
      unit = rs.getString(4);
      city = rs.getString(5);
      address = rs.getString(6);
      double lat = rs.getDouble(7);
      latitude = rs.wasNull() ? null : lat;
      double lon = rs.getDouble(8);
      longitude = rs.wasNull() ? null : lon;
      levels = codes(rs.getString(9));
      themes = codes(rs.getString(10));
      languages = codes(rs.getString(11));
      int n = rs.getInt(12);
      students = rs.wasNull() ? null : n;
      n = rs.getInt(13);
      teachers = rs.wasNull() ? null : n;
      email = rs.getString(14);
      website = rs.getString(15);
      nationalId = rs.getString(16);
      status = rs.getString(17);
      long m = rs.getLong(18);
      membershipId = rs.wasNull() ? null : m;
      fieldsJson = rs.getString(19);
      fields = null; // parsed when asked for: most schools have none, most exports never ask
    }

    @Override
    public java.util.Map<String, Object> fields() {
      if (fields == null) {
        fields = SchoolDirectory.fieldsOf(fieldsJson);
      }
      return fields;
    }

    /** {@code ",A,B,"} (how lists are stored) as [A, B], without streams: this runs a million times. */
    static List<String> codes(String joined) {
      if (joined == null || joined.length() < 2) {
        return List.of();
      }
      List<String> out = new ArrayList<>(2);
      int start = 0;
      for (int i = 0; i < joined.length(); i++) {
        if (joined.charAt(i) == ',') {
          if (i > start) {
            out.add(joined.substring(start, i));
          }
          start = i + 1;
        }
      }
      if (start < joined.length()) {
        out.add(joined.substring(start));
      }
      return out;
    }

    @Override public long id() { return id; }
    @Override public String name() { return name; }
    @Override public String country() { return country; }
    @Override public String unit() { return unit; }
    @Override public String city() { return city; }
    @Override public String address() { return address; }
    @Override public Double latitude() { return latitude; }
    @Override public Double longitude() { return longitude; }
    @Override public List<String> levels() { return levels; }
    @Override public List<String> themes() { return themes; }
    @Override public List<String> languages() { return languages; }
    @Override public Integer students() { return students; }
    @Override public Integer teachers() { return teachers; }
    @Override public String email() { return email; }
    @Override public String website() { return website; }
    @Override public String nationalId() { return nationalId; }
    @Override public String status() { return status; }
    @Override public Long membershipId() { return membershipId; }
  }

  @Override
  public void memberships(Principal actor, SchoolQuery filters, Handler<MembershipRow> each) throws IOException {
    List<Object> params = new ArrayList<>();
    String where = where(actor, filters, "S.", params, false);
    String sql =
        "SELECT M.ID, S.ID, S.NAME, S.COUNTRY, S.UNIT, S.CITY, M.PERIOD_NO, M.STATUS, M.CERTIFICATE,"
            + " M.APPLIED_AT, M.CERTIFIED_AT, M.ENDED_AT, H.FROM_STATUS, H.TO_STATUS, H.CHANGED_AT, H.ACTOR,"
            + " H.COMMENT_TEXT FROM MEM_SCHOOL S JOIN MEM_MEMBERSHIP M ON M.SCHOOL_ID = S.ID"
            + " LEFT JOIN MEM_STATUS_CHANGE H ON H.MEMBERSHIP_ID = M.ID WHERE " + where
            + " ORDER BY S.ID, M.PERIOD_NO, H.ID";
    stream(sql, params, rs -> each.accept(new MembershipRow(
        rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getInt(7), MembershipStatus.valueOf(rs.getString(8)), rs.getString(9), instant(rs, 10),
        instant(rs, 11), instant(rs, 12), status(rs.getString(13)), status(rs.getString(14)), instant(rs, 15),
        rs.getString(16), rs.getString(17))));
  }

  @Override
  public void annualReports(Principal actor, SchoolQuery filters, int year, Handler<ReportRow> each) throws IOException {
    int current = LocalDate.now().getYear();
    if (year < AnnualReports.FIRST_YEAR || year > current) {
      throw ProblemException.validation("year", "must be between " + AnnualReports.FIRST_YEAR + " and " + current);
    }
    List<Object> params = new ArrayList<>();
    params.add(year);
    params.addAll(AnnualReports.yearBounds(year)); // only the members that owe that year's report
    String where = where(actor, filters, "S.", params, false);
    String sql =
        "SELECT S.ID, S.NAME, S.COUNTRY, S.UNIT, S.CITY, R.SUBMITTED_AT, R.THEMES, R.STUDENTS_INVOLVED,"
            + " R.TEACHERS_INVOLVED FROM MEM_SCHOOL S"
            + " LEFT JOIN MEM_ANNUAL_REPORT R ON R.SCHOOL_ID = S.ID AND R.REPORT_YEAR = ?"
            // as the country's list (AnnualReports.STILL_IN_NETWORK)
            + " WHERE " + AnnualReports.STILL_IN_NETWORK + " AND " + AnnualReports.MEMBER_DURING_YEAR + " AND " + where
            + " ORDER BY S.ID";
    LocalDate due = reports.dueDate(year);
    stream(sql, params, rs -> {
      Instant submitted = instant(rs, 6);
      boolean has = submitted != null;
      each.accept(new ReportRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          year, reports.stateOf(year, submitted), due, submitted,
          has ? SchoolDirectory.splitCodes(rs.getString(7), Theme::valueOf) : List.of(),
          has ? rs.getInt(8) : null, has ? rs.getInt(9) : null));
    });
  }

  interface RowReader {
    void read(ResultSet rs) throws SQLException, IOException;
  }

  private void stream(String sql, List<Object> params, RowReader reader) throws IOException {
    stream(database, sql, params, reader);
  }

  /** One forward-only read; an IOException of the handler ends it and is rethrown as is. */
  static void stream(Database database, String sql, List<Object> params, RowReader reader) throws IOException {
    org.unesco.aspnet.persistence.SqlWork<Void> work = c -> {
      try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(FETCH);
        SchoolDirectory.bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    };
    try {
      database.streaming(work);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The filters and the scope as SQL over MEM_SCHOOL columns prefixed with {@code p}. {@code
   * publicRows}: whether the public may read (member schools only); otherwise 401/403.
   */
  String where(Principal actor, SchoolQuery q, String p, List<Object> params, boolean publicRows) {
    StringBuilder sql = new StringBuilder("1 = 1");
    DirectoryFilter.place(sql, params, q, p);
    if (!Scopes.everything(authorizer, actor, Action.VIEW_SCHOOL)) {
      List<Object> scopeParams = new ArrayList<>();
      String own = Scopes.condition(authorizer, actor, Action.VIEW_SCHOOL, scopeParams);
      if (own != null) {
        sql.append(" AND (").append(own.replaceAll("\\b(ID|COUNTRY|UNIT)\\b", p + "$1")).append(")");
        params.addAll(scopeParams);
      } else if (publicRows) {
        sql.append(" AND ").append(p).append("STATUS = ?");
        params.add(MembershipStatus.MEMBER.name());
      } else if (actor.isAnonymous()) {
        throw ProblemException.unauthorized("Sign in to export memberships and reports");
      } else {
        throw ProblemException.forbidden("Memberships and reports are exported by coordinators, schools and HQ");
      }
    }
    DirectoryFilter.attributes(sql, params, q, p);
    return sql.toString();
  }

  // As in the directory: Derby would otherwise walk the primary key through every country.
  private static String hint(SchoolQuery q) {
    return q.country() != null ? " --DERBY-PROPERTIES index=MEM_SCHOOL_COUNTRY\n" : "";
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }

  private static MembershipStatus status(String s) {
    return s == null ? null : MembershipStatus.valueOf(s);
  }

}
