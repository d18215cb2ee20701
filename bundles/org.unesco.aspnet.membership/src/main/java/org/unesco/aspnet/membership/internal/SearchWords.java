package org.unesco.aspnet.membership.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.unesco.aspnet.core.SearchKey;

/**
 * The directory's word index (MEM_SCHOOL_WORD, MEM_SEARCH_WORD): the words of each school's name and
 * city, kept with every write, so that a free-text search reads the few schools that have a word
 * rather than every school of a country.
 *
 * <p>What a search word means is decided once, here and in {@link DirectoryFilter}: it matches a
 * school when a word of its name or city starts with it ("cur" finds "Marie-Curie"), accents and
 * case aside. A word in a script written without spaces (Chinese, Japanese, Thai...) matches
 * anywhere in the name or city instead, and is never answered from the index.
 */
final class SearchWords {
  /** Longer words are not indexed; a search for one reads the schools themselves. */
  static final int MAX_WORD = 64;
  /** A prefix that stands for more words than this is searched without the index. */
  static final int MAX_EXPANSIONS = 32;

  /** Adds one entry of the index; {@link #batch} fills it. */
  static final String INSERT = "INSERT INTO MEM_SCHOOL_WORD (COUNTRY, WORD, SCHOOL_ID) VALUES (?, ?, ?)";
  /** Deletes one entry of the index by its key; {@link #batch} fills it too. */
  private static final String DELETE = "DELETE FROM MEM_SCHOOL_WORD WHERE COUNTRY = ? AND WORD = ? AND SCHOOL_ID = ?";

  /** The most candidates read at once. */
  static final int MAX_BATCH = 512;

  /** Imports writing the index in this JVM; see {@link #bulkWrite}. */
  private static final java.util.concurrent.atomic.AtomicInteger BULK_WRITERS = new java.util.concurrent.atomic.AtomicInteger();

  private SearchWords() {}

  /**
   * Runs a transaction that indexes many schools at once (an import). On embedded Derby it soon
   * holds the whole index (its row locks escalate to a table lock) until it commits, so searches
   * read the schools themselves meanwhile ({@link #bulkWriting}) rather than wait for it.
   */
  static <T> T bulkWrite(java.util.function.Supplier<T> write) {
    BULK_WRITERS.incrementAndGet();
    try {
      return write.get();
    } finally {
      BULK_WRITERS.decrementAndGet();
    }
  }

  /** Whether an import of this JVM is writing the index now. */
  static boolean bulkWriting() {
    return BULK_WRITERS.get() > 0;
  }

  /**
   * A list of values for {@code IN (?, ...)} padded to a power of two by repeating its last value:
   * the same answer, and a handful of distinct statements instead of one per length, each of which
   * Derby would compile to a class of its own.
   */
  static <T> List<T> padded(List<T> values) {
    int size = Math.max(1, Integer.highestOneBit(Math.max(1, values.size() - 1)) << 1);
    if (values.size() == 1 || values.size() == size) {
      return values;
    }
    List<T> padded = new ArrayList<>(values);
    while (padded.size() < size) {
      padded.add(values.get(values.size() - 1));
    }
    return padded;
  }

  /** The distinct words of a name and city that the index keeps. */
  static Set<String> of(String name, String city) {
    return ofKeys(SearchKey.of(name), SearchKey.of(city));
  }

  /** The distinct words that the index keeps for a name and city whose {@link SearchKey}s these are. */
  static Set<String> ofKeys(String nameKey, String cityKey) {
    Set<String> words = new LinkedHashSet<>();
    for (String key : new String[] {nameKey, cityKey}) {
      for (String word : key.isEmpty() ? new String[0] : key.split(" ")) {
        if (word.length() <= MAX_WORD) {
          words.add(word);
          String bare = withoutArticle(word);
          if (bare != null) {
            words.add(bare);
          }
        }
      }
    }
    return words;
  }

  /** The Arabic definite article, written joined to its word: مدرسة النور is "the Nour school". */
  static final String ARABIC_ARTICLE = "\u0627\u0644";

