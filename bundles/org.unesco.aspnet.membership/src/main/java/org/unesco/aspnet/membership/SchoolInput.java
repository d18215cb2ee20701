package org.unesco.aspnet.membership;

import java.util.List;

/**
 * What a school says about itself when it applies or edits its profile. Optional fields are null;
 * {@code name} is kept exactly as written (it appears on the certificate).
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
    String nationalId) {}
