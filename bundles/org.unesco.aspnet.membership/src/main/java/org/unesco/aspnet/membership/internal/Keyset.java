package org.unesco.aspnet.membership.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolQuery.Sort;

/**
 * Where the next page of the directory starts, in one of its orders: the sort key and id of the
 * last school shown. The cursor is opaque to clients (base64url of {@code <sort>:<id>[:<key>]}),
 * and a cursor of one order is refused by another.
 */
record Keyset(Sort sort, long id, String key) {

  static Keyset parse(String cursor, Sort sort) {
    if (cursor == null || cursor.isEmpty()) {
      return new Keyset(sort, -1, null);
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = decoded.split(":", 3);
      String expected = sort == Sort.ID ? "id" : sort.name().toLowerCase(Locale.ROOT);
      boolean keyed = sort == Sort.NAME || sort == Sort.CITY;
      if (parts[0].equals(expected) && parts.length == (keyed ? 3 : 2)) {
        long id = Long.parseLong(parts[1]);
        if (id >= 0) {
          return new Keyset(sort, id, keyed ? parts[2] : null);
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below (NumberFormatException is one too)
    }
    throw ProblemException.validation("cursor", "is not a cursor this API returned for sort=" + sort.name().toLowerCase(Locale.ROOT));
  }

  /** The cursor after {@code last}. */
  static String after(School last, Sort sort) {
    return after(last.id(), sort == Sort.NAME ? SearchKey.of(last.name()) : null,
        sort == Sort.CITY ? SearchKey.of(last.city()) : null, sort);
  }

  /** The cursor after the school {@code id} whose searched name and city are {@code nameKey} and {@code cityKey}. */
  static String after(long id, String nameKey, String cityKey, Sort sort) {
    String text =
        switch (sort) {
          case ID -> "id:" + id;
          case NEWEST -> "newest:" + id;
          case NAME -> "name:" + id + ":" + nameKey;
          case CITY -> "city:" + id + ":" + cityKey;
        };
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String orderBy(Sort sort) {
    return switch (sort) {
      case ID -> "ID";
      case NEWEST -> "ID DESC";
      case NAME -> "NAME_KEY, ID";
      case CITY -> "CITY_KEY, ID";
    };
  }

  /** Appends the WHERE clause that starts after this position (always a WHERE, for the filters). */
  void where(StringBuilder sql, List<Object> params) {
    boolean first = id < 0;
    switch (sort) {
      case ID -> {
        sql.append(" WHERE ID > ?");
        params.add(first ? 0L : id);
      }
      case NEWEST -> {
        sql.append(" WHERE ID < ?");
        params.add(first ? Long.MAX_VALUE : id);
      }
      case NAME, CITY -> {
        String column = sort == Sort.NAME ? "NAME_KEY" : "CITY_KEY";
        if (first) {
          sql.append(" WHERE 1 = 1");
        } else {
          sql.append(" WHERE (").append(column).append(" > ? OR (").append(column).append(" = ? AND ID > ?))");
          params.add(key);
          params.add(key);
          params.add(id);
        }
      }
    }
  }
}
