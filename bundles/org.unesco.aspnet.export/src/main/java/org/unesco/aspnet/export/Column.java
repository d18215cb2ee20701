package org.unesco.aspnet.export;

import java.util.Objects;

/**
 * One column of a dataset: {@code key} is the header of the file and the JSON member name
 * (camelCase, e.g. {@code nationalId}); {@code label} is for people (English). The values of a
 * row are, by type: {@link Type#TEXT} a String; {@link Type#INTEGER} an Integer or Long; {@link
 * Type#DECIMAL} a Double; {@link Type#DATE} a {@link java.time.LocalDate}; {@link Type#TIMESTAMP}
 * an {@link java.time.Instant}; {@link Type#LIST} a {@code List<String>}. Any value may be null.
 */
public record Column(String key, String label, Type type) {
  public enum Type {
    TEXT,
    INTEGER,
    DECIMAL,
    DATE,
    TIMESTAMP,
    LIST
  }

  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    label = label == null ? key : label;
  }

  public static Column text(String key, String label) {
    return new Column(key, label, Type.TEXT);
  }
}
