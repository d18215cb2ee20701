package org.unesco.aspnet.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.CsvLine;
import org.unesco.aspnet.demo.internal.DemoCountries.City;
import org.unesco.aspnet.demo.internal.DemoCountries.Country;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.SchoolInput;

class DemoSchoolsTest {
  /** The membership module's reference table, read from the source tree next to this module. */
  private static final Path REGIONS_CSV =
      Path.of("../org.unesco.aspnet.membership/src/main/resources/reference/unesco-regions.csv");
  // the same rules as the membership module's SchoolValidator
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

  private static Map<String, String> regions;
  private static List<DemoSchool> schools;

  @BeforeAll
  static void setUp() throws IOException {
    regions = new HashMap<>();
    for (String line : Files.readAllLines(REGIONS_CSV, StandardCharsets.UTF_8).stream().skip(1).toList()) {
      List<String> cells = CsvLine.cells(line);
      regions.put(cells.get(0), cells.get(2));
    }
    schools = DemoSchools.generate(DemoSchools.SEED);
  }

  @Test
  void aboutThreeHundredSchoolsInFortyCountries() {
    assertEquals(300, schools.size());
    assertEquals(40, schools.stream().map(s -> s.input().country()).distinct().count());
    assertEquals(40, DemoCountries.ALL.size());
  }

  @Test
  void countriesExistWithTheRegionOfTheReferenceTable() {
    for (Country country : DemoCountries.ALL) {
      assertEquals(regions.get(country.iso2()), country.region(), country.iso2());
    }
    for (DemoSchool school : schools) {
      assertEquals(regions.get(school.input().country()), school.region(), school.input().name());
    }
  }

  @Test
  void allFiveRegionsCovered() {
    Set<String> covered = schools.stream().map(DemoSchool::region).collect(Collectors.toSet());
    assertEquals(Set.copyOf(DemoCountries.REGIONS), covered);
    assertEquals(Set.copyOf(regions.values()), covered, "the CSV has exactly these five regions");
    Map<String, Long> perRegion =
        schools.stream().collect(Collectors.groupingBy(DemoSchool::region, Collectors.counting()));
    perRegion.values().forEach(n -> assertTrue(n >= 40, "each region well represented: " + perRegion));
  }

  @Test
  void everyStatusPresentAndAboutSixtyPercentMembers() {
    Map<MembershipStatus, Long> counts =
        schools.stream().collect(Collectors.groupingBy(DemoSchool::status, Collectors.counting()));
    assertEquals(EnumSet.allOf(MembershipStatus.class), counts.keySet());
    long members = counts.get(MembershipStatus.MEMBER);
    assertTrue(members >= 0.55 * schools.size() && members <= 0.65 * schools.size(), "members: " + members);
    assertTrue(counts.get(MembershipStatus.WITHDRAWN) < 0.05 * schools.size(), "a few withdrawn");
  }

  @Test
  void deterministicForAFixedSeed() {
    assertEquals(schools, DemoSchools.generate(DemoSchools.SEED));
    assertNotEquals(schools, DemoSchools.generate(DemoSchools.SEED + 1));
  }

  @Test
  void coordinatesInRangeAndNearACityOfTheCountry() {
    Map<String, Country> byIso = DemoCountries.ALL.stream().collect(Collectors.toMap(Country::iso2, c -> c));
    for (DemoSchool school : schools) {
      SchoolInput in = school.input();
      assertNotNull(in.latitude());
      assertNotNull(in.longitude());
      assertTrue(in.latitude() >= -90 && in.latitude() <= 90, in.name());
      assertTrue(in.longitude() >= -180 && in.longitude() <= 180, in.name());
      City city = byIso.get(in.country()).cities().stream()
          .filter(c -> c.name().equals(in.city()))
          .findFirst()
          .orElseThrow();
      assertTrue(Math.abs(in.latitude() - city.latitude()) <= 0.05, in.name());
      assertTrue(Math.abs(in.longitude() - city.longitude()) <= 0.05, in.name());
    }
  }

  @Test
  void profilesPassTheValidationRules() {
    Set<String> emails = new HashSet<>();
    Set<String> nameAndCity = new HashSet<>();
    for (DemoSchool school : schools) {
      SchoolInput in = school.input();
      assertFalse(in.name().isBlank());
      assertEquals(in.name(), in.name().strip());
      assertTrue(in.name().codePointCount(0, in.name().length()) <= 200, in.name());
      assertFalse(in.name().contains("{"), "placeholder left: " + in.name());
      assertFalse(in.city().isBlank());
      assertFalse(in.address().isBlank());
      assertFalse(in.address().contains("#"), in.address());
      assertTrue(in.country().matches("[A-Z]{2}"));
      assertFalse(in.levels().isEmpty());
      assertFalse(in.themes().isEmpty());
      assertEquals(in.themes().size(), Set.copyOf(in.themes()).size());
      assertFalse(in.languages().isEmpty());
      assertTrue(in.languages().size() <= 10);
      in.languages().forEach(l -> assertTrue(LANGUAGES.contains(l), "language " + l));
      assertTrue(in.students() > 0 && in.students() <= 1_000_000);
      assertTrue(in.teachers() > 0 && in.teachers() < in.students());
      assertTrue(EMAIL.matcher(in.email()).matches(), in.email());
      assertTrue(in.email().startsWith("contact@") && in.email().endsWith(".example.org"), in.email());
      URI website = URI.create(in.website());
      assertEquals("https", website.getScheme());
      assertEquals(in.email().substring("contact@".length()), website.getHost());
      assertTrue(emails.add(in.email()), "unique email " + in.email());
      assertTrue(nameAndCity.add(in.name() + "|" + in.city()), "unique name in its city " + in.name());
    }
  }

  @Test
  void namesInLocalScripts() {
    Map<String, String> someNames = schools.stream()
        .collect(Collectors.toMap(s -> s.input().country(), s -> s.input().name(), (a, b) -> a));
    assertTrue(someNames.get("EG").codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC));
    assertTrue(someNames.get("JP").codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    assertTrue(someNames.get("KR").codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL));
  }

  @Test
  void pathsFollowTheAllowedMoves() {
    for (MembershipStatus target : MembershipStatus.values()) {
      MembershipStatus at = MembershipStatus.APPLIED;
      for (MembershipStatus step : DemoSchools.path(target)) {
        MembershipStatus from = at;
        MembershipStatus.Transition move = from.transitionTo(step).orElseThrow(() -> new AssertionError(from + " -> " + step));
        if (move.commentRequired()) {
          assertNotNull(DemoSchools.comment(from, step), from + " -> " + step);
        }
        at = step;
      }
      assertEquals(target, at);
    }
    assertEquals(List.of(), DemoSchools.path(MembershipStatus.APPLIED));
    assertEquals(
        List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
            MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER),
        DemoSchools.path(MembershipStatus.MEMBER));
  }
}
