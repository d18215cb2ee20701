package org.unesco.aspnet.projects.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Collator;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.CsvLine;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.projects.InternationalDay;
import org.unesco.aspnet.projects.InternationalDayInput;
import org.unesco.aspnet.projects.InternationalDays;

/**
 * The calendar of international days in {@code PRJ_DAY} (V4). The list shipped in the bundle
 * ({@code reference/international-days.csv}: the rule, the name in English, French, Spanish and
 * German, the themes, a source) is put in at the first use after a start, each row once ever
 * ({@code PRJ_DAY_SEEDED}), so that a day HQ removed stays removed; nothing of it runs at start.
 */
@Component(service = InternationalDays.class)
public final class DayStore implements InternationalDays {
  static final String REFERENCE = "reference/international-days.csv";
  static final int NAME_MAX = 200;
  static final int NAMES_STORED = 8000;
  static final int ID_MAX = 80;
  /** A period is a week, a fortnight, a month: longer, it is a year ({@code 2025 (year)}). */
  static final int PERIOD_DAYS_MAX = 62;
  private static final String COLUMNS = "ID, NAMES, OBSERVED, THEMES, SOURCE, REVISION";

  /** A definition as stored; its dates come from {@link Observance}. */
  record Stored(String id, Map<String, String> names, Observance observance, List<Theme> themes, String source, int revision) {}

  /** A row of the shipped list. */
  record Seed(String id, Map<String, String> names, String observed, List<Theme> themes, String source) {}

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final Supplier<List<Seed>> seeds;
  private volatile boolean seeded;

  @Activate
  public DayStore(@Reference Database database, @Reference AuditLog audit, BundleContext context) {
    // the list is read at the first use, not at start: reading it checks its links (IDN tables and
    // all), which a start does not need
    this(database, audit, Clock.systemUTC(), () -> readSeeds(DayStore.class.getClassLoader().getResourceAsStream(REFERENCE)));
    database.migrate(context.getBundle());
  }

  DayStore(Database database, AuditLog audit, Clock clock, List<Seed> seeds) {
    this(database, audit, clock, () -> seeds);
  }

