package org.unesco.aspnet.membership;

import java.util.List;

/**
 * A UNESCO Member State or Associate Member and its national network: its UNESCO region, the
 * counts of member and candidate schools, its National Commission for UNESCO and the contacts of
 * its National Coordinator(s). {@code name} is in the caller's language (from the JDK).
 */
public record Country(
    String iso2,
    String name,
    String region,
    long members,
    long candidates,
    NationalCommission nationalCommission,
    List<Coordinator> coordinators) {

  public Country {
    coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
  }

  /** The country's National Commission for UNESCO, as the public contacts it; null when unknown. */
  public record NationalCommission(String name, String website, String email, String address) {}

  /** A published contact of the national network (the NC, a deputy): not an account. */
  public record Coordinator(String name, String email, String phone, String role) {}
}
