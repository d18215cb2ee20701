package org.unesco.aspnet.membership.internal;

import java.util.List;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;

/** Test data: a valid school, and copies of it with one field changed. */
final class Schools {
  private Schools() {}

  static SchoolInput valid() {
    return named("Lycée Victor Hugo", "Besançon");
  }

  static SchoolInput named(String name, String city) {
    return new SchoolInput(
        name, "FR", "Besançon", city, "145 Grande Rue", 47.2378, 6.0241,
        List.of(Level.SECONDARY), List.of(Theme.ESD, Theme.PEACE_GCED), List.of("fr", "en"),
        1200, 95, "ce.0250007x@ac-besancon.fr", "https://lycee-hugo.fr", null);
  }

  static SchoolInput in(String country, String name, String city, String nationalId) {
    SchoolInput v = named(name, city);
    return new SchoolInput(
        v.name(), country, null, v.city(), v.address(), v.latitude(), v.longitude(), v.levels(),
        v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), nationalId);
  }
}
