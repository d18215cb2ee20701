package org.unesco.aspnet.projects.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolCopies;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.CampaignModuleInfo;
import org.unesco.aspnet.projects.CampaignService;
import org.unesco.aspnet.projects.MediaLink;
import org.unesco.aspnet.projects.Participant;
import org.unesco.aspnet.projects.Phase;
import org.unesco.aspnet.projects.Submission;
import org.unesco.aspnet.projects.SubmissionInput;
import org.unesco.aspnet.projects.SubmissionStatus;
import org.unesco.aspnet.projects.campaign.CampaignModule;
import org.unesco.aspnet.projects.campaign.PhaseDefinition;
import org.unesco.aspnet.projects.campaign.Report;
import org.unesco.aspnet.web.Json;

/**
 * Campaigns, participants and submissions in the bundle's own tables; metrics are kept as the
 * JSON the module accepted, so that nothing depends on the module being installed to be stored or
 * read. Every change and its audit entry commit together. Participants and submissions keep a copy
 * of their school's name and country (participants its city too): it follows the school's edits
 * ({@link #handleEvent}) and is compared with the directory once, some seconds after activation
 * ({@link #resyncCopies}), for the edits whose event was missed.
 */
@Component(
    service = {CampaignService.class, CampaignRules.class, EventHandler.class},
    property = EventConstants.EVENT_TOPIC + "=" + SchoolService.TOPIC_SCHOOL_CHANGED)
