package org.unesco.aspnet.membership;

import java.util.List;

/**
 * A school's profile with its current membership. {@code revision} changes with every change of
 * the profile or status and is the school's ETag. {@code email} is null for callers who may not
 * see contacts.
 */
public record School(
    long id,
    String name,
    String country,
    String unit,
    String city,
    String address,
    Double latitude,
    Double longitude,
    List<Level> levels,
    List<Theme> themes,
    List<String> languages,
    Integer students,
    Integer teachers,
    String email,
    String website,
    String nationalId,
    long membershipId,
    MembershipStatus status,
    int revision) {

  /** The editable part, e.g. to apply a partial update onto. */
  public SchoolInput input() {
    return new SchoolInput(
        name, country, unit, city, address, latitude, longitude, levels, themes, languages,
        students, teachers, email, website, nationalId);
  }
}
