package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.bulk.ImportReport;
import org.unesco.aspnet.membership.bulk.ImportRow;
import org.unesco.aspnet.membership.bulk.SchoolImport;
import org.unesco.aspnet.persistence.Database;

/**
 * The bulk import of schools: the same rules as an application (SchoolValidator), the same
 * duplicate test (same country and normalised name and city, or same national id; also between
 * rows of the file), the importer's scope checked row by row. The real run writes in one
 * transaction with statements prepared once, so that a refused or failed import leaves nothing.
 *
 * <p>A row whose id names a known school updates it, as {@code PATCH /api/v1/schools/{id}} would:
 * the same rights, the file's columns merged onto the stored school, the same rules and duplicate
 * test (only when the name, city, country or national id change, never against itself), and the
 * write, audit and event of {@link SchoolDirectory#store}. A row that repeats the stored values is
 * left alone.
 */
@Component(service = SchoolImport.class)
public final class DirectoryImport implements SchoolImport {
  private static final int PROGRESS_EVERY = 500;
  private static final int BATCH = 1000;
  /** Rows checked before their duplicates are looked up together. */
  private static final int LOOKUP_BATCH = 256;

  private final Database database;
  private final CountryService countries;
  private final Authorizer authorizer;
  private final AuditLog audit;
  private final NationalProfiles profiles;
  private final SchoolDirectory directory;

  @Activate
  public DirectoryImport(
      @Reference Database database,
      @Reference CountryService countries,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference NationalProfiles profiles,
      @Reference SchoolDirectory directory) {
    this.database = database;
    this.countries = countries;
    this.authorizer = authorizer;
    this.audit = audit;
    this.profiles = profiles;
    this.directory = directory;
  }

  /**
   * The row with its extra fields typed as its country's profile declares them: a file has only
   * text ("12", "a; b"). Null when the profile is failing (the error is added).
   */
  private SchoolInput typed(SchoolInput school, List<FieldError> errors, String language) {
    List<org.unesco.aspnet.membership.profile.Field> declared;
    try {
      declared = profiles.fields(school.country());
    } catch (ProblemException unavailable) {
      errors.add(new FieldError("country", unavailable.detail()));
      return null;
    }
    Map<String, Object> typed = new java.util.LinkedHashMap<>();
    school.fields().forEach((key, value) -> typed.put(key, declared.stream().filter(f -> f.key().equals(key)).findFirst()
        .map(f -> typed(f, value, language)).orElse(value)));
    return school.withFields(typed);
  }

  /**
   * The row checked against its country's national profile (units, extra fields, own rules);
   * {@code stored} are the extra fields of the school it updates (none for a new one).
   */
  private SchoolInput withProfile(Principal actor, SchoolInput school, Map<String, Object> stored, List<FieldError> errors) {
    SchoolInput input = typed(school, errors, actor.language());
    if (input == null) {
      return school;
    }
    try {
      NationalProfiles.Checked checked = profiles.check(input, stored, actor.language());
      errors.addAll(checked.errors());
      return input.withFields(checked.fields());
    } catch (ProblemException unavailable) {
      errors.add(new FieldError("country", unavailable.detail()));
      return input;
    }
  }

  /**
   * A row's school as it is checked and written: tidied as an application is ({@link
   * SchoolValidator#tidy}), its unit as the profile writes its code ({@link NationalProfiles#withUnitCode}).
   */
  private SchoolInput tidied(SchoolInput row) {
    return profiles.withUnitCode(SchoolValidator.tidy(row));
  }

  /** The codes of the country's units; none when its profile fails (its check says so). */
  private List<String> unitCodes(String country) {
    try {
      return profiles.unitCodes(country);
    } catch (ProblemException unavailable) {
      return List.of();
    }
  }

  private static final java.util.regex.Pattern DAY_FIRST = java.util.regex.Pattern.compile("(\\d{1,2})[./](\\d{1,2})[./](\\d{4})");

