package org.unesco.aspnet.export.internal;

import java.math.BigDecimal;
import java.util.List;

/** How a value of a row reads as text in CSV (and in any other text-only format). */
final class Cells {
  private Cells() {}

  /** Null is the empty string; lists are joined with {@code ;}; numbers never in E notation. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return decimal(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder();
      for (Object o : list) {
        if (b.length() > 0) {
          b.append(';');
        }
        b.append(text(o));
      }
      return b.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString();
  }

  static String decimal(double d) {
    String s = Double.toString(d);
    return s.indexOf('E') < 0 ? (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
