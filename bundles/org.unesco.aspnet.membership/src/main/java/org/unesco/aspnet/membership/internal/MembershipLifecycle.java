package org.unesco.aspnet.membership.internal;

import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.security.Accounts;
import org.unesco.aspnet.core.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.Certificate;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.MembershipStatus.Decider;
import org.unesco.aspnet.membership.MembershipStatus.Transition;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.StatusChange;
import org.unesco.aspnet.membership.profile.Ladder;
import org.unesco.aspnet.persistence.Database;

/**
 * Applications and status changes. A change, its history line and the school's copy of the status
 * commit together; the event goes out only after the commit, so no listener hears of a change that
 * was rolled back.
 */
@Component(service = MembershipService.class)
public final class MembershipLifecycle implements MembershipService {
  static final int COMMENT_MAX = 2000;
  /** The width of the CERTIFICATE column. */
  static final int CERTIFICATE_MAX = 40;

  private final Database database;
  private final SchoolDirectory schools;
  private final Authorizer authorizer;
  private final AuditLog audit;
  private final NationalProfiles profiles;

  // Optional: with the security bundle, the signed-in applicant becomes the school's focal point.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile Accounts accounts;

  // Optional: without Event Admin the lifecycle works and nobody is told.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EventAdmin eventAdmin;

  @Activate
  public MembershipLifecycle(
      @Reference Database database,
      @Reference SchoolDirectory schools,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference NationalProfiles profiles) {
    this.database = database;
    this.schools = schools;
    this.authorizer = authorizer;
    this.audit = audit;
    this.profiles = profiles;
  }

  @Override
  public Application apply(Principal actor, SchoolInput input, boolean confirmDuplicate) {
    SchoolInput valid = schools.validate(actor, input);
    String firstStage = firstStage(valid.country());
    Instant now = Instant.now();
    Application application =
        database.inTransaction(
            c -> {
              schools.requireNoDuplicate(c, actor, valid, 0, confirmDuplicate);
              long schoolId = schools.insert(c, valid, MembershipStatus.APPLIED, now);
              long membershipId = openPeriod(c, schoolId, 1, actor, now, firstStage);
              audit.record(c, actor, "application.create", "school", String.valueOf(schoolId), valid.country(), null,
                  SchoolDirectory.summary(SchoolDirectory.find(c, schoolId)));
              return new Application(schoolId, membershipId, MembershipStatus.APPLIED);
            });
    Accounts focalPoints = accounts;
    if (!actor.isAnonymous() && !actor.isSystem() && focalPoints != null && !answersFor(actor, valid.country())) {
      // The applicant now speaks for the school: edits its profile, hands the role on later.
      // with the school's unit, as an invitation to it has, so that the unit's coordinator reaches them too
      focalPoints.grant(actor, actor.accountId(), new Grant(Role.SCHOOL_FOCAL_POINT, valid.country(), valid.unit(), null,
          String.valueOf(application.schoolId())));
    }
    announce(application.membershipId(), application.schoolId(), valid.country(), null,
        MembershipStatus.APPLIED, actor, null);
    return application;
  }

  /**
   * Whether {@code actor} enters a school of {@code country} on its behalf (HQ, an administrator, a
   * coordinator of the country or of one of its units): they answer for it already, and the school's
   * own role would stay with them (its reminders and notices, a staff role after the hand-over).
   */
  private static boolean answersFor(Principal actor, String country) {
    return actor.has(Role.HQ_OFFICER) || actor.has(Role.PLATFORM_ADMIN) || actor.coordinates(country)
        || actor.grants().stream().anyMatch(g -> g.role() == Role.SUBNATIONAL_COORDINATOR && country.equals(g.country()));
  }

