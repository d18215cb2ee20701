package org.unesco.aspnet.membership.internal;

import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ConfigValues;
import org.unesco.aspnet.core.Principal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;
import org.unesco.aspnet.security.Accounts;

/**
 * The school directory: search with keyset paging (fast at any depth, unlike OFFSET), profiles
 * guarded by their revision, and the duplicate check used when a school applies. It also tells
 * other bundles where a school is ({@link org.unesco.aspnet.core.SchoolDirectory}) so that they
 * can check scopes without depending on this bundle.
 */
@Component(
    service = {SchoolService.class, SchoolDirectory.class, org.unesco.aspnet.core.SchoolDirectory.class},
    configurationPid = "org.unesco.aspnet.membership.directory")
@Designate(ocd = SchoolDirectory.Config.class)
public final class SchoolDirectory implements SchoolService, org.unesco.aspnet.core.SchoolDirectory {
  @ObjectClassDefinition(name = "ASPnet school directory", description = "How the directory serves school pages")
  public @interface Config {
    @AttributeDefinition(description = "Memory (MB) for schools' public pages kept ready to send; -1: a fifth"
        + " of the heap; 0: none. Only with embedded Derby (one process owns the data).")
    int publicProfileCacheMegabytes() default -1;

    @AttributeDefinition(description = "Read every school's public page into that memory on a thread of its own"
        + " once the first page is asked for, and again after an import, until nine tenths of it are taken")
    boolean publicProfilePreload() default true;
  }

  static final String COLUMNS =
      "ID, NAME, COUNTRY, UNIT, CITY, ADDRESS, LATITUDE, LONGITUDE, LEVELS, THEMES, LANGUAGES,"
          + " STUDENTS, TEACHERS, EMAIL, WEBSITE, NATIONAL_ID, MEMBERSHIP_ID, STATUS, REVISION, FIELDS";
  private static final int MAX_DUPLICATES = 10;
  /** The room of MEM_SCHOOL.FIELDS (V3). */
  static final int FIELDS_MAX = 16000;

  /** A school that looks like the one being created or edited. */
  public record Duplicate(
      long id, String name, String city, String country, String unit, String nationalId, MembershipStatus status) {}

  private final Database database;
  private final CountryService countries;
  private final Authorizer authorizer;
  private final AuditLog audit;
  private final NationalProfiles profiles;
  private final Logger log;
  /** The school's people, who move with it (null in tests of the directory alone). */
  private Accounts accounts;
  private volatile boolean wordIndexComplete;

  // Optional: without Event Admin an edit works and the copies elsewhere are not told.
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  volatile EventAdmin eventAdmin;
  private volatile boolean stopped;
  /** The cache's budget in bytes (0: none); the cache itself is made at the first school page. */
  private volatile long publicProfileBytes;
  private volatile PublicProfiles publicProfiles;
  private volatile boolean publicProfilesDecided;
  private volatile boolean preload = true;
  /** As configured (-1: a fifth of the heap), kept when a new value is refused. */
  private volatile int publicProfileMegabytes = -1;
  private final ConfigValues values;
  /** Preloads asked for, and whether a thread is preloading ({@link #preloadPagesLater}). */
  private final AtomicLong preloadsWanted = new AtomicLong();
  private final AtomicBoolean preloading = new AtomicBoolean();

  @Activate
  public SchoolDirectory(
      Config config,
      Map<String, Object> properties,
      @Reference Database database,
      @Reference CountryService countries,
      @Reference Authorizer authorizer,
      @Reference AuditLog audit,
      @Reference NationalProfiles profiles,
      @Reference Accounts accounts,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(database, countries, authorizer, audit, profiles, log);
    this.accounts = accounts;
    modified(config, properties);
  }

  /** With the default configuration (tests). */
  SchoolDirectory(Database database, CountryService countries, Authorizer authorizer, AuditLog audit,
      NationalProfiles profiles, Logger log) {
    this.database = database;
    this.countries = countries;
    this.authorizer = authorizer;
    this.audit = audit;
    this.profiles = profiles;
    this.log = log;
    this.values = new ConfigValues("org.unesco.aspnet.membership.directory", log::warn);
    this.publicProfileBytes = PublicProfiles.defaultBytes(Runtime.getRuntime().maxMemory());
    Thread t = new Thread(() -> {
      refreshStoredKeys();
      completeWordIndex();
    }, "aspnet-word-index");
    t.setDaemon(true);
    t.start();
  }

  @Deactivate
  void deactivate() {
    stopped = true;
  }

  @Modified
  void modified(Config config, Map<String, Object> properties) {
    publicProfileMegabytes = values.get("publicProfileCacheMegabytes", config::publicProfileCacheMegabytes,
        mb -> mb >= -1, "-1 (a fifth of the heap), 0 (none) or a number of megabytes", publicProfileMegabytes);
    boolean preloaded = values.get("publicProfilePreload",
        () -> ConfigValues.trueOrFalse(properties.getOrDefault("publicProfilePreload", config.publicProfilePreload())),
        b -> true, "true or false", preload);
    budget(publicProfileMegabytes < 0 ? PublicProfiles.defaultBytes(Runtime.getRuntime().maxMemory())
        : publicProfileMegabytes * 1024L * 1024L, preloaded);
  }

  /** The budget of the kept pages in bytes (0: none), and whether they are preloaded. */
  synchronized void budget(long bytes, boolean preload) {
    long before = publicProfileBytes;
    publicProfileBytes = bytes;
    this.preload = preload;
    PublicProfiles cache = publicProfiles;
    if (publicProfileBytes <= 0) {
      publicProfiles = null; // off: every page is read from the database
    } else if (cache != null) {
      cache.resize(publicProfileBytes);
      if (publicProfileBytes > before) {
        preloadPagesLater(); // a larger budget keeps more
      }
    } else {
      publicProfilesDecided = false; // on again: made at the next page
    }
  }

  /**
   * The cache of public school pages, made at the first page served (its classes stay unloaded
   * during a start); null when there is none: not embedded Derby, or no memory given to it.
   */
  private PublicProfiles publicProfiles() {
    if (!publicProfilesDecided) {
      synchronized (this) {
        if (!publicProfilesDecided) {
          database.read(c -> null); // the dialect is known once the database is open
          if (database.dialect() == Database.Dialect.DERBY && publicProfileBytes > 0) {
            publicProfiles = new PublicProfiles(publicProfileBytes);
            preloadPagesLater();
          }
          publicProfilesDecided = true;
        }
      }
    }
    return publicProfiles;
  }

  /** Schools read a query at a time by a preload: some 400 KB of rows, a few milliseconds of Derby (tests: fewer). */
  int preloadBatch = 1000;

  /**
   * Reads every school's public page into memory on a thread of its own ({@link #preloadPages}), if
   * configured: a page read on demand costs a database read and its JSON while the reader waits,
   * and a directory of random visits (a search engine's crawler, a map) would otherwise pay that
   * once for every school. Asked for when the cache is made (the first page served, not the start:
   * a start waits for nothing more), after every page was forgotten (an import), and after the budget
   * grew.
   */
  private void preloadPagesLater() {
    if (!preload) {
      return;
    }
    preloadsWanted.incrementAndGet();
    if (preloading.compareAndSet(false, true)) {
      Thread t = new Thread(this::preloadPages, "aspnet-public-pages");
      t.setDaemon(true);
      t.start();
    }
  }

