package org.unesco.aspnet.membership.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One text in several languages, keyed by ISO 639-1 code ({@code "de"}, {@code "fr"}, {@code
 * "en"}).
 */
public record Texts(Map<String, String> byLanguage) {
  public Texts {
    byLanguage = Map.copyOf(Objects.requireNonNull(byLanguage, "byLanguage"));
  }

  public static Texts of(String language, String text) {
    return new Texts(Map.of(language, text));
  }

  public static Texts of(String l1, String t1, String l2, String t2) {
    return new Texts(Map.of(l1, t1, l2, t2));
  }

  public static Texts of(String l1, String t1, String l2, String t2, String l3, String t3) {
    return new Texts(Map.of(l1, t1, l2, t2, l3, t3));
  }

  public static Texts none() {
    return new Texts(Map.of());
  }

  public boolean has(String language) {
    return byLanguage.containsKey(language);
  }

  /** The text in {@code language}, else in {@code fallback}, else English, else any; null if none. */
  public String in(Locale language, String fallback) {
    String text = byLanguage.get(language.getLanguage());
    if (text == null && fallback != null) {
      text = byLanguage.get(fallback);
    }
    if (text == null) {
      text = byLanguage.get("en");
    }
    if (text == null && !byLanguage.isEmpty()) {
      text = byLanguage.values().iterator().next();
    }
    return text;
  }
}
