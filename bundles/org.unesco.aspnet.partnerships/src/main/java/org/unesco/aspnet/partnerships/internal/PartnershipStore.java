package org.unesco.aspnet.partnerships.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolCopies;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.partnerships.PartnerSchool;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipService;
import org.unesco.aspnet.partnerships.PartnershipStatus;
import org.unesco.aspnet.persistence.Database;

/**
 * Partnerships in the bundle's own table. Each partnership keeps a copy of its two schools' name,
 * country and city, refreshed when a school is edited ({@link SchoolService#TOPIC_SCHOOL_CHANGED},
 * as the campaigns' participants do, and compared with the directory once, some seconds after
 * activation, for the edits whose event was missed): the lists filter by country and by the caller's scope in
 * SQL, page by id and read no school per row. Whether a school is MEMBER now, which decides what
 * the public sees, is asked of the directory for the rows of a page ({@link SchoolService#visible}
 * for the public: member schools only), since a status changes without that event. Every change
 * and its audit entries (one per country involved, so that each NC reads it) commit together; the
 * Event Admin event follows the commit.
 */
@Component(
    service = {PartnershipService.class, EventHandler.class},
    property = EventConstants.EVENT_TOPIC + "=" + SchoolService.TOPIC_SCHOOL_CHANGED)
public final class PartnershipStore implements PartnershipService, EventHandler {
  /** The most rows a list reads at once when it reads past rows the caller may not see. */
  private static final int READ_FURTHER_MAX = 512;
  /** The most rows one request of a list reads in all; past them the page ends early, with a cursor. */
  static final int READ_PER_REQUEST_MAX = 2048;
  private static final String COLUMNS =
      "ID, PROPOSER_ID, PROPOSER_NAME, PROPOSER_COUNTRY, PROPOSER_CITY, PARTNER_ID, PARTNER_NAME, PARTNER_COUNTRY,"
          + " PARTNER_CITY, THEME, MESSAGE, STATUS, PROPOSED_AT, ANSWERED_AT, ENDED_AT, MOVE_COMMENT, REVISION";

  private final Database database;
  private final AuditLog audit;
  private final SchoolService schools;
  /** How long after activation the copies are compared with the directory: after the platform's start. */
  private static final long RESYNC_DELAY_SECONDS = 20;

  /** The schools' name, country and city copied into both sides of a partnership, kept as they are now. */
  private final SchoolCopies copies;
  private Logger log;

  // Optional: without Event Admin partnerships work and nobody is told.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EventAdmin eventAdmin;

  @Activate
  public PartnershipStore(
      @Reference Database database,
      @Reference AuditLog audit,
      @Reference SchoolService schools,
      @Reference(service = LoggerFactory.class) Logger log,
      BundleContext context) {
    this(database, audit, schools);
    this.log = log;
    database.migrate(context.getBundle());
    // Edits made while the bundle was away, or whose event was lost, are not in the copies: compare
    // them with the directory once, when the platform's start is over.
    copies.compareLater(RESYNC_DELAY_SECONDS, log);
  }

  /** For tests: the schema is already there. */
  PartnershipStore(Database database, AuditLog audit, SchoolService schools) {
    this.database = database;
    this.audit = audit;
    this.schools = schools;
    this.copies = new SchoolCopies(database, schools, "partnership", "aspnet-partnership-school-copies",
        new SchoolCopies.Place("PSH_PARTNERSHIP", "PROPOSER_ID", "PROPOSER_NAME", "PROPOSER_COUNTRY", "PROPOSER_CITY"),
        new SchoolCopies.Place("PSH_PARTNERSHIP", "PARTNER_ID", "PARTNER_NAME", "PARTNER_COUNTRY", "PARTNER_CITY"));
  }

  @Deactivate
  void deactivate() {
    copies.close();
  }

  /** A school was edited: its partnerships take its current name, country and city. */
  @Override
  public void handleEvent(Event event) {
    copies.follow(event, log);
  }

  /** The partnerships of school {@code id} with its name, country and city as they are now. */
  void refreshCopies(long id) {
    copies.refresh(id);
  }

  /** Every copy compared with the directory ({@link SchoolCopies#resync}); the number of rows corrected. */
  int resyncCopies() {
    return copies.resync();
  }

  // ---- proposing ----

