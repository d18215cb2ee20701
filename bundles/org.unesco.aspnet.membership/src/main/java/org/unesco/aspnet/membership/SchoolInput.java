package org.unesco.aspnet.membership;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.List;

/**
 * What a school says about itself when it applies or edits its profile. Optional fields are null;
 * {@code fields} are the values of
 * the extra fields of the country's national profile, by key. {@code name} is kept exactly as written (it appears on the certificate).
 */
public record SchoolInput(
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
    Map<String, Object> fields) {

  public SchoolInput {
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A school without extra fields (a country without national profile). */
  public SchoolInput(
      String name, String country, String unit, String city, String address, Double latitude,
      Double longitude, List<Level> levels, List<Theme> themes, List<String> languages,
      Integer students, Integer teachers, String email, String website, String nationalId) {
    this(name, country, unit, city, address, latitude, longitude, levels, themes, languages,
        students, teachers, email, website, nationalId, Map.of());
  }

  /** This school with {@code unit} instead of its own. @since 1.10 */
  public SchoolInput withUnit(String unit) {
    return new SchoolInput(name, country, unit, city, address, latitude, longitude, levels, themes, languages,
        students, teachers, email, website, nationalId, fields);
  }

  /** This school with {@code fields} instead of its own extra fields. @since 1.10 */
  public SchoolInput withFields(Map<String, Object> fields) {
    return new SchoolInput(name, country, unit, city, address, latitude, longitude, levels, themes, languages,
        students, teachers, email, website, nationalId, fields);
  }
}
