package org.unesco.aspnet.core;

import java.util.List;
import java.util.Objects;

/**
 * Who is acting: a signed-in account with its grants, or the anonymous public. Every service
 * operation takes one, so that permissions are enforced in the services, not only in the UI.
 */
public record Principal(String accountId, String email, String name, String language, List<Grant> grants) {
  private static final Principal ANONYMOUS = new Principal(null, null, null, "en", List.of());
  private static final String SYSTEM_ID = "system";
  private static final Principal SYSTEM =
      new Principal(SYSTEM_ID, null, "ASPnet Platform", "en", List.of(Grant.global(Role.HQ_OFFICER)));

  public Principal {
    grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
  }

  public static Principal anonymous() {
    return ANONYMOUS;
  }

  /** For work the platform does on its own behalf (demo data, migrations of data). */
  public static Principal system() {
    return SYSTEM;
  }

  /** True for {@link #system()}, which has no account to give roles to. */
  public boolean isSystem() {
    return SYSTEM_ID.equals(accountId);
  }

  public boolean isAnonymous() {
    return accountId == null;
  }

  public boolean has(Role role) {
    return grants.stream().anyMatch(g -> g.role() == role);
  }

  /** True for an NC of {@code country}. */
  public boolean coordinates(String country) {
    return grants.stream()
        .anyMatch(g -> g.role() == Role.NATIONAL_COORDINATOR && country != null && country.equals(g.country()));
  }

  /** True for staff or focal point of {@code school}. */
  public boolean worksAt(String school) {
    return grants.stream()
        .anyMatch(g -> (g.role() == Role.SCHOOL_STAFF || g.role() == Role.SCHOOL_FOCAL_POINT)
            && school != null && school.equals(g.school()));
  }
}
