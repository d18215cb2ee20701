package org.unesco.aspnet.membership;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.List;

/**
 * A school's profile with its current membership. {@code revision} changes with every change of
 * the profile or status and is the school's ETag. {@code email} is null for callers who may not
 * see contacts. {@code fields} holds the values of the extra fields of national profiles, by key;
 * values of a profile that was removed stay stored and are still shown.
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
    Map<String, Object> fields,
    long membershipId,
    MembershipStatus status,
    int revision) {

  public School {
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The editable part, e.g. to apply a partial update onto. */
  public SchoolInput input() {
    return new SchoolInput(
        name, country, unit, city, address, latitude, longitude, levels, themes, languages,
        students, teachers, email, website, nationalId, fields);
  }
}
