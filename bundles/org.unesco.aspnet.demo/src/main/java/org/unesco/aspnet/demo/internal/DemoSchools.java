package org.unesco.aspnet.demo.internal;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.unesco.aspnet.demo.internal.DemoCountries.City;
import org.unesco.aspnet.demo.internal.DemoCountries.Country;
import org.unesco.aspnet.demo.internal.DemoCountries.NameForm;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;

/**
 * The demo schools, generated from {@link DemoCountries} with a seeded {@link Random}: the same
 * seed gives the same list, in the same order, on every run. Pure: no service is touched.
 */
final class DemoSchools {
  static final long SEED = 20_250_101L;

  /** Share of each status among the demo schools, in per mille: about 60% members. */
  static final Map<MembershipStatus, Integer> STATUS_SHARES = statusShares();

  /** One demo school: its profile, its region and the status its membership is brought to. */
  record DemoSchool(SchoolInput input, String region, MembershipStatus status) {}

  private DemoSchools() {}

  private static Map<MembershipStatus, Integer> statusShares() {
    Map<MembershipStatus, Integer> shares = new EnumMap<>(MembershipStatus.class);
    shares.put(MembershipStatus.APPLIED, 60);
    shares.put(MembershipStatus.UNDER_NATIONAL_REVIEW, 60);
    shares.put(MembershipStatus.REJECTED, 50);
    shares.put(MembershipStatus.RECOMMENDED, 50);
    shares.put(MembershipStatus.UNDER_HQ_REVIEW, 60);
    shares.put(MembershipStatus.MEMBER, 600);
    shares.put(MembershipStatus.SUSPENDED, 40);
    shares.put(MembershipStatus.DORMANT, 50);
    shares.put(MembershipStatus.WITHDRAWN, 30);
    return Collections.unmodifiableMap(shares);
  }

  /** The demo data set for {@code seed}, shuffled so that countries and statuses are mixed. */
  static List<DemoSchool> generate(long seed) {
    Random random = new Random(seed);
    List<DemoSchool> schools = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    Set<String> slugs = new HashSet<>();
    for (Country country : DemoCountries.ALL) {
      for (int i = 0; i < country.schools(); i++) {
        schools.add(new DemoSchool(school(random, country, taken, slugs), country.region(), null));
      }
    }
    Collections.shuffle(schools, random);
    List<MembershipStatus> statuses = statuses(schools.size());
    Collections.shuffle(statuses, random);
    List<DemoSchool> result = new ArrayList<>(schools.size());
    for (int i = 0; i < schools.size(); i++) {
      DemoSchool school = schools.get(i);
      result.add(new DemoSchool(school.input(), school.region(), statuses.get(i)));
    }
    return List.copyOf(result);
  }

  /** {@code count} statuses in the proportions of {@link #STATUS_SHARES}, at least one of each. */
  static List<MembershipStatus> statuses(int count) {
    List<MembershipStatus> statuses = new ArrayList<>(count);
    for (MembershipStatus status : MembershipStatus.values()) {
      if (status == MembershipStatus.MEMBER) {
        continue;
      }
      int n = Math.max(1, Math.round(count * STATUS_SHARES.get(status) / 1000f));
      for (int i = 0; i < n && statuses.size() < count; i++) {
        statuses.add(status);
      }
    }
    while (statuses.size() < count) {
      statuses.add(MembershipStatus.MEMBER);
    }
    return statuses;
  }

