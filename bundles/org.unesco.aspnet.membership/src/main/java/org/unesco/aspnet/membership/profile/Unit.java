package org.unesco.aspnet.membership.profile;

import java.util.Objects;

/**
 * A sub-national unit (a German Land, a French académie). Schools carry its {@code code} in their
 * {@code unit}; a sub-national coordinator's grant names it too.
 */
public record Unit(String code, Texts name) {
  public Unit {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
  }
}
