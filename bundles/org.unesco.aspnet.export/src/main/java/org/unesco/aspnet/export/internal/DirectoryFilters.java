package org.unesco.aspnet.export.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.Theme;

/** The directory's filters ({@code GET /api/v1/schools}), read from an export's query string. */
final class DirectoryFilters {
  static final Set<String> NAMES = Set.of("country", "unit", "region", "status", "level", "theme", "language", "q", "updatedSince");
  private static final int Q_MAX = 100;

  private DirectoryFilters() {}

  /** The directory's query of {@code f}, its unit as the country's profile spells it (400 for one it does not have). */
  static SchoolQuery query(Map<String, String> f, org.unesco.aspnet.membership.ProfileService profiles, String language) {
    SchoolQuery q = query(f);
    return q.unit() == null ? q : q.withUnit(profiles.knownUnit(q.country(), q.unit(), language));
  }

  static SchoolQuery query(Map<String, String> f) {
    String q = blank(f.get("q"));
    if (q != null && q.length() > Q_MAX) {
      throw ProblemException.validation("q", "must be at most " + Q_MAX + " characters");
    }
    String country = code(f, "country");
    return new SchoolQuery(country, blank(f.get("region")), choice(f, "status", MembershipStatus.class),
        choice(f, "level", Level.class), choice(f, "theme", Theme.class), code(f, "language"), q, 0, null,
        SchoolQuery.Sort.ID, f.get("unit"), SchoolQuery.updatedSince(f.get("updatedSince")));
  }

  private static String code(Map<String, String> f, String name) {
    String value = blank(f.get(name));
    if (value != null && !value.matches("[A-Za-z]{2}")) {
      throw ProblemException.validation(name, "must be a two-letter code");
    }
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E choice(Map<String, String> f, String name, Class<E> type) {
    String value = blank(f.get(name));
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation(name, "must be one of "
          + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
