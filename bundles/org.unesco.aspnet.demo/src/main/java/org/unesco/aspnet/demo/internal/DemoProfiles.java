package org.unesco.aspnet.demo.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What the national profiles shipped in plugins/ (Germany, France) require of a school, so that
 * the demo schools of those countries are valid with or without the plugins: their unit (Land,
 * académie), the French UAI number, and the profile fields. Other countries get nothing extra.
 */
final class DemoProfiles {
  record National(String unit, String nationalId, Map<String, Object> fields) {}

  private static final National NONE = new National(null, null, Map.of());
  private static final String UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

  // city -> (Land or académie, département number for the UAI)
  private static final Map<String, String> LAND =
      Map.of("Berlin", "BE", "München", "BY", "Hamburg", "HH", "Köln", "NW", "Frankfurt am Main", "HE", "Leipzig", "SN");
  private static final Map<String, String[]> ACADEMIE =
      Map.of(
          "Paris", new String[] {"paris", "075"},
          "Lyon", new String[] {"lyon", "069"},
          "Marseille", new String[] {"aix-marseille", "013"},
          "Lille", new String[] {"lille", "059"},
          "Bordeaux", new String[] {"bordeaux", "033"},
          "Strasbourg", new String[] {"strasbourg", "067"});

  private DemoProfiles() {}

  static National of(Random random, String country, String city, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (country.equals("DE") && LAND.containsKey(city)) {
      String schulform =
          lower.contains("grundschule") ? "grundschule"
              : lower.contains("gesamtschule") ? "gesamtschule"
              : lower.contains("realschule") ? "realschule"
              : lower.contains("berufsbildende") ? "berufsbildende-schule"
              : "gymnasium";
      return new National(LAND.get(city), null, Map.of(
          "schulform", schulform,
          "traeger", random.nextInt(10) == 0 ? "privat" : "oeffentlich",
          "schwerpunkte", List.of(random.nextBoolean() ? "nachhaltigkeit" : "menschenrechte", "interkulturell")));
    }
    if (country.equals("FR") && ACADEMIE.containsKey(city)) {
      String[] where = ACADEMIE.get(city);
      String digits = where[1] + String.format("%04d", random.nextInt(10_000));
      String type =
          lower.startsWith("école") ? "ecole"
              : lower.startsWith("collège") ? "college"
              : lower.contains("professionnel") ? "lycee-professionnel"
              : "lycee";
      return new National(where[0], digits + UAI_LETTERS.charAt((int) (Long.parseLong(digits) % 23)),
          Map.of("typeEtablissement", type, "secteur", "public"));
    }
    return NONE;
  }
}