  /**
   * A date as a spreadsheet in French, Spanish, German or Portuguese shows and saves it (09/10/2018,
   * 09.10.2018: day first) in ISO form (2018-10-09); anything else as written, for the profile's
   * check. Not for English, whose spreadsheets may put the month first (US Excel saves 10/9/2018):
   * there only ISO dates are read, as the check says.
   */
  static String dayFirst(String text, String language) {
    java.util.regex.Matcher m = DAY_FIRST.matcher(text);
    String lang = language == null ? "" : language.toLowerCase(java.util.Locale.ROOT);
    if (!m.matches() || !(lang.startsWith("fr") || lang.startsWith("es") || lang.startsWith("de") || lang.startsWith("pt"))) {
      return text;
    }
    try {
      return java.time.LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))).toString();
    } catch (java.time.DateTimeException noSuchDay) {
      return text; // 31/02/2020: the check says it is no date
    }
  }

  private static Object typed(org.unesco.aspnet.membership.profile.Field field, Object value, String language) {
    if (!(value instanceof String text) || text.isBlank()) {
      return value;
    }
    switch (field.type()) {
      case NUMBER -> {
        java.math.BigDecimal d;
        try {
          d = new java.math.BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
          return text; // the profile check says what is wrong with it
        }
        try {
          return d.scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
        } catch (ArithmeticException beyondLong) {
          // 1e400 or a hundred digits: a number beyond every range, which the profile check refuses
          // with the field's range as for JSON (where it reads as Infinity), not as "not a number"
          return d.doubleValue();
        }
      }
      case DATE -> {
        return dayFirst(text.strip(), language);
      }
      case MULTI_CHOICE -> {
        return java.util.Arrays.stream(text.split("[;|,]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
      }
      default -> {
        return text;
      }
    }
  }

  @Override
  public ImportReport check(Principal actor, Source rows, Duplicates duplicates, IntConsumer progress) {
    requireImporter(actor);
    // counted as the real run with these duplicates would (SKIP: likely duplicates in no count)
    return inspect(actor, rows, progress, duplicates).report(true, 0);
  }

  @Override
  public ImportReport write(Principal actor, Source rows, Duplicates duplicates, String file, IntConsumer progress) {
    requireImporter(actor);
    // what the directory of each country was when the check began (see below)
    Map<String, Long> checked = database.read(DuplicateGuard::versions);
    Inspection seen = inspect(actor, rows, n -> progress.accept(n / 2), duplicates);
    if (seen.invalid > 0 || (duplicates == Duplicates.REJECT && seen.duplicates > 0)) {
      progress.accept(seen.total); // done: every row read, none to write (not "half way")
      return seen.report(false, 0); // all or none: nothing is written
    }
    int total = seen.total;
    Instant now = Instant.now();
    List<School[]> moves = new ArrayList<>();
    int written = SearchWords.bulkWrite(() -> database.inTransaction(c -> {
      Set<Long> own = new HashSet<>();
      int n = writeRows(c, actor, rows, seen, now, done -> progress.accept(total / 2 + done / 2), own, moves);
      requireNothingNewLooksLikeARow(c, actor, rows, seen, checked, duplicates, own);
      if (database.dialect() == org.unesco.aspnet.persistence.Database.Dialect.POSTGRESQL) {
        restamp(c, own, Instant.now());
      }
      auditImport(c, actor, file, total, seen, duplicates);
      return n;
    }));
    // after the commit, as an edit does: the copies of a school's place and name elsewhere follow
    directory.forgetAllPages();
    moves.forEach(m -> directory.announceIfMoved(m[0], m[1]));
    progress.accept(total);
    return seen.report(false, written);
  }

  /**
   * The import in the audit log, where each country's coordinators read it: the log is read by
   * country, so an entry without one is HQ's alone. One entry per country whose schools the file
   * created or updated, with that country's counts ({@code written}, {@code created}, {@code
   * updated}) and the file's ({@code rows}, {@code countries}): a file of one country is one entry,
   * one that wrote nothing one entry without a country.
   */
  private void auditImport(Connection c, Principal actor, String file, int total, Inspection seen, Duplicates duplicates)
      throws SQLException {
    Map<String, int[]> byCountry = seen.byCountry.isEmpty() ? java.util.Collections.singletonMap(null, new int[2]) : seen.byCountry;
    for (Map.Entry<String, int[]> country : byCountry.entrySet()) {
      int[] counts = country.getValue();
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("file", file);
      after.put("rows", total);
      after.put("written", counts[0] + counts[1]);
      after.put("created", counts[0]);
      after.put("updated", counts[1]);
      after.put("duplicates", duplicates.name());
      after.put("countries", new ArrayList<>(seen.countries));
      audit.record(c, actor, "schools.import", "import", file == null ? "-" : file, country.getKey(), null, after);
    }
  }

  /**
   * Before the import commits: did an application, an edit or another import write a school of the
   * file's countries since the file was checked (their guard counts moved, see DuplicateGuard), and
   * does one of those schools repeat a row? Then nothing is written (409). The countries' guards
   * are taken here, at the end of the writing, and held until the commit, so that an application
   * coming now waits a moment and then finds the imported schools. Applications during the writing
   * itself go ahead (on a database server they cannot see the uncommitted rows); this look is what
   * catches one that repeats a row. With {@code ALLOW} likely duplicates are welcome: only the
   * counts move. Updated schools are in {@code own}: only one whose name, city or national id the
   * file changes is looked at, and never found a duplicate of itself.
   */
  private void requireNothingNewLooksLikeARow(Connection c, Principal actor, Source rows, Inspection seen,
      Map<String, Long> checked, Duplicates policy, Set<Long> own) throws SQLException {
    Set<String> changed = new java.util.TreeSet<>();
    for (String country : seen.countries) { // in order: two imports never wait for each other crosswise
      if (DuplicateGuard.enter(c, country) != checked.getOrDefault(country, 0L)) {
        changed.add(country);
      }
    }
    if (changed.isEmpty() || policy == Duplicates.ALLOW) {
      return;
    }
    Set<String> repeated = new java.util.TreeSet<>();
    inBatches(c, actor, rows, (at, row) -> {
      if (seen.skip.get(at)) {
        return null;
      }
      Update update = seen.updates.get(at);
      SchoolInput school = update != null ? update.renamed() : tidied(row.school());
      if (school == null || school.country() == null || !changed.contains(school.country())
          || school.name() == null || school.city() == null) {
        return null;
      }
      return new Pending(at, row, school, List.of(), SearchKey.of(school.name()), SearchKey.of(school.city()));
    }, (batch, existing) -> findRepeated(batch, existing, own, repeated));
    if (!repeated.isEmpty()) {
      throw ProblemException.conflict("While this file was imported, schools were written in " + String.join(", ", changed)
          + " that look like its rows (lines " + String.join(", ", repeated.stream().limit(10).toList())
          + (repeated.size() > 10 ? ", ..." : "") + "): nothing was imported. Run the import again; a dry run shows them.");
    }
  }

  private static void findRepeated(List<Pending> batch, ExistingSchools existing, Set<Long> own, Set<String> repeated)
      throws SQLException {
    existing.lookUp(batch);
    for (Pending p : batch) {
      // its own rows are in this transaction too; UNSEEN (another unit's) is someone else's
      if (existing.of(p).stream().anyMatch(id -> id == UNSEEN || !own.contains(id))) {
        repeated.add(String.valueOf(p.row().line()));
      }
    }
  }

  /** What a pass makes of one row of the file (by its index): a row to look up, or null to leave it. */
  private interface RowCheck {
    Pending check(int index, ImportRow row) throws SQLException;
  }

  /** What a pass does with a batch of rows once they are looked up together. */
  private interface BatchLookUp {
    void accept(List<Pending> batch, ExistingSchools existing) throws SQLException;
  }

  /**
   * Reads the file once, row by row, and hands the rows {@code check} keeps to {@code lookUp}
   * {@value #LOOKUP_BATCH} at a time (the check and the last look before writing read the file
   * alike); returns how many rows the file has.
   */
  private int inBatches(Connection c, Principal actor, Source rows, RowCheck check, BatchLookUp lookUp) throws SQLException {
    try (ExistingSchools existing = new ExistingSchools(c, database.dialect() == Database.Dialect.DERBY, authorizer, actor)) {
      Iterator<ImportRow> it = rows.open();
      List<Pending> batch = new ArrayList<>();
      int index = 0;
      while (it.hasNext()) {
        Pending p = check.check(index, it.next());
        index++;
        if (p != null) {
          batch.add(p);
        }
        if (batch.size() == LOOKUP_BATCH) {
          lookUp.accept(batch, existing);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        lookUp.accept(batch, existing);
      }
      return index;
    }
  }

  /** The public: 401. HQ, national and sub-national coordinators: yes. Anyone else: 403. */
  private void requireImporter(Principal actor) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to import schools");
    }
    if (Scopes.everything(authorizer, actor, Action.EDIT_SCHOOL)
        || actor.has(Role.NATIONAL_COORDINATOR) || actor.has(Role.SUBNATIONAL_COORDINATOR)) {
      return;
    }
    throw ProblemException.forbidden("Schools are imported by National Coordinators and HQ");
  }

  /** What the first pass found. */
  private static final class Inspection {
    int total;
    int valid;
    int invalid;
    int duplicates;
    int created;
    int updated;
    int unchanged;
    /** The rows not written: unchanged ones, and likely duplicates with {@code SKIP}. */
    final BitSet skip = new BitSet();
    /** The rows that update a school, by index. */
    final Map<Integer, Update> updates = new HashMap<>();
    final List<ImportReport.RowReport> listed = new ArrayList<>();
    boolean truncated;
    final TreeSet<String> countries = new TreeSet<>();
    /** The schools each of those countries gets: created, updated (in the country an update leaves it in). */
    final Map<String, int[]> byCountry = new java.util.TreeMap<>();

    ImportReport report(boolean dryRun, int written) {
      return new ImportReport(dryRun, total, valid, invalid, duplicates, written, created, updated, unchanged, listed, truncated);
    }
  }

  /**
   * A row that updates school {@code id}, checked against its {@code revision}: the writing finds it
   * there still, or nothing is written. {@code renamed}: the school as the row leaves it when its
   * name, city, country or national id change (the last look before writing compares it), else null.
   */
  private record Update(long id, int revision, SchoolInput renamed) {}

  /** What makes two schools the same: country and normalised name and city... */
  private static String nameCityKey(String country, String nameKey, String cityKey) {
    return country + '\u0000' + nameKey + '\u0000' + cityKey;
  }

  /** ...or country and national id. The file's own rows and the directory's are keyed alike. */
  private static String nationalIdKey(String country, String nationalId) {
    return country + '\u0001' + nationalId;
  }

  /**
   * A row checked, waiting for the duplicate look-ups of its batch; keys only when it is to be
   * compared with other schools. {@code current}: the school it updates (null for a new one);
   * {@code action} null when its id names no school it may update.
   */
  private record Pending(int index, ImportRow row, SchoolInput school, List<FieldError> errors, String nameKey, String cityKey,
      School current, ImportReport.Action action, List<String> changed) {
    /** A new school's row. */
    Pending(int index, ImportRow row, SchoolInput school, List<FieldError> errors, String nameKey, String cityKey) {
      this(index, row, school, errors, nameKey, cityKey, null, ImportReport.Action.CREATE, List.of());
    }
  }

  private Inspection inspect(Principal actor, Source rows, IntConsumer progress, Duplicates policy) {
    Map<String, Boolean> known = new HashMap<>();
    Predicate<String> knownCountry = code -> known.computeIfAbsent(code, countries::exists);
    Inspection result = new Inspection();
    Map<String, Integer> firstLine = new HashMap<>();
    Map<Long, Integer> named = new HashMap<>(); // school id -> the line that updates it
    // One read-only transaction for the whole pass: in auto-commit every lookup would commit.
    database.inTransaction(c -> {
      int read = inBatches(c, actor, rows, (index, row) -> inspected(c, actor, knownCountry, named, index, row),
          (batch, existing) -> conclude(batch, existing, firstLine, policy, result, progress));
      progress.accept(read);
      return null;
    });
    return result;
  }

  /**
   * One row as the importer would write it, with its field errors, and its keys when it has them.
   * A row naming a known school is that school with the row's columns merged onto it (see
   * {@link ImportRow}), checked as an edit; one that repeats the stored values is UNCHANGED and not
   * checked further (it writes nothing), apart from the importer's right to edit the school.
   */
  private Pending inspected(Connection c, Principal actor, Predicate<String> knownCountry, Map<Long, Integer> named,
      int index, ImportRow row) throws SQLException {
    School current = null;
    if (row.id() != null) {
      current = SchoolDirectory.find(c, row.id());
      FieldError refused = refusedId(actor, row, current, named);
      if (refused != null) {
        List<FieldError> errors = new ArrayList<>(row.errors());
        errors.add(refused);
        return new Pending(index, row, tidied(row.school()), errors, null, null, null, null, List.of());
      }
      SchoolInput repeated = tidied(profiles.movedFrom(current.country(), merged(c, current, row)));
      SchoolInput typed = typed(repeated, new ArrayList<>(), actor.language());
      if (row.errors().isEmpty() && SchoolDirectory.changes(current, typed == null ? repeated : typed).isEmpty()) {
        return new Pending(index, row, current.input(), List.of(), null, null, current, ImportReport.Action.UNCHANGED, List.of());
      }
    }
    SchoolInput school = tidied(current == null ? row.school() : profiles.movedFrom(current.country(), merged(c, current, row)));
    List<FieldError> errors = new ArrayList<>(row.errors());
    Set<String> reported = new HashSet<>();
    errors.forEach(e -> reported.add(root(e.field())));
    for (FieldError e : SchoolValidator.check(school, knownCountry, actor.language())) {
      if (!reported.contains(root(e.field()))) {
        errors.add(e);
      }
    }
    boolean countryOk = errors.stream().noneMatch(e -> root(e.field()).equals("country"));
    // where the school ends up: for an update, moving it needs the right there too, as an edit does
    if (countryOk && !authorizer.allows(actor, Action.EDIT_SCHOOL, Target.school(school.country(), school.unit(), null))) {
      // a sub-national coordinator of the country lacks the unit: say that
      String country = school.country();
      boolean unitWrong = actor.grants().stream()
          .anyMatch(g -> g.role() == Role.SUBNATIONAL_COORDINATOR && country.equals(g.country()));
      String lang = actor.language();
      if (!unitWrong) {
        errors.add(new FieldError("country", FieldMessages.get(lang, "notYours", country)));
      } else if (errors.stream().noneMatch(e -> root(e.field()).equals("unit"))) {
        // a unit the country does not have is told as to anyone (the profile's check), not as another's
        List<String> units = unitCodes(country);
        errors.add(new FieldError("unit", school.unit() == null ? FieldMessages.get(lang, "required")
            : !units.isEmpty() && !units.contains(school.unit()) ? FieldMessages.get(lang, "choice", String.join(", ", units))
            : FieldMessages.get(lang, "notYours", country + " (" + school.unit() + ")")));
      }
      countryOk = false;
    }
    if (countryOk) {
      // the national profile, where the importer may write
      school = withProfile(actor, school, current == null ? Map.of() : current.fields(), errors);
    }
    // an update is compared with other schools only when what makes schools the same changes
    boolean keys = countryOk && school.name() != null && school.city() != null
        && (current == null || SchoolDirectory.identityChanged(current, school));
    String nameKey = keys ? SearchKey.of(school.name()) : null;
    String cityKey = keys ? SearchKey.of(school.city()) : null;
    if (current == null) {
      return new Pending(index, row, school, errors, nameKey, cityKey);
    }
    // a refused cell reads as empty: it is an error of the row, not a value it would clear
    Set<String> refused = errors.stream().map(e -> root(e.field())).collect(java.util.stream.Collectors.toSet());
    List<String> changed = SchoolDirectory.changes(current, school).stream().filter(f -> !refused.contains(f)).toList();
    ImportReport.Action action = errors.isEmpty() && changed.isEmpty() ? ImportReport.Action.UNCHANGED : ImportReport.Action.UPDATE;
    return new Pending(index, row, school, errors, nameKey, cityKey, current, action, changed);
  }

  /**
   * Why a row may not update the school its id names, as an edit through the API would be refused;
   * null when it may. A school the importer may not see is answered as one that does not exist.
   */
  private FieldError refusedId(Principal actor, ImportRow row, School current, Map<Long, Integer> named) {
    String lang = actor.language();
    String id = String.valueOf(row.id());
    if (current == null || !directory.visible(actor, current)) {
      return new FieldError("id", LifecycleMessages.get(lang, "noSchool", id));
    }
    if (!authorizer.allows(actor, Action.EDIT_SCHOOL, Scopes.of(current))) {
      return new FieldError("id", FieldMessages.get(lang, "notEditable", id));
    }
    Integer earlier = named.putIfAbsent(row.id(), row.line());
    return earlier == null ? null : new FieldError("id", FieldMessages.get(lang, "idRepeated", id, String.valueOf(earlier)));
  }

  /**
   * School {@code current} with the row's values in the columns the file has: an empty cell clears
   * the value, a column the file lacks leaves it (or gives back what the school left in the country
   * the row moves it back to). Not tidied.
   */
  static SchoolInput merged(Connection c, School current, ImportRow row) throws SQLException {
    SchoolInput was = current.input();
    SchoolInput file = row.school();
    Map<String, Object> fields = new LinkedHashMap<>(was.fields());
    // moved back to a country it left: what it had there is given again, under the file's columns
    Map<String, Object> there = row.has("country") && file.country() != null
        && !file.country().strip().equalsIgnoreCase(current.country())
        ? SchoolDirectory.leftBehind(c, current.id(), file.country()) : Map.of();
    if (there.get("fields") instanceof Map<?, ?> left) {
      left.forEach((k, v) -> fields.put(String.valueOf(k), v));
    }
    String unit = row.has("unit") ? file.unit() : there.get("unit") != null ? String.valueOf(there.get("unit")) : was.unit();
    for (String column : row.columns()) {
      if (column.startsWith(EXTRA)) {
        String key = column.substring(EXTRA.length());
        Object value = file.fields().get(key);
        if (value == null) {
          fields.remove(key);
        } else {
          fields.put(key, value);
        }
      }
    }
    return new SchoolInput(
        row.has("name") ? file.name() : was.name(),
        row.has("country") ? file.country() : was.country(),
        unit,
        row.has("city") ? file.city() : was.city(),
        row.has("address") ? file.address() : was.address(),
        row.has("latitude") ? file.latitude() : was.latitude(),
        row.has("longitude") ? file.longitude() : was.longitude(),
        row.has("levels") ? file.levels() : was.levels(),
        row.has("themes") ? file.themes() : was.themes(),
        row.has("languages") ? file.languages() : was.languages(),
        row.has("students") ? file.students() : was.students(),
        row.has("teachers") ? file.teachers() : was.teachers(),
        row.has("email") ? file.email() : was.email(),
        row.has("website") ? file.website() : was.website(),
        row.has("nationalId") ? file.nationalId() : was.nationalId(),
        fields);
  }

  /** How a column of a national profile field is named ({@link ImportRow#columns}). */
  private static final String EXTRA = "fields.";

  /** A likely duplicate the importer may not see: counted, never named. */
  static final long UNSEEN = -1;

  /** Looks a batch of rows up at once, then counts and reports each, in file order. */
  private static void conclude(List<Pending> batch, ExistingSchools existing, Map<String, Integer> firstLine,
      Duplicates policy, Inspection result, IntConsumer progress) throws SQLException {
    existing.lookUp(batch);
    for (Pending p : batch) {
      SchoolInput school = p.school();
      List<Long> duplicateOf = new ArrayList<>();
      Integer duplicateOfLine = null;
      if (p.nameKey() != null) {
        duplicateOf.addAll(existing.of(p));
        if (p.current() != null) {
          duplicateOf.removeIf(id -> id == p.current().id()); // an updated school is not a duplicate of itself
        }
        duplicateOfLine = firstLine.putIfAbsent(nameCityKey(school.country(), p.nameKey(), p.cityKey()), p.row().line());
        if (duplicateOfLine == null && school.nationalId() != null) {
          duplicateOfLine = firstLine.putIfAbsent(nationalIdKey(school.country(), school.nationalId()), p.row().line());
        }
      }
      List<Long> distinctIds = duplicateOf.stream().filter(id -> id != UNSEEN).distinct().sorted().toList();
      boolean duplicate = !duplicateOf.isEmpty() || duplicateOfLine != null;
      List<FieldError> errors = p.errors();
      result.total++;
      if (duplicate) {
        result.duplicates++;
      }
      if (!errors.isEmpty()) {
        result.invalid++;
      } else {
        result.valid++;
        if (p.action() == ImportReport.Action.UNCHANGED) {
          result.unchanged++;
          result.skip.set(p.index());
        } else if (duplicate && policy == Duplicates.SKIP) {
          result.skip.set(p.index());
        } else if (p.action() == ImportReport.Action.UPDATE) {
          result.updated++;
          result.countries.add(school.country());
          result.byCountry.computeIfAbsent(school.country(), k -> new int[2])[1]++;
          String from = p.current().country();
          if (from != null && !from.equals(school.country())) {
            // a school moved away is an update its old country's NC reads in the audit too
            result.countries.add(from);
            result.byCountry.computeIfAbsent(from, k -> new int[2])[1]++;
          }
          result.updates.put(p.index(), new Update(p.current().id(), p.current().revision(), p.nameKey() == null ? null : school));
        } else {
          result.created++;
          result.countries.add(school.country());
          result.byCountry.computeIfAbsent(school.country(), k -> new int[2])[0]++;
        }
      }
      if (!errors.isEmpty() || duplicate || p.action() == ImportReport.Action.UPDATE) {
        if (result.listed.size() < ImportReport.MAX_LISTED) {
          result.listed.add(new ImportReport.RowReport(p.row().line(), school.name(), errors, distinctIds, duplicateOfLine,
              p.action(), p.changed()));
        } else {
          result.truncated = true;
        }
      }
      if ((p.index() + 1) % PROGRESS_EVERY == 0) {
        progress.accept(p.index() + 1);
      }
    }
  }

  /**
   * The schools already in the directory that rows of a batch may repeat: same country and
   * normalised name and city, or same national id. On a database server, one query per country and
   * kind for the whole batch instead of two round trips per row (the dry run of 100,000 rows on
   * PostgreSQL: 23.2 s -> 6.3 s). On embedded Derby, which has no round trips, two exact look-ups
   * per row stay: Derby probes an IN list only on an index's first column, so {@code COUNTRY = ?
   * AND NAME_KEY IN (...)} read every school of the country, and a dry run took minutes.
   */
  private static final class ExistingSchools implements AutoCloseable {
    /** At most this many ids per key, as a person reads them in the report. */
    private static final int MAX_IDS = 10;
    private final Connection c;
    private final boolean oneByOne;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, List<Long>> byName = new HashMap<>();
    private final Map<String, List<Long>> byNationalId = new HashMap<>();
    private final Authorizer authorizer;
    private final Principal actor;

    ExistingSchools(Connection c, boolean oneByOne, Authorizer authorizer, Principal actor) {
      this.c = c;
      this.oneByOne = oneByOne;
      this.authorizer = authorizer;
      this.actor = actor;
    }

    // The (COUNTRY, NAME_KEY) and (COUNTRY, NATIONAL_ID) indexes; each head ends with "= ?" or an IN list.
    private static final String BY_NAME = "SELECT ID, UNIT, STATUS, NAME_KEY, CITY_KEY FROM MEM_SCHOOL"
        + " --DERBY-PROPERTIES index=MEM_SCHOOL_NAME_KEY\n WHERE COUNTRY = ? AND NAME_KEY ";
    private static final String BY_NATIONAL_ID = "SELECT ID, UNIT, STATUS, NATIONAL_ID FROM MEM_SCHOOL"
        + " --DERBY-PROPERTIES index=MEM_SCHOOL_NATIONAL_ID\n WHERE COUNTRY = ? AND NATIONAL_ID ";

    void lookUp(List<Pending> batch) throws SQLException {
      byName.clear();
      byNationalId.clear();
      if (oneByOne) {
        for (Pending p : batch) {
          if (p.nameKey() == null) {
            continue;
          }
          String country = p.school().country();
          query(BY_NAME + "= ? AND CITY_KEY = ? FETCH FIRST " + MAX_IDS + " ROWS ONLY", List.of(country, p.nameKey(), p.cityKey()),
              rs -> sameName(country, rs));
          if (p.school().nationalId() != null) {
            query(BY_NATIONAL_ID + "= ? FETCH FIRST " + MAX_IDS + " ROWS ONLY", List.of(country, p.school().nationalId()),
                rs -> sameNationalId(country, rs));
          }
        }
        return;
      }
      Map<String, Set<String>> names = new HashMap<>();
      Map<String, Set<String>> nationalIds = new HashMap<>();
      for (Pending p : batch) {
        if (p.nameKey() != null) {
          names.computeIfAbsent(p.school().country(), k -> new java.util.TreeSet<>()).add(p.nameKey());
          if (p.school().nationalId() != null) {
            nationalIds.computeIfAbsent(p.school().country(), k -> new java.util.TreeSet<>()).add(p.school().nationalId());
          }
        }
      }
      for (Map.Entry<String, Set<String>> e : names.entrySet()) {
        query(BY_NAME + "IN ", e.getKey(), e.getValue(), rs -> sameName(e.getKey(), rs)); // the city is compared here
      }
      for (Map.Entry<String, Set<String>> e : nationalIds.entrySet()) {
        query(BY_NATIONAL_ID + "IN ", e.getKey(), e.getValue(), rs -> sameNationalId(e.getKey(), rs));
      }
    }

    private void sameName(String country, ResultSet rs) throws SQLException {
      add(byName, nameCityKey(country, rs.getString(4), rs.getString(5)), known(country, rs));
    }

    private void sameNationalId(String country, ResultSet rs) throws SQLException {
      add(byNationalId, nationalIdKey(country, rs.getString(4)), known(country, rs));
    }

    /**
     * The school's id, or {@link #UNSEEN} when the importer may not see it (a candidate of another
     * unit, for a sub-national coordinator): the row is still a likely duplicate, without the id,
     * as an application's 409 names such a school without its id.
     */
    private long known(String country, ResultSet rs) throws SQLException {
      long id = rs.getLong(1);
      boolean visible = MembershipStatus.MEMBER.name().equals(rs.getString(3))
          || authorizer.allows(actor, Action.VIEW_SCHOOL, Target.school(country, rs.getString(2), String.valueOf(id)));
      return visible ? id : UNSEEN;
    }

    /** The schools looked up for {@code p}'s batch that {@code p} repeats: same name and city, or same national id. */
    List<Long> of(Pending p) {
      SchoolInput s = p.school();
      List<Long> same = new ArrayList<>(byName.getOrDefault(nameCityKey(s.country(), p.nameKey(), p.cityKey()), List.of()));
      if (s.nationalId() != null) {
        same.addAll(byNationalId.getOrDefault(nationalIdKey(s.country(), s.nationalId()), List.of()));
      }
      return same;
    }

    private static void add(Map<String, List<Long>> into, String key, long id) {
      List<Long> ids = into.computeIfAbsent(key, k -> new ArrayList<>());
      if (ids.size() < MAX_IDS) {
        ids.add(id);
      }
    }

    private interface Row {
      void accept(ResultSet rs) throws SQLException;
    }

    private void query(String head, String country, Set<String> values, Row row) throws SQLException {
      // padded to a power of two: a handful of statement shapes, each prepared once
      List<String> list = SearchWords.padded(new ArrayList<>(values));
      List<String> parameters = new ArrayList<>(list.size() + 1);
      parameters.add(country);
      parameters.addAll(list);
      query(head + "(" + String.join(", ", java.util.Collections.nCopies(list.size(), "?")) + ")", parameters, row);
    }

    private void query(String sql, List<String> parameters, Row row) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = c.prepareStatement(sql);
        statements.put(sql, ps);
      }
      for (int i = 0; i < parameters.size(); i++) {
        ps.setString(i + 1, parameters.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
  }

  /** The country's first national stage; none without a ladder, or when its profile fails now (as for its fields). */
  private java.util.Optional<String> firstStage(String country) {
    try {
      return java.util.Optional.ofNullable(profiles.firstStage(country));
    } catch (ProblemException unavailable) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Second pass: every row not skipped becomes a school with an APPLIED membership, or updates the
   * school it names ({@link SchoolDirectory#store}: revision, word index, audit entry). An updated
   * school edited by someone else since the check (its revision moved) stops the import: 409 naming
   * the lines, nothing written. {@code written} gets the ids written, {@code moves} the updated
   * schools whose place or name changed (before, after).
   */
  /**
   * Dates the schools an import wrote at its end, just before its commit. On a database server a
   * reader does not wait for the import: one that read during it, and asks next time for what
   * changed since then ({@code updatedSince}), must find these rows, which it could not see then,
   * though they were written minutes before. Derby's readers wait for the import instead.
   */
  private static void restamp(Connection c, Set<Long> ids, Instant at) throws SQLException {
    List<Long> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += 500) {
      List<Long> batch = all.subList(from, Math.min(all.size(), from + 500));
      try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SCHOOL SET UPDATED_AT = ? WHERE ID IN ("
          + "?, ".repeat(batch.size() - 1) + "?)")) {
        ps.setTimestamp(1, Timestamp.from(at));
        for (int i = 0; i < batch.size(); i++) {
          ps.setLong(i + 2, batch.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  private int writeRows(Connection c, Principal actor, Source rows, Inspection seen, Instant now, IntConsumer progress,
      Set<Long> written, List<School[]> moves) throws SQLException {
    BitSet skip = seen.skip;
    List<String> edited = new ArrayList<>();
    moves.clear();
    Timestamp at = Timestamp.from(now);
    int count = 0;
    try (PreparedStatement school = c.prepareStatement(
            "INSERT INTO MEM_SCHOOL (NAME, NAME_KEY, COUNTRY, UNIT, CITY, CITY_KEY, ADDRESS,"
                + " LATITUDE, LONGITUDE, LEVELS, THEMES, LANGUAGES, STUDENTS, TEACHERS, EMAIL, WEBSITE,"
                + " NATIONAL_ID, FIELDS, STATUS, REVISION, CREATED_AT, UPDATED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            Statement.RETURN_GENERATED_KEYS);
        PreparedStatement membership = c.prepareStatement(
            "INSERT INTO MEM_MEMBERSHIP (SCHOOL_ID, PERIOD_NO, STATUS, APPLIED_AT, NATIONAL_STAGE, STAGE_SINCE)"
                + " VALUES (?, 1, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS);
        PreparedStatement link = c.prepareStatement("UPDATE MEM_SCHOOL SET MEMBERSHIP_ID = ? WHERE ID = ?");
        PreparedStatement history = c.prepareStatement(
            "INSERT INTO MEM_STATUS_CHANGE (MEMBERSHIP_ID, FROM_STATUS, TO_STATUS, ACTOR, CHANGED_AT, COMMENT_TEXT,"
                + " TO_STAGE) VALUES (?, NULL, ?, ?, ?, ?, ?)");
        PreparedStatement words = c.prepareStatement(SearchWords.INSERT)) {
      java.util.Set<String> dictionary = new java.util.HashSet<>();
      Map<String, java.util.Optional<String>> firstStages = new java.util.HashMap<>();
      Iterator<ImportRow> it = rows.open();
      int index = 0;
      int pending = 0;
      while (it.hasNext()) {
        ImportRow row = it.next();
        if (skip.get(index++)) {
          continue;
        }
        Update update = seen.updates.get(index - 1);
        if (update != null) {
          School current = SchoolDirectory.find(c, update.id());
          // as checked, against the same revision: merged, tidied and typed again
          School updated = current == null || current.revision() != update.revision() ? null
              : directory.store(c, actor, current, toWrite(tidied(profiles.movedFrom(current.country(), merged(c, current, row))), current.fields(), actor.language()),
                  update.revision());
          if (updated == null) {
            edited.add(String.valueOf(row.line()));
          } else {
            written.add(updated.id());
            count++;
            if (SchoolDirectory.moved(current, updated)) {
              moves.add(new School[] {current, updated});
            }
          }
          if (index % PROGRESS_EVERY == 0) {
            progress.accept(index);
          }
          continue;
        }
        SchoolInput s = toWrite(tidied(row.school()), Map.of(), actor.language());
        int i = SchoolDirectory.bindProfile(school, s);
        school.setString(i++, MembershipStatus.APPLIED.name());
        school.setTimestamp(i++, at);
        school.setTimestamp(i, at);
        school.executeUpdate();
        long schoolId = SchoolDirectory.generatedId(school);
        written.add(schoolId);
        // on a national ladder an imported school starts on its first stage, as an application does
        String stage = firstStages.computeIfAbsent(s.country(), this::firstStage).orElse(null);
        membership.setLong(1, schoolId);
        membership.setString(2, MembershipStatus.APPLIED.name());
        membership.setTimestamp(3, at);
        membership.setString(4, stage);
        membership.setTimestamp(5, stage == null ? null : at);
        membership.executeUpdate();
        long membershipId = SchoolDirectory.generatedId(membership);
        link.setLong(1, membershipId);
        link.setLong(2, schoolId);
        link.addBatch();
        java.util.Set<String> schoolWords = SearchWords.of(s.name(), s.city());
        SearchWords.batch(words, schoolId, s.country(), schoolWords);
        dictionary.addAll(schoolWords);
        history.setLong(1, membershipId);
        history.setString(2, MembershipStatus.APPLIED.name());
        history.setString(3, actor.accountId());
        history.setTimestamp(4, at);
        history.setString(5, "imported");
        history.setString(6, stage);
        history.addBatch();
        count++;
        if (++pending == BATCH) {
          link.executeBatch();
          history.executeBatch();
          words.executeBatch();
          pending = 0;
        }
        if (index % PROGRESS_EVERY == 0) {
          progress.accept(index);
        }
      }
      if (pending > 0) {
        link.executeBatch();
        history.executeBatch();
        words.executeBatch();
      }
      SearchWords.remember(c, dictionary);
      progress.accept(index);
    }
    if (!edited.isEmpty()) {
      throw ProblemException.conflict("While this file was imported, schools it updates were edited (lines "
          + String.join(", ", edited.stream().limit(10).toList()) + (edited.size() > 10 ? ", ..." : "")
          + "): nothing was imported. Run the import again; a dry run shows what it changes now.");
    }
    return count;
  }

  /**
   * A row checked in the first pass (the profile's own rules included), typed and tidied again for
   * writing; {@code stored} are the extra fields of the school it updates.
   */
  private SchoolInput toWrite(SchoolInput tidy, Map<String, Object> stored, String language) {
    SchoolInput typed = typed(tidy, new ArrayList<>(), language);
    if (typed == null) {
      return tidy;
    }
    try {
      return typed.withFields(profiles.checkedValues(typed, stored));
    } catch (ProblemException unavailable) {
      return typed; // the profile failed since the check: as in the check, its values go in as read
    }
  }

  private static String root(String field) {
    int bracket = field.indexOf('[');
    return bracket < 0 ? field : field.substring(0, bracket);
  }
}
