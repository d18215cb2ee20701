package org.unesco.aspnet.membership.internal;

import java.util.List;
import java.util.Locale;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.SchoolQuery;

/**
 * The directory's filters as SQL over MEM_SCHOOL, shared by the paged directory and the streamed
 * exports so that both read a filter the same way. Columns are prefixed with {@code p} ("" or
 * "S."). Who may see what is not decided here: each caller adds its scope between the two parts.
 */
final class DirectoryFilter {
  static final int MAX_QUERY_WORDS = 5;

  private DirectoryFilter() {}

  /** Country, region, status (the filters an index serves) and the time of the last change. */
  static void place(StringBuilder sql, List<Object> params, SchoolQuery q, String p) {
    if (q.country() != null) {
      sql.append(" AND ").append(p).append("COUNTRY = ?");
      params.add(q.country().toUpperCase(Locale.ROOT));
    }
    if (q.unit() != null) {
      sql.append(" AND ").append(p).append("UNIT = ?");
      params.add(q.unit());
    }
    if (q.region() != null) {
      sql.append(" AND ").append(p).append("COUNTRY IN (SELECT ISO2 FROM MEM_COUNTRY WHERE REGION = ?)");
      params.add(region(q.region()));
    }
    if (q.status() != null) {
      sql.append(" AND ").append(p).append("STATUS = ?");
      params.add(q.status().name());
    }
    if (q.updatedSince() != null) {
      // no index: a copy kept in sync asks for the few schools changed in a day among a country's
      // (its index narrows them), or reads the network's 12,000 once
      sql.append(" AND ").append(p).append("UPDATED_AT >= ?");
      params.add(java.sql.Timestamp.from(q.updatedSince()));
    }
  }

  /**
   * A region filter as one of the five UNESCO regions in its reference spelling, whatever its case
   * ({@code africa}); 400 naming {@code region} for anything else, as for a bad status or level.
   * Checked here too, so that every reader of the directory (exports included) refuses it alike.
   */
  static String region(String value) {
    String region = Countries.region(value);
    if (region == null) {
      throw ProblemException.validation("region", "must be one of " + String.join(", ", Countries.REGIONS));
    }
    return region;
  }

  /** Level, theme, language and the free-text words (at most {@value #MAX_QUERY_WORDS}). */
  static void attributes(StringBuilder sql, List<Object> params, SchoolQuery q, String p) {
    list(sql, params, p + "LEVELS", q.level() == null ? null : q.level().name());
    list(sql, params, p + "THEMES", q.theme() == null ? null : q.theme().name());
    list(sql, params, p + "LANGUAGES", q.language() == null ? null : q.language().toLowerCase(Locale.ROOT));
    for (String word : words(q)) {
      // A word matches the start of a word of the name or city (keys have single spaces), or
      // anywhere for a script without spaces; see SearchWords. SearchKey leaves no % or _ in a
      // word, so it needs no LIKE escaping.
      String text = "(' ' || " + p + "NAME_KEY || ' ' || " + p + "CITY_KEY)";
      if (arabicWithoutArticle(word)) { // نور finds النور, as the word index does
        sql.append(" AND (").append(text).append(" LIKE ? OR ").append(text).append(" LIKE ?)");
        params.add("% " + word + "%");
        params.add("% " + SearchWords.ARABIC_ARTICLE + word + "%");
      } else {
        sql.append(" AND ").append(text).append(" LIKE ?");
        params.add((SearchWords.unspaced(word) ? "%" : "% ") + word + "%");
      }
    }
  }

  /** An Arabic word typed without the article, which may stand joined to it in a name. */
  private static boolean arabicWithoutArticle(String word) {
    return !word.startsWith(SearchWords.ARABIC_ARTICLE) && SearchWords.arabic(word);
  }

  /**
   * The free-text words of a query, each a search key; 400 beyond {@value #MAX_QUERY_WORDS}, and for
   * a text without a letter or digit (punctuation alone), which would otherwise match everything.
   */
  static List<String> words(SchoolQuery q) {
    List<String> words = SearchKey.words(q.q());
    if (words.isEmpty() && q.q() != null && !q.q().isBlank()) {
      // "%" or "-" searched for nothing and found every school: say why instead
      throw ProblemException.validation("q", "search for words with letters or digits");
    }
    if (words.size() > MAX_QUERY_WORDS) {
      throw ProblemException.validation("q", "use at most " + MAX_QUERY_WORDS + " words");
    }
    return words;
  }

  // Lists are stored as ",A,B," so that one code matches with LIKE '%,A,%' and never a prefix of
  // another code.
  private static void list(StringBuilder sql, List<Object> params, String column, String code) {
    if (code != null) {
      sql.append(" AND ").append(column).append(" LIKE ?");
      params.add("%," + code + ",%");
    }
  }
}
