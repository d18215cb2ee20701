package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.Theme;

class SchoolValidatorTest {
  private static final Predicate<String> KNOWN = Set.of("FR", "KE", "JP", "EG")::contains;

  private static List<String> fields(SchoolInput input) {
    return SchoolValidator.check(SchoolValidator.tidy(input), KNOWN, "en").stream().map(FieldError::field).toList();
  }

  @Test
  void acceptsAValidSchool() {
    assertEquals(List.of(), fields(Schools.valid()));
  }

  @Test
  void keepsUnicodeNamesExactlyAndTrimsTheEnds() {
    for (String name : List.of("東京都立国際高等学校", "مدرسة الأمل الثانوية", "Σχολείο Αθηνών", "École 🌍 Terre")) {
      SchoolInput tidy = SchoolValidator.require(Schools.named("  " + name + "\t", "Paris"), KNOWN, "en");
      assertEquals(name, tidy.name());
    }
  }

  @Test
  void aRequiredTextThatShowsNothingIsRefused() {
    assertEquals(List.of("name"), fields(Schools.named("\u202e\u200b", "Paris")));
    assertEquals(List.of("city"), fields(Schools.named("École", "\u2060\u00a0")));
    assertEquals(List.of(), fields(Schools.named("\u200fمدرسة\u200f", "Paris")));
  }

  @Test
  void aNameTurnedRoundOrOfSeveralLinesIsRefused() {
    // "Bidi \u202eloohcS" prints as "Bidi School", a name that would pass for another in lists and exports
    assertEquals(List.of("name"), fields(Schools.named("Bidi \u202eloohcS\u202c", "Paris")));
    assertEquals(List.of("name"), fields(Schools.named("Lycée\u2028Voltaire", "Paris")));
    assertEquals(List.of("city"), fields(Schools.named("École", "Pa\u2066ris")));
    assertEquals(List.of(), fields(Schools.named("مدرسة \u200fالأمل", "Paris")), "a direction mark alone turns nothing round");
  }

  @Test
  void countsCharactersNotUtf16Units() {
    String twoHundredEmoji = "🌍".repeat(200);
    assertEquals(List.of(), fields(Schools.named(twoHundredEmoji, "Paris")));
    assertEquals(List.of("name"), fields(Schools.named(twoHundredEmoji + "x", "Paris")));
  }

  @Test
  void reportsEveryInvalidFieldAtOnce() {
    SchoolInput bad =
        new SchoolInput(
            " ", "ZZ", "u".repeat(101), null, "a\nb", 91.0, -181.0, List.of(), List.of(),
            List.of("xx"), -1, 1_000_001, "not-an-email", "ftp://example.org", "n".repeat(51));
    assertEquals(
        List.of(
            "name", "country", "unit", "city", "address", "latitude", "longitude", "levels",
            "languages[0]", "students", "teachers", "email", "website", "nationalId"),
        fields(bad));
  }

  @Test
  void knowsCountriesAndTheirFormat() {
    assertEquals(List.of(), fields(Schools.in("fr", "A", "B", null)), "lower case is tidied to FR");
    assertEquals(List.of("country"), fields(Schools.in("XK", "A", "B", null)));
    assertEquals(List.of("country"), fields(Schools.in("FRA", "A", "B", null)));
  }

  @Test
  void wantsBothCoordinatesOrNeither() {
    SchoolInput v = Schools.valid();
    SchoolInput onlyLatitude =
        new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), 10.0, null, v.levels(),
            v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), v.nationalId());
    assertEquals(List.of("longitude"), fields(onlyLatitude));
    SchoolInput onlyAWrongLatitude =
        new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), 91.0, null, v.levels(),
            v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), v.nationalId());
    assertEquals(List.of("longitude", "latitude"), fields(onlyAWrongLatitude), "the one given is checked too");
    SchoolInput neither =
        new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), null, null, v.levels(),
            v.themes(), v.languages(), null, null, v.email(), null, null);
    assertEquals(List.of(), fields(neither));
    SchoolInput edges =
        new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), -90.0, 180.0, v.levels(),
            v.themes(), v.languages(), 0, 0, v.email(), v.website(), v.nationalId());
    assertEquals(List.of(), fields(edges));
  }

  @Test
  void tidiesListsAndLanguages() {
    SchoolInput v = Schools.valid();
    SchoolInput messy =
        new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), null, null,
            List.of(Level.PRIMARY, Level.PRIMARY), List.of(Theme.ESD, Theme.ESD),
            new ArrayList<>(List.of("FR", "fr", " en ")), null, null, v.email(), "  ", null);
    SchoolInput tidy = SchoolValidator.require(messy, KNOWN, "en");
    assertEquals(List.of(Level.PRIMARY), tidy.levels());
    assertEquals(List.of(Theme.ESD), tidy.themes());
    assertEquals(List.of("fr", "en"), tidy.languages());
    assertEquals(null, tidy.website());
  }

  @Test
  void acceptsReasonableEmailsAndWebsites() {
    SchoolInput v = Schools.valid();
    for (String email : List.of("a@b.co", "direction.école@ac-paris.fr", "x+y@sub.domain.org")) {
      assertEquals(List.of(), fields(withContact(v, email, null)), email);
    }
    for (String email : List.of("a@b", "@b.co", "a b@c.org", "a@@b.org", "a@b..org")) {
      assertEquals(List.of("email"), fields(withContact(v, email, null)), email);
    }
    for (String site : List.of("http://school.ke", "https://www.école.fr/accueil?x=1")) {
      assertEquals(List.of(), fields(withContact(v, v.email(), site)), site);
    }
    for (String site : List.of("school.ke", "javascript:alert(1)", "https://", "http://a b.org")) {
      assertEquals(List.of("website"), fields(withContact(v, v.email(), site)), site);
    }
  }

  @Test
  void requireThrowsAValidationProblem() {
    ProblemException p =
        assertThrows(ProblemException.class, () -> SchoolValidator.require(Schools.in("ZZ", "A", "B", null), KNOWN, "en"));
    assertEquals(400, p.status());
    assertTrue(p.type().endsWith("/validation"));
    assertEquals("country", p.errors().get(0).field());
  }

  private static SchoolInput withContact(SchoolInput v, String email, String website) {
    return new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), v.latitude(),
        v.longitude(), v.levels(), v.themes(), v.languages(), v.students(), v.teachers(), email,
        website, v.nationalId());
  }
}