  @Override
  public Partnership propose(Principal actor, PartnershipInput in) {
    String language = actor.language();
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(PartnershipMessages.get(language, "signIn"));
    }
    if (in.proposer() != null && !PartnershipRules.actsFor(actor, in.proposer())) {
      throw ProblemException.forbidden(PartnershipMessages.get(language, "notProposerStaff", String.valueOf(in.proposer())));
    }
    List<FieldError> errors = new ArrayList<>(PartnershipRules.errors(language, in));
    School[] schoolsNow = twoMembers(language, in, errors);
    PartnershipRules.require(errors);
    Instant now = Instant.now();
    Partnership created = database.inTransaction(c -> {
      // One proposal at a time, platform-wide (Derby and PostgreSQL alike; readers wait at most for
      // this short transaction in Derby, not at all in PostgreSQL): two proposals of one school at
      // the same moment cannot both be its tenth. Proposals are rare; the lock ends with the commit.
      try (Statement lock = c.createStatement()) {
        lock.execute("LOCK TABLE PSH_PARTNERSHIP IN EXCLUSIVE MODE");
      }
      // The schools again, under the lock: an edit that landed since the first read is in the copies
      // (one landing from now on waits for the lock in refreshCopies, and finds this row).
      List<FieldError> late = new ArrayList<>();
      School[] both = twoMembers(language, in, late);
      PartnershipRules.require(late);
      School proposer = both[0];
      School partner = both[1];
      Long open = openBetween(c, proposer.id(), partner.id());
      if (open != null) {
        throw duplicate(language, proposer.id(), partner.id(), open);
      }
      if (openProposals(c, proposer.id()) >= OPEN_PROPOSALS_MAX) {
        throw ProblemException.conflict(PartnershipMessages.get(language, "tooMany", String.valueOf(proposer.id()),
            String.valueOf(OPEN_PROPOSALS_MAX)));
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO PSH_PARTNERSHIP (PROPOSER_ID, PROPOSER_NAME,"
              + " PROPOSER_COUNTRY, PROPOSER_CITY, PARTNER_ID, PARTNER_NAME, PARTNER_COUNTRY, PARTNER_CITY, THEME, MESSAGE,"
              + " STATUS, PROPOSED_AT, PROPOSED_BY, OPEN_PAIR, REVISION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setLong(1, proposer.id());
        ps.setString(2, proposer.name());
        ps.setString(3, proposer.country());
        ps.setString(4, proposer.city());
        ps.setLong(5, partner.id());
        ps.setString(6, partner.name());
        ps.setString(7, partner.country());
        ps.setString(8, partner.city());
        ps.setString(9, in.theme().name());
        ps.setString(10, in.message().strip());
        ps.setString(11, PartnershipStatus.PROPOSED.name());
        ps.setTimestamp(12, Timestamp.from(now));
        ps.setString(13, accountOf(actor));
        ps.setString(14, pair(proposer.id(), partner.id()));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        // the other school proposed at the same moment: its proposal is in
        throw duplicate(language, proposer.id(), partner.id(), null);
      }
      Partnership p = find(c, id);
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("status", p.status().name());
      after.put("proposer", p.proposer().id());
      after.put("partner", p.partner().id());
      after.put("theme", p.theme().name());
      record(c, actor, "partnership.propose", p, null, after);
      return p;
    });
    announce(created, null, actor);
    return created;
  }

  /**
   * What is wrong with the schools a proposal names (not members, the same country), for a body
   * whose other mistakes are told at the same time (a wrong type elsewhere in it).
   */
  List<FieldError> schoolErrors(String language, PartnershipInput in) {
    List<FieldError> errors = new ArrayList<>();
    twoMembers(language, in, errors);
    return errors;
  }

  /**
   * The proposer and the partner named, as they are now; a field error for each that is not a
   * member now, and for a partner of the proposer's country.
   */
  private School[] twoMembers(String language, PartnershipInput in, List<FieldError> errors) {
    School proposer = in.proposer() == null ? null : memberOrError(language, "proposer", in.proposer(), errors);
    boolean partnerNamed = in.partner() != null && !in.partner().equals(in.proposer());
    School partner = partnerNamed ? memberOrError(language, "partner", in.partner(), errors) : null;
    if (proposer != null && partner != null && proposer.country().equals(partner.country())) {
      errors.add(new FieldError("partner", PartnershipMessages.get(language, "sameCountry", proposer.country())));
    }
    return new School[] {proposer, partner};
  }

