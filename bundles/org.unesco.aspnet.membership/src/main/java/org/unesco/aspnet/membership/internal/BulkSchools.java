package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.persistence.Database;

/**
 * For benchmarks only: with {@code ASPNET_GENERATE_SCHOOLS=<n>} in the environment and an empty
 * directory, fills it with {@code n} generated member schools, in batches that bypass the
 * per-application checks (they are known to be valid), and logs the rate. Generated schools have a
 * membership, a certificate and a history (applied, certified).
 */
@Component(
    immediate = true,
    // Looked up only when asked for: without the variable, start-up touches no other service.
    reference = {
      @Reference(name = "database", service = Database.class),
      @Reference(name = "countries", service = CountryService.class),
      @Reference(name = "directory", service = SchoolDirectory.class)
    })
public final class BulkSchools {
  static final String VARIABLE = "ASPNET_GENERATE_SCHOOLS";
  private static final int CHUNK = 10_000;
  private static final String[] PREFIXES = {"Lycée", "Collège", "Gymnasium", "Escuela", "Escola", "Liceo", "School", "Academy", "Institut", "Colegio"};
  private static final String[] NAMES = {"Victor Hugo", "Marie Curie", "Nelson Mandela", "Paulo Freire", "Wangari Maathai",
      "Rabindranath Tagore", "Gabriela Mistral", "Ibn Khaldun", "Simón Bolívar", "Amílcar Cabral", "Kwame Nkrumah", "Jean Moulin",
      "Frida Kahlo", "Avicenna", "Confucius", "Montessori", "Pestalozzi", "Humboldt", "Sor Juana", "Malala", "Al-Farabi", "Comenius"};
  private static final String[] CITIES = {"Lyon", "Nairobi", "Recife", "Fès", "Osaka", "Kraków", "Valparaíso", "Pune", "Accra", "Hanoi",
      "Tunis", "Quito", "Tallinn", "Dakar", "Cebu", "Oaxaca", "Tromsø", "Izmir", "Arusha", "Montréal"};

  @Activate
  public BulkSchools(ComponentContext context, @Reference(service = LoggerFactory.class) Logger log) {
    String value = System.getenv(VARIABLE);
    if (value == null || value.isBlank()) {
      return;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      log.error("{}={} is not a number of schools", VARIABLE, value);
      return;
    }
    Thread t = new Thread(() -> {
      try {
        Database database = context.locateService("database");
        CountryService countries = context.locateService("countries");
        generate(database, countries.countries(Principal.system(), Locale.ENGLISH).stream().map(Country::iso2).toList(), n, log);
        // a page asked for while the rows were being linked to their memberships is read again
        SchoolDirectory directory = context.locateService("directory");
        directory.forgetAllPages();
      } catch (RuntimeException e) {
        log.error("Generating schools failed: {}", e.getMessage(), e);
      }
    }, "aspnet-generate-schools");
    t.setDaemon(true);
    t.start();
  }

