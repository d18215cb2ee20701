package org.unesco.aspnet.core;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A bundle's messages in several languages, written in the language a request names: its primary
 * subtag ({@code fr} for {@code fr-CA}), English for a language the bundle does not write.
 * Patterns are {@link MessageFormat}s (an apostrophe is written twice, a brace quoted).
 *
 * <pre>{@code
 * static final Messages MESSAGES = new Messages(Map.of(
 *     "en", Map.of("required", "is required"),
 *     "fr", Map.of("required", "est obligatoire")));
 * MESSAGES.get(actor.language(), "required");
 * }</pre>
 *
 * @since 1.2
 */
public final class Messages {
  private final Map<String, Map<String, String>> byLanguage;

  /** @param byLanguage patterns by key, by language code; English ({@code en}) is required */
  public Messages(Map<String, Map<String, String>> byLanguage) {
    if (!byLanguage.containsKey("en")) {
      throw new IllegalArgumentException("English (en) messages are required: they answer every other language");
    }
    this.byLanguage = Map.copyOf(byLanguage);
  }

  /** Whether messages are written in {@code language} (a language code such as {@code fr}). */
  public boolean speaks(String language) {
    return byLanguage.containsKey(language);
  }

  /**
   * The language these messages answer {@code language} in: its primary subtag ("fr-CA": fr) when
   * they are written in it, else English; e.g. to name a country in the language of the text.
   *
   * @since 1.6
   */
  public String languageOf(String language) {
    String base = primary(language);
    return byLanguage.containsKey(base) ? base : "en";
  }

  private static String primary(String language) {
    return language == null ? "en" : language.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
  }

  /** The message {@code key} in {@code language} ("fr", "fr-CA", null), with {@code arguments} filled in. */
  public String get(String language, String key, Object... arguments) {
    String base = primary(language);
    String pattern = byLanguage.getOrDefault(base, byLanguage.get("en")).get(key);
    if (pattern == null) { // a message not yet written in this language: English, not a 500
      pattern = byLanguage.get("en").get(key);
      base = "en";
    }
    return new MessageFormat(pattern, Locale.forLanguageTag(base)).format(arguments);
  }
}