public final class CampaignStore implements CampaignService, CampaignRules, EventHandler {
  static final Duration VALIDATION_LIMIT = Duration.ofSeconds(3);
  static final Duration AGGREGATION_LIMIT = Duration.ofSeconds(20);
  static final Duration DESCRIPTION_LIMIT = Duration.ofSeconds(2);
  private static final int METRICS_MAX = 30_000;
  /** The most rows a list reads at once when it reads past rows the caller may not see. */
  private static final int READ_FURTHER_MAX = 512;
  static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};
  private static final TypeReference<List<Phase>> PHASES = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<MediaLink>> MEDIA = new TypeReference<>() {};

  private static final String CAMPAIGN_COLUMNS =
      "c.ID, c.KIND, c.MODULE, c.COUNTRY, c.TITLE, c.DESCRIPTION, c.PHASES, c.MEMBERS_ONLY, c.COUNTRIES,"
          + " c.IS_OPEN, c.CREATED_AT, c.REVISION,"
          + " (SELECT COUNT(*) FROM PRJ_PARTICIPANT p WHERE p.CAMPAIGN_ID = c.ID)";
  private static final String SUBMISSION_COLUMNS =
      "ID, CAMPAIGN_ID, SCHOOL_ID, SCHOOL_NAME, COUNTRY, ACTIVITY_DATE, PHASE, TEXT, PUPILS, TEACHERS, METRICS,"
          + " MEDIA, STATUS, MODERATION_COMMENT, SUBMITTED_AT, MODERATED_AT, REVISION";

  private final Database database;
  private final Authorizer authorizer;
  private final AuditLog audit;
  private final SchoolService schools;
  private final CountryService countries;
  private final CampaignModules modules;
  private final Map<String, String> regions = new ConcurrentHashMap<>();
  /** How long after activation the copies are compared with the directory: after the platform's start. */
  private static final long RESYNC_DELAY_SECONDS = 20;
  /** The schools' name, country and city copied into participations and reports, kept as they are now. */
  private final SchoolCopies copies;
  private Logger log;

  @Activate
  public CampaignStore(
      @Reference Database database,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference SchoolService schools,
      @Reference CountryService countries,
      @Reference CampaignModules modules,
      @Reference(service = LoggerFactory.class) Logger log,
      BundleContext context) {
    this(database, authorizer, audit, schools, countries, modules);
    this.log = log;
    database.migrate(context.getBundle());
    // Edits made while the bundle was away, or whose event was lost (a node stopped before Event
    // Admin delivered it), are not in the copies: compare them with the directory once, when the
    // platform's start is over.
    copies.compareLater(RESYNC_DELAY_SECONDS, log);
  }

  /** For tests: the schema is already there. */
  CampaignStore(Database database, Authorizer authorizer, AuditLog audit, SchoolService schools,
      CountryService countries, CampaignModules modules) {
    this.database = database;
    this.authorizer = authorizer;
    this.audit = audit;
    this.schools = schools;
    this.countries = countries;
    this.modules = modules;
    this.copies = new SchoolCopies(database, schools, "campaign participant and submission", "aspnet-campaign-school-copies",
        new SchoolCopies.Place("PRJ_PARTICIPANT", "SCHOOL_ID", "SCHOOL_NAME", "COUNTRY", "CITY"),
        new SchoolCopies.Place("PRJ_SUBMISSION", "SCHOOL_ID", "SCHOOL_NAME", "COUNTRY", null));
  }

  /**
   * A school was edited ({@link SchoolService#TOPIC_SCHOOL_CHANGED}): its participations and
   * reports take its current name, country and city, which they copy for their lists and scopes,
   * so that a school HQ moves to another country is moderated by that country's NC from then on.
   */
  @Override
  public void handleEvent(Event event) {
    copies.follow(event, log);
  }

  /** The participations and reports of school {@code id} with its name, country and city as they are now. */
  void refreshCopies(long id) {
    copies.refresh(id);
  }

  /** Every copy compared with the directory ({@link SchoolCopies#resync}); the number of rows corrected. */
  int resyncCopies() {
    return copies.resync();
  }

  @Deactivate
  void deactivate() {
    // the resync not yet started does not run after the bundle is gone; edits not yet applied are
    // found by the next start's resync
    copies.close();
  }

  // ---- campaigns ----

  @Override
  public Page<Campaign> campaigns(Principal actor, String country, String module, int limit, String cursor) {
    long after = cursor(cursor);
    Page<Campaign> page = database.read(c -> {
      StringBuilder sql = new StringBuilder("SELECT " + CAMPAIGN_COLUMNS + " FROM PRJ_CAMPAIGN c WHERE c.ID > ?");
      List<Object> params = new ArrayList<>(List.of(after));
      if (country != null) {
        sql.append(" AND c.COUNTRY = ?");
        params.add(country);
      }
      if (module != null) {
        sql.append(" AND c.MODULE = ?");
        params.add(module);
      }
      sql.append(" ORDER BY c.ID OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
      params.add(limit + 1);
      List<Campaign> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(campaignOf(rs));
          }
        }
      }
      return page(items, limit, Campaign::id);
    });
    return new Page<>(counted(actor, page.items()), page.next());
  }

  @Override
  public Campaign campaign(Principal actor, long id) {
    Campaign found = database.read(c -> find(c, id));
    return counted(actor, List.of(found)).get(0);
  }

  /**
   * The campaigns with {@code participants} counted as {@code actor} sees the list of participants:
   * all of them for those who see every school of a campaign; for the others, only the schools
   * the directory shows them (candidates and suspended schools are not public), so that the count
   * and the list agree.
   */
  private List<Campaign> counted(Principal actor, List<Campaign> campaigns) {
    List<Campaign> others = campaigns.stream().filter(cp -> !CampaignAccess.seesEverySchool(actor, cp)).toList();
    if (others.isEmpty()) {
      return campaigns;
    }
    Map<Long, List<Long>> joined = database.read(c -> {
      Map<Long, List<Long>> rows = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT SCHOOL_ID FROM PRJ_PARTICIPANT WHERE CAMPAIGN_ID = ?")) {
        for (Campaign cp : others) {
          List<Long> list = new ArrayList<>();
          ps.setLong(1, cp.id());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              list.add(rs.getLong(1));
            }
          }
          rows.put(cp.id(), list);
        }
      }
      return rows;
    });
    List<Long> all = joined.values().stream().flatMap(List::stream).distinct().toList();
    Set<Long> seen = all.isEmpty() ? Set.of() : schools.visible(actor, all);
    return campaigns.stream().map(cp -> {
      List<Long> rows = joined.get(cp.id());
      if (rows == null) {
        return cp;
      }
      long n = rows.stream().filter(seen::contains).count();
      return new Campaign(cp.id(), cp.kind(), cp.module(), cp.moduleAvailable(), cp.country(), cp.title(),
          cp.description(), cp.phases(), cp.membersOnly(), cp.countries(), cp.open(), n, cp.createdAt(), cp.revision());
    }).toList();
  }

  /**
   * Of {@code ids}, the schools {@code actor} may see named in the campaign's lists, summaries and
   * exports: all for those who see every school of it ({@link CampaignAccess#seesEverySchool}),
   * otherwise those the directory shows them now ({@code SchoolService.visible}), never from what
   * was copied when the school joined or reported.
   */
  private Set<Long> visibleIn(Principal actor, Campaign cp, Collection<Long> ids) {
    if (CampaignAccess.seesEverySchool(actor, cp)) {
      return new HashSet<>(ids);
    }
    return ids.isEmpty() ? Set.of() : schools.visible(actor, ids);
  }

  /** The school as the directory holds it now; null when it is gone. */

  /** A school as {@code actor} may see it: 404, as for an unknown one, for a school they may not see. */
  private School seenSchool(Principal actor, long id) {
    try {
      return schools.school(actor, id);
    } catch (ProblemException e) {
      if (e.status() == 404) {
        throw ProblemException.notFound("There is no school " + id);
      }
      throw e;
    }
  }

  // Optional: without the security bundle a campaign simply lists no coordinators.
  @org.osgi.service.component.annotations.Reference(
      cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
      policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
  volatile org.unesco.aspnet.security.Accounts accounts;

  @Override
  public List<org.unesco.aspnet.projects.Coordinator> coordinators(Principal actor, long id) {
    database.read(c -> find(c, id)); // 404 for an unknown campaign
    org.unesco.aspnet.security.Accounts people = accounts;
    if (people == null) {
      return List.of();
    }
    return people.campaignHolders(org.unesco.aspnet.core.Role.CAMPAIGN_COORDINATOR, String.valueOf(id)).stream()
        .map(h -> new org.unesco.aspnet.projects.Coordinator(h.name(), actor.isAnonymous() || actor.grants().isEmpty() ? null : h.email()))
        .toList();
  }

  private Campaign find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + CAMPAIGN_COLUMNS + " FROM PRJ_CAMPAIGN c WHERE c.ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound("There is no campaign " + id);
        }
        return campaignOf(rs);
      }
    }
  }

  @Override
  public Campaign create(Principal actor, CampaignInput given) {
    CampaignInput in = checkedCreation(actor, given);
    Instant now = Instant.now();
    return database.inTransaction(c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO PRJ_CAMPAIGN (KIND, MODULE, COUNTRY, TITLE, DESCRIPTION, PHASES, MEMBERS_ONLY, COUNTRIES,"
              + " IS_OPEN, CREATED_AT, CREATED_BY, REVISION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, in.kind().name());
        ps.setString(2, in.module());
        ps.setString(3, in.country());
        ps.setString(4, json(CampaignForm.ordered(in.title())));
        ps.setString(5, json(CampaignForm.ordered(in.description())));
        ps.setString(6, json(in.phases() == null ? List.of() : in.phases()));
        ps.setBoolean(7, in.membersOnly() == null || in.membersOnly());
        ps.setString(8, in.countries() == null ? "" : String.join(",", new LinkedHashSet<>(in.countries())));
        ps.setBoolean(9, in.open() == null || in.open());
        ps.setTimestamp(10, Timestamp.from(now));
        ps.setString(11, actor.isSystem() ? null : actor.accountId());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      Campaign created = find(c, id);
      audit.record(c, actor, "campaign.create", "campaign", String.valueOf(id), created.country(), null, summary(created));
      return created;
    });
  }

  @Override
  public void checkCreate(Principal actor, CampaignInput given) {
    checkedCreation(actor, given);
  }

  /**
   * {@code given} as a campaign is created from it (country codes in upper case), once {@code
   * actor} may create it and every check passed: 401, 403 or 400 otherwise. Writes nothing.
   */
  private CampaignInput checkedCreation(Principal actor, CampaignInput given) {
    CampaignInput in = CampaignForm.upperCaseCountries(given);
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to create a campaign");
    }
    if (in.country() != null && (!CampaignForm.COUNTRY.matcher(in.country()).matches() || !countries.exists(in.country()))) {
      // no country's NC could create it: the body is wrong, whoever sends it
      throw ProblemException.validation("country", CampaignMessages.get(actor.language(), "country"));
    }
    if (in.country() == null ? !CampaignAccess.hq(actor) : !CampaignAccess.mayCreate(actor, in.country())) {
      throw ProblemException.forbidden(in.country() == null
          ? "Only HQ creates global campaigns; a National Coordinator gives their country"
          : "Only HQ or the National Coordinator of " + in.country() + " creates its national campaigns");
    }
    Set<String> modulePhases = Set.of();
    FieldError unknownModule = null;
    if (in.module() != null && CampaignForm.MODULE_KEY.matcher(in.module()).matches()) {
      if (!modules.installed(in.module())) {
        // told with every other field's error, not alone; its phases are then not checked
        unknownModule = new FieldError("module", CampaignMessages.get(actor.language(), "moduleUnknown", in.module(),
            String.join(", ", modules.keys())));
      } else {
        modulePhases = phaseKeys(in.module());
      }
    }
    List<FieldError> errors = CampaignForm.create(in, modulePhases, countries::exists, actor.language());
    if (unknownModule != null) {
      errors.add(!errors.isEmpty() && errors.get(0).field().equals("kind") ? 1 : 0, unknownModule); // in the body's order
    }
    if (in.country() != null && in.countries() != null
        && in.countries().stream().anyMatch(x -> !in.country().equals(x))) {
      errors.add(new FieldError("countries", CampaignMessages.get(actor.language(), "nationalOnly", in.country())));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return in;
  }

  @Override
  public Campaign update(Principal actor, long id, int expectedRevision, CampaignInput given) {
    return database.inTransaction(c -> {
      Campaign before = find(c, id);
      CampaignInput changes = checkedChanges(actor, before, given);
      if (before.revision() != expectedRevision) {
        throw ProblemException.preconditionFailed("Campaign " + id + " changed since you read it; read it again");
      }
      String title = json(changes.title() != null ? CampaignForm.ordered(changes.title()) : before.title());
      String description = json(changes.description() != null ? CampaignForm.ordered(changes.description()) : before.description());
      String phases = json(changes.phases() != null ? changes.phases() : before.phases());
      boolean membersOnly = changes.membersOnly() != null ? changes.membersOnly() : before.membersOnly();
      String countries = String.join(",", changes.countries() != null ? new LinkedHashSet<>(changes.countries()) : before.countries());
      boolean open = changes.open() != null ? changes.open() : before.open();
      if (title.equals(json(before.title())) && description.equals(json(before.description())) && phases.equals(json(before.phases()))
          && membersOnly == before.membersOnly() && countries.equals(String.join(",", before.countries())) && open == before.open()) {
        return before; // nothing changes (an empty patch, nulls, the same values): no new revision, nothing to audit
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE PRJ_CAMPAIGN SET TITLE = ?, DESCRIPTION = ?, PHASES = ?, MEMBERS_ONLY = ?, COUNTRIES = ?,"
              + " IS_OPEN = ?, REVISION = REVISION + 1 WHERE ID = ? AND REVISION = ?")) {
        ps.setString(1, title);
        ps.setString(2, description);
        ps.setString(3, phases);
        ps.setBoolean(4, membersOnly);
        ps.setString(5, countries);
        ps.setBoolean(6, open);
        ps.setLong(7, id);
        ps.setInt(8, expectedRevision);
        if (ps.executeUpdate() == 0) {
          throw ProblemException.preconditionFailed("Campaign " + id + " changed since you read it; read it again");
        }
      }
      Campaign after = find(c, id);
      audit.record(c, actor, "campaign.update", "campaign", String.valueOf(id), after.country(), summary(before), summary(after));
      return after;
    });
  }

  @Override
  public void checkUpdate(Principal actor, long id, CampaignInput given) {
    checkedChanges(actor, database.read(c -> find(c, id)), given);
  }

  /**
   * {@code given} as it changes {@code before} (titles and descriptions merged by language, country
   * codes in upper case), once {@code actor} may edit the campaign and every check passed: 401,
   * 403, 400 or 503 (new phases while the module is away) otherwise. Writes nothing.
   */
  private CampaignInput checkedChanges(Principal actor, Campaign before, CampaignInput given) {
    CampaignInput changes = CampaignForm.mergedTexts(before, CampaignForm.upperCaseCountries(given));
    if (!CampaignAccess.manages(actor, before)) {
      throw CampaignAccess.refused(actor, (before.country() == null ? "Only HQ or the campaign's coordinators"
          : "Only HQ, the campaign's coordinators or the National Coordinator of " + before.country()) + " edit it");
    }
    List<FieldError> errors = new ArrayList<>();
    if (changes.kind() != null && changes.kind() != before.kind()) {
      errors.add(new FieldError("kind", CampaignMessages.get(actor.language(), "fixed")));
    }
    if (changes.module() != null && !changes.module().equals(before.module())) {
      errors.add(new FieldError("module", CampaignMessages.get(actor.language(), "fixed")));
    }
    if (changes.country() != null && !changes.country().equals(before.country())) {
      errors.add(new FieldError("country", CampaignMessages.get(actor.language(), "fixed")));
    }
    if (changes.phases() != null && before.module() != null && !modules.installed(before.module())) {
      // only the module knows its phases: unchecked ones would stay once it returns
      throw CampaignModules.unavailable(before.module(), "The campaign module " + before.module()
          + " is not installed; this campaign's phases cannot be changed until it returns (the rest can)");
    }
    Set<String> modulePhases = changes.phases() != null && before.module() != null ? phaseKeys(before.module()) : Set.of();
    errors.addAll(CampaignForm.update(changes, modulePhases, countries::exists, actor.language()));
    if (before.country() != null && changes.countries() != null
        && changes.countries().stream().anyMatch(x -> !before.country().equals(x))) {
      errors.add(new FieldError("countries", "a national campaign is for " + before.country() + " only"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return changes;
  }

  // ---- participants ----

  /**
   * A page of participants with the school's current name, city and country from the directory
   * (PRJ_PARTICIPANT keeps the school as it joined, for the record only). {@code country} filters
   * on the current country. Rows the caller may not see, or of another country, are skipped and
   * the next rows read, so that a page is never short while more follow.
   */
  @Override
  public Page<Participant> participants(Principal actor, long campaign, String country, int limit, String cursor) {
    long after = cursor(cursor);
    Campaign cp = database.read(c -> find(c, campaign));
    List<Participant> found = readFurther(after, limit, (from, n) -> database.read(c -> {
      List<Map.Entry<Long, Instant>> list = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT SCHOOL_ID, JOINED_AT FROM PRJ_PARTICIPANT"
          + " WHERE CAMPAIGN_ID = ? AND SCHOOL_ID > ? ORDER BY SCHOOL_ID OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
        ps.setLong(1, campaign);
        ps.setLong(2, from);
        ps.setInt(3, n);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            list.add(Map.entry(rs.getLong(1), rs.getTimestamp(2).toInstant()));
          }
        }
      }
      return list;
    }), Map.Entry::getKey, rows -> {
      Set<Long> seen = visibleIn(actor, cp, rows.stream().map(Map.Entry::getKey).toList());
      // lazily: the directory is asked for a school's current data only while the page fills
      return rows.stream()
          .filter(row -> seen.contains(row.getKey()))
          .map(row -> {
            School s = schools.schoolOrNull(Principal.system(), row.getKey());
            return s == null || country != null && !country.equals(s.country())
                ? null : new Participant(s.id(), s.name(), s.country(), s.city(), row.getValue());
          })
          .filter(Objects::nonNull);
    });
    return page(found, limit, Participant::school);
  }

  @Override
  public java.util.Optional<Participant> participant(Principal actor, long campaign, long school) {
    Campaign cp = database.read(c -> find(c, campaign));
    Instant joined = database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT JOINED_AT FROM PRJ_PARTICIPANT WHERE CAMPAIGN_ID = ? AND SCHOOL_ID = ?")) {
        ps.setLong(1, campaign);
        ps.setLong(2, school);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getTimestamp(1).toInstant() : null;
        }
      }
    });
    if (joined == null || visibleIn(actor, cp, List.of(school)).isEmpty()) {
      return java.util.Optional.empty();
    }
    School s = schools.schoolOrNull(Principal.system(), school);
    return s == null ? java.util.Optional.empty()
        : java.util.Optional.of(new Participant(s.id(), s.name(), s.country(), s.city(), joined));
  }

  /** Reads one batch of rows after a position (a school or submission id), at most {@code n}. */
  @FunctionalInterface
  private interface Batch<R> {
    List<R> read(long from, int n);
  }

  /**
   * The first {@code limit + 1} items of a list some of whose rows the caller may not see: rows are
   * read after {@code start} in batches, {@code keep} turns a batch into the items shown (in order,
   * consumed only as far as needed), and as long as the page is short the next batch is read,
   * twice as large each time (at most {@link #READ_FURTHER_MAX}), so that a page is never short
   * while more rows follow.
   */
  private static <R, T> List<T> readFurther(long start, int limit, Batch<R> read,
      ToLongFunction<R> positionOf, Function<List<R>, Stream<T>> keep) {
    int batch = limit + 1;
    List<T> found = new ArrayList<>();
    long position = start;
    while (found.size() <= limit) {
      List<R> rows = read.read(position, batch);
      Iterator<T> kept = keep.apply(rows).iterator();
      while (found.size() <= limit && kept.hasNext()) {
        found.add(kept.next());
      }
      if (rows.size() < batch) {
        break;
      }
      position = positionOf.applyAsLong(rows.get(rows.size() - 1));
      batch = Math.min(2 * batch, READ_FURTHER_MAX); // most rows were left out: read further at once
    }
    return found;
  }

  @Override
  public Participant join(Principal actor, long campaign, long schoolId) {
    School school = seenSchool(actor, schoolId);
    Target target = CampaignAccess.school(school.country(), school.unit(), schoolId);
    if (!CampaignAccess.actsFor(authorizer, actor, target)) {
      throw CampaignAccess.refused(actor, "Only the school's people, its coordinators or HQ make it join");
    }
    Instant now = Instant.now();
    String language = actor.language();
    return database.inTransaction(c -> {
      Campaign cp = find(c, campaign);
      if (!cp.open()) {
        throw ProblemException.conflict(SubmissionMessages.get(language, "closed", id(campaign)));
      }
      if (cp.country() != null && !cp.country().equals(school.country())) {
        throw ProblemException.conflict(SubmissionMessages.get(language, "national", id(campaign), cp.country()));
      }
      if (!cp.countries().isEmpty() && !cp.countries().contains(school.country())) {
        throw ProblemException.conflict(SubmissionMessages.get(language, "countriesOnly", id(campaign), String.join(", ", cp.countries())));
      }
      if (cp.membersOnly() && school.status() != MembershipStatus.MEMBER) {
        throw ProblemException.conflict(SubmissionMessages.get(language, "membersOnly", id(campaign), id(schoolId), school.status()));
      }
      if (participates(c, campaign, schoolId)) {
        throw ProblemException.conflict(SubmissionMessages.get(language, "already", id(schoolId), id(campaign)));
      }
      // read again just before it is copied: an edit (a move) since the checks above is not lost
      School fresh = school(schoolId);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO PRJ_PARTICIPANT (CAMPAIGN_ID, SCHOOL_ID, SCHOOL_NAME, COUNTRY, CITY, JOINED_AT, JOINED_BY)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, campaign);
        ps.setLong(2, schoolId);
        ps.setString(3, fresh.name());
        ps.setString(4, fresh.country());
        ps.setString(5, fresh.city());
        ps.setTimestamp(6, Timestamp.from(now));
        ps.setString(7, actor.isSystem() ? null : actor.accountId());
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        // joined twice at once: the other request's join is in
        throw ProblemException.conflict(SubmissionMessages.get(language, "already", id(schoolId), id(campaign)));
      }
      audit.record(c, actor, "campaign.join", "campaign", String.valueOf(campaign), school.country(), null,
          Map.of("school", schoolId));
      return new Participant(schoolId, school.name(), school.country(), school.city(), now);
    });
  }

  @Override
  public void leave(Principal actor, long campaign, long schoolId) {
    database.inTransaction(c -> {
      Campaign cp = find(c, campaign);
      if (!participates(c, campaign, schoolId)) {
        throw ProblemException.notFound("School " + schoolId + " does not take part in campaign " + campaign);
      }
      School school = school(schoolId);
      if (!visibleIn(actor, cp, List.of(schoolId)).contains(schoolId)) {
        // a participant they may not see in the list does not take part for them
        throw ProblemException.notFound("School " + schoolId + " does not take part in campaign " + campaign);
      }
      if (!CampaignAccess.manages(actor, cp)
          && !CampaignAccess.actsFor(authorizer, actor, CampaignAccess.school(school.country(), school.unit(), schoolId))) {
        throw CampaignAccess.refused(actor, "Only the school's people, its coordinators or the campaign's make it leave");
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM PRJ_PARTICIPANT WHERE CAMPAIGN_ID = ? AND SCHOOL_ID = ?")) {
        ps.setLong(1, campaign);
        ps.setLong(2, schoolId);
        ps.executeUpdate();
      }
      audit.record(c, actor, "campaign.leave", "campaign", String.valueOf(campaign), school.country(),
          Map.of("school", schoolId), null);
      return null;
    });
  }

  private static boolean participates(Connection c, long campaign, long school) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM PRJ_PARTICIPANT WHERE CAMPAIGN_ID = ? AND SCHOOL_ID = ?")) {
      ps.setLong(1, campaign);
      ps.setLong(2, school);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private School school(long id) {
    try {
      return schools.school(Principal.system(), id);
    } catch (ProblemException e) {
      if (e.status() == 404) {
        throw ProblemException.notFound("There is no school " + id);
      }
      throw e;
    }
  }

  // ---- submissions ----

  /**
   * A page of submissions, newest first: by status and grant in the query, then without the
   * schools the caller may not see ({@link #visibleIn}); skipped rows are replaced by reading
   * further, so that a page is never short while more follow.
   */
  @Override
  public Page<Submission> submissions(Principal actor, long campaign, SubmissionStatus status, String country,
      Long school, int limit, String cursor) {
    // newest first: the first page starts before everything; a list never gives 0 as a cursor
    long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : cursor(cursor);
    if (before == 0) {
      throw ProblemException.validation("cursor", "is not a cursor this list gave");
    }
    Campaign cp = database.read(c -> find(c, campaign));
    List<Submission> found = readFurther(before, limit,
        (from, n) -> database.read(c -> submissionRows(c, actor, cp, status, country, school, from, n)),
        Submission::id, rows -> {
          Set<Long> seen = visibleIn(actor, cp, rows.stream().map(Submission::school).distinct().toList());
          return rows.stream().filter(row -> seen.contains(row.school())).map(row -> shown(actor, cp, row));
        });
    return page(found, limit, Submission::id);
  }

  private static List<Submission> submissionRows(Connection c, Principal actor, Campaign cp, SubmissionStatus status,
      String country, Long school, long before, int n) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + SUBMISSION_COLUMNS + " FROM PRJ_SUBMISSION WHERE CAMPAIGN_ID = ? AND ID < ?");
    List<Object> params = new ArrayList<>(List.of(cp.id(), before));
    if (!CampaignAccess.manages(actor, cp)) {
      List<String> parts = new ArrayList<>(List.of("STATUS = 'APPROVED'"));
      for (Grant g : actor.grants()) {
        if (g.country() != null && actor.coordinates(g.country())) {
          parts.add("COUNTRY = ?");
          params.add(g.country());
        } else if (g.school() != null && actor.worksAt(g.school())) {
          try {
            params.add(Long.parseLong(g.school()));
            parts.add("SCHOOL_ID = ?");
          } catch (NumberFormatException notOurs) {
            // another installation's id: matches nothing
          }
        }
      }
      sql.append(" AND (").append(String.join(" OR ", parts)).append(')');
    }
    if (status != null) {
      sql.append(" AND STATUS = ?");
      params.add(status.name());
    }
    if (country != null) {
      sql.append(" AND COUNTRY = ?");
      params.add(country);
    }
    if (school != null) {
      sql.append(" AND SCHOOL_ID = ?");
      params.add(school);
    }
    sql.append(" ORDER BY ID DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
    params.add(n);
    List<Submission> items = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(submissionOf(rs));
        }
      }
    }
    return items;
  }

  /** 404, as for an unknown one, for a submission the caller may not read or whose school they may not see. */
  @Override
  public Submission submission(Principal actor, long campaign, long id) {
    Campaign cp = database.read(c -> find(c, campaign));
    Submission s = database.read(c -> findSubmission(c, campaign, id));
    if (!sees(actor, cp, s) || !visibleIn(actor, cp, List.of(s.school())).contains(s.school())) {
      throw ProblemException.notFound("There is no submission " + id + " in campaign " + campaign);
    }
    return shown(actor, cp, s);
  }

  /** Approved submissions are public; the others are for the school's people and the moderators. */
  private static boolean sees(Principal actor, Campaign cp, Submission s) {
    return s.status() == SubmissionStatus.APPROVED || privy(actor, cp, s);
  }

  /** The moderators and the school's people, who read every submission of the school and its moderator's comment. */
  private static boolean privy(Principal actor, Campaign cp, Submission s) {
    return CampaignAccess.moderates(actor, cp, s.country()) || actor.worksAt(String.valueOf(s.school()));
  }

  /**
   * {@code s} as {@code actor} reads it: the moderator's comment is said to the school, not to the
   * public that reads an approved report (as the public export has no comment either).
   */
  private static Submission shown(Principal actor, Campaign cp, Submission s) {
    if (s.comment() == null || privy(actor, cp, s)) {
      return s;
    }
    return new Submission(s.id(), s.campaign(), s.school(), s.schoolName(), s.country(), s.date(), s.phase(), s.text(),
        s.pupils(), s.teachers(), s.metrics(), s.media(), s.status(), null, s.submittedAt(), s.moderatedAt(), s.revision());
  }

  private Submission findSubmission(Connection c, long campaign, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + SUBMISSION_COLUMNS + " FROM PRJ_SUBMISSION WHERE ID = ? AND CAMPAIGN_ID = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound("There is no submission " + id + " in campaign " + campaign);
        }
        return submissionOf(rs);
      }
    }
  }

  @Override
  public Submission submit(Principal actor, long campaign, SubmissionInput in) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to report an activity");
    }
    Campaign cp = database.read(c -> find(c, campaign));
    if (in.school() == null) {
      // every error at once: the school's (the form names it) and those of the report itself
      throw ProblemException.validation(CampaignForm.submission(in, cp.phases(), cp.module() != null, actor.language()));
    }
    School school = seenSchool(actor, in.school());
    if (!CampaignAccess.actsFor(authorizer, actor, CampaignAccess.school(school.country(), school.unit(), school.id()))) {
      throw ProblemException.forbidden("Only the school's people or its coordinators report for school " + school.id());
    }
    if (!database.read(c -> participates(c, campaign, school.id()))) {
      throw ProblemException.forbidden(SubmissionMessages.get(actor.language(), "notTakingPart", id(school.id()), id(campaign)));
    }
    // The rules that let it join hold for what it reports: a member suspended since, or a school
    // moved since to a country the campaign is not for, does not report
    if (cp.membersOnly() && school.status() != MembershipStatus.MEMBER) {
      throw ProblemException.conflict(SubmissionMessages.get(actor.language(), "membersOnly", id(campaign), id(school.id()), school.status()));
    }
    if (cp.country() != null && !cp.country().equals(school.country())) {
      throw ProblemException.conflict(SubmissionMessages.get(actor.language(), "movedNational", id(campaign), cp.country(),
          id(school.id()), school.country()));
    }
    if (!cp.countries().isEmpty() && !cp.countries().contains(school.country())) {
      throw ProblemException.conflict(SubmissionMessages.get(actor.language(), "movedCountries", id(campaign),
          String.join(", ", cp.countries()), id(school.id()), school.country()));
    }
    if (cp.module() != null && !modules.installed(cp.module())) {
      throw CampaignModules.unavailable(cp.module(), "The campaign module " + cp.module() + " is not installed;"
          + " campaign " + campaign + " takes no submissions until it returns (its data is kept)");
    }
    List<FieldError> errors = new ArrayList<>(
        CampaignForm.submission(in, cp.phases(), cp.module() != null, actor.language(), phaseNames(cp.module(), actor.language())));
    Map<String, Object> metrics = in.metrics() == null ? new LinkedHashMap<>() : in.metrics();
    String metricsJson = json(metrics);
    if (metricsJson.length() > METRICS_MAX) {
      errors.add(new FieldError("metrics", "is too large (at most " + METRICS_MAX + " characters of JSON)"));
    }
    if (cp.module() != null && in.date() != null && in.pupils() != null && in.teachers() != null) {
      Report report = new Report(0, school.id(), school.country(), in.date(), in.phase(), in.pupils(), in.teachers(), metrics);
      List<FieldError> moduleErrors = modules.call(cp.module(), "validation", VALIDATION_LIMIT, m -> m.validate(report));
      if (moduleErrors != null) {
        errors.addAll(MetricMessages.translated(moduleErrors, actor.language()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    List<MediaLink> media = in.media() == null ? List.of() : CampaignForm.normalizedMedia(in.media());
    Instant now = Instant.now();
    return database.inTransaction(c -> {
      // The same report sent twice (a retry on a slow connection, a second tap) is kept once: the
      // school's participation row is taken so that two at once see each other.
      try (PreparedStatement lock = c.prepareStatement(
          "UPDATE PRJ_PARTICIPANT SET JOINED_AT = JOINED_AT WHERE CAMPAIGN_ID = ? AND SCHOOL_ID = ?")) {
        lock.setLong(1, campaign);
        lock.setLong(2, school.id());
        lock.executeUpdate();
      }
      Submission same = pendingSameAs(c, campaign, school.id(), in, metrics, media);
      if (same != null) {
        throw new ProblemException(409, ProblemException.TYPE_BASE + "conflict", "Conflict",
            SubmissionMessages.get(actor.language(), "sentAlready", id(school.id()), id(same.id())), List.of(),
            Map.of("submission", same.id()));
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO PRJ_SUBMISSION (CAMPAIGN_ID, SCHOOL_ID, SCHOOL_NAME, COUNTRY, ACTIVITY_DATE, PHASE, TEXT, PUPILS,"
              + " TEACHERS, METRICS, MEDIA, STATUS, SUBMITTED_AT, SUBMITTED_BY, REVISION)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          Statement.RETURN_GENERATED_KEYS)) {
        // read again just before it is copied: a move during the module's validation is not lost
        School current = school(school.id());
        ps.setLong(1, campaign);
        ps.setLong(2, school.id());
        ps.setString(3, current.name());
        ps.setString(4, current.country());
        ps.setDate(5, Date.valueOf(in.date()));
        ps.setString(6, in.phase());
        ps.setString(7, in.text());
        ps.setInt(8, in.pupils());
        ps.setInt(9, in.teachers());
        ps.setString(10, metricsJson);
        ps.setString(11, json(media));
        ps.setString(12, SubmissionStatus.PENDING.name());
        ps.setTimestamp(13, Timestamp.from(now));
        ps.setString(14, actor.isSystem() ? null : actor.accountId());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      audit.record(c, actor, "submission.create", "submission", String.valueOf(id), school.country(), null,
          Map.of("campaign", campaign, "school", school.id(), "date", in.date().toString()));
      return findSubmission(c, campaign, id);
    });
  }

  private static ProblemException changedSince(long submission) {
    return ProblemException.preconditionFailed("Submission " + submission + " changed since you read it; read it again");
  }

  /** A pending report of the school saying exactly what {@code in} says, or null. */
  private Submission pendingSameAs(Connection c, long campaign, long school, SubmissionInput in,
      Map<String, Object> metrics, List<MediaLink> media) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBMISSION_COLUMNS + " FROM PRJ_SUBMISSION"
        + " WHERE CAMPAIGN_ID = ? AND SCHOOL_ID = ? AND STATUS = ? AND ACTIVITY_DATE = ?")) {
      ps.setLong(1, campaign);
      ps.setLong(2, school);
      ps.setString(3, SubmissionStatus.PENDING.name());
      ps.setDate(4, Date.valueOf(in.date()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Submission s = submissionOf(rs);
          if (Objects.equals(s.phase(), in.phase()) && Objects.equals(s.text(), in.text())
              && s.pupils() == in.pupils() && s.teachers() == in.teachers()
              && sameJson(s.metrics(), metrics) && json(s.media()).equals(json(media))) {
            return s;
          }
        }
      }
    }
    return null;
  }

  @Override
  public void withdraw(Principal actor, long campaign, long id, Integer expectedRevision) {
    Submission seen = submission(actor, campaign, id); // 404 as GET answers, the school's visibility included
    School school = school(seen.school());
    if (!CampaignAccess.actsFor(authorizer, actor, CampaignAccess.school(school.country(), school.unit(), school.id()))) {
      throw CampaignAccess.refused(actor, "Only the school's people or its coordinators withdraw a report of school "
          + school.id());
    }
    database.inTransaction(c -> {
      Submission before = findSubmission(c, campaign, id);
      if (expectedRevision != null && expectedRevision != before.revision()) {
        throw changedSince(id);
      }
      if (before.status() == SubmissionStatus.APPROVED) {
        // public and counted in the campaign's figures: only a moderator takes it out, by rejecting it
        throw ProblemException.conflict(SubmissionMessages.get(actor.language(), "approvedStays", id(id)));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM PRJ_SUBMISSION WHERE ID = ? AND REVISION = ? AND STATUS <> ?")) {
        ps.setLong(1, id);
        ps.setInt(2, before.revision());
        ps.setString(3, SubmissionStatus.APPROVED.name());
        if (ps.executeUpdate() == 0) { // decided by a moderator between the read and the delete
          throw changedSince(id);
        }
      }
      // what the school took back stays readable in the audit log
      Map<String, Object> was = new LinkedHashMap<>();
      was.put("campaign", campaign);
      was.put("school", before.school());
      was.put("status", before.status().name());
      was.put("date", before.date().toString());
      was.put("phase", before.phase());
      was.put("text", before.text());
      was.put("pupils", before.pupils());
      was.put("teachers", before.teachers());
      was.put("metrics", before.metrics());
      was.put("media", before.media()); // the links, and what the school confirmed of consent
      if (before.comment() != null) {
        was.put("comment", before.comment()); // a moderator's, on a rejected report
      }
      audit.record(c, actor, "submission.withdraw", "submission", String.valueOf(id), before.country(), was, null);
      return null;
    });
  }

  @Override
  public Submission moderate(Principal actor, long campaign, long id, SubmissionStatus decision, String comment,
      Integer expectedRevision) {
    List<FieldError> errors = decisionErrors(decision, comment, actor.language());
    submission(actor, campaign, id); // 404 as GET answers, the school's visibility included
    return database.inTransaction(c -> {
      // Decisions at once without If-Match: each reads the submission as the one before left it,
      // rather than failing for a revision its client never named (the first decides; see below).
      try (PreparedStatement lock = c.prepareStatement("UPDATE PRJ_SUBMISSION SET REVISION = REVISION WHERE ID = ?")) {
        lock.setLong(1, id);
        lock.executeUpdate();
      }
      Submission before = toModerate(c, actor, campaign, id);
      if (!errors.isEmpty()) {
        throw ProblemException.validation(errors);
      }
      if (expectedRevision != null && expectedRevision != before.revision()) {
        throw changedSince(id);
      }
      if (expectedRevision == null && before.status() != SubmissionStatus.PENDING) {
        // A moderator who never saw the decision taken changes nothing blindly, not even the
        // reason the school reads; the same decision sent again (a retry, or several at once)
        // leaves it as it is.
        String given = comment == null || org.unesco.aspnet.web.Json.showsNothing(comment) ? null : comment.strip();
        if (before.status() == decision && Objects.equals(given, before.comment())) {
          return before;
        }
        throw ProblemException.preconditionRequired("Submission " + id + " is " + before.status()
            + " already: to change the decision, send If-Match with the ETag of the submission you read");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE PRJ_SUBMISSION SET STATUS = ?, MODERATION_COMMENT = ?, MODERATED_AT = ?, MODERATED_BY = ?,"
              + " REVISION = REVISION + 1 WHERE ID = ? AND REVISION = ?")) {
        ps.setString(1, decision.name());
        ps.setString(2, comment == null || org.unesco.aspnet.web.Json.showsNothing(comment) ? null : comment.strip());
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.setString(4, actor.isSystem() ? null : actor.accountId());
        ps.setLong(5, id);
        ps.setInt(6, before.revision());
        if (ps.executeUpdate() == 0) {
          throw changedSince(id);
        }
      }
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("status", decision.name());
      if (comment != null) {
        after.put("comment", comment);
      }
      audit.record(c, actor, "submission.moderate", "submission", String.valueOf(id), before.country(),
          Map.of("status", before.status().name()), after);
      return findSubmission(c, campaign, id);
    });
  }

  @Override
  public void checkDecision(Principal actor, long campaign, long id, SubmissionStatus decision, String comment) {
    List<FieldError> errors = decisionErrors(decision, comment, actor.language());
    submission(actor, campaign, id); // 404 as GET answers, as moderate has it
    database.read(c -> toModerate(c, actor, campaign, id));
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  }

  /** What is wrong with a decision and its comment, whoever takes it. */
  private static List<FieldError> decisionErrors(SubmissionStatus decision, String comment, String lang) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null || decision == SubmissionStatus.PENDING) {
      errors.add(new FieldError("decision", SubmissionMessages.get(lang, "decision")));
    }
    if (decision == SubmissionStatus.REJECTED && (comment == null || org.unesco.aspnet.web.Json.showsNothing(comment))) {
      errors.add(new FieldError("comment", SubmissionMessages.get(lang, "rejectWhy")));
    }
    if (comment != null && comment.codePointCount(0, comment.length()) > CampaignForm.COMMENT_MAX) {
      errors.add(new FieldError("comment", SubmissionMessages.get(lang, "length", String.valueOf(CampaignForm.COMMENT_MAX))));
    }
    return errors;
  }

  /**
   * The submission {@code id} as read in {@code c}, if {@code actor} may moderate it: 404 when they
   * may not read it (as GET answers), 401 or 403 when they may read it but not decide.
   */
  private Submission toModerate(Connection c, Principal actor, long campaign, long id) throws SQLException {
    Campaign cp = find(c, campaign);
    Submission before = findSubmission(c, campaign, id);
    if (!sees(actor, cp, before)) { // as GET answers it: nothing is told about a submission they may not see
      throw ProblemException.notFound("There is no submission " + id + " in campaign " + campaign);
    }
    if (!CampaignAccess.moderates(actor, cp, before.country())) {
      throw CampaignAccess.refused(actor, "Only HQ, the campaign's coordinators or the National Coordinator of "
          + before.country() + " moderate this submission");
    }
    return before;
  }

  // ---- summaries and modules ----

  @Override
  public Map<String, Object> summary(Principal actor, long campaign, Locale language, boolean perSchool) {
    Campaign cp = campaign(actor, campaign);
    List<Aggregation.Approved> read = database.read(c -> {
      List<Aggregation.Approved> list = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT ID, SCHOOL_ID, COUNTRY, ACTIVITY_DATE, PHASE, PUPILS, TEACHERS, METRICS, SCHOOL_NAME"
              + " FROM PRJ_SUBMISSION WHERE CAMPAIGN_ID = ? AND STATUS = 'APPROVED' ORDER BY ID")) {
        ps.setLong(1, campaign);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            list.add(new Aggregation.Approved(
                new Report(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5),
                    rs.getInt(6), rs.getInt(7), read(rs.getString(8), OBJECT)),
                rs.getString(9)));
          }
        }
      }
      return list;
    });
    // What the caller may not see is not counted either: the totals, regions, countries and
    // schools agree with the approved submissions listed to them (docs/campaign-modules.md).
    Set<Long> seen = visibleIn(actor, cp, read.stream().map(a -> a.report().school()).distinct().toList());
    List<Aggregation.Approved> approved = read.stream().filter(a -> seen.contains(a.report().school())).toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("campaign", cp.id());
    result.put("module", cp.module());
    result.put("participants", cp.participants());
    Map<String, Object> body;
    if (cp.module() == null) {
      body = Aggregation.summarize(null, approved, this::region, perSchool, language);
    } else {
      body = modules.call(cp.module(), "summary", AGGREGATION_LIMIT,
          m -> Aggregation.summarize(m, approved, this::region, perSchool, language));
    }
    result.putAll(body);
    return result;
  }

  private String region(String country) {
    return regions.computeIfAbsent(country, k -> {
      try {
        return countries.country(Principal.system(), k, Locale.ENGLISH).region();
      } catch (RuntimeException unknown) {
        return "Unknown";
      }
    });
  }

  @Override
  public List<CampaignModuleInfo> modules(Locale language) {
    List<CampaignModuleInfo> infos = new ArrayList<>();
    for (String key : modules.keys().stream().sorted().toList()) {
      try {
        infos.add(describe(key, language));
      } catch (ProblemException failing) {
        // reported in health; the others are still listed
      }
    }
    return infos;
  }

  @Override
  public CampaignModuleInfo moduleOf(Principal actor, long campaign, Locale language) {
    Campaign c = database.read(x -> find(x, campaign));
    return c.module() == null ? null : describe(c.module(), language);
  }

  /** @throws ProblemException 503 when the module is absent or fails */
  private CampaignModuleInfo describe(String key, Locale language) {
    return modules.call(key, "description", DESCRIPTION_LIMIT,
        m -> new CampaignModuleInfo(key, m.name(language), m.phases(), m.schema()));
  }

  /**
   * Each phase's label in {@code language} (its first subtag; English, then the key, where the
   * module has none), for messages: "muss in der Phase Nachdenken liegen", not "reflect". The
   * module is asked only when a message names a phase, not for every report.
   */
  private java.util.function.UnaryOperator<String> phaseNames(String module, String language) {
    if (module == null) {
      return key -> key; // a campaign without a module names its phases itself
    }
    String wanted = language == null ? "en" : language.split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
    return key -> modulePhases(module).stream().filter(p -> p.key().equals(key)).findFirst()
        .map(p -> p.labels().getOrDefault(wanted, p.labels().getOrDefault("en", key)))
        .orElse(key);
  }

  /** An id as a plain number in a message (MessageFormat would write 1,234). */
  static String id(long id) {
    return String.valueOf(id);
  }

  private Set<String> phaseKeys(String module) {
    Set<String> keys = new LinkedHashSet<>();
    modulePhases(module).forEach(p -> keys.add(p.key()));
    return keys;
  }

  /** The phases {@code module} defines (503 when it is missing or fails). */
  private List<PhaseDefinition> modulePhases(String module) {
    List<PhaseDefinition> phases = modules.call(module, "phases", DESCRIPTION_LIMIT, CampaignModule::phases);
    return phases == null ? List.of() : phases;
  }

  // ---- rows and JSON ----

  private Campaign campaignOf(ResultSet rs) throws SQLException {
    String module = rs.getString(3);
    String countriesText = rs.getString(9);
    return new Campaign(
        rs.getLong(1),
        CampaignKind.valueOf(rs.getString(2)),
        module,
        module == null || modules.installed(module),
        rs.getString(4),
        read(rs.getString(5), TEXTS),
        read(rs.getString(6), TEXTS),
        read(rs.getString(7), PHASES),
        rs.getBoolean(8),
        countriesText == null || countriesText.isEmpty() ? List.of() : Arrays.asList(countriesText.split(",")),
        rs.getBoolean(10),
        rs.getLong(13),
        rs.getTimestamp(11).toInstant(),
        rs.getInt(12));
  }

  private static Submission submissionOf(ResultSet rs) throws SQLException {
    Timestamp moderated = rs.getTimestamp(16);
    return new Submission(
        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10),
        read(rs.getString(11), OBJECT), read(rs.getString(12), MEDIA),
        SubmissionStatus.valueOf(rs.getString(13)), rs.getString(14), rs.getTimestamp(15).toInstant(),
        moderated == null ? null : moderated.toInstant(), rs.getInt(17));
  }

  private static Map<String, Object> summary(Campaign c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", c.kind().name());
    if (c.module() != null) {
      m.put("module", c.module());
    }
    m.put("title", c.title());
    m.put("open", c.open());
    m.put("membersOnly", c.membersOnly());
    m.put("countries", c.countries());
    m.put("phases", c.phases().stream().map(p -> {
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("key", p.key());
      phase.put("starts", String.valueOf(p.starts()));
      phase.put("ends", String.valueOf(p.ends()));
      return phase;
    }).toList());
    // an edit of the description is read in the audit log too; last, and each language shortened to
    // its share of AUDIT_TEXT, so that the entry stays within the log's 8,000 characters as JSON
    // (titles: 200 characters in at most 20 languages) and is never cut
    Map<String, String> description = new LinkedHashMap<>();
    int share = Math.max(40, AUDIT_TEXT / Math.max(1, c.description().size()));
    c.description().forEach((language, text) -> description.put(language, shortened(text, share)));
    m.put("description", description);
    return m;
  }

  /**
   * The first {@code max} characters of a text; when there is more, "…", its length and a digest of
   * the whole, so that an edit past the cut still shows as a change.
   */
  private static String shortened(String text, int max) {
    if (text == null || text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    String digest;
    try {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest = java.util.HexFormat.of().formatHex(sha, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    return text.substring(0, text.offsetByCodePoints(0, max)) + "… (" + text.codePointCount(0, text.length()) + " characters, #" + digest + ")";
  }

  /** Characters of description a campaign's audit entry keeps, all languages together. */
  private static final int AUDIT_TEXT = 1500;

  /**
   * Whether two metrics say the same: members in any order, numbers by value ({@code 1} and {@code
   * 1.0}), so that a retry written another way is still the report sent before.
   */
  static boolean sameJson(Object a, Object b) {
    com.fasterxml.jackson.databind.JsonNode x = Json.MAPPER.valueToTree(a);
    com.fasterxml.jackson.databind.JsonNode y = Json.MAPPER.valueToTree(b);
    return x.equals(NUMBERS_BY_VALUE, y);
  }

  private static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> NUMBERS_BY_VALUE = (p, q) ->
      p.isNumber() && q.isNumber() ? p.decimalValue().compareTo(q.decimalValue()) : p.equals(q) ? 0 : 1;

  static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw ProblemException.validation("metrics", "cannot be stored as JSON: " + e.getOriginalMessage());
    }
  }

  static <T> T read(String text, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

  private static long cursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    Long n = org.unesco.aspnet.web.ApiServlet.wholeNumber(cursor); // as the list writes it: 0 to 9, not ١٠
    if (n != null) {
      return n;
    }
    throw ProblemException.validation("cursor", "is not a cursor this list gave");
  }

  private static <T> Page<T> page(List<T> rows, int limit, ToLongFunction<T> id) {
    if (rows.size() > limit) {
      List<T> items = rows.subList(0, limit);
      return new Page<>(items, String.valueOf(id.applyAsLong(items.get(limit - 1))));
    }
    return new Page<>(rows, null);
  }
}
