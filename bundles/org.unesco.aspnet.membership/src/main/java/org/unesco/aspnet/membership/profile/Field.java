package org.unesco.aspnet.membership.profile;

import java.util.List;
import java.util.Objects;

/**
 * An extra school field (or annual-report question) that a national profile adds. The core checks
 * type, {@code required}, {@code options}, {@code min}/{@code max} (numbers and dates as ISO
 * strings), {@code maxLength} and {@code pattern} (a Java regular expression the whole text must
 * match) and writes the error in the caller's language; {@code patternMessage} explains the
 * pattern to people. Start from {@link #text}, {@link #number}, {@link #date}, {@link #choice} or
 * {@link #multiChoice} and refine with the {@code with...} methods.
 *
 * @param key the JSON key under {@code fields}, e.g. {@code schulform}; letters, digits, '-' and '_'
 */
public record Field(
    String key,
    FieldType type,
    boolean required,
    Texts label,
    Texts help,
    List<Option> options,
    String min,
    String max,
    Integer maxLength,
    String pattern,
    Texts patternMessage) {

  public Field {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(label, "label");
    help = help == null ? Texts.none() : help;
    options = options == null ? List.of() : List.copyOf(options);
    patternMessage = patternMessage == null ? Texts.none() : patternMessage;
  }

  public static Field text(String key, Texts label) {
    return new Field(key, FieldType.TEXT, false, label, null, null, null, null, 200, null, null);
  }

  public static Field number(String key, Texts label) {
    return new Field(key, FieldType.NUMBER, false, label, null, null, null, null, null, null, null);
  }

  public static Field date(String key, Texts label) {
    return new Field(key, FieldType.DATE, false, label, null, null, null, null, null, null, null);
  }

  public static Field choice(String key, Texts label, List<Option> options) {
    return new Field(key, FieldType.CHOICE, false, label, null, options, null, null, null, null, null);
  }

  public static Field multiChoice(String key, Texts label, List<Option> options) {
    return new Field(key, FieldType.MULTI_CHOICE, false, label, null, options, null, null, null, null, null);
  }

  public Field asRequired() {
    return new Field(key, type, true, label, help, options, min, max, maxLength, pattern, patternMessage);
  }

  public Field withHelp(Texts help) {
    return new Field(key, type, required, label, help, options, min, max, maxLength, pattern, patternMessage);
  }

  /** Bounds: numbers as decimal strings, dates as ISO dates; null leaves that side open. */
  public Field withRange(String min, String max) {
    return new Field(key, type, required, label, help, options, min, max, maxLength, pattern, patternMessage);
  }

  public Field withMaxLength(int maxLength) {
    return new Field(key, type, required, label, help, options, min, max, maxLength, pattern, patternMessage);
  }

  public Field withPattern(String pattern, Texts message) {
    return new Field(key, type, required, label, help, options, min, max, maxLength, pattern, message);
  }
}
