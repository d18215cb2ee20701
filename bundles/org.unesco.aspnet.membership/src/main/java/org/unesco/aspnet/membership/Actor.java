package org.unesco.aspnet.membership;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as far as membership decisions go: an account id (null for the anonymous
 * public), its role names ({@code HQ_OFFICER}, {@code NATIONAL_COORDINATOR}, ...) and the country
 * it coordinates, if any. A stand-in until the security work hands a principal to every service.
 */
public record Actor(String id, Set<String> roles, String country) {
  public static final String HQ_OFFICER = "HQ_OFFICER";
  public static final String NATIONAL_COORDINATOR = "NATIONAL_COORDINATOR";

  private static final Actor ANONYMOUS = new Actor(null, Set.of(), null);

  public Actor {
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
  }

  public static Actor anonymous() {
    return ANONYMOUS;
  }

  public boolean isAnonymous() {
    return id == null;
  }

  public boolean isHq() {
    return roles.contains(HQ_OFFICER);
  }

  /** True for the National Coordinator of {@code iso2}. */
  public boolean coordinates(String iso2) {
    return roles.contains(NATIONAL_COORDINATOR) && iso2 != null && iso2.equals(country);
  }

  /** HQ, or the NC of the country: those who may see candidates, contacts and history. */
  public boolean oversees(String iso2) {
    return isHq() || coordinates(iso2);
  }
}