  /** School {@code id} when it is MEMBER now; otherwise null and a field error (the same for an unknown school). */
  private School memberOrError(String language, String field, long id, List<FieldError> errors) {
    School school = schools.schoolOrNull(Principal.system(), id);
    if (school == null || school.status() != MembershipStatus.MEMBER) {
      errors.add(new FieldError(field, PartnershipMessages.get(language, "notMember", String.valueOf(id))));
      return null;
    }
    return school;
  }

  private static ProblemException duplicate(String language, long a, long b, Long open) {
    return ProblemException.conflict(PartnershipMessages.get(language, "duplicate", String.valueOf(a), String.valueOf(b),
        open == null ? "?" : String.valueOf(open)));
  }

  /** The PROPOSED or ACCEPTED partnership of schools {@code a} and {@code b}, either way round, or null. */
  private static Long openBetween(Connection c, long a, long b) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM PSH_PARTNERSHIP WHERE OPEN_PAIR = ?")) {
      ps.setString(1, pair(a, b));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static int openProposals(Connection c, long proposer) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM PSH_PARTNERSHIP WHERE PROPOSER_ID = ? AND STATUS = ?")) {
      ps.setLong(1, proposer);
      ps.setString(2, PartnershipStatus.PROPOSED.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The key of an open pair, the same whichever school proposed. */
  static String pair(long a, long b) {
    return Math.min(a, b) + "-" + Math.max(a, b);
  }

  // ---- moves ----

  @Override
  public Partnership move(Principal actor, long id, PartnershipStatus to, String comment, Integer expectedRevision) {
    String language = actor.language();
    Partnership seen = partnership(actor, id);
    if (to != null && to != PartnershipStatus.PROPOSED) {
      String refusal = PartnershipRules.refusal(actor, seen, to);
      if (refusal != null) {
        throw actor.isAnonymous()
            ? ProblemException.unauthorized(PartnershipMessages.get(language, "signIn"))
            : ProblemException.forbidden(PartnershipMessages.get(language, refusal, String.valueOf(
                to == PartnershipStatus.WITHDRAWN ? seen.proposer().id() : seen.partner().id())));
      }
    }
    PartnershipRules.require(PartnershipRules.moveErrors(language, to, comment));
    String stored = PartnershipRules.comment(comment);
    Instant now = Instant.now();
    PartnershipStatus[] from = new PartnershipStatus[1];
    Partnership moved = database.inTransaction(c -> {
      Partnership current = find(c, id);
      // Without If-Match the move applies to the partnership as it is: moved by someone else between
      // the read and the guarded update, it is read again and judged by its new status.
      while (!update(c, language, current, to, stored, now, actor, expectedRevision)) {
        if (expectedRevision != null) {
          throw ProblemException.preconditionFailed(PartnershipMessages.get(language, "stale", String.valueOf(id)));
        }
        current = find(c, id);
      }
      from[0] = current.status();
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("status", to.name());
      if (stored != null) {
        after.put("comment", stored);
      }
      String action = "partnership." + switch (to) {
        case ACCEPTED -> "accept";
        case DECLINED -> "decline";
        case WITHDRAWN -> "withdraw";
        default -> "end";
      };
      record(c, actor, action, current, Map.of("status", current.status().name()), after);
      return find(c, id);
    });
    announce(moved, from[0], actor);
    return moved;
  }

  /**
   * Partnership {@code current} moved {@code to}, guarded by its revision: false when it changed
   * since it was read (nothing written), 412 when it is not the revision expected, 409 when the move
   * is not allowed now.
   */
  private boolean update(Connection c, String language, Partnership current, PartnershipStatus to, String stored,
      Instant now, Principal actor, Integer expectedRevision) throws SQLException {
    long id = current.id();
    if (expectedRevision != null && expectedRevision != current.revision()) {
      throw ProblemException.preconditionFailed(PartnershipMessages.get(language, "stale", String.valueOf(id)));
    }
    if (!PartnershipRules.allowed(current.status(), to)) {
      throw ProblemException.conflict(PartnershipMessages.get(language, "wrongStatus", String.valueOf(id),
          current.status().name(), to.name()));
    }
    if (to == PartnershipStatus.ACCEPTED) {
      List<School> both = new ArrayList<>();
      for (PartnerSchool side : List.of(current.proposer(), current.partner())) {
        School school = schools.schoolOrNull(Principal.system(), side.id());
        if (school == null || school.status() != MembershipStatus.MEMBER) {
          // not its status: a school's status other than MEMBER is not public
          throw ProblemException.conflict(PartnershipMessages.get(language, "noLongerMember", String.valueOf(id),
              String.valueOf(side.id())));
        }
        both.add(school);
      }
      if (both.get(0).country().equals(both.get(1).country())) {
        // one of them moved since the proposal: a partnership is between two countries
        throw ProblemException.conflict(PartnershipMessages.get(language, "sameCountryNow", String.valueOf(id),
            both.get(0).country()));
      }
    }
    boolean answer = to != PartnershipStatus.ENDED;
    try (PreparedStatement ps = c.prepareStatement("UPDATE PSH_PARTNERSHIP SET STATUS = ?, MOVE_COMMENT = ?,"
        + " ANSWERED_AT = " + (answer ? "?" : "ANSWERED_AT") + ", ENDED_AT = " + (answer ? "ENDED_AT" : "?") + ","
        + " MOVED_BY = ?, OPEN_PAIR = ?, REVISION = REVISION + 1 WHERE ID = ? AND REVISION = ?")) {
      int i = 1;
      ps.setString(i++, to.name());
      ps.setString(i++, stored);
      ps.setTimestamp(i++, Timestamp.from(now));
      ps.setString(i++, accountOf(actor));
      ps.setString(i++, to.isOpen() ? pair(current.proposer().id(), current.partner().id()) : null);
      ps.setLong(i++, id);
      ps.setInt(i, current.revision());
      return ps.executeUpdate() == 1;
    }
  }

  // ---- reading ----

  /** 404, as for an unknown one, for a partnership the caller may not see. */
  @Override
  public Partnership partnership(Principal actor, long id) {
    Partnership p = database.read(c -> find(c, id));
    List<Partnership> seen = seenBy(actor, List.of(p));
    if (seen.isEmpty()) {
      throw ProblemException.notFound("There is no partnership " + id);
    }
    return seen.get(0);
  }

  /**
   * A page, newest first: the scope and filters in the query, then without the public rows whose
   * schools are not both MEMBER now; skipped rows are replaced by reading further, so that a page
   * is never short while more follow, unless {@link #READ_PER_REQUEST_MAX} rows were read: then the
   * page ends there, maybe short, with the last row read as {@code next}.
   */
  @Override
  public Page<Partnership> partnerships(Principal actor, Long school, String country, PartnershipStatus status, int limit,
      String cursor) {
    return partnerships(actor, school, country, status, limit, cursor, READ_PER_REQUEST_MAX);
  }

  Page<Partnership> partnerships(Principal actor, Long school, String country, PartnershipStatus status, int limit,
      String cursor, int readMax) {
    long before = before(cursor);
    List<Partnership> found = new ArrayList<>();
    int batch = limit + 1;
    int read = 0;
    while (found.size() <= limit) {
      long from = before;
      int n = Math.min(batch, readMax - read);
      List<Partnership> rows = database.read(c -> rows(c, actor, school, country, status, from, n));
      read += rows.size();
      for (Partnership p : seenBy(actor, rows)) {
        if (found.size() <= limit) {
          found.add(p);
        }
      }
      if (rows.size() < n) {
        break;
      }
      before = rows.get(rows.size() - 1).id();
      if (read >= readMax && found.size() <= limit) {
        // read enough for one request: the rest from the last row read on, in the next
        return new Page<>(found, String.valueOf(before));
      }
      batch = Math.min(2 * batch, READ_FURTHER_MAX);
    }
    if (found.size() > limit) {
      List<Partnership> items = found.subList(0, limit);
      return new Page<>(items, String.valueOf(items.get(limit - 1).id()));
    }
    return new Page<>(found, null);
  }

  /**
   * Of {@code rows}, those {@code actor} sees, as they see them: all of a partnership that concerns
   * them, else an ACCEPTED one of two schools that are both MEMBER now, without message and comment.
   */
  private List<Partnership> seenBy(Principal actor, List<Partnership> rows) {
    Set<Long> asked = new LinkedHashSet<>();
    for (Partnership p : rows) {
      if (!PartnershipRules.concerned(actor, p) && p.status() == PartnershipStatus.ACCEPTED) {
        asked.add(p.proposer().id());
        asked.add(p.partner().id());
      }
    }
    Set<Long> members = asked.isEmpty() ? Set.of() : schools.visible(Principal.anonymous(), asked);
    List<Partnership> seen = new ArrayList<>();
    for (Partnership p : rows) {
      if (PartnershipRules.concerned(actor, p)) {
        seen.add(p);
      } else if (p.status() == PartnershipStatus.ACCEPTED && members.contains(p.proposer().id())
          && members.contains(p.partner().id())) {
        seen.add(p.withoutTexts());
      }
    }
    return seen;
  }

  private static List<Partnership> rows(Connection c, Principal actor, Long school, String country,
      PartnershipStatus status, long before, int n) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM PSH_PARTNERSHIP WHERE ID < ?");
    List<Object> params = new ArrayList<>(List.of(before));
    if (!actor.has(Role.HQ_OFFICER)) {
      // the public ones (checked against the directory afterwards), and those of the caller's scope
      List<String> parts = new ArrayList<>(List.of("STATUS = ?"));
      params.add(PartnershipStatus.ACCEPTED.name());
      for (Grant g : actor.grants()) {
        if (g.role() == Role.NATIONAL_COORDINATOR && g.country() != null) {
          parts.add("PROPOSER_COUNTRY = ? OR PARTNER_COUNTRY = ?");
          params.addAll(List.of(g.country(), g.country()));
        } else if ((g.role() == Role.SCHOOL_STAFF || g.role() == Role.SCHOOL_FOCAL_POINT) && g.school() != null) {
          try {
            long id = Long.parseLong(g.school());
            parts.add("PROPOSER_ID = ? OR PARTNER_ID = ?");
            params.addAll(List.of(id, id));
          } catch (NumberFormatException notOurs) {
            // another installation's id: matches nothing
          }
        }
      }
      sql.append(" AND (").append(String.join(" OR ", parts)).append(')');
    }
    filters(sql, params, school, country, status);
    sql.append(" ORDER BY ID DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
    params.add(n);
    List<Partnership> items = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(partnershipOf(rs));
        }
      }
    }
    return items;
  }

  private static Partnership find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM PSH_PARTNERSHIP WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound("There is no partnership " + id);
        }
        return partnershipOf(rs);
      }
    }
  }

  private static Partnership partnershipOf(ResultSet rs) throws SQLException {
    return new Partnership(
        rs.getLong(1),
        new PartnerSchool(rs.getLong(2), rs.getString(3), rs.getString(4).strip(), rs.getString(5)),
        new PartnerSchool(rs.getLong(6), rs.getString(7), rs.getString(8).strip(), rs.getString(9)),
        Theme.valueOf(rs.getString(10)),
        rs.getString(11),
        PartnershipStatus.valueOf(rs.getString(12)),
        instant(rs, 13),
        instant(rs, 14),
        instant(rs, 15),
        rs.getString(16),
        rs.getInt(17));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** Newest first: the first page starts before everything; a list never gives 0 as a cursor. */
  private static long before(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Long.MAX_VALUE;
    }
    Long n = org.unesco.aspnet.web.ApiServlet.wholeNumber(cursor); // as the list writes it: 0 to 9, not ١٠
    if (n != null && n > 0) {
      return n;
    }
    throw ProblemException.validation("cursor", "is not a cursor this list gave");
  }

  // ---- the export ----

  /** Rows the export's result set fetches at a time. */
  private static final int EXPORT_FETCH = 1000;
  /** Rows the export holds at a time: the directory is asked about their schools in one go. */
  static final int EXPORT_CHUNK = 500;

  /** Takes one row of an export as it is read. */
  interface ExportRow {
    void write(Partnership p) throws IOException;
  }

  /** The list's and the export's filters: a school on either side, a country on either side, a status. */
  private static void filters(StringBuilder sql, List<Object> params, Long school, String country, PartnershipStatus status) {
    if (school != null) {
      sql.append(" AND (PROPOSER_ID = ? OR PARTNER_ID = ?)");
      params.addAll(List.of(school, school));
    }
    if (country != null) {
      sql.append(" AND (PROPOSER_COUNTRY = ? OR PARTNER_COUNTRY = ?)");
      params.addAll(List.of(country, country));
    }
    if (status != null) {
      sql.append(" AND STATUS = ?");
      params.add(status.name());
    }
  }

  /**
   * Every partnership of {@code actor}'s export scope ({@link ExportScope}) that matches the
   * filters, oldest first, from one forward-only result set: at most {@link #EXPORT_CHUNK} rows are
   * held at a time, for the directory to say in one request which schools of their public ones are
   * members now. A partnership that concerns the actor comes with its texts, a public one without.
   */
  void export(Principal actor, Long school, String country, PartnershipStatus status, ExportRow each) throws IOException {
    ExportScope scope = ExportScope.of(actor);
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM PSH_PARTNERSHIP WHERE (")
        .append(scope.condition(params)).append(')');
    filters(sql, params, school, country, status);
    sql.append(" ORDER BY ID");
    Map<Long, String> units = new HashMap<>(); // a school's unit, asked once per export (sub-national coordinators)
    org.unesco.aspnet.persistence.SqlWork<Void> work = c -> {
      List<Partnership> chunk = new ArrayList<>(EXPORT_CHUNK);
      try (PreparedStatement ps = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
          ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(EXPORT_FETCH);
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            chunk.add(partnershipOf(rs));
            if (chunk.size() == EXPORT_CHUNK) {
              writeChunk(actor, scope, chunk, units, each);
              chunk.clear();
            }
          }
        }
        writeChunk(actor, scope, chunk, units, each);
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
   * The rows of a chunk the actor may have, as {@link #seenBy} shows them; of the public ones, a
   * sub-national coordinator's unit's only.
   */
  private void writeChunk(Principal actor, ExportScope scope, List<Partnership> chunk, Map<Long, String> units,
      ExportRow each) throws IOException {
    for (Partnership p : seenBy(actor, chunk)) {
      if (PartnershipRules.concerned(actor, p) || scope.publicOnly() || inUnit(scope, p, units)) {
        each.write(p);
      }
    }
  }

  /** Whether one of the two schools is in a unit of a sub-national coordinator's scope. */
  private boolean inUnit(ExportScope scope, Partnership p, Map<Long, String> units) {
    for (ExportScope.Unit u : scope.units()) {
      for (PartnerSchool side : List.of(p.proposer(), p.partner())) {
        if (side.country().equals(u.country()) && u.unit().equals(units.computeIfAbsent(side.id(), id -> {
          School s = schools.schoolOrNull(Principal.system(), id);
          return s == null || s.unit() == null ? "" : s.unit();
        }))) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- the rest ----


  private static String accountOf(Principal actor) {
    return actor.isSystem() ? null : actor.accountId();
  }

  /** One audit entry per country of the two schools, so that each country's NC reads it in theirs. */
  private void record(Connection c, Principal actor, String action, Partnership p, Map<String, ?> before,
      Map<String, ?> after) throws SQLException {
    for (String country : countries(p)) {
      audit.record(c, actor, action, "partnership", String.valueOf(p.id()), country, before, after);
    }
  }

  private static Set<String> countries(Partnership p) {
    return new LinkedHashSet<>(List.of(p.proposer().country(), p.partner().country()));
  }

  /** After the commit: {@link PartnershipService#TOPIC_PREFIX} and the new status. */
  private void announce(Partnership p, PartnershipStatus from, Principal actor) {
    EventAdmin events = eventAdmin;
    if (events == null) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("partnershipId", p.id());
    properties.put("proposerId", p.proposer().id());
    properties.put("partnerId", p.partner().id());
    properties.put("proposerCountry", p.proposer().country());
    properties.put("partnerCountry", p.partner().country());
    properties.put("countries", countries(p).toArray(String[]::new));
    properties.put("status", p.status().name());
    if (from != null) {
      properties.put("from", from.name());
    }
    if (!actor.isSystem() && actor.accountId() != null) {
      properties.put("actor", actor.accountId());
    }
    // postEvent: listeners run asynchronously and cannot slow down or fail the request.
    events.postEvent(new Event(TOPIC_PREFIX + p.status().name(), properties));
  }
}