  private DayStore(Database database, AuditLog audit, Clock clock, Supplier<List<Seed>> seeds) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.seeds = seeds;
  }

  @Override
  public List<InternationalDay> between(Principal reader, LocalDate from, LocalDate to, Theme theme) {
    String language = reader.language();
    List<InternationalDay> found = new ArrayList<>();
    for (Stored s : all()) {
      if (theme == null || s.themes().contains(theme)) {
        for (LocalDate[] o : s.observance().between(from, to)) {
          found.add(day(s, o, language));
        }
      }
    }
    Collator collator = Collator.getInstance(Locale.forLanguageTag(language == null ? "en" : language));
    found.sort(Comparator.comparing(InternationalDay::start)
        .thenComparing(d -> d.end().toEpochDay() - d.start().toEpochDay()) // a day before the week it opens
        .thenComparing(InternationalDay::name, collator)
        .thenComparing(InternationalDay::id));
    return found;
  }

  @Override
  public InternationalDay day(Principal reader, String id, Integer year) {
    seed();
    Stored s = database.read(c -> find(c, id, reader.language()));
    LocalDate[] o = year == null ? s.observance().next(LocalDate.now(clock)) : s.observance().in(year);
    if (o == null) { // a year or decade asked for a year outside it: its span all the same
      o = s.observance().next(LocalDate.now(clock));
    }
    return day(s, o, reader.language());
  }

  @Override
  public InternationalDay add(Principal actor, InternationalDayInput given) {
    keeper(actor);
    InternationalDayInput in = checked(given, true, actor.language());
    String key = nameKey(in.names().get("en"));
    seed();
    for (int round = 1; ; round++) {
      try {
        return database.inTransaction(c -> {
          String same = named(c, key, null);
          if (same != null) {
            throw listedAlready(same, actor.language());
          }
          if (count(c) >= MAX_DAYS) {
            throw ProblemException.conflict(DayMessages.get(actor.language(), "full", String.valueOf(MAX_DAYS)));
          }
          String id = freeId(c, idOf(in.names().get("en")));
          try {
            insert(c, new Seed(id, in.names(), in.observed(), in.themes() == null ? List.of() : in.themes(),
                emptyToNull(in.source())), actor);
          } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
              // No statement may follow a failed one in a PostgreSQL transaction: this one is
              // rolled back, and the day kept is looked up in a new one, below.
              throw new TakenMeanwhile(id, e);
            }
            throw e;
          }
          Stored added = find(c, id, actor.language());
          audit.record(c, actor, "international-day.add", "international-day", id, null, null, summary(added));
          return day(added, added.observance().next(LocalDate.now(clock)), actor.language());
        });
      } catch (TakenMeanwhile e) {
        // The same name added at the same moment by someone else: the day kept is theirs, whose
        // id may not be the one this attempt chose (which, found taken, may have been id-2).
        String kept = database.read(c -> named(c, key, null));
        if (kept != null) {
          throw listedAlready(kept, actor.language());
        }
        if (round == 5) { // taken each time, and gone each time it was looked for: not made up as a 409
          throw new org.unesco.aspnet.persistence.PersistenceException(e.getMessage(), e.duplicate);
        }
        // the id only was taken (by a day of another name), or the day kept was removed since: again
      }
    }
  }

  /** A duplicate key on an insert: the transaction is rolled back, whatever holds the key is read afterwards. */
  private static final class TakenMeanwhile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SQLException duplicate;

    TakenMeanwhile(String id, SQLException duplicate) {
      super("International day " + id + " or its name was taken meanwhile", null, false, false);
      this.duplicate = duplicate;
    }
  }

  @Override
  public InternationalDay update(Principal actor, String id, int expectedRevision, InternationalDayInput given) {
    keeper(actor);
    seed();
    return database.inTransaction(c -> {
      Stored before = find(c, id, actor.language());
      InternationalDayInput changes = checked(new InternationalDayInput(CampaignForm.merged(before.names(), given.names()),
          given.observed(), given.themes(), given.source()), false, actor.language());
      if (before.revision() != expectedRevision) {
        throw changedSince(id, actor.language());
      }
      Stored after = new Stored(id,
          changes.names() != null ? changes.names() : before.names(),
          changes.observed() != null ? Observance.parse(changes.observed()) : before.observance(),
          changes.themes() != null ? changes.themes() : before.themes(),
          changes.source() != null ? emptyToNull(changes.source()) : before.source(),
          before.revision());
      if (summary(after).equals(summary(before))) {
        return day(before, before.observance().next(LocalDate.now(clock)), actor.language()); // nothing to change or audit
      }
      String key = nameKey(after.names().get("en"));
      String same = named(c, key, id);
      if (same != null) {
        throw listedAlready(same, actor.language());
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE PRJ_DAY SET NAME_KEY = ?, NAMES = ?, OBSERVED = ?, THEMES = ?, SOURCE = ?, REVISION = REVISION + 1"
              + " WHERE ID = ? AND REVISION = ?")) {
        ps.setString(1, key);
        ps.setString(2, CampaignStore.json(after.names()));
        ps.setString(3, after.observance().canonical());
        ps.setString(4, themes(after.themes()));
        ps.setString(5, after.source());
        ps.setString(6, id);
        ps.setInt(7, expectedRevision);
        if (ps.executeUpdate() == 0) {
          throw changedSince(id, actor.language());
        }
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          throw listedAlready(key, actor.language());
        }
        throw e;
      }
      Stored saved = find(c, id, actor.language());
      audit.record(c, actor, "international-day.update", "international-day", id, null, summary(before), summary(saved));
      return day(saved, saved.observance().next(LocalDate.now(clock)), actor.language());
    });
  }

  @Override
  public void remove(Principal actor, String id, Integer expectedRevision) {
    keeper(actor);
    seed();
    database.inTransaction(c -> {
      Stored before = find(c, id, actor.language());
      if (expectedRevision != null && before.revision() != expectedRevision) {
        throw changedSince(id, actor.language());
      }
      // the row as read, or nothing: an edit in between is not removed unseen
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM PRJ_DAY WHERE ID = ? AND REVISION = ?")) {
        ps.setString(1, id);
        ps.setInt(2, before.revision());
        if (ps.executeUpdate() == 0) {
          find(c, id, actor.language()); // removed meanwhile: 404
          throw changedSince(id, actor.language());
        }
      }
      audit.record(c, actor, "international-day.remove", "international-day", id, null, summary(before), null);
      return null;
    });
  }

  /** HQ keeps the calendar: 401 for the public, 403 for everyone else. */
  private static void keeper(Principal actor) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized(DayMessages.get(actor.language(), "signIn"));
    }
    if (!CampaignAccess.hq(actor)) {
      throw ProblemException.forbidden(DayMessages.get(actor.language(), "keepers"));
    }
  }

  private List<Stored> all() {
    seed();
    return database.read(c -> {
      List<Stored> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM PRJ_DAY");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(storedOf(rs));
        }
      }
      return found;
    });
  }

  /**
   * Puts the shipped rows never put in before into the calendar, once per start (and again after a
   * failure), in a transaction of its own before the caller's. Two nodes starting together: the second's insert of a row the first just put in is a
   * duplicate key, and that node leaves it to the first.
   */
  private void seed() {
    if (seeded) {
      return;
    }
    synchronized (this) {
      if (seeded) {
        return;
      }
      try {
        database.inTransaction(c -> {
          Set<String> done = new HashSet<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM PRJ_DAY_SEEDED"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              done.add(rs.getString(1));
            }
          }
          for (Seed s : seeds.get()) {
            if (done.contains(s.id())) {
              continue;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO PRJ_DAY_SEEDED (ID, SEEDED_AT) VALUES (?, ?)")) {
              ps.setString(1, s.id());
              ps.setTimestamp(2, Timestamp.from(Instant.now(clock)));
              ps.executeUpdate();
            }
            // HQ may have added a day of this name (or renamed one to it) before the release that
            // ships it: theirs stays
            if (named(c, nameKey(s.names().get("en")), null) == null && !idTaken(c, s.id())) {
              insert(c, s, Principal.system());
            }
          }
          return null;
        });
        seeded = true;
      } catch (org.unesco.aspnet.persistence.PersistenceException e) {
        if (!(e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
          throw e;
        }
        // another node seeded the same rows meanwhile: the next use looks again
      }
    }
  }

  private static void insert(Connection c, Seed s, Principal actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO PRJ_DAY (ID, NAME_KEY, NAMES, OBSERVED, THEMES, SOURCE, ADDED_AT, ADDED_BY, REVISION)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
      ps.setString(1, s.id());
      ps.setString(2, nameKey(s.names().get("en")));
      ps.setString(3, CampaignStore.json(s.names()));
      ps.setString(4, Observance.parse(s.observed()).canonical());
      ps.setString(5, themes(s.themes()));
      ps.setString(6, s.source());
      ps.setTimestamp(7, Timestamp.from(Instant.now()));
      ps.setString(8, actor.isSystem() ? null : actor.accountId());
      ps.executeUpdate();
    }
  }

  /** The id of the day whose English name makes {@code key} ({@link #nameKey}), other than {@code except}; null when none. */
  private static String named(Connection c, String key, String except) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM PRJ_DAY WHERE NAME_KEY = ? AND ID <> ?")) {
      ps.setString(1, key);
      ps.setString(2, except == null ? "" : except);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static boolean idTaken(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM PRJ_DAY WHERE ID = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * {@code id}, or when a day renamed since holds it (its id stays), {@code id-2}, {@code id-3}...:
   * the name is free (checked before), the address is another.
   */
  private static String freeId(Connection c, String id) throws SQLException {
    String free = id;
    for (int n = 2; idTaken(c, free); n++) {
      String suffix = "-" + n;
      free = (id.length() + suffix.length() > ID_MAX ? id.substring(0, ID_MAX - suffix.length()) : id) + suffix;
    }
    return free;
  }

  private static int count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM PRJ_DAY"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Stored find(Connection c, String id, String language) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM PRJ_DAY WHERE ID = ?")) {
      ps.setString(1, id == null ? "" : id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ProblemException.notFound(DayMessages.get(language, "none", shown(id)));
        }
        return storedOf(rs);
      }
    }
  }

  private static Stored storedOf(ResultSet rs) throws SQLException {
    String themes = rs.getString(4);
    List<Theme> list = themes.isEmpty() ? List.of() : Arrays.stream(themes.split(",")).map(Theme::valueOf).toList();
    return new Stored(rs.getString(1), CampaignStore.read(rs.getString(2), CampaignStore.TEXTS),
        Observance.parse(rs.getString(3)), list, rs.getString(5), rs.getInt(6));
  }

  private static InternationalDay day(Stored s, LocalDate[] o, String language) {
    return new InternationalDay(s.id(), nameIn(s.names(), language), s.names(), s.observance().canonical(),
        s.observance().kind(), o[0], o[1], s.themes(), s.source(), s.revision());
  }

  /** The name in {@code language} ({@code fr-CA} reads {@code fr}), else in English. */
  static String nameIn(Map<String, String> names, String language) {
    if (language != null) {
      String exact = names.get(language);
      if (exact != null) {
        return exact;
      }
      String code = language.split("-", 2)[0].toLowerCase(Locale.ROOT);
      String base = names.get(code);
      if (base != null) {
        return base;
      }
      for (Map.Entry<String, String> e : names.entrySet()) { // pt reads a name given as pt-BR
        if (e.getKey().toLowerCase(Locale.ROOT).startsWith(code + "-")) {
          return e.getValue();
        }
      }
    }
    return names.get("en");
  }

  /**
   * {@code in} with its rule in its written form and its themes in order, once every check passed
   * (a 400 listing every error otherwise); on an addition the English name and the rule are
   * required.
   */
  static InternationalDayInput checked(InternationalDayInput in, boolean adding, String lang) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> names = in.names();
    boolean noEnglish = names != null && names.get("en") == null;
    if (names == null && adding) {
      errors.add(new FieldError("names", DayMessages.get(lang, "english")));
    } else if (noEnglish) {
      errors.add(new FieldError("names.en", DayMessages.get(lang, "english")));
    }
    int before = errors.size();
    CampaignForm.texts("names", names, NAME_MAX, NAMES_STORED, errors, lang); // blank, too long, not a language
    if (noEnglish) { // said once: not also "must not be blank" for {"en": null}
      errors.subList(before, errors.size()).removeIf(e -> e.field().equals("names.en"));
    }
    if (names != null) {
      names.forEach((language, name) -> {
        // the platform's one-line rule: no bidirectional override or isolate either (a name is printed in calendars)
        if (name != null && !org.unesco.aspnet.core.PlainText.oneLine(name)) {
          errors.add(new FieldError("names." + language, DayMessages.get(lang, "oneLine")));
        }
      });
      String english = names.get("en");
      if (english != null && errors.size() == before && !latin(english)) {
        // an English name in another script would make a key of dashes, and a look-alike of a listed name
        errors.add(new FieldError("names.en", DayMessages.get(lang, "latin")));
      } else if (english != null && errors.size() == before && nameKey(english).isEmpty()) {
        errors.add(new FieldError("names.en", DayMessages.get(lang, "english"))); // "!!!" names nothing
      }
    }
    String observed = null;
    if (in.observed() != null || adding) {
      Observance o = Observance.parse(in.observed());
      if (o == null) {
        errors.add(new FieldError("observed", in.observed() == null || in.observed().isBlank()
            ? DayMessages.get(lang, "observedRequired", DayMessages.get(lang, "observed")) : DayMessages.get(lang, "observed")));
      } else if (o.days() > PERIOD_DAYS_MAX) {
        errors.add(new FieldError("observed", DayMessages.get(lang, "period", String.valueOf(PERIOD_DAYS_MAX))));
      } else {
        observed = o.canonical();
      }
    }
    List<Theme> themes = null;
    if (in.themes() != null) {
      Set<Theme> set = EnumSet.noneOf(Theme.class);
      for (int i = 0; i < in.themes().size(); i++) {
        if (in.themes().get(i) == null) {
          errors.add(new FieldError("themes[" + i + "]", DayMessages.get(lang, "required")));
        } else {
          set.add(in.themes().get(i));
        }
      }
      themes = List.copyOf(set);
    }
    String source = in.source() == null ? null : in.source().strip();
    if (source != null && !source.isEmpty()) {
      source = ResourceLinks.normalized(source);
      if (source == null) {
        errors.add(new FieldError("source", DayMessages.get(lang, "source", String.valueOf(CampaignForm.URL_MAX))));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return new InternationalDayInput(names == null ? null : CampaignForm.ordered(names), observed, themes, source);
  }

  /**
   * What makes two English names the same name: letters without accents, in lower case, digits,
   * the rest a dash ({@code World Teachers' Day} and {@code WORLD TEACHERS DAY!} are {@code
   * world-teachers-day}); invisible characters count for nothing, and the Latin letters that have
   * no accent to take off are written out ({@code ß} as {@code ss}).
   */
  static String nameKey(String english) {
    if (english == null) {
      return "";
    }
    String plain = Normalizer.normalize(english, Normalizer.Form.NFKD).replaceAll("[\\p{M}\\p{Cf}]+", "")
        .replace("'", "").replace("\u2019", "").toLowerCase(Locale.ROOT);
    StringBuilder spelled = new StringBuilder(plain.length());
    plain.codePoints().forEach(c -> spelled.append(SPELLED.getOrDefault(c, Character.toString(c))));
    return spelled.toString().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /** Latin letters NFKD leaves whole, as they are written in plain letters. */
  private static final Map<Integer, String> SPELLED = Map.of((int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o",
      (int) 'ł', "l", (int) 'đ', "d", (int) 'ı', "i", (int) 'þ', "th", (int) 'ð', "d");

  /**
   * The id a day named {@code english} gets when it is added: its {@link #nameKey}, cut at a word
   * within 80 characters. It stays when the day is renamed.
   */
  static String idOf(String english) {
    String key = nameKey(english);
    if (key.length() <= ID_MAX) {
      return key;
    }
    int cut = key.lastIndexOf('-', ID_MAX);
    return key.substring(0, cut > 0 ? cut : ID_MAX);
  }

  /** Whether every letter of {@code text} is a Latin one (digits, punctuation and spaces are of every script). */
  private static boolean latin(String text) {
    return text.codePoints().allMatch(c -> !Character.isLetter(c)
        || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
  }

  /** An id from an address, as a message may repeat it: an id is at most 80 characters. */
  private static String shown(String id) {
    String s = id == null ? "" : id;
    return s.length() > ID_MAX ? s.substring(0, ID_MAX) + "…" : s;
  }

  private static String themes(List<Theme> themes) {
    return String.join(",", themes.stream().map(Theme::name).toList());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static ProblemException listedAlready(String same, String language) {
    return new ProblemException(409, ProblemException.TYPE_BASE + "conflict", "Conflict",
        DayMessages.get(language, "listed", same), List.of(), Map.of("day", same));
  }

  private static ProblemException changedSince(String id, String language) {
    return ProblemException.preconditionFailed(DayMessages.get(language, "changed", id));
  }

  /** What the audit log keeps of a day: enough to put a removed one back. */
  private static Map<String, Object> summary(Stored s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("day", s.id());
    m.put("names", s.names());
    m.put("observed", s.observance().canonical());
    if (!s.themes().isEmpty()) {
      m.put("themes", s.themes().stream().map(Theme::name).toList());
    }
    if (s.source() != null) {
      m.put("source", s.source());
    }
    return m;
  }

  /**
   * The shipped list: {@code date,en,fr,es,de,themes,source} (RFC 4180, UTF-8, no line breaks in
   * fields). A row that does not read is a build error, caught by DayStoreTest.
   */
  static List<Seed> readSeeds(InputStream in) {
    if (in == null) {
      throw new IllegalStateException(REFERENCE + " is missing from the bundle");
    }
    List<Seed> seeds = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      List<String> columns = CsvLine.cells(header);
      if (!columns.equals(List.of("date", "en", "fr", "es", "de", "themes", "source"))) {
        throw new IllegalStateException(REFERENCE + " has the columns " + columns);
      }
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        List<String> f = CsvLine.cells(line);
        if (f.size() != 7 || Observance.parse(f.get(0)) == null) {
          throw new IllegalStateException(REFERENCE + ": cannot read " + line);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
          if (!f.get(i).isBlank()) {
            names.put(columns.get(i), f.get(i).strip());
          }
        }
        List<Theme> themes = f.get(5).isBlank() ? List.of()
            : Arrays.stream(f.get(5).split(";")).map(String::strip).map(Theme::valueOf).toList();
        String source = f.get(6).isBlank() ? null : ResourceLinks.normalized(f.get(6).strip());
        seeds.add(new Seed(idOf(names.get("en")), names, f.get(0), themes, source));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(seeds);
  }
}
