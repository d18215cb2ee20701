package org.unesco.aspnet.core;

import java.util.Objects;

/**
 * One thing wrong with one field of a request, e.g. {@code ("latitude", "must be between -90 and
 * 90")}. The field is a JSON pointer-like dotted path ({@code fields.uai}) so a form can put the
 * message beside the right input.
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