  static void generate(Database database, List<String> countries, int n, Logger log) {
    boolean empty = database.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MEM_SCHOOL FETCH FIRST 1 ROWS ONLY");
          ResultSet rs = ps.executeQuery()) {
        return !rs.next();
      }
    });
    if (!empty) {
      log.warn("{} ignored: the directory is not empty", VARIABLE);
      return;
    }
    long start = System.nanoTime();
    Random random = new Random(42);
    if (database.dialect() == Database.Dialect.DERBY) {
      try {
        derbyImport(database, countries, n, random);
        long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        log.info("Generated {} schools in {} ms ({} schools/s, Derby bulk import)", n, ms, n * 1000L / ms);
        return;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    for (int done = 0; done < n; done += CHUNK) {
      int size = Math.min(CHUNK, n - done);
      List<SchoolInput> chunk = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        chunk.add(school(random, countries, done + i));
      }
      database.inTransaction(c -> insert(c, chunk));
    }
    long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    log.info("Generated {} schools in {} ms ({} schools/s)", n, ms, n * 1000L / ms);
  }

  /**
   * Derby's bulk import into the empty tables: it writes without logging each row and builds the
   * indexes once at the end, several times faster than batched inserts. Each file is written once
   * the ids of the table before it are known (an import numbers its rows in file order).
   */
  static void derbyImport(Database database, List<String> countries, int n, Random random) throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("aspnet-generate-");
    java.nio.file.Path file = dir.resolve("rows.csv");
    java.nio.file.Path wordFile = dir.resolve("words.csv");
    String now = q(new Timestamp(System.currentTimeMillis()).toString());
    String[] country = new String[n];
    try {
      database.inTransaction(c -> {
        // The membership ids the import will hand out, written with the schools: no pass over
        // the table afterwards to link them (checked below, repaired if the guess was wrong).
        long predicted = nextIdentity(c, "MEM_MEMBERSHIP");
        // The word index is written in the same pass, with the school ids predicted too.
        long predictedSchool = nextIdentity(c, "MEM_SCHOOL");
        java.util.Set<String> dictionary = new java.util.HashSet<>();
        write(file, w -> {
          try (java.io.Writer words = java.nio.file.Files.newBufferedWriter(wordFile)) {
          for (int i = 0; i < n; i++) {
            SchoolInput x = school(random, countries, i);
            country[i] = x.country();
            for (String word : SearchWords.of(x.name(), x.city())) {
              words.write(q(x.country()) + "," + q(word) + "," + (predictedSchool + i) + "\n");
              dictionary.add(word);
            }
            w.write(String.join(",", q(x.name()), q(SearchKey.of(x.name())), q(x.country()), "", q(x.city()),
                q(SearchKey.of(x.city())), q(x.address()), String.valueOf(x.latitude()), String.valueOf(x.longitude()),
                q(SchoolDirectory.joinCodes(x.levels())), q(SchoolDirectory.joinCodes(x.themes())),
                q(SchoolDirectory.joinCodes(x.languages())), String.valueOf(x.students()), String.valueOf(x.teachers()),
                q(x.email()), q(x.website()), "", "", String.valueOf(predicted + i), q(MembershipStatus.MEMBER.name()), "1", now, now));
            w.write('\n');
          }
          }
        });
        // The word index has no foreign key: it loads in a transaction of its own on a second
        // thread, beside the schools, memberships and history lines, so that Derby's index sorts
        // (most of a load) run on both cores.
        java.util.concurrent.CompletableFuture<Void> wordIndex = java.util.concurrent.CompletableFuture.runAsync(
            () -> database.inTransaction(w -> {
              load(w, "MEM_SCHOOL_WORD", "COUNTRY,WORD,SCHOOL_ID", wordFile);
              loadDictionary(w, dictionary, dir.resolve("dictionary.csv"));
              return null;
            }),
            r -> new Thread(r, "aspnet-generate-words").start());
        long firstSchool;
        try {
          firstSchool = loadDirectory(c, file, n, country, now, predicted);
        } finally {
          wordIndex.exceptionally(e -> null).join(); // it reads a file that is deleted below
        }
        try {
          wordIndex.join();
        } catch (java.util.concurrent.CompletionException e) {
          throw new SQLException("The word index was not loaded: " + e.getCause().getMessage(), e.getCause());
        }
        if (firstSchool != predictedSchool) { // Derby's peek is exact for a single writer: not expected
          throw new SQLException("MEM_SCHOOL numbered from " + firstSchool + ", not " + predictedSchool + " as predicted");
        }
        // Derby's identity generators were read (peeked) before the imports: on the next clean
        // shutdown they would write their old position back, and the first school after a
        // restart would take id 1 again. Setting each one after the rows fixes that for good.
        for (String table : List.of("MEM_SCHOOL", "MEM_MEMBERSHIP", "MEM_STATUS_CHANGE")) {
          restartIdentity(c, table);
        }
        return null;
      });
    } finally {
      java.nio.file.Files.deleteIfExists(file);
      java.nio.file.Files.deleteIfExists(wordFile);
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  /**
   * The schools, their memberships and history lines, from files written as each table's ids are
   * known; returns the first school's id.
   */
  private static long loadDirectory(Connection c, java.nio.file.Path file, int n, String[] country, String now,
      long predicted) throws SQLException {
    load(c, "MEM_SCHOOL", "NAME,NAME_KEY,COUNTRY,UNIT,CITY,CITY_KEY,ADDRESS,LATITUDE,LONGITUDE,LEVELS,THEMES,"
        + "LANGUAGES,STUDENTS,TEACHERS,EMAIL,WEBSITE,NATIONAL_ID,FIELDS,MEMBERSHIP_ID,STATUS,REVISION,CREATED_AT,UPDATED_AT", file);
    long firstSchool = firstOfContiguous(c, "MEM_SCHOOL", n);
    write(file, w -> {
      for (int i = 0; i < n; i++) {
        long school = firstSchool + i;
        w.write(String.join(",", String.valueOf(school), "1", q(MembershipStatus.MEMBER.name()),
            q(String.format("ASPNET-%s-G-%09d", country[i], school)), now, now));
        w.write('\n');
      }
    });
    load(c, "MEM_MEMBERSHIP", "SCHOOL_ID,PERIOD_NO,STATUS,CERTIFICATE,APPLIED_AT,CERTIFIED_AT", file);
    long firstMembership = firstOfContiguous(c, "MEM_MEMBERSHIP", n);
    if (firstMembership != predicted) {
      try (PreparedStatement link = c.prepareStatement("UPDATE MEM_SCHOOL SET MEMBERSHIP_ID = ID + ?")) {
        link.setLong(1, firstMembership - firstSchool);
        link.executeUpdate();
      }
    }
    write(file, w -> {
      for (int i = 0; i < n; i++) {
        String membership = String.valueOf(firstMembership + i);
        w.write(String.join(",", membership, "", q("APPLIED"), q("system"), now, q("generated for a benchmark")));
        w.write('\n');
        w.write(String.join(",", membership, q("APPLIED"), q("MEMBER"), q("system"), now, q("generated for a benchmark")));
        w.write('\n');
      }
    });
    load(c, "MEM_STATUS_CHANGE", "MEMBERSHIP_ID,FROM_STATUS,TO_STATUS,ACTOR,CHANGED_AT,COMMENT_TEXT", file);
    return firstSchool;
  }

  /** The words the dictionary does not know yet, from a file (Derby's bulk import). */
  private static void loadDictionary(Connection c, java.util.Set<String> words, java.nio.file.Path file)
      throws SQLException {
    java.util.Set<String> unknown = new java.util.HashSet<>(words);
    try (PreparedStatement known = c.prepareStatement("SELECT WORD FROM MEM_SEARCH_WORD"); ResultSet rs = known.executeQuery()) {
      while (rs.next()) {
        unknown.remove(rs.getString(1));
      }
    }
    try {
      write(file, w -> {
        for (String word : unknown) {
          w.write(q(word) + "\n");
        }
      });
      load(c, "MEM_SEARCH_WORD", "WORD", file);
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(file);
      } catch (java.io.IOException e) {
        // a temporary file left behind in the temporary directory
      }
    }
  }

  private interface Lines {
    void to(java.io.Writer w) throws java.io.IOException;
  }

  private static void write(java.nio.file.Path file, Lines lines) {
    try (var w = java.nio.file.Files.newBufferedWriter(file)) {
      lines.to(w);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void restartIdentity(Connection c, String table) throws SQLException {
    long next;
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(ID) FROM " + table); ResultSet rs = ps.executeQuery()) {
      rs.next();
      next = rs.getLong(1) + 1;
    }
    try (java.sql.Statement st = c.createStatement()) {
      // DDL takes no parameters: a table name of our own and a number
      st.executeUpdate("ALTER TABLE " + table + " ALTER COLUMN ID RESTART WITH " + next);
    }
  }

  private static long nextIdentity(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_PEEK_AT_IDENTITY(CURRENT SCHEMA, ?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The first id of a table that was empty and got {@code n} rows numbered without a gap. */
  private static long firstOfContiguous(Connection c, String table, int n) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(ID), MAX(ID), COUNT(*) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      if (rs.getLong(3) != n || rs.getLong(2) - rs.getLong(1) + 1 != n) {
        throw new SQLException(table + " did not get " + n + " ids in a row; generate into an empty database");
      }
      return rs.getLong(1);
    }
  }

  private static void load(Connection c, String table, String columns, java.nio.file.Path file) throws SQLException {
    try (java.sql.CallableStatement call = c.prepareCall(
        "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, ',', '\"', 'UTF-8', 0)")) {
      call.setString(1, table);
      call.setString(2, columns);
      call.setString(3, file.toAbsolutePath().toString());
      call.execute();
    }
  }

  /** A CSV text value for Derby's import: quoted, quotes doubled; null is an empty field. */
  private static String q(String value) {
    return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
  }

  static SchoolInput school(Random r, List<String> countries, int i) {
    String city = CITIES[r.nextInt(CITIES.length)];
    String name = PREFIXES[r.nextInt(PREFIXES.length)] + " " + NAMES[r.nextInt(NAMES.length)] + " " + (i + 1);
    String slug = "s" + (i + 1);
    return new SchoolInput(name, countries.get(i % countries.size()), null, city, (1 + r.nextInt(200)) + " Main Street",
        -60 + r.nextDouble() * 120, -170 + r.nextDouble() * 340,
        List.of(Level.values()[r.nextInt(Level.values().length)]),
        List.of(Theme.values()[r.nextInt(Theme.values().length)]),
        List.of("en"), 100 + r.nextInt(1500), 5 + r.nextInt(120),
        "contact@" + slug + ".example.org", "https://" + slug + ".example.org", null);
  }

  private static Void insert(Connection c, List<SchoolInput> chunk) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    long before = maxId(c, "MEM_SCHOOL");
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO MEM_SCHOOL (NAME, NAME_KEY, COUNTRY, UNIT, CITY, CITY_KEY, ADDRESS,"
            + " LATITUDE, LONGITUDE, LEVELS, THEMES, LANGUAGES, STUDENTS, TEACHERS, EMAIL, WEBSITE,"
            + " NATIONAL_ID, FIELDS, STATUS, REVISION, CREATED_AT, UPDATED_AT)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
      for (SchoolInput s : chunk) {
        int i = SchoolDirectory.bindProfile(ps, s);
        ps.setString(i++, MembershipStatus.MEMBER.name());
        ps.setTimestamp(i++, now);
        ps.setTimestamp(i, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    long after = maxId(c, "MEM_SCHOOL");
    // One writer: the identity values of this chunk are exactly (before, after].
    java.util.Set<String> dictionary = new java.util.HashSet<>();
    try (PreparedStatement ids = c.prepareStatement("SELECT ID, COUNTRY, NAME, CITY FROM MEM_SCHOOL WHERE ID > ? AND ID <= ? ORDER BY ID");
        PreparedStatement words = c.prepareStatement(SearchWords.INSERT);
        PreparedStatement ms = c.prepareStatement(
            "INSERT INTO MEM_MEMBERSHIP (SCHOOL_ID, PERIOD_NO, STATUS, CERTIFICATE, APPLIED_AT, CERTIFIED_AT) VALUES (?, 1, ?, ?, ?, ?)")) {
      ids.setLong(1, before);
      ids.setLong(2, after);
      try (ResultSet rs = ids.executeQuery()) {
        while (rs.next()) {
          ms.setLong(1, rs.getLong(1));
          ms.setString(2, MembershipStatus.MEMBER.name());
          ms.setString(3, String.format("ASPNET-%s-G-%09d", rs.getString(2), rs.getLong(1)));
          ms.setTimestamp(4, now);
          ms.setTimestamp(5, now);
          ms.addBatch();
          java.util.Set<String> schoolWords = SearchWords.of(rs.getString(3), rs.getString(4));
          SearchWords.batch(words, rs.getLong(1), rs.getString(2), schoolWords);
          dictionary.addAll(schoolWords);
        }
      }
      ms.executeBatch();
      words.executeBatch();
    }
    SearchWords.remember(c, dictionary);
    // Their history: applied, then certified, as the platform itself (set-based: one statement each).
    for (String[] step : new String[][] {{null, "APPLIED"}, {"APPLIED", "MEMBER"}}) {
      try (PreparedStatement history = c.prepareStatement(
          "INSERT INTO MEM_STATUS_CHANGE (MEMBERSHIP_ID, FROM_STATUS, TO_STATUS, ACTOR, CHANGED_AT, COMMENT_TEXT)"
              + " SELECT M.ID, CAST(? AS VARCHAR(30)), ?, 'system', M.APPLIED_AT, 'generated for a benchmark'"
              + " FROM MEM_MEMBERSHIP M WHERE M.SCHOOL_ID > ? AND M.SCHOOL_ID <= ?")) {
        history.setString(1, step[0]);
        history.setString(2, step[1]);
        history.setLong(3, before);
        history.setLong(4, after);
        history.executeUpdate();
      }
    }
    try (PreparedStatement link = c.prepareStatement(
        "UPDATE MEM_SCHOOL SET MEMBERSHIP_ID = (SELECT M.ID FROM MEM_MEMBERSHIP M WHERE M.SCHOOL_ID = MEM_SCHOOL.ID AND M.PERIOD_NO = 1)"
            + " WHERE ID > ? AND ID <= ?")) {
      link.setLong(1, before);
      link.setLong(2, after);
      link.executeUpdate();
    }
    return null;
  }

  private static long maxId(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(ID) FROM " + table); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