  private static SchoolInput school(Random random, Country country, Set<String> taken, Set<String> slugs) {
    City city = null;
    NameForm form = null;
    String name = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      city = pick(random, country.cities());
      form = pick(random, country.forms());
      name = name(random, country, form, city);
      if (taken.add(name + "|" + city.name())) {
        break;
      }
      name = null;
    }
    if (name == null) { // the lists ran out of combinations: number the last one
      int n = 2;
      String base = name(random, country, form, city);
      while (!taken.add(base + " " + n + "|" + city.name())) {
        n++;
      }
      name = base + " " + n;
    }
    String slug = slug(name, country, city, slugs);
    double latitude = round(city.latitude() + (random.nextDouble() - 0.5) * 0.08);
    double longitude = round(city.longitude() + (random.nextDouble() - 0.5) * 0.08);
    List<Level> levels = form.levels();
    int students = students(random, levels.get(levels.size() - 1));
    int teachers = Math.max(4, students / (10 + random.nextInt(12)));
    String address = pick(random, country.streets()).replace("#", String.valueOf(1 + random.nextInt(180)));
    DemoProfiles.National national = DemoProfiles.of(random, country.iso2(), city.name(), name);
    return new SchoolInput(
        name,
        country.iso2(),
        national.unit(),
        city.name(),
        address,
        latitude,
        longitude,
        levels,
        themes(random),
        languages(random, country.languages()),
        students,
        teachers,
        "contact@" + slug + ".example.org",
        "https://" + slug + ".example.org",
        national.nationalId(),
        national.fields());
  }

  private static String name(Random random, Country country, NameForm form, City city) {
    return form.template()
        .replace("{n}", pick(random, country.names()))
        .replace("{c}", city.local())
        .replace("{k}", String.valueOf(1 + random.nextInt(40)));
  }

  private static int students(Random random, Level level) {
    return switch (level) {
      case PRE_PRIMARY -> 40 + random.nextInt(120);
      case PRIMARY -> 150 + random.nextInt(550);
      case SECONDARY -> 300 + random.nextInt(1500);
      case TVET -> 200 + random.nextInt(1000);
      case TEACHER_TRAINING -> 150 + random.nextInt(750);
    };
  }

  private static List<Theme> themes(Random random) {
    List<Theme> themes = new ArrayList<>(List.of(Theme.values()));
    Collections.shuffle(themes, random);
    return List.copyOf(themes.subList(0, 1 + random.nextInt(themes.size())));
  }

  /** The first language of the country always, the others now and then, English sometimes. */
  private static List<String> languages(Random random, List<String> country) {
    List<String> languages = new ArrayList<>();
    languages.add(country.get(0));
    for (String other : country.subList(1, country.size())) {
      if (random.nextInt(2) == 0) {
        languages.add(other);
      }
    }
    if (!languages.contains("en") && random.nextInt(4) == 0) {
      languages.add("en");
    }
    return List.copyOf(languages);
  }

  /**
   * A DNS label for the school's example domain: the name in ASCII where it is written in Latin
   * script, else country and city; made unique with a number.
   */
  static String slug(String name, Country country, City city, Set<String> slugs) {
    String slug = ascii(name);
    if (slug.length() < 4) {
      slug = country.iso2().toLowerCase(Locale.ROOT) + "-" + ascii(city.name()) + "-school";
    }
    if (slug.length() > 48) {
      slug = slug.substring(0, 48).replaceAll("-+$", "");
    }
    String unique = slug;
    for (int n = 2; !slugs.add(unique); n++) {
      unique = slug + "-" + n;
    }
    return unique;
  }

  private static String ascii(String text) {
    String folded =
        text.toLowerCase(Locale.ROOT)
            .replace("ł", "l")
            .replace("đ", "d")
            .replace("ß", "ss")
            .replace("æ", "ae")
            .replace("ø", "o")
            .replace("œ", "oe");
    return Normalizer.normalize(folded, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  /**
   * The moves that bring a new application (APPLIED) to {@code target}, the shortest way through
   * {@link MembershipStatus#TRANSITIONS}; empty for APPLIED itself.
   */
  static List<MembershipStatus> path(MembershipStatus target) {
    Map<MembershipStatus, MembershipStatus> previous = new LinkedHashMap<>();
    Deque<MembershipStatus> queue = new ArrayDeque<>(List.of(MembershipStatus.APPLIED));
    previous.put(MembershipStatus.APPLIED, null);
    while (!queue.isEmpty()) {
      MembershipStatus at = queue.removeFirst();
      for (MembershipStatus next : at.next()) {
        if (!previous.containsKey(next)) {
          previous.put(next, at);
          queue.addLast(next);
        }
      }
    }
    if (!previous.containsKey(target)) {
      throw new IllegalArgumentException("no way from APPLIED to " + target);
    }
    List<MembershipStatus> path = new ArrayList<>();
    for (MembershipStatus at = target; at != MembershipStatus.APPLIED; at = previous.get(at)) {
      path.add(0, at);
    }
    return List.copyOf(path);
  }

  /** What the decider writes on a move to {@code to}; null where no comment is needed. */
  static String comment(MembershipStatus from, MembershipStatus to) {
    boolean required = from.transitionTo(to).map(MembershipStatus.Transition::commentRequired).orElse(false);
    if (!required) {
      return null;
    }
    return switch (to) {
      case REJECTED -> "The application does not yet describe activities in the network's thematic areas.";
      case SUSPENDED -> "No annual report for two years in a row; please get in touch with your National Coordinator.";
      case WITHDRAWN -> "The school asked to leave the network.";
      case UNDER_NATIONAL_REVIEW -> "Please confirm the school's contact details.";
      default -> "Demo data.";
    };
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static double round(double degrees) {
    return Math.round(degrees * 100_000) / 100_000.0;
  }
}
