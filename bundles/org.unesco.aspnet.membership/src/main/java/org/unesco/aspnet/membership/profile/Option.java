package org.unesco.aspnet.membership.profile;

import java.util.Objects;

/** One possible value of a choice field: the stored {@code value} and what people read. */
public record Option(String value, Texts label) {
  public Option {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(label, "label");
  }
}