  @Override
  public Application reapply(Principal actor, long schoolId) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(LifecycleMessages.get(actor.language(), "signInToReapply"));
    }
    Instant now = Instant.now();
    School[] school = new School[1];
    Application application =
        database.inTransaction(
            c -> {
              School seen = SchoolDirectory.find(c, schoolId);
              if (seen == null || !schools.visible(actor, seen)) {
                throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(schoolId)));
              }
              authorizer.require(actor, Action.EDIT_SCHOOL, Scopes.of(seen));
              // Two re-applications at once: the second waits here, then finds the period open (409),
              // rather than both reading the last period and racing for the next number.
              SchoolDirectory.lock(c, schoolId);
              School s = SchoolDirectory.find(c, schoolId);
              if (!s.status().isClosed()) {
                String lang = actor.language();
                throw ProblemException.conflict(LifecycleMessages.get(lang, "stillOpen",
                    LifecycleMessages.status(lang, s.status()),
                    LifecycleMessages.status(lang, MembershipStatus.REJECTED),
                    LifecycleMessages.status(lang, MembershipStatus.WITHDRAWN)));
              }
              int period = periodOf(c, s.membershipId()) + 1;
              long membershipId = openPeriod(c, schoolId, period, actor, now, firstStage(s.country()));
              audit.record(c, actor, "application.reopen", "school", String.valueOf(schoolId), s.country(),
                  Map.of("status", s.status().name()), Map.of("status", MembershipStatus.APPLIED.name(), "period", period));
              school[0] = s;
              return new Application(schoolId, membershipId, MembershipStatus.APPLIED);
            });
    schools.forgetPage(schoolId);
    announce(application.membershipId(), schoolId, school[0].country(), null,
        MembershipStatus.APPLIED, actor, null);
    return application;
  }

  @Override
  public Membership membership(Principal actor, long id) {
    return database.read(c -> forCaller(c, actor, visibleMembership(c, actor, id)));
  }

  /**
   * The membership with {@code next} the moves {@code actor} may make from where it stands (not
   * every move the lifecycle has): an NC is not offered HQ's certification, nor a move a national
   * ladder makes through its stages.
   */
  private Membership forCaller(Connection c, Principal actor, Membership m) throws SQLException {
    if (m.next().isEmpty() || actor.isSystem()) {
      return m;
    }
    Target target = targetOf(c, m);
    List<MembershipStatus> mayMake = new java.util.ArrayList<>();
    for (MembershipStatus to : m.next()) {
      Transition t = m.status().transitionTo(to).orElse(null);
      try {
        if (t != null && !actor.isAnonymous()) {
          authorize(authorizer, actor, t, target);
          refuseLadderMove(m, t, actor);
          mayMake.add(to);
        }
      } catch (ProblemException refused) {
        // not theirs to make: left out
      }
    }
    return new Membership(m.id(), m.schoolId(), m.country(), m.period(), m.status(), List.copyOf(mayMake),
        m.certificateNumber(), m.appliedAt(), m.certifiedAt(), m.endedAt(), m.stage(), m.stageSince(), m.revision());
  }

  @Override
  public Certificate certificate(Principal actor, String number) {
    String wanted = number == null ? "" : number.strip().toUpperCase(java.util.Locale.ROOT);
    if (wanted.isEmpty() || wanted.length() > CERTIFICATE_MAX) {
      throw ProblemException.notFound("There is no certificate " + (wanted.isEmpty() ? "without a number" : "with that number"));
    }
    return database.read(c -> {
      long membershipId;
      try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM MEM_MEMBERSHIP WHERE CERTIFICATE = ?")) {
        ps.setString(1, wanted);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ProblemException.notFound("There is no certificate " + wanted);
          }
          membershipId = rs.getLong(1);
        }
      }
      Membership m = find(c, membershipId);
      School s = SchoolDirectory.find(c, m.schoolId());
      boolean valid = m.status() == MembershipStatus.MEMBER;
      // the holder's name only where the directory would show the school to this caller
      Certificate.Holder holder = s != null && (valid || schools.visible(actor, s))
          ? new Certificate.Holder(s.id(), s.name(), s.city(), s.country()) : null;
      return new Certificate(wanted, valid, m.status(), m.certifiedAt(), valid ? null : lastLeftMember(c, membershipId), holder);
    });
  }

  /**
   * When a membership last stopped being a member (suspended, dormant, withdrawn): the day its
   * certificate stopped being valid, though a suspended period has not ended; null if it never was.
   */
  private static Instant lastLeftMember(Connection c, long membershipId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MAX(CHANGED_AT) FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ? AND FROM_STATUS = ?")) {
      ps.setLong(1, membershipId);
      ps.setString(2, MembershipStatus.MEMBER.name());
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
        return at == null ? null : at.toInstant();
      }
    }
  }

  @Override
  public List<StatusChange> history(Principal actor, long id) {
    return database.read(
        c -> {
          visibleMembership(c, actor, id);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT FROM_STATUS, TO_STATUS, ACTOR, CHANGED_AT, COMMENT_TEXT, FROM_STAGE, TO_STAGE"
                      + " FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ? ORDER BY ID")) {
            ps.setLong(1, id);
            return SchoolDirectory.list(
                ps,
                rs ->
                    new StatusChange(
                        rs.getString(1) == null ? null : MembershipStatus.valueOf(rs.getString(1)),
                        MembershipStatus.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
          }
        });
  }

  @Override
  public Membership transition(Principal actor, long id, MembershipStatus to, String comment) {
    return transition(actor, id, to, comment, null);
  }

  /** The network's founding year: no school was certified before it. */
  static final java.time.LocalDate FIRST_CERTIFICATION = java.time.LocalDate.of(1953, 1, 1);

  @Override
  public Membership transition(Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn) {
    return transition(actor, id, to, comment, certifiedOn, null);
  }

  @Override
  public Membership transition(
      Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn, Integer expectedRevision) {
    require(transitionErrors(to, comment, certifiedOn, actor.language()));
    String note = note(comment, actor.language());
    Instant now = Instant.now();
    MembershipStatus[] from = new MembershipStatus[1];
    Membership moved =
        database.inTransaction(
            c -> {
              Membership current = visibleMembership(c, actor, id);
              requireRevision(current, expectedRevision, actor.language());
              Transition t = allowed(current.status(), to, actor.language());
              authorize(authorizer, actor, t, targetOf(c, current));
              refuseLadderMove(current, t, actor);
              if (t.commentRequired() && note == null) {
                throw ProblemException.validation("comment", LifecycleMessages.get(actor.language(), "commentRequired",
                    LifecycleMessages.status(actor.language(), to)));
              }
              String certificate = current.certificateNumber();
              Instant certifiedAt = current.certifiedAt();
              if (certifiedOn != null && current.period() > 1) {
                // a school that re-joined applied on the platform: its new period cannot begin before
                // that, nor overlap the one that ended (it would owe reports twice, its certificate
                // would say "since" a year it was out). A certification dated a day begins at that
                // day's start, so the day the earlier period ended is too early as well.
                java.time.LocalDate applied = current.appliedAt().atZone(ZoneOffset.UTC).toLocalDate();
                Instant ended = earlierPeriodsEnd(c, current.schoolId(), current.period());
                java.time.LocalDate endedOn = ended == null ? null : ended.atZone(ZoneOffset.UTC).toLocalDate();
                java.time.LocalDate earliest = earliestCertification(applied, ended);
                if (certifiedOn.isBefore(earliest)) {
                  throw ProblemException.validation("certifiedOn", LifecycleMessages.get(actor.language(), "certifiedOnRejoined",
                      earliest.toString(), String.valueOf(endedOn == null ? applied : endedOn), applied.toString()));
                }
              }
              if (to == MembershipStatus.MEMBER && certificate == null) {
                // a member since before the platform keeps its date, and its certificate that year's
                certifiedAt = certifiedOn == null ? now : certifiedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
                certificate = certificateNumber(current, certifiedAt);
              } else if (certifiedOn != null) {
                throw ProblemException.validation("certifiedOn", LifecycleMessages.get(actor.language(), "certifiedOnFirst",
                    current.certificateNumber()));
              }
              Instant endedAt = to.isClosed() ? now : null;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE MEM_MEMBERSHIP SET STATUS = ?, CERTIFICATE = ?, CERTIFIED_AT = ?,"
                          + " ENDED_AT = ? WHERE ID = ? AND STATUS = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, certificate);
                setInstant(ps, 3, certifiedAt);
                setInstant(ps, 4, endedAt);
                ps.setLong(5, id);
                ps.setString(6, current.status().name());
                if (ps.executeUpdate() == 0) {
                  requireRevisionLocked(c, current, expectedRevision, actor.language()); // a 412 for If-Match
                  throw changedMeanwhile(actor.language());
                }
              }
              requireRevisionLocked(c, current, expectedRevision, actor.language());
              copyStatusToSchool(c, current, to, now);
              // A move the platform or HQ makes onto a stage's status takes the ladder along.
              Ladder ladder = profiles.active(current.country()).map(NationalProfiles.Snapshot::ladder).orElse(null);
              // the stage it shows (none: a status no stage is mapped onto), for the history's line
              Ladder.Stage stageBefore = ladder == null ? null : shownStage(ladder, current);
              Ladder.Stage stageAfter = ladder == null ? null
                  : ladder.stages().stream().filter(st -> st.status() == to).findFirst().orElse(stageBefore);
              if (stageAfter != null && stageAfter != stageBefore) {
                try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE MEM_MEMBERSHIP SET NATIONAL_STAGE = ?, STAGE_SINCE = ? WHERE ID = ?")) {
                  ps.setString(1, stageAfter.code());
                  // HQ sending an application back: the school returns to a stage it has served its time in
                  ps.setTimestamp(2, Timestamp.from(enteredBefore(c, id, stageAfter.code()).orElse(now)));
                  ps.setLong(3, id);
                  ps.executeUpdate();
                }
                record(c, id, current.status(), to, actor, now, note, stageBefore == null ? null : stageBefore.code(),
                    stageAfter.code());
              } else {
                record(c, id, current.status(), to, actor, now, note);
              }
              Map<String, Object> after = new HashMap<>();
              after.put("status", to.name());
              if (note != null) {
                after.put("comment", note);
              }
              if (certificate != null && current.certificateNumber() == null) {
                after.put("certificateNumber", certificate); // issued by this move; a later move keeps it
              }
              if (stageAfter != null && stageAfter != stageBefore) {
                after.put("stage", stageAfter.code());
              }
              audit.record(c, actor, "membership.transition", "membership", String.valueOf(id), current.country(),
                  Map.of("status", current.status().name()), after);
              from[0] = current.status();
              return forCaller(c, actor, find(c, id));
            });
    schools.forgetPage(moved.schoolId());
    announce(id, moved.schoolId(), moved.country(), from[0], to, actor, moved.certificateNumber());
    return moved;
  }

  /** A comment of a move: trimmed, null when it shows nothing (a zero-width space alone), 400 when too long. */
  static String note(String comment, String lang) {
    require(commentErrors(comment, lang));
    return comment == null || org.unesco.aspnet.web.Json.showsNothing(comment) ? null : comment.strip();
  }

  /**
   * When this membership period last entered {@code stage}, if it was ever on it: a return to a
   * stage (HQ sends an application back) counts the time already served there, not from zero.
   */
  private static Optional<Instant> enteredBefore(Connection c, long membershipId, String stage) throws SQLException {
    // only since the school last moved country (a COUNTRY_MOVE line, see
    // SchoolDirectory.leaveNationalStage, whose TO_STAGE is the stage it arrived at): the time served
    // in the ladder of the country it left does not count in the one it came to, even the same country again
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MAX(CHANGED_AT) FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ? AND TO_STAGE = ?"
            + " AND ID >= COALESCE((SELECT MAX(L.ID) FROM MEM_STATUS_CHANGE L WHERE L.MEMBERSHIP_ID = ?"
            + " AND L.COUNTRY_MOVE = 1), 0)")) {
      ps.setLong(1, membershipId);
      ps.setString(2, stage);
      ps.setLong(3, membershipId);
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
        return Optional.ofNullable(at).map(Timestamp::toInstant);
      }
    }
  }

  /** What is wrong with a move's comment: at most one error, it being too long. */
  private static List<FieldError> commentErrors(String comment, String lang) {
    String note = comment == null ? null : comment.strip();
    return note != null && note.codePointCount(0, note.length()) > COMMENT_MAX
        ? List.of(new FieldError("comment", FieldMessages.get(lang, "length", String.valueOf(COMMENT_MAX))))
        : List.of();
  }

  /**
   * Every error of the fields of a transition ({@code POST .../transitions}) that is told without
   * the membership: {@code to} is required, {@code certifiedOn} only for a move to MEMBER and
   * between the network's founding and today, a comment at most {@value #COMMENT_MAX} characters.
   * Whether the move is allowed, and a comment it requires, are told once the membership is read.
   */
  static List<FieldError> transitionErrors(MembershipStatus to, String comment, java.time.LocalDate certifiedOn, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (to == null) {
      errors.add(new FieldError("to", LifecycleMessages.get(lang, "toRequired", SchoolForm.choices(MembershipStatus.class))));
    }
    if (certifiedOn != null && to != null && to != MembershipStatus.MEMBER) {
      errors.add(new FieldError("certifiedOn", LifecycleMessages.get(lang, "certifiedOnMember")));
    } else if (certifiedOn != null
        && (certifiedOn.isBefore(FIRST_CERTIFICATION) || certifiedOn.isAfter(java.time.LocalDate.now(ZoneOffset.UTC)))) {
      errors.add(new FieldError("certifiedOn", LifecycleMessages.get(lang, "certifiedOnRange", FIRST_CERTIFICATION.toString())));
    }
    errors.addAll(commentErrors(comment, lang));
    return errors;
  }

  /**
   * Every error of the fields of a move on a national ladder ({@code POST .../stages}) that is told
   * without the membership: a stage is required, a comment at most {@value #COMMENT_MAX} characters.
   */
  static List<FieldError> stageErrors(String stage, String comment, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (stage == null || stage.isBlank()) {
      errors.add(new FieldError("stage", FieldMessages.get(lang, "required")));
    }
    errors.addAll(commentErrors(comment, lang));
    return errors;
  }

  /** A 400 with {@code errors}, if there are any. */
  static void require(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /** 412 when the caller decided on another revision than {@code current}'s (If-Match; null: not checked). */
  private static void requireRevision(Membership current, Integer expected, String lang) {
    if (expected != null && expected != current.revision()) {
      throw movedSinceRead(current, lang);
    }
  }

  /** The 412 of a move decided on an older reading of what is {@code now}. */
  private static ProblemException movedSinceRead(Membership now, String lang) {
    return ProblemException.preconditionFailed(LifecycleMessages.get(lang, "membershipChanged",
        String.valueOf(now.id()), LifecycleMessages.status(lang, now.status())));
  }

  /**
   * The same check once our update holds the membership's row: a move committed between our read
   * and that update, even one back to the same status (which the update's own status check lets
   * through), has added its line to the history by then.
   */
  private static void requireRevisionLocked(Connection c, Membership current, Integer expected, String lang)
      throws SQLException {
    if (expected == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM MEM_STATUS_CHANGE WHERE MEMBERSHIP_ID = ?")) {
      ps.setLong(1, current.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) != expected) {
          throw movedSinceRead(find(c, current.id()), lang);
        }
      }
    }
  }

  /** Someone else moved the membership between our read and our write: their move stands. */
  private static ProblemException changedMeanwhile(String lang) {
    return ProblemException.conflict(LifecycleMessages.get(lang, "changedMeanwhile"));
  }

  /** The school keeps a copy of its current membership's status, so the directory filters without a join. */
  private void copyStatusToSchool(Connection c, Membership m, MembershipStatus to, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE MEM_SCHOOL SET STATUS = ?, REVISION = REVISION + 1, UPDATED_AT = ?"
                + " WHERE ID = ? AND MEMBERSHIP_ID = ?")) {
      ps.setString(1, to.name());
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setLong(3, m.schoolId());
      ps.setLong(4, m.id());
      ps.executeUpdate();
    }
    schools.forgetPage(m.schoolId()); // while the row is locked (SchoolDirectory.forgetPage)
  }

  /** The move from {@code from} to {@code to}, or a 409 that says where it may go instead. */
  static Transition allowed(MembershipStatus from, MembershipStatus to, String lang) {
    return from.transitionTo(to)
        .orElseThrow(
            () -> {
              List<MembershipStatus> next = from.next();
              String was = LifecycleMessages.status(lang, from);
              String wanted = LifecycleMessages.status(lang, to);
              return ProblemException.conflict(next.isEmpty()
                  ? LifecycleMessages.get(lang, "periodEnds", was, wanted)
                  : LifecycleMessages.get(lang, "notAllowed", was, wanted, next.stream()
                      .map(s -> LifecycleMessages.status(lang, s))
                      .collect(Collectors.joining(LifecycleMessages.get(lang, "or")))));
            });
  }

  /**
   * National moves: the school's National Coordinator or HQ; putting an application under national
   * review may also be done by the sub-national coordinator of the school's unit, but recommending
   * it to HQ or rejecting it is the country's decision (docs/membership.md). HQ moves: HQ only.
   */
  static void authorize(Authorizer authorizer, Principal actor, Transition t, Target school) {
    String lang = actor.language();
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(LifecycleMessages.get(lang, "signInToChange"));
    }
    String to = LifecycleMessages.status(lang, t.to());
    if (t.decider() == Decider.HQ) {
      if (!authorizer.allows(actor, Action.DECIDE_MEMBERSHIP, school)) {
        throw ProblemException.forbidden(LifecycleMessages.get(lang, "hqDecides", to));
      }
      return;
    }
    boolean unitMayDecide = t.to() == MembershipStatus.UNDER_NATIONAL_REVIEW;
    // The country as the target: a sub-national grant, which names a unit, does not cover it.
    Target scope = unitMayDecide ? school : Target.country(school.country());
    if (!authorizer.allows(actor, Action.REVIEW_APPLICATION, scope)) {
      throw ProblemException.forbidden(
          !unitMayDecide ? LifecycleMessages.get(lang, "ncDecides", to, school.country())
              : school.unit() == null ? LifecycleMessages.get(lang, "countryDecides", to, school.country())
              : LifecycleMessages.get(lang, "unitDecides", to, school.country(), school.unit()));
    }
  }

  private static Target targetOf(Connection c, Membership m) throws SQLException {
    School s = SchoolDirectory.find(c, m.schoolId());
    return s == null ? Target.country(m.country()) : Scopes.of(s);
  }

  /** E.g. {@code ASPNET-FR-2026-000042}: country, year of certification, membership id. */
  static String certificateNumber(Membership m, Instant now) {
    return String.format(
        "ASPNET-%s-%d-%06d", m.country(), now.atZone(ZoneOffset.UTC).getYear(), m.id());
  }

  /** The stage a new application enters on its country's ladder; null without a ladder. */
  private String firstStage(String country) {
    return profiles.firstStage(country);
  }

  private long openPeriod(
      Connection c, long schoolId, int period, Principal actor, Instant now, String stage)
      throws SQLException {
    long membershipId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO MEM_MEMBERSHIP (SCHOOL_ID, PERIOD_NO, STATUS, APPLIED_AT, NATIONAL_STAGE,"
                + " STAGE_SINCE) VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, schoolId);
      ps.setInt(2, period);
      ps.setString(3, MembershipStatus.APPLIED.name());
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setString(5, stage);
      setInstant(ps, 6, stage == null ? null : now);
      ps.executeUpdate();
      membershipId = SchoolDirectory.generatedId(ps);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE MEM_SCHOOL SET MEMBERSHIP_ID = ?, STATUS = ?, REVISION = REVISION + ?,"
                + " UPDATED_AT = ? WHERE ID = ?")) {
      ps.setLong(1, membershipId);
      ps.setString(2, MembershipStatus.APPLIED.name());
      ps.setInt(3, period == 1 ? 0 : 1); // a new school starts at revision 1
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setLong(5, schoolId);
      ps.executeUpdate();
    }
    schools.forgetPage(schoolId); // while the row is locked (SchoolDirectory.forgetPage)
    record(c, membershipId, null, MembershipStatus.APPLIED, actor, now, null, null, stage);
    return membershipId;
  }

  private static void record(
      Connection c, long membershipId, MembershipStatus from, MembershipStatus to, Principal actor,
      Instant now, String comment)
      throws SQLException {
    record(c, membershipId, from, to, actor, now, comment, null, null);
  }

  private static void record(
      Connection c, long membershipId, MembershipStatus from, MembershipStatus to, Principal actor,
      Instant now, String comment, String fromStage, String toStage)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO MEM_STATUS_CHANGE (MEMBERSHIP_ID, FROM_STATUS, TO_STATUS, ACTOR, CHANGED_AT,"
                + " COMMENT_TEXT, FROM_STAGE, TO_STAGE) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, membershipId);
      ps.setString(2, from == null ? null : from.name());
      ps.setString(3, to.name());
      ps.setString(4, actor.accountId());
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setString(6, comment);
      ps.setString(7, fromStage);
      ps.setString(8, toStage);
      ps.executeUpdate();
    }
  }

  /**
   * The first day a later membership period may be certified on ({@code certifiedOn}): the day it
   * was applied for, and not before the day after the school's earlier period ended (a dated
   * certification begins at the day's start: on the day the earlier one ended they would overlap).
   */
  static java.time.LocalDate earliestCertification(java.time.LocalDate appliedOn, Instant earlierEnded) {
    if (earlierEnded == null) {
      return appliedOn;
    }
    java.time.LocalDate afterEnd = earlierEnded.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
    return afterEnd.isAfter(appliedOn) ? afterEnd : appliedOn;
  }

  /** When the latest of the school's periods before {@code period} ended, null if none did. */
  private static Instant earlierPeriodsEnd(Connection c, long schoolId, int period) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT MAX(ENDED_AT) FROM MEM_MEMBERSHIP WHERE SCHOOL_ID = ? AND PERIOD_NO < ?")) {
      ps.setLong(1, schoolId);
      ps.setInt(2, period);
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
        return t == null ? null : t.toInstant();
      }
    }
  }

  private static int periodOf(Connection c, long membershipId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT PERIOD_NO FROM MEM_MEMBERSHIP WHERE ID = ?")) {
      ps.setLong(1, membershipId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /** Memberships (with their history) are for those who see the school's non-public data. */
  private Membership visibleMembership(Connection c, Principal actor, long id) throws SQLException {
    Membership m = find(c, id);
    if (m == null) {
      throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noMembership", String.valueOf(id)));
    }
    if (!authorizer.allows(actor, Action.VIEW_SCHOOL, targetOf(c, m))) {
      if (actor.isAnonymous()) {
        throw ProblemException.unauthorized("Sign in to see or change memberships");
      }
      throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noMembership", String.valueOf(id)));
    }
    return m;
  }

  static Membership find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT M.ID, M.SCHOOL_ID, S.COUNTRY, M.PERIOD_NO, M.STATUS, M.CERTIFICATE, M.APPLIED_AT,"
                + " M.CERTIFIED_AT, M.ENDED_AT, M.NATIONAL_STAGE, M.STAGE_SINCE,"
                // every move adds a line: their count is the revision (no column to keep in step)
                + " (SELECT COUNT(*) FROM MEM_STATUS_CHANGE H WHERE H.MEMBERSHIP_ID = M.ID)"
                + " FROM MEM_MEMBERSHIP M JOIN MEM_SCHOOL S ON S.ID = M.SCHOOL_ID WHERE M.ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        MembershipStatus status = MembershipStatus.valueOf(rs.getString(5));
        return new Membership(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getInt(4),
            status,
            status.next(),
            rs.getString(6),
            instant(rs, 7),
            instant(rs, 8),
            instant(rs, 9),
            rs.getString(10),
            instant(rs, 11),
            rs.getInt(12));
      }
    }
  }

  /**
   * Where a country climbs a national ladder, the national moves onto a stage's status are the
   * ladder's to make (with its minimum times and deciders), not a bare status change.
   */
  private void refuseLadderMove(Membership current, Transition t, Principal actor) {
    if (actor.isSystem() || t.decider() != Decider.NATIONAL) {
      return;
    }
    Optional<NationalProfiles.Snapshot> profile = profiles.active(current.country());
    if (profile.isEmpty() && current.stage() != null) {
      // on a stage of a ladder whose plugin is gone (removed, or between two versions): which moves
      // are the ladder's is not known without it, and a bare move would leave status and stage apart
      throw new ProblemException(503, ProblemException.TYPE_BASE + "national-profile-unavailable", "National profile unavailable",
          LifecycleMessages.get(actor.language(), "ladderAbsent", current.country(), current.stage()));
    }
    Ladder ladder = profile.map(NationalProfiles.Snapshot::ladder).orElse(null);
    if (ladder != null && ladder.stages().stream().anyMatch(s -> s.status() == t.to())) {
      throw ProblemException.conflict(LifecycleMessages.get(actor.language(), "followsLadder", current.country(),
          "POST /api/v1/memberships/" + current.id() + "/stages",
          ladder.stages().stream().map(Ladder.Stage::code).collect(Collectors.joining(", "))));
    }
  }

  @Override
  public Membership moveStage(Principal actor, long id, String stage, String comment) {
    return moveStage(actor, id, stage, comment, null);
  }

  @Override
  public Membership moveStage(Principal actor, long id, String stage, String comment, Integer expectedRevision) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(LifecycleMessages.get(actor.language(), "signInToChange"));
    }
    require(stageErrors(stage, comment, actor.language()));
    String note = note(comment, actor.language());
    Membership before = membership(actor, id);
    NationalProfiles.Snapshot profile =
        profiles.active(before.country())
            .filter(p -> p.ladder() != null)
            .orElseThrow(() -> ProblemException.notFound(LifecycleMessages.get(actor.language(), "noLadder",
                before.country(), "/api/v1/memberships/" + id + "/transitions")));
    Ladder ladder = profile.ladder();
    Ladder.Stage target =
        profile.stage(stage).orElseThrow(() -> ProblemException.validation("stage",
            LifecycleMessages.get(actor.language(), "notAStage", before.country(),
                ladder.stages().stream().map(Ladder.Stage::code).collect(Collectors.joining(", ")))));
    Instant now = Instant.now();
    MembershipStatus[] from = new MembershipStatus[1];
    Membership moved =
        database.inTransaction(
            c -> {
              Membership current = visibleMembership(c, actor, id);
              requireRevision(current, expectedRevision, actor.language());
              // the platform's sentences in the reader's language (the stages keep the profile's labels)
              String lang = profile.messageLanguage(actor.language());
              Ladder.Stage at = currentStage(ladder, current);
              Ladder.Move move = StageRules.move(ladder, at, target, lang);
              School school = SchoolDirectory.find(c, current.schoolId());
              StageRules.requireDecider(actor, move, target, school, lang);
              Instant since = current.stageSince() != null ? current.stageSince() : current.appliedAt();
              StageRules.requireTimeServed(move, at, since, now, lang);
              MembershipStatus to = current.status();
              if (target.status() != current.status()) {
                to = allowed(current.status(), target.status(), lang).to();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE MEM_MEMBERSHIP SET STATUS = ?, NATIONAL_STAGE = ?, STAGE_SINCE = ?"
                          + " WHERE ID = ? AND STATUS = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, target.code());
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setLong(4, id);
                ps.setString(5, current.status().name());
                if (ps.executeUpdate() == 0) {
                  requireRevisionLocked(c, current, expectedRevision, actor.language()); // a 412 for If-Match
                  throw changedMeanwhile(actor.language());
                }
              }
              requireRevisionLocked(c, current, expectedRevision, actor.language());
              copyStatusToSchool(c, current, to, now);
              record(c, id, current.status(), to, actor, now, note, at.code(), target.code());
              Map<String, Object> after = new HashMap<>();
              after.put("status", to.name());
              after.put("stage", target.code());
              if (note != null) {
                after.put("comment", note);
              }
              audit.record(c, actor, "membership.stage", "membership", String.valueOf(id), current.country(),
                  Map.of("status", current.status().name(), "stage", at.code()), after);
              from[0] = current.status();
              return forCaller(c, actor, find(c, id));
            });
    schools.forgetPage(moved.schoolId());
    if (from[0] != moved.status()) {
      announce(id, moved.schoolId(), moved.country(), from[0], moved.status(), actor, moved.certificateNumber());
    }
    return moved;
  }

  /**
   * The stage a membership shows: the one stored, else (older than its country's profile) the one
   * mapped onto its status; null when none is (moved in at a status no stage is mapped onto).
   */
  static Ladder.Stage shownStage(Ladder ladder, Membership m) {
    if (m.stage() != null) {
      for (Ladder.Stage s : ladder.stages()) {
        if (s.code().equals(m.stage())) {
          return s;
        }
      }
    }
    return ladder.stages().stream().filter(s -> s.status() == m.status()).findFirst().orElse(null);
  }

  /** The stage a membership is in: the one it shows ({@link #shownStage}), else the ladder's first. */
  static Ladder.Stage currentStage(Ladder ladder, Membership m) {
    Ladder.Stage shown = shownStage(ladder, m);
    return shown != null ? shown : ladder.stages().get(0);
  }

  private void announce(
      long membershipId, long schoolId, String country, MembershipStatus from, MembershipStatus to,
      Principal actor, String certificate) {
    EventAdmin events = eventAdmin;
    if (events == null) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("membershipId", membershipId);
    properties.put("schoolId", schoolId);
    properties.put("country", country);
    properties.put("to", to.name());
    if (from != null) {
      properties.put("from", from.name());
    }
    if (actor.accountId() != null) {
      properties.put("actor", actor.accountId());
    }
    if (certificate != null) {
      properties.put("certificateNumber", certificate);
    }
    // postEvent: listeners run asynchronously and cannot slow down or fail the request.
    events.postEvent(new Event(TOPIC_PREFIX + to.name(), properties));
  }

  private static void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.TIMESTAMP);
    } else {
      ps.setTimestamp(i, Timestamp.from(value));
    }
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }
}