  private void preloadPages() {
    long done = 0;
    do {
      try {
        while (!stopped && preloadsWanted.get() != done) {
          done = preloadsWanted.get();
          keepEveryPage();
        }
      } catch (RuntimeException e) {
        // not again until asked (done is the pass that failed): the pages are still read on demand
        if (!stopped) {
          log.warn("Schools' public pages not preloaded; they are read as they are asked for: {}", e.getMessage(), e);
        }
      } finally {
        preloading.set(false);
      }
      // asked for again between the last pass and the flag's reset: go on, unless another thread took over
    } while (!stopped && preloadsWanted.get() != done && preloading.compareAndSet(false, true));
  }

  /** Whether a pass over {@code cache} goes on: not stopped, turned off, replaced or nine tenths full. */
  private boolean preloading(PublicProfiles cache) {
    return !stopped && preload && cache != null && cache == publicProfiles && !cache.nearlyFull();
  }

  /**
   * One pass over the schools in id order, keeping each page not kept yet, until nine tenths of
   * the budget are taken. Each batch is offered as a read on demand is ({@link
   * PublicProfiles#offerIfAbsent}): a batch read while a school changed keeps nothing, and its pages
   * are read when asked for.
   */
  private void keepEveryPage() {
    long started = System.nanoTime();
    long after = 0;
    PublicProfiles cache = publicProfiles;
    int size = preloadBatch;
    while (preloading(cache)) {
      long before = cache.generation();
      long from = after;
      List<School> batch = database.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
            + " FROM MEM_SCHOOL WHERE ID > ? ORDER BY ID FETCH FIRST " + size + " ROWS ONLY")) {
          ps.setLong(1, from);
          return list(ps, SchoolDirectory::school);
        }
      });
      for (School school : batch) {
        if (!preloading(cache)) {
          break;
        }
        if (!cache.contains(school.id())) { // kept meanwhile by a request: nothing to write again
          cache.offerIfAbsent(school.id(), before, entryOf(school));
        }
      }
      if (batch.size() < size) {
        break;
      }
      after = batch.get(batch.size() - 1).id();
    }
    if (cache != null && !stopped) {
      log.info("Public pages of {} schools kept in memory ({} ms{})", cache.size(),
          (System.nanoTime() - started) / 1_000_000, cache.nearlyFull() ? ", the budget nearly full" : "");
    }
  }

  /**
   * School {@code id} as {@code GET /api/v1/schools/{id}} sends it to {@code actor}, when that is
   * its public page, from memory when it is there: the ETag's revision and the JSON bytes. Null
   * when {@code actor} may see more of it (contacts), or with no cache: then {@link #school}.
   * A 404 as {@link #school} gives one.
   */
  PublicProfiles.Entry publicProfile(Principal actor, long id) {
    PublicProfiles cache = publicProfiles();
    if (cache == null) {
      return null;
    }
    PublicProfiles.Entry entry = cache.get(id);
    if (entry == null) {
      long before = cache.generation();
      School school = database.read(c -> find(c, id));
      if (school == null) {
        throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(id)));
      }
      // a country code per entry would be a string of its own each: 48 bytes, 1,000,000 times
      entry = entryOf(school);
      cache.offer(id, before, entry);
    }
    // The anonymous public holds no grant, so it never sees more (and most visits are its own:
    // asking costs a target and the id as text each time, 2 % of such a request's CPU).
    if (!actor.isAnonymous()
        && authorizer.allows(actor, Action.VIEW_SCHOOL, Target.school(entry.country(), entry.unit(), String.valueOf(id)))) {
      return null;
    }
    if (entry.json() == null) {
      throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(id)));
    }
    return entry;
  }

  private static PublicProfiles.Entry entryOf(School school) {
    // a country code per entry would be a string of its own each: 48 bytes, 1,000,000 times
    return new PublicProfiles.Entry(school.country().intern(), school.unit(), school.status(), school.revision(),
        school.status() == MembershipStatus.MEMBER ? publicJson(school) : null);
  }

  private static byte[] publicJson(School s) {
    try {
      return org.unesco.aspnet.web.Json.MAPPER.writeValueAsBytes(publicView(s));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a school cannot be written as JSON", e);
    }
  }

  /**
   * School {@code id}'s public page is read again. Every writer of MEM_SCHOOL in this bundle calls
   * it twice: in its transaction right after the row's UPDATE, so that from then on a reader misses
   * and waits on the row's lock for the commit (no page older than a commit is sent in between), and
   * after the transaction, so that a read that began before the change is not kept (an import and
   * the bulk generator: {@link #forgetAllPages}, after).
   */
  void forgetPage(long id) {
    PublicProfiles cache = publicProfiles;
    if (cache != null) {
      cache.forget(id);
    }
  }

  void forgetAllPages() {
    PublicProfiles cache = publicProfiles;
    if (cache != null) {
      cache.forgetAll();
      preloadPagesLater();
    }
  }

  /** How many schools' pages are kept (tests). */
  long keptPages() {
    PublicProfiles cache = publicProfiles;
    return cache == null ? 0 : cache.size();
  }

  /** The weight of the pages kept, in bytes (tests). */
  long keptBytes() {
    PublicProfiles cache = publicProfiles;
    return cache == null ? 0 : cache.weight();
  }

  /** Whether school {@code id}'s page is kept (tests). */
  boolean isKept(long id) {
    PublicProfiles cache = publicProfiles;
    return cache != null && cache.contains(id);
  }

  /** Whether no preload runs now (tests). */
  boolean preloadDone() {
    return !preloading.get();
  }

  /** Whether searches are answered through the word index yet (tests wait for it). */
  boolean wordIndexReady() {
    return wordIndexComplete;
  }

  /**
   * Makes the schools' search keys again where they were made by an older {@link SearchKey} (an
   * upgrade that changed the fold), once, before the word index is marked usable. Until it is done,
   * a school whose key changed is found by its old key.
   */
  private void refreshStoredKeys() {
    try {
      int version = SearchKey.version();
      if (database.read(StoredKeys::version) >= version) {
        return;
      }
      long after = 0;
      int changed = 0;
      List<Long> missed = new ArrayList<>();
      while (!stopped) {
        long from = after;
        StoredKeys.Pass pass = database.read(c -> StoredKeys.scan(c, from, 2000));
        for (long id : pass.stale()) {
          try {
            if (database.inTransaction(c -> StoredKeys.refresh(c, id))) {
              changed++; // the page kept in memory has no key in it: nothing to forget
            }
          } catch (RuntimeException e) {
            // a writer of the row at the same moment (an edit, another node re-keying it: a
            // deadlock on Derby, a serialization failure on PostgreSQL), which wrote current keys;
            // tried again once the pass is done
            missed.add(id);
          }
        }
        if (pass.last() < 0) {
          for (long id : missed) {
            if (database.inTransaction(c -> StoredKeys.refresh(c, id))) { // a failure again ends it: the next start goes on
              changed++;
            }
          }
          database.inTransaction(c -> {
            StoredKeys.markVersion(c, version);
            return null;
          });
          log.info("Search keys of the directory made again for version {} of the fold: {} schools changed", version, changed);
          return;
        }
        after = pass.last();
      }
    } catch (RuntimeException e) {
      if (!stopped) {
        log.error("Search keys of the directory not made again; schools are found by their old keys: {}", e.getMessage(), e);
      }
    }
  }

  /**
   * Marks the word index usable, after building it first if this installation was upgraded with
   * schools already in it (V5). Until then searches read the schools themselves: slower, same answers.
   */
  private void completeWordIndex() {
    try {
      if (database.read(SearchWords::complete)) {
        wordIndexComplete = true;
        return;
      }
      long after = 0;
      while (!stopped) {
        long from = after;
        long last = database.inTransaction(c -> SearchWords.backfill(c, from, 2000));
        if (last < 0) {
          database.inTransaction(c -> {
            SearchWords.markComplete(c);
            return null;
          });
          wordIndexComplete = true;
          log.info("Word index of the directory built (schools up to id {})", after);
          return;
        }
        after = last;
      }
    } catch (RuntimeException e) {
      if (!stopped) {
        log.error("Word index of the directory not built; searches read every school: {}", e.getMessage(), e);
      }
    }
  }

  /** What a page's query reads of each school: all of it, or what finds its public page in memory. */
  private record Shape<T>(String columns, Row<T> row) {}

  private static final Shape<School> WHOLE = new Shape<>(COLUMNS, SchoolDirectory::school);

  /** A school of a page whose public page is kept in memory: its id, and its sort keys for the next cursor. */
  private record Listed(long id, String nameKey, String cityKey) {}

  private static final Shape<Listed> LISTED =
      new Shape<>("ID, NAME_KEY, CITY_KEY", rs -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3)));

  @Override
  public Page<School> schools(Principal actor, SchoolQuery query) {
    int limit = limit(query);
    Keyset after = Keyset.parse(query.cursor(), query.sort());
    List<School> rows = database.read(c -> rows(c, actor, query, after, limit, WHOLE));
    boolean more = rows.size() > limit;
    List<School> items = (more ? rows.subList(0, limit) : rows).stream().map(s -> redact(actor, s)).toList();
    return new Page<>(items, more ? Keyset.after(items.get(items.size() - 1), query.sort()) : null);
  }

  private static int limit(SchoolQuery query) {
    int limit = query.limit() == 0 ? SchoolQuery.DEFAULT_LIMIT : query.limit();
    if (limit < 1 || limit > SchoolQuery.MAX_LIMIT) {
      throw ProblemException.validation("limit", "must be between 1 and " + SchoolQuery.MAX_LIMIT);
    }
    return limit;
  }

  /** A page of the directory and one row more (there is a next page when it comes), as {@code shape} reads it. */
  private <T> List<T> rows(Connection c, Principal actor, SchoolQuery query, Keyset after, int limit, Shape<T> shape)
      throws SQLException {
    SchoolQuery.Sort sort = query.sort();
    List<String> words = DirectoryFilter.words(query);
    // Derby has no multi-version reads: while an import holds the index, read the schools instead.
    boolean indexed = !words.isEmpty() && wordIndexComplete
        && (sort == SchoolQuery.Sort.ID || sort == SchoolQuery.Sort.NEWEST)
        && !(SearchWords.bulkWriting() && database.dialect() == Database.Dialect.DERBY);
    return indexed
        ? throughWordIndex(c, actor, query, after, limit, words, shape)
        : select(c, actor, query, after, limit + 1, null, shape);
  }

  /**
   * Whether {@code query} is a search by one word and perhaps a country, in id order: the
   * directory's most common question, which {@link #membersWithWord} answers from the word index
   * alone. The word index holds every word of a school's name and city, so a school it names for
   * the word has it at the start of one of them, as the query's text condition asks.
   */
  private boolean byOneWord(SchoolQuery query, List<String> words) {
    return words.size() == 1 && query.unit() == null && query.region() == null && query.status() == null && query.level() == null
        && query.updatedSince() == null
        && query.theme() == null && query.language() == null
        && (query.sort() == SchoolQuery.Sort.ID || query.sort() == SchoolQuery.Sort.NEWEST)
        && !SearchWords.arabic(words.get(0)) && !SearchWords.unspaced(words.get(0)) && wordIndexComplete
        && !(SearchWords.bulkWriting() && database.dialect() == Database.Dialect.DERBY);
  }

  /**
   * The first {@code limit + 1} member schools after {@code after} that have a word starting with
   * {@code word} (in the query's country, if any), found in the word index and told members by
   * their pages kept in memory (those not there yet are read and kept): the schools' rows are not
   * read. Null when the index cannot answer for the word (then the query reads them).
   */
  private List<Listed> membersWithWord(Connection c, PublicProfiles cache, long before, SchoolQuery query, Keyset after,
      int limit, String word) throws SQLException {
    List<String> expanded = SearchWords.expand(c, word);
    if (expanded == null) {
      return null;
    }
    List<Listed> found = new ArrayList<>();
    String country = query.country() == null ? null : query.country().toUpperCase(Locale.ROOT);
    boolean newest = query.sort() == SchoolQuery.Sort.NEWEST;
    long position = after.id() >= 0 ? after.id() : newest ? Long.MAX_VALUE : 0;
    int batch = Math.min(SearchWords.MAX_BATCH, Integer.highestOneBit(2 * (limit + 1) - 1) << 1);
    while (!expanded.isEmpty() && found.size() <= limit) {
      SearchWords.Batch candidates = SearchWords.candidates(c, country, expanded, position, newest, batch);
      Map<Long, PublicProfiles.Entry> read = readMissing(c, cache, before, candidates.ids());
      for (long id : candidates.ids()) {
        PublicProfiles.Entry entry = cache.get(id);
        entry = entry != null ? entry : read.get(id); // read.get: kept only if no change came meanwhile
        if (entry == null) { // evicted since readMissing looked
          School school = find(c, id);
          entry = school == null ? null : entryOf(school);
        }
        if (entry != null && entry.json() != null) {
          found.add(new Listed(id, null, null));
          if (found.size() > limit) {
            return found;
          }
        }
      }
      if (!candidates.more()) {
        break;
      }
      position = candidates.last();
      batch = Math.min(2 * batch, SearchWords.MAX_BATCH);
    }
    return found;
  }

  /**
   * The entries of the schools among {@code ids} whose pages are not kept, read in one query per
   * {@link SearchWords#MAX_BATCH} and kept (unless a school changed since {@code before}).
   */
  private Map<Long, PublicProfiles.Entry> readMissing(Connection c, PublicProfiles cache, long before, List<Long> ids)
      throws SQLException {
    List<Long> missing = ids.stream().filter(id -> cache.get(id) == null).toList();
    Map<Long, PublicProfiles.Entry> read = new HashMap<>();
    for (int from = 0; from < missing.size(); from += SearchWords.MAX_BATCH) {
      List<Long> batch = SearchWords.padded(missing.subList(from, Math.min(missing.size(), from + SearchWords.MAX_BATCH)));
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM MEM_SCHOOL WHERE ID IN ("
          + "?, ".repeat(batch.size() - 1) + "?)")) {
        bind(ps, new ArrayList<>(batch));
        for (School school : list(ps, SchoolDirectory::school)) {
          PublicProfiles.Entry entry = entryOf(school);
          cache.offer(school.id(), before, entry);
          read.put(school.id(), entry);
        }
      }
    }
    return read;
  }

  /** A page of the directory as JSON kept in memory: each school's public page, and the next cursor. */
  record PublicPage(List<byte[]> items, String next) {}

  /**
   * The page {@link #schools} gives {@code actor}, made of the schools' public pages kept in
   * memory (those not there yet are read whole and kept): the database only finds which schools.
   * Null when {@code actor} may see more than the public page of one of them, or with no cache:
   * then {@link #schools}.
   */
  PublicPage publicSchools(Principal actor, SchoolQuery query) {
    PublicProfiles cache = publicProfiles();
    if (cache == null || Scopes.everything(authorizer, actor, Action.VIEW_SCHOOL)
        || Scopes.condition(authorizer, actor, Action.VIEW_SCHOOL, new ArrayList<>()) != null) {
      return null; // someone with a scope sees more of some schools: the whole rows are read
    }
    int limit = limit(query);
    SchoolQuery.Sort sort = query.sort();
    Keyset after = Keyset.parse(query.cursor(), sort);
    List<String> words = DirectoryFilter.words(query);
    long before = cache.generation();
    return database.read(c -> {
      List<Listed> rows = byOneWord(query, words) ? membersWithWord(c, cache, before, query, after, limit, words.get(0)) : null;
      if (rows == null) {
        rows = rows(c, actor, query, after, limit, LISTED);
      }
      boolean more = rows.size() > limit;
      List<Listed> page = more ? rows.subList(0, limit) : rows;
      List<byte[]> items = new ArrayList<>(page.size());
      for (Listed row : page) {
        PublicProfiles.Entry entry = cache.get(row.id());
        if (entry == null || entry.json() == null) { // not read yet, or a change not yet forgotten
          School school = find(c, row.id());
          if (school == null) {
            return null; // deleted meanwhile: let the whole read say what is there
          }
          entry = entryOf(school);
          cache.offer(row.id(), before, entry);
        }
        if (entry.json() == null
            || authorizer.allows(actor, Action.VIEW_SCHOOL, Target.school(entry.country(), entry.unit(), String.valueOf(row.id())))) {
          return null;
        }
        items.add(entry.json());
      }
      Listed last = more ? page.get(page.size() - 1) : null;
      return new PublicPage(items, last == null ? null : Keyset.after(last.id(), last.nameKey(), last.cityKey(), sort));
    });
  }

  /**
   * A page of the directory: the filters, the caller's visibility and the keyset as one query,
   * {@code n} rows at most; only among {@code ids} when given (candidates from the word index).
   */
  private <T> List<T> select(Connection c, Principal actor, SchoolQuery query, Keyset after, int n, List<Long> ids,
      Shape<T> shape) throws SQLException {
    SchoolQuery.Sort sort = query.sort();
    StringBuilder sql = new StringBuilder("SELECT " + shape.columns() + " FROM MEM_SCHOOL");
    if (ids == null && query.country() != null && sort != SchoolQuery.Sort.CITY) {
      // Derby otherwise walks the primary key (it matches ORDER BY ID) through every school of
      // every country; (COUNTRY, ID) serves both the filter and the order, (COUNTRY, NAME_KEY)
      // the order by name. PostgreSQL reads this as a comment and plans on its own.
      sql.append(sort == SchoolQuery.Sort.NAME
          ? " --DERBY-PROPERTIES index=MEM_SCHOOL_NAME_KEY\n"
          : " --DERBY-PROPERTIES index=MEM_SCHOOL_COUNTRY\n");
    }
    List<Object> params = new ArrayList<>();
    after.where(sql, params);
    if (ids != null) {
      List<Long> padded = SearchWords.padded(ids);
      sql.append(" AND ID IN (").append("?, ".repeat(padded.size() - 1)).append("?)");
      params.addAll(padded);
    }
    return filtered(c, actor, query, sql, params, Keyset.orderBy(sort), n, shape);
  }

  /**
   * A page in id order of the schools that have {@code word} in the word index: one join that
   * walks the index entries of that word in id order and reads each school once, stopping when
   * the page is full. Derby is told the join order (the word's entries, then the schools), which
   * also keeps it from sorting; in descending order it would sort every entry of the word, so
   * {@link SchoolQuery.Sort#NEWEST} goes through {@link #select} with candidate ids instead.
   */
  private <T> List<T> selectWithWord(
      Connection c, Principal actor, SchoolQuery query, Keyset after, int n, String country, String word, Shape<T> shape)
      throws SQLException {
    StringBuilder sql = new StringBuilder(
        "SELECT " + shape.columns() + " FROM --DERBY-PROPERTIES joinOrder=FIXED\n (SELECT SCHOOL_ID FROM MEM_SCHOOL_WORD");
    List<Object> params = new ArrayList<>();
    if (country != null) {
      sql.append(" --DERBY-PROPERTIES constraint=MEM_SCHOOL_WORD_PK\n WHERE COUNTRY = ? AND");
      params.add(country);
    } else {
      sql.append(" --DERBY-PROPERTIES index=MEM_SCHOOL_WORD_ANY_COUNTRY\n WHERE");
    }
    sql.append(" WORD = ? AND SCHOOL_ID > ?) W, MEM_SCHOOL");
    params.add(word);
    params.add(Math.max(after.id(), 0L));
    after.where(sql, params);
    sql.append(" AND ID = SCHOOL_ID");
    return filtered(c, actor, query, sql, params, "SCHOOL_ID", n, shape);
  }

  /** Appends the condition of the schools {@code actor} may see: members, and the rest of their scope. */
  private void visibleTo(Principal actor, StringBuilder sql, List<Object> params) {
    if (Scopes.everything(authorizer, actor, Action.VIEW_SCHOOL)) {
      return;
    }
    sql.append(" AND (STATUS = ?");
    params.add(MembershipStatus.MEMBER.name());
    String own = Scopes.condition(authorizer, actor, Action.VIEW_SCHOOL, params);
    if (own != null) {
      sql.append(" OR ").append(own);
    }
    sql.append(")");
  }

  /** Appends the query's filters, the caller's visibility and the order to a page's query and runs it. */
  private <T> List<T> filtered(Connection c, Principal actor, SchoolQuery query, StringBuilder sql,
      List<Object> params, String orderBy, int n, Shape<T> shape) throws SQLException {
    DirectoryFilter.place(sql, params, query, "");
    // Visibility is part of the query, not a filter after it, so that pages stay full.
    visibleTo(actor, sql, params);
    DirectoryFilter.attributes(sql, params, query, "");
    sql.append(" ORDER BY ").append(orderBy).append(" FETCH FIRST ? ROWS ONLY");
    params.add(n);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params);
      return list(ps, shape.row());
    }
  }

  /**
   * A free-text page read through the word index, for the longest word of the text. When that
   * word stands for one indexed word and the page is in id order: one join ({@link #selectWithWord}).
   * Otherwise candidates in the page's order from the index, then the full query among them, batch
   * after batch until the page is full. The query re-checks every word, so the index only narrows
   * what is read.
   */
  private <T> List<T> throughWordIndex(
      Connection c, Principal actor, SchoolQuery query, Keyset after, int limit, List<String> words, Shape<T> shape)
      throws SQLException {
    String longest = words.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
    List<String> expanded = SearchWords.expand(c, longest);
    if (expanded == null) {
      return select(c, actor, query, after, limit + 1, null, shape);
    }
    List<T> found = new ArrayList<>();
    if (expanded.isEmpty()) {
      return found;
    }
    String country = query.country() == null ? null : query.country().toUpperCase(Locale.ROOT);
    boolean newest = query.sort() == SchoolQuery.Sort.NEWEST;
    if (expanded.size() == 1 && !newest) {
      return selectWithWord(c, actor, query, after, limit + 1, country, expanded.get(0), shape);
    }
    long position = after.id() >= 0 ? after.id() : newest ? Long.MAX_VALUE : 0;
    int batch = Math.min(SearchWords.MAX_BATCH, Integer.highestOneBit(2 * (limit + 1) - 1) << 1);
    while (found.size() <= limit) {
      SearchWords.Batch candidates = SearchWords.candidates(c, country, expanded, position, newest, batch);
      if (!candidates.ids().isEmpty()) {
        found.addAll(select(c, actor, query, after, limit + 1 - found.size(), candidates.ids(), shape));
      }
      if (!candidates.more()) {
        break;
      }
      position = candidates.last();
      batch = Math.min(2 * batch, SearchWords.MAX_BATCH); // the other filters are selective: read further at once
    }
    return found;
  }

  @Override
  public School school(Principal actor, long id) {
    School school = database.read(c -> find(c, id));
    if (school == null || !visible(actor, school)) {
      throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(id)));
    }
    return redact(actor, school);
  }

  /** In batches of at most {@link SearchWords#MAX_BATCH} ids, the visibility as in the directory's own query. */
  @Override
  public Set<Long> visible(Principal actor, Collection<Long> ids) {
    List<Long> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
    Set<Long> seen = new LinkedHashSet<>();
    if (distinct.isEmpty()) {
      return seen;
    }
    database.read(c -> {
      for (int from = 0; from < distinct.size(); from += SearchWords.MAX_BATCH) {
        List<Long> batch = SearchWords.padded(distinct.subList(from, Math.min(distinct.size(), from + SearchWords.MAX_BATCH)));
        StringBuilder sql = new StringBuilder("SELECT ID FROM MEM_SCHOOL WHERE ID IN (")
            .append("?, ".repeat(batch.size() - 1)).append("?)");
        List<Object> params = new ArrayList<>(batch);
        visibleTo(actor, sql, params);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
          bind(ps, params);
          seen.addAll(list(ps, rs -> rs.getLong(1)));
        }
      }
      return null;
    });
    return seen;
  }

  @Override
  public School editable(Principal actor, long id) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to edit a school");
    }
    School school = database.read(c -> find(c, id));
    if (school == null || !visible(actor, school)) {
      throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(id)));
    }
    authorizer.require(actor, Action.EDIT_SCHOOL, Scopes.of(school));
    return school;
  }

  @Override
  public School update(Principal actor, long id, int expectedRevision, SchoolInput input, boolean confirmDuplicate) {
    if (actor.isAnonymous()) {
      throw ProblemException.unauthorized("Sign in to edit a school");
    }
    School[] before = new School[1];
    School after = database.inTransaction(
        c -> {
          School current = find(c, id);
          before[0] = current;
          if (current == null || !visible(actor, current)) {
            throw ProblemException.notFound(LifecycleMessages.get(actor.language(), "noSchool", String.valueOf(id)));
          }
          authorizer.require(actor, Action.EDIT_SCHOOL, Scopes.of(current));
          // A move to another country is refused before the fields that country asks for are checked
          String toCountry = input.country() == null ? null : input.country().strip().toUpperCase(java.util.Locale.ROOT);
          if (toCountry != null && !toCountry.equals(current.country()) && countries.exists(toCountry)) {
            requireMove(actor, current, toCountry, null);
          }
          // a country that is none (a mistake of the edit) leaves nothing behind: the fields are
          // checked against the school's country, with the country's error
          boolean knownCountry = toCountry != null && countries.exists(toCountry);
          SchoolInput valid = validate(actor, knownCountry ? profiles.movedFrom(current.country(), input) : input,
              current.fields(), current.country());
          // An edit that makes the school look like another one (a renamed school, a national id
          // typed twice) is checked like an application; unrelated edits are not.
          if (identityChanged(current, valid)) {
            requireNoDuplicate(c, actor, valid, id, confirmDuplicate);
          }
          // Moving a school to another country or unit needs the right there too: an NC cannot
          // send a school away, a school cannot move itself.
          if (!valid.country().equals(current.country())
              || !java.util.Objects.equals(valid.unit(), current.unit())) {
            requireMove(actor, current, valid.country(), valid.unit());
          }
          // An edit that changes nothing ({} or the values as they are) writes nothing: a new
          // revision would only make others' edits fail with 412, and the audit record a non-event.
          School updated = changes(current, valid).isEmpty()
              ? current.revision() == expectedRevision ? current : null
              : store(c, actor, current, valid, expectedRevision);
          if (updated == null) {
            throw ProblemException.preconditionFailed(LifecycleMessages.get(actor.language(), "schoolChanged", String.valueOf(id)));
          }
          return updated;
        });
    forgetPage(id);
    announceIfMoved(before[0], after);
    return after;
  }

  /**
   * Writes the checked values {@code valid} over school {@code current} (the edit's rights, rules and
   * duplicate check done) if its revision is still {@code expectedRevision}: a new revision (its
   * ETag), the word index, and the audit entry {@code school.update} with the school before and
   * after. Null when the school changed meanwhile: nothing is written. An import writes its updates
   * through here as well. The caller announces a move after the commit ({@link #announceIfMoved}).
   */
  School store(Connection c, Principal actor, School current, SchoolInput valid, int expectedRevision) throws SQLException {
    // the keys as stored, which an older fold may have made (StoredKeys re-keys those after an
    // upgrade): the index entries to replace are theirs, and an edit that rewrites them re-indexes
    String[] storedKeys = StoredKeys.of(c, current.id());
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE MEM_SCHOOL SET NAME = ?, NAME_KEY = ?, COUNTRY = ?, UNIT = ?, CITY = ?,"
                + " CITY_KEY = ?, ADDRESS = ?, LATITUDE = ?, LONGITUDE = ?, LEVELS = ?, THEMES = ?,"
                + " LANGUAGES = ?, STUDENTS = ?, TEACHERS = ?, EMAIL = ?, WEBSITE = ?,"
                + " NATIONAL_ID = ?, FIELDS = ?, REVISION = REVISION + 1, UPDATED_AT = ?"
                + " WHERE ID = ? AND REVISION = ?")) {
      int i = bindProfile(ps, valid);
      ps.setTimestamp(i++, Timestamp.from(Instant.now()));
      ps.setLong(i++, current.id());
      ps.setInt(i, expectedRevision);
      if (ps.executeUpdate() == 0) {
        return null;
      }
    }
    forgetPage(current.id()); // now, while the row is locked: a reader waits for the commit (see forgetPage)
    // the row was there (the UPDATE found it), so were its keys; the entries follow the keys written
    if (!valid.country().equals(current.country()) || !storedKeys[0].equals(SearchKey.of(valid.name()))
        || !storedKeys[1].equals(SearchKey.of(valid.city()))) {
      SearchWords.reindex(c, current.id(), current.country(), storedKeys[0], storedKeys[1],
          valid.country(), valid.name(), valid.city());
    }
    School updated = find(c, current.id());
    if (accounts != null && (!current.country().equals(updated.country()) || !Objects.equals(current.unit(), updated.unit()))) {
      // its focal point's and staff's roles move with it, so that the coordinators of where it is now
      // are the ones who may invite, reset and read about its people
      accounts.schoolMoved(c, String.valueOf(current.id()), updated.country(), updated.unit());
    }
    audit.record(c, actor, "school.update", "school", String.valueOf(current.id()), updated.country(),
        summary(current), summary(updated));
    if (!updated.country().equals(current.country())) {
      // moved abroad: the country it left reads the move in its own log too, as a partnership's
      // countries each do
      audit.record(c, actor, "school.update", "school", String.valueOf(current.id()), current.country(),
          summary(current), summary(updated));
      leaveNationalStage(c, actor, current, updated);
      leaveBehind(c, current, updated.country());
    }
    return updated;
  }

  /**
   * Keeps what a school moving from {@code current}'s country to {@code toCountry} had there (its
   * unit and extra fields, which the new country may not show) so that a move back gives them again;
   * the entry of the country it arrives in is dropped: what it had there is its data again.
   */
  static void leaveBehind(Connection c, School current, String toCountry) throws SQLException {
    Map<String, Object> all = new LinkedHashMap<>(allLeftBehind(c, current.id()));
    Map<String, Object> fields = current.fields() == null ? Map.of() : current.fields();
    if (current.unit() != null || !fields.isEmpty()) {
      Map<String, Object> there = new LinkedHashMap<>();
      there.put("unit", current.unit());
      there.put("fields", fields);
      all.remove(current.country()); // the newest last
      all.put(current.country(), there);
    }
    all.remove(toCountry);
    String json = all.isEmpty() ? null : fieldsJson(all);
    while (json != null && json.length() > LEFT_BEHIND_MAX) {
      // full: the country left longest ago gives way (the audit entry of that move keeps it)
      all.remove(all.keySet().iterator().next());
      json = all.isEmpty() ? null : fieldsJson(all);
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SCHOOL SET LEFT_BEHIND = ? WHERE ID = ?")) {
      ps.setString(1, json);
      ps.setLong(2, current.id());
      ps.executeUpdate();
    }
  }

  /** The room of MEM_SCHOOL.LEFT_BEHIND (V12). */
  private static final int LEFT_BEHIND_MAX = 32000;

  /** What school {@code id} left in {@code country} when it moved away: {@code unit} and {@code fields}; empty if nothing. */
  public Map<String, Object> leftBehind(long id, String country) {
    return database.read(c -> leftBehind(c, id, country));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> leftBehind(Connection c, long id, String country) throws SQLException {
    Object there = country == null ? null : allLeftBehind(c, id).get(country.strip().toUpperCase(java.util.Locale.ROOT));
    return there instanceof Map ? (Map<String, Object>) there : Map.of();
  }

  private static Map<String, Object> allLeftBehind(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT LEFT_BEHIND FROM MEM_SCHOOL WHERE ID = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? fieldsOf(rs.getString(1)) : Map.of();
      }
    }
  }

  /**
   * A school that moves to another country leaves the national ladder of the one it left: its
   * current membership period's stage was that country's (and would come back were it to return),
   * so it is cleared, and its time in a stage counts from the move. Where the new country has a
   * ladder, the school stands at the first stage mapped onto its status (an application at
   * Germany's "interessiert"), which the membership shows and the ladder's moves start from; else
   * at none. The move is a line of the membership's history (its status stays, {@code fromStage}
   * the stage left, {@code toStage} the one it arrives at, the countries as comment) and a {@code membership.stage}
   * entry of the audit in both countries, with the stage it now stands at.
   */
  private void leaveNationalStage(Connection c, Principal actor, School current, School updated) throws SQLException {
    long membershipId = current.membershipId();
    String status = null;
    String stage = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT STATUS, NATIONAL_STAGE FROM MEM_MEMBERSHIP WHERE ID = ?")) {
      ps.setLong(1, membershipId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        status = rs.getString(1);
        stage = rs.getString(2);
      }
    }
    Timestamp now = Timestamp.from(Instant.now());
    String arrived;
    try {
      arrived = profiles.stageOf(updated.country(), org.unesco.aspnet.membership.MembershipStatus.valueOf(status));
    } catch (ProblemException unavailable) {
      // the profile fails (it was asked for the edit's check a moment ago): no stage rather than no
      // move; the ladder's moves read an empty stage as the one of the status, as for a membership
      // older than the profile
      arrived = null;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE MEM_MEMBERSHIP SET NATIONAL_STAGE = ?, STAGE_SINCE = ? WHERE ID = ?")) {
      ps.setString(1, arrived);
      ps.setTimestamp(2, now);
      ps.setLong(3, membershipId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO MEM_STATUS_CHANGE (MEMBERSHIP_ID, FROM_STATUS, TO_STATUS, ACTOR, CHANGED_AT, COMMENT_TEXT,"
            + " FROM_STAGE, TO_STAGE, COUNTRY_MOVE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
      ps.setLong(1, membershipId);
      ps.setString(2, status);
      ps.setString(3, status);
      ps.setString(4, actor.accountId());
      ps.setTimestamp(5, now);
      ps.setString(6, current.country() + " \u2192 " + updated.country());
      ps.setString(7, stage);
      ps.setString(8, arrived); // the stage the membership shows from now on (V13 marks the line a move)
      ps.executeUpdate();
    }
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("country", current.country());
    before.put("stage", stage);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("country", updated.country());
    after.put("stage", arrived);
    for (String country : List.of(updated.country(), current.country())) {
      audit.record(c, actor, "membership.stage", "membership", String.valueOf(membershipId), country, before, after);
    }
  }

  /**
   * The fields whose values {@code input} would change in {@code current}, in the order of the
   * school's JSON, national profile fields as {@code fields.<key>}; empty for none. Numbers are
   * compared by value (a stored 12 is the 12 of a file, whatever its Java type).
   */
  static List<String> changes(School current, SchoolInput input) {
    List<String> changed = new ArrayList<>();
    SchoolInput was = current.input();
    // the record's own components, in its order: a field added to SchoolInput is compared too
    for (java.lang.reflect.RecordComponent field : SchoolInput.class.getRecordComponents()) {
      if (!field.getName().equals("fields") && !sameValue(value(field, was), value(field, input))) {
        changed.add(field.getName());
      }
    }
    Set<String> keys = new LinkedHashSet<>(was.fields().keySet());
    keys.addAll(input.fields().keySet());
    for (String key : keys) {
      if (!sameValue(was.fields().get(key), input.fields().get(key))) {
        changed.add("fields." + key);
      }
    }
    return changed;
  }

  private static Object value(java.lang.reflect.RecordComponent field, SchoolInput school) {
    try {
      return field.getAccessor().invoke(school);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e); // a public record accessor: not expected
    }
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      try {
        return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
      } catch (NumberFormatException notFinite) {
        // an import's 1e400 reads as Infinity, which its check refuses: never a stored value
        return x.doubleValue() == y.doubleValue();
      }
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameValue(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /**
   * After the commit, tells the bundles that keep a copy of a school's place and name (a campaign's
   * participants and reports) that it changed: {@link SchoolService#TOPIC_SCHOOL_CHANGED}.
   */
  void announceIfMoved(School before, School after) {
    EventAdmin events = eventAdmin;
    if (events == null || before == null || !moved(before, after)) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("schoolId", after.id());
    properties.put("country", after.country());
    properties.put("previousCountry", before.country());
    properties.put("name", after.name());
    if (after.unit() != null) {
      properties.put("unit", after.unit());
    }
    if (after.city() != null) {
      properties.put("city", after.city());
    }
    // postEvent: listeners run on Event Admin's thread and cannot slow down or fail the edit.
    events.postEvent(new Event(SchoolService.TOPIC_SCHOOL_CHANGED, properties));
  }

  /** Whether the school's place or name changed: what {@link #announceIfMoved} tells. */
  static boolean moved(School before, School after) {
    return !before.country().equals(after.country()) || !Objects.equals(before.unit(), after.unit())
        || !before.name().equals(after.name()) || !Objects.equals(before.city(), after.city());
  }

  static boolean identityChanged(School current, SchoolInput valid) {
    return wordsChanged(current, valid) || !java.util.Objects.equals(valid.nationalId(), current.nationalId());
  }

  /** Whether the country, or the searched form of the name or city, changed (the word index's keys). */
  private static boolean wordsChanged(School current, SchoolInput valid) {
    return !valid.country().equals(current.country())
        || !SearchKey.of(valid.name()).equals(SearchKey.of(current.name()))
        || !SearchKey.of(valid.city()).equals(SearchKey.of(current.city()));
  }

  /** A school as the audit log keeps it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> summary(School school) {
    return org.unesco.aspnet.web.Json.MAPPER.convertValue(school, Map.class);
  }

  @Override
  public Optional<Target> locate(String schoolId) {
    long id;
    try {
      id = Long.parseLong(schoolId);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    School school = database.read(c -> find(c, id));
    return school == null
        ? Optional.empty()
        : Optional.of(Target.school(school.country(), school.unit(), String.valueOf(school.id())));
  }

  @Override
  public Optional<String> name(String schoolId) {
    try {
      long id = Long.parseLong(schoolId);
      School school = database.read(c -> find(c, id));
      return school == null ? Optional.empty() : Optional.of(school.name());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Inserts a school with its first status; the caller links the membership. */
  long insert(Connection c, SchoolInput valid, MembershipStatus status, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO MEM_SCHOOL (NAME, NAME_KEY, COUNTRY, UNIT, CITY, CITY_KEY, ADDRESS,"
                + " LATITUDE, LONGITUDE, LEVELS, THEMES, LANGUAGES, STUDENTS, TEACHERS, EMAIL, WEBSITE,"
                + " NATIONAL_ID, FIELDS, STATUS, REVISION, CREATED_AT, UPDATED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int i = bindProfile(ps, valid);
      ps.setString(i++, status.name());
      ps.setTimestamp(i++, Timestamp.from(now));
      ps.setTimestamp(i, Timestamp.from(now));
      ps.executeUpdate();
      long id = generatedId(ps);
      SearchWords.index(c, id, valid.country(), valid.name(), valid.city());
      return id;
    }
  }

  /**
   * 409 with the likely duplicates of {@code valid} (other than school {@code self}), unless
   * there are none; each as {@code actor} may see it ({@link #describe}).
   */
  /** Takes the school's row for the rest of the transaction: others who take it wait (none if no such school). */
  static void lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SCHOOL SET REVISION = REVISION WHERE ID = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /**
   * Refuses (409) a school that looks like another one, unless {@code confirmed}. Either way it
   * counts on its country's guard, which it holds until the transaction ends (see DuplicateGuard),
   * so that an import checking the same country notices.
   */
  void requireNoDuplicate(Connection c, Principal actor, SchoolInput valid, long self, boolean confirmed)
      throws SQLException {
    // until this transaction ends, nobody else looks for (and writes) a school of this country
    DuplicateGuard.enter(c, valid.country());
    if (confirmed) {
      return;
    }
    List<Duplicate> duplicates = likelyDuplicates(c, valid, self);
    if (!duplicates.isEmpty()) {
      throw new ProblemException(
          409,
          ProblemException.TYPE_BASE + "likely-duplicate",
          "Likely duplicate",
          "A school with the same name and city, or the same national id, is already known in "
              + valid.country() + "; send \"confirmDuplicate\": true if this is another school",
          List.of(),
          Map.of("duplicates", duplicates.stream().map(d -> describe(actor, d)).toList()));
    }
  }

  /** Schools of the same country with the same name and city, or the same national school id. */
  List<Duplicate> likelyDuplicates(Connection c, SchoolInput valid, long self) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT ID, NAME, CITY, COUNTRY, UNIT, NATIONAL_ID, STATUS FROM MEM_SCHOOL WHERE COUNTRY = ? AND ID <> ?"
                + " AND ((NAME_KEY = ? AND CITY_KEY = ?)");
    List<Object> params =
        new ArrayList<>(List.of(valid.country(), self, SearchKey.of(valid.name()), SearchKey.of(valid.city())));
    if (valid.nationalId() != null) {
      sql.append(" OR NATIONAL_ID = ?");
      params.add(valid.nationalId());
    }
    sql.append(") ORDER BY ID FETCH FIRST ? ROWS ONLY");
    params.add(MAX_DUPLICATES);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params);
      return list(
          ps,
          rs ->
              new Duplicate(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4).strip(),
                  rs.getString(5),
                  rs.getString(6),
                  MembershipStatus.valueOf(rs.getString(7))));
    }
  }

  /**
   * The core rules and the country's national profile (its fields, units and own rules), every
   * error at once: an application missing its address also learns what its national fields lack.
   */
  SchoolInput validate(Principal actor, SchoolInput input) {
    return validate(actor, input, Map.of(), null);
  }

  /**
   * As {@link #validate(Principal, SchoolInput)} for an edit: {@code stored} are the school's extra
   * fields now, {@code currentCountry} its country (whose profile checks them when the edit's
   * country is wrong or missing).
   */
  private SchoolInput validate(Principal actor, SchoolInput input, Map<String, Object> stored, String currentCountry) {
    SchoolInput tidy = profiles.withUnitCode(SchoolValidator.tidy(input));
    List<FieldError> core = SchoolValidator.check(tidy, countries::exists, actor.language());
    if (core.isEmpty()) {
      return withProfile(actor, tidy, stored);
    }
    throw ProblemException.validation(SchoolForm.withNationalRules(core, tidy,
        given -> profiles.check(profiles.withUnitCode(given), stored, actor.language()).errors(), currentCountry));
  }

  /**
   * Checks a tidied, core-valid input against its country's national profile; {@code stored} are
   * the extra fields the school has now (kept where the profile does not define them).
   */
  private SchoolInput withProfile(Principal actor, SchoolInput tidy, Map<String, Object> stored) {
    NationalProfiles.Checked checked = profiles.check(tidy, stored, actor.language());
    if (!checked.errors().isEmpty()) {
      throw ProblemException.validation(checked.errors());
    }
    String json = fieldsJson(checked.fields());
    if (json != null && json.length() > FIELDS_MAX) {
      throw ProblemException.validation("fields", "take at most " + FIELDS_MAX + " characters together");
    }
    return tidy.withFields(checked.fields());
  }

  /** The right to edit the school where it would move to, else a 403 that says so. */
  private void requireMove(Principal actor, School current, String country, String unit) {
    if (!authorizer.allows(actor, Action.EDIT_SCHOOL, Target.school(country, unit, null))) {
      if (actor.isAnonymous()) {
        throw ProblemException.unauthorized("Sign in to edit a school");
      }
      String from = current.unit() == null ? current.country() : current.country() + "/" + current.unit();
      throw ProblemException.forbidden(LifecycleMessages.get(actor.language(), "moveRefused", String.valueOf(current.id()),
          from, unit == null ? country : country + "/" + unit));
    }
  }

  static School find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM MEM_SCHOOL WHERE ID = ?")) {
      ps.setLong(1, id);
      List<School> rows = list(ps, SchoolDirectory::school);
      return rows.isEmpty() ? null : rows.get(0);
    }
  }

  /** The public sees member schools; the rest is for those in scope (HQ, NC, the school...). */
  boolean visible(Principal actor, School school) {
    return school.status() == MembershipStatus.MEMBER || authorizer.allows(actor, Action.VIEW_SCHOOL, Scopes.of(school));
  }

  /** Contacts are not public: only those in scope see the email. */
  private School redact(Principal actor, School s) {
    return authorizer.allows(actor, Action.VIEW_SCHOOL, Scopes.of(s)) ? s : publicView(s);
  }

  private static School publicView(School s) {
    return new School(
        s.id(), s.name(), s.country(), s.unit(), s.city(), s.address(), s.latitude(), s.longitude(),
        s.levels(), s.themes(), s.languages(), s.students(), s.teachers(), null, s.website(),
        s.nationalId(), s.fields(), s.membershipId(), s.status(), s.revision());
  }

  /** Extra fields are stored as one JSON object; null when there are none. */
  static String fieldsJson(Map<String, Object> fields) {
    if (fields == null || fields.isEmpty()) {
      return null;
    }
    try {
      return org.unesco.aspnet.web.Json.MAPPER.writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("extra fields cannot be written as JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> fieldsOf(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return org.unesco.aspnet.web.Json.MAPPER.readValue(json, LinkedHashMap.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored extra fields are not JSON", e);
    }
  }

  static String joinCodes(List<?> codes) {
    if (codes.isEmpty()) {
      return "";
    }
    StringBuilder joined = new StringBuilder(",");
    codes.forEach(code -> joined.append(code).append(','));
    return joined.toString();
  }

  static List<String> splitCodes(String joined) {
    return splitCodes(joined, code -> code);
  }

  /** A stored ",A,B," list, each code read {@code as} something; by hand: it runs for every row read. */
  static <T> List<T> splitCodes(String joined, java.util.function.Function<String, T> as) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    List<T> codes = new ArrayList<>(4);
    int start = 0;
    for (int i = 0; i <= joined.length(); i++) {
      if (i == joined.length() || joined.charAt(i) == ',') {
        if (i > start) {
          codes.add(as.apply(joined.substring(start, i)));
        }
        start = i + 1;
      }
    }
    return java.util.Collections.unmodifiableList(codes);
  }

  static int bindProfile(PreparedStatement ps, SchoolInput s) throws SQLException {
    int i = 1;
    ps.setString(i++, s.name());
    ps.setString(i++, SearchKey.of(s.name()));
    ps.setString(i++, s.country());
    setText(ps, i++, s.unit());
    ps.setString(i++, s.city());
    ps.setString(i++, SearchKey.of(s.city()));
    ps.setString(i++, s.address());
    setDouble(ps, i++, s.latitude());
    setDouble(ps, i++, s.longitude());
    ps.setString(i++, joinCodes(s.levels()));
    ps.setString(i++, joinCodes(s.themes()));
    ps.setString(i++, joinCodes(s.languages()));
    setInt(ps, i++, s.students());
    setInt(ps, i++, s.teachers());
    ps.setString(i++, s.email());
    setText(ps, i++, s.website());
    setText(ps, i++, s.nationalId());
    setText(ps, i++, fieldsJson(s.fields()));
    return i;
  }

  private static School school(ResultSet rs) throws SQLException {
    return new School(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        doubleOrNull(rs, 7),
        doubleOrNull(rs, 8),
        splitCodes(rs.getString(9), Level::valueOf),
        splitCodes(rs.getString(10), Theme::valueOf),
        splitCodes(rs.getString(11)),
        intOrNull(rs, 12),
        intOrNull(rs, 13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        fieldsOf(rs.getString(20)),
        rs.getLong(17),
        MembershipStatus.valueOf(rs.getString(18)),
        rs.getInt(19));
  }

  static long generatedId(Statement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("the database returned no generated id");
      }
      return keys.getLong(1);
    }
  }

  static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (p instanceof java.sql.Timestamp t) {
        ps.setTimestamp(i + 1, t);
      } else {
        ps.setString(i + 1, (String) p);
      }
    }
  }

  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static <T> List<T> list(PreparedStatement ps, Row<T> row) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(row.map(rs));
      }
    }
    return rows;
  }

  /**
   * A likely duplicate as {@code actor} learns of it. One they may see (a member, or a school in
   * their scope) comes whole: {@code id, name, city, country, nationalId, status}. Of one they may
   * not see (another's candidate), they learn that it exists and what makes it a look-alike:
   * {@code name, city, country}; no id, status, national id or contact, so that an application
   * tells nothing more about a candidate than that a school like it is known.
   */
  Map<String, Object> describe(Principal actor, Duplicate d) {
    boolean visible = d.status() == MembershipStatus.MEMBER
        || authorizer.allows(actor, Action.VIEW_SCHOOL, Target.school(d.country(), d.unit(), String.valueOf(d.id())));
    Map<String, Object> m = new LinkedHashMap<>();
    if (visible) {
      m.put("id", d.id());
    }
    m.put("name", d.name());
    m.put("city", d.city());
    m.put("country", d.country());
    if (visible) {
      m.put("nationalId", d.nationalId());
      m.put("status", d.status().name());
    }
    return m;
  }

  private static void setText(PreparedStatement ps, int i, String value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }

  private static void setDouble(PreparedStatement ps, int i, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, value);
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, value);
    }
  }

  private static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }
}
