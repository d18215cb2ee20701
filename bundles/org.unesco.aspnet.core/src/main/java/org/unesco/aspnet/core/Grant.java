package org.unesco.aspnet.core;

import java.util.Objects;

/**
 * One role a person holds, with its scope. Fields that do not apply to the role are null: an NC
 * of France is {@code (NATIONAL_COORDINATOR, "FR", null, null, null)}; staff of school 42 in Kenya
 * is {@code (SCHOOL_STAFF, "KE", null, null, "42")}.
 */
public record Grant(Role role, String country, String unit, String campaign, String school) {
  public Grant {
    Objects.requireNonNull(role, "role");
  }

  public static Grant global(Role role) {
    return new Grant(role, null, null, null, null);
  }

  public static Grant country(Role role, String country) {
    return new Grant(role, country, null, null, null);
  }

  public static Grant school(Role role, String country, String school) {
    return new Grant(role, country, null, null, school);
  }
}
