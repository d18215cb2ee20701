package org.unesco.aspnet.membership.profile;

/** How an extra field's value is written in JSON. */
public enum FieldType {
  /** A string. */
  TEXT,
  /** A JSON number. */
  NUMBER,
  /** An ISO-8601 date string, {@code 2026-09-01}. */
  DATE,
  /** One of the field's {@link Field#options()}, by value. */
  CHOICE,
  /** A list of distinct option values. */
  MULTI_CHOICE
}