  /**
   * An Arabic word without its article ({@code النور} gives {@code نور}), so that a search for the
   * word finds it with the article too, as a reader of Arabic expects; null for any other word.
   */
  static String withoutArticle(String word) {
    return word.startsWith(ARABIC_ARTICLE) && word.length() >= ARABIC_ARTICLE.length() + 2
        && arabic(word.substring(ARABIC_ARTICLE.length())) ? word.substring(ARABIC_ARTICLE.length()) : null;
  }

  /** Whether a word is written in Arabic script (its first letter). */
  static boolean arabic(String word) {
    return !word.isEmpty() && Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.ARABIC;
  }

  /** True for a word of a script written without spaces between words. */
  static boolean unspaced(String word) {
    return word.codePoints().anyMatch(cp -> switch (Character.UnicodeScript.of(cp)) {
      // Korean is written with spaces, but a school's name is one compound (서울중학교: Seoul middle
      // school): 중학교 must find it, as 中学 finds 北京市第一中学
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN, HANGUL -> true;
      default -> false;
    });
  }

  /** Indexes a new school (its dictionary words too). */
  static void index(Connection c, long school, String country, String name, String city) throws SQLException {
    Set<String> words = of(name, city);
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      batch(ps, school, country, words);
      ps.executeBatch();
    }
    remember(c, words);
  }

  /**
   * Indexes a school again after its name, city or country changed: its entries are found by the
   * words of its stored keys (no index on SCHOOL_ID alone: every insert would pay for it), which
   * are those of what it was called unless an older fold made them.
   */
  static void reindex(Connection c, long school, String oldCountry, String oldNameKey, String oldCityKey,
      String country, String name, String city) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      batch(ps, school, oldCountry, ofKeys(oldNameKey, oldCityKey));
      ps.executeBatch();
    }
    index(c, school, country, name, city);
  }

  /**
   * Adds a school's entries for {@code words} to a batch of {@link #INSERT} or {@link #DELETE}
   * (both take COUNTRY, WORD, SCHOOL_ID).
   */
  static void batch(PreparedStatement statement, long school, String country, Collection<String> words)
      throws SQLException {
    for (String word : words) {
      statement.setString(1, country);
      statement.setString(2, word);
      statement.setLong(3, school);
      statement.addBatch();
    }
  }

  /** Adds the words the dictionary does not know yet. */
  static void remember(Connection c, Collection<String> words) throws SQLException {
    // PostgreSQL ends a transaction at its first error, so a race there must not raise one.
    boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    // MEM_SEARCH_STATE has exactly one row: a portable "SELECT ? WHERE NOT EXISTS".
    try (PreparedStatement ps = c.prepareStatement(postgres
        ? "INSERT INTO MEM_SEARCH_WORD (WORD) VALUES (?) ON CONFLICT DO NOTHING"
        : "INSERT INTO MEM_SEARCH_WORD (WORD) SELECT CAST(? AS VARCHAR(64)) FROM MEM_SEARCH_STATE"
            + " WHERE ID = 1 AND NOT EXISTS (SELECT 1 FROM MEM_SEARCH_WORD WHERE WORD = ?)")) {
      for (String word : words) {
        ps.setString(1, word);
        if (!postgres) {
          ps.setString(2, word);
        }
        try {
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!"23505".equals(e.getSQLState())) {
            throw e;
          }
          // Derby: another transaction added the same word a moment ago; it is known either way
        }
      }
    }
  }

  /**
   * The indexed words that start with {@code prefix}, or null when the index cannot answer for it
   * (an unspaced script, too long, or more than {@value #MAX_EXPANSIONS} words).
   */
  static List<String> expand(Connection c, String prefix) throws SQLException {
    if (prefix.length() > MAX_WORD || unspaced(prefix)) {
      return null;
    }
    List<String> words = new ArrayList<>();
    // SearchKey leaves no % or _ in a word, so it needs no LIKE escaping.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT WORD FROM MEM_SEARCH_WORD WHERE WORD LIKE ? ORDER BY WORD FETCH FIRST ? ROWS ONLY")) {
      ps.setString(1, prefix + "%");
      ps.setInt(2, MAX_EXPANSIONS + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          words.add(rs.getString(1));
        }
      }
    }
    return words.size() > MAX_EXPANSIONS ? null : words;
  }

  /** One batch of candidate school ids, in the directory's order, and whether there may be more. */
  record Batch(List<Long> ids, long last, boolean more) {}

  /**
   * The next {@code n} index entries, after {@code position} in id order (before it when
   * {@code newest}), of schools that have one of {@code words}, in {@code country} if given. Ids
   * are distinct; {@code last} is where the next batch starts.
   */
  static Batch candidates(Connection c, String country, List<String> words, long position, boolean newest, int n)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT SCHOOL_ID FROM MEM_SCHOOL_WORD");
    // Derby: the index whose order is the answer's, read from the position on and stopped early.
    sql.append(country != null
        ? " --DERBY-PROPERTIES constraint=MEM_SCHOOL_WORD_PK\n WHERE COUNTRY = ? AND"
        : " --DERBY-PROPERTIES index=MEM_SCHOOL_WORD_ANY_COUNTRY\n WHERE");
    List<String> in = padded(words);
    sql.append(in.size() == 1 ? " WORD = ?" : " WORD IN (" + "?, ".repeat(in.size() - 1) + "?)");
    sql.append(newest ? " AND SCHOOL_ID < ? ORDER BY SCHOOL_ID DESC" : " AND SCHOOL_ID > ? ORDER BY SCHOOL_ID");
    sql.append(" FETCH FIRST ? ROWS ONLY");
    Set<Long> ids = new LinkedHashSet<>();
    int read = 0;
    long last = position;
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (country != null) {
        ps.setString(i++, country);
      }
      for (String word : in) {
        ps.setString(i++, word);
      }
      ps.setLong(i++, position);
      ps.setInt(i, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          ids.add(last); // a school with two of the words comes twice
          read++;
        }
      }
    }
    return new Batch(List.copyOf(ids), last, read == n);
  }

  /** Whether every school is in the index (false while an upgraded installation builds it). */
  static boolean complete(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COMPLETE FROM MEM_SEARCH_STATE WHERE ID = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  static void markComplete(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_SEARCH_STATE SET COMPLETE = 1 WHERE ID = 1")) {
      ps.executeUpdate();
    }
  }

  /**
   * Indexes the schools after {@code after} in id order, at most {@code n}; returns the last id
   * done, or -1 when there were none. Rows are read under repeatable read, so that a rename
   * committed meanwhile waits for this batch and then indexes its own words.
   */
  static long backfill(Connection c, long after, int n) throws SQLException {
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    long last = -1;
    Set<String> dictionary = new LinkedHashSet<>();
    try (PreparedStatement read = c.prepareStatement(
            "SELECT ID, COUNTRY, NAME, CITY FROM MEM_SCHOOL WHERE ID > ? ORDER BY ID FETCH FIRST ? ROWS ONLY");
        PreparedStatement clear = c.prepareStatement(DELETE);
        PreparedStatement insert = c.prepareStatement(SearchWords.INSERT)) {
      read.setLong(1, after);
      read.setInt(2, n);
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
          last = rs.getLong(1);
        }
      }
      if (last < 0) {
        return -1;
      }
      // A school written since the upgrade, or by an earlier pass cut short, has entries already:
      // the same ones, since they come from the row as it is now.
      for (Object[] row : rows) {
        Set<String> words = of((String) row[2], (String) row[3]);
        batch(clear, (Long) row[0], (String) row[1], words);
        batch(insert, (Long) row[0], (String) row[1], words);
        dictionary.addAll(words);
      }
      clear.executeBatch();
      insert.executeBatch();
    }
    remember(c, dictionary);
    return last;
  }
}
