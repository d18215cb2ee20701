package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.HealthCheck;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.profile.Field;
import org.unesco.aspnet.membership.profile.Ladder;
import org.unesco.aspnet.membership.profile.NationalProfile;
import org.unesco.aspnet.membership.profile.Option;
import org.unesco.aspnet.membership.profile.Texts;
import org.unesco.aspnet.membership.profile.Unit;

/** National profiles over a real database: extra fields, units, the ladder, and a failing profile. */
class NationalProfilesTest {
  private static final AtomicLong SERVICE_IDS = new AtomicLong(1000);
  private static final Principal HQ = TransitionsTest.person("hq", Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_DE =
      new Principal("nc-de", "nc@de.example", "NC", "de", List.of(Grant.country(Role.NATIONAL_COORDINATOR, "DE")));
  private static final Principal LAND_BY =
      TransitionsTest.person("land-by", new Grant(Role.SUBNATIONAL_COORDINATOR, "DE", "BY", null, null));
  private static final Principal LAND_HH =
      TransitionsTest.person("land-hh", new Grant(Role.SUBNATIONAL_COORDINATOR, "DE", "HH", null, null));

  /** A small German-like profile: two units, one required choice, a ladder with a waiting time. */
  static final class Germany implements NationalProfile {
    volatile Period minimum = Period.ofYears(2);

    @Override
    public String language() {
      return "de";
    }

    @Override
    public List<Field> fields() {
      return List.of(
          Field.choice("schulform", Texts.of("de", "Schulform", "en", "Type of school"),
                  List.of(new Option("gymnasium", Texts.of("de", "Gymnasium")),
                      new Option("grundschule", Texts.of("de", "Grundschule"))))
              .asRequired(),
          Field.text("schulnummer", Texts.of("de", "Schulnummer", "en", "School number"))
              .withPattern("[0-9]{6}", Texts.of("de", "sechs Ziffern", "en", "six digits")),
          Field.number("klassen", Texts.of("de", "Klassen")).withRange("1", "200"));
    }

    @Override
    public List<Unit> units() {
      return List.of(new Unit("BY", Texts.of("de", "Bayern")), new Unit("HH", Texts.of("de", "Hamburg")));
    }

    @Override
    public Ladder ladder() {
      return new Ladder(
          List.of(
              new Ladder.Stage("interested", Texts.of("de", "interessierte Schule"), MembershipStatus.APPLIED),
              new Ladder.Stage("collaborating", Texts.of("de", "mitarbeitende Schule"), MembershipStatus.UNDER_NATIONAL_REVIEW),
              new Ladder.Stage("recognised", Texts.of("de", "anerkannte UNESCO-Projektschule"), MembershipStatus.RECOMMENDED)),
          List.of(
              new Ladder.Move("interested", "collaborating", minimum, Set.of(Role.SUBNATIONAL_COORDINATOR)),
              new Ladder.Move("collaborating", "recognised", minimum, Set.of(Role.NATIONAL_COORDINATOR))));
    }
  }

  private TestDatabase database;
  private NationalProfiles profiles;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private final Germany germany = new Germany();

  @BeforeEach
  void start() {
    database = new TestDatabase();
    Countries countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
  }

  private Map<String, Object> register(NationalProfile profile, String country) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(NationalProfile.COUNTRY_PROPERTY, country);
    properties.put(Constants.SERVICE_ID, SERVICE_IDS.incrementAndGet());
    profiles.addProfile(profile, properties);
    return properties;
  }

  private static SchoolInput german(String unit, Map<String, Object> fields) {
    SchoolInput v = Schools.named("Goethe-Gymnasium", "München");
    return new SchoolInput(v.name(), "DE", unit, v.city(), v.address(), v.latitude(), v.longitude(),
        v.levels(), v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), null, fields);
  }

  private static List<FieldError> errors(Runnable r) {
    ProblemException e = assertThrows(ProblemException.class, r::run);
    assertEquals(400, e.status(), e.getMessage());
    return e.errors();
  }

  private static String message(List<FieldError> errors, String field) {
    return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
  }

  @Test
  void extraFieldsAreCheckedInTheProfileLanguageAndStored() {
    register(germany, "DE");
    List<FieldError> errors = errors(() -> lifecycle.apply(NC_DE, german("XX", Map.of("schulnummer", "12", "klassen", 0, "extra", "x")), true));
    assertEquals("ist erforderlich", message(errors, "fields.schulform"));
    assertEquals("sechs Ziffern", message(errors, "fields.schulnummer"));
    assertEquals("muss zwischen 1 und 200 liegen", message(errors, "fields.klassen"));
    assertTrue(message(errors, "fields.extra").startsWith("ist kein Feld"));
    assertTrue(message(errors, "unit").contains("BY, HH"));
    Principal english = new Principal("e", "e@x.org", "e", "en", List.of(Grant.global(Role.HQ_OFFICER)));
    assertEquals("is required", message(errors(() -> lifecycle.apply(english, german("BY", Map.of()), true)), "fields.schulform"));

    // 1e400 in a body reads as Infinity: a number out of range, not "not a number"
    assertEquals("muss zwischen 1 und 200 liegen", message(errors(() -> lifecycle.apply(NC_DE,
        german("BY", Map.of("schulform", "gymnasium", "klassen", Double.POSITIVE_INFINITY)), true)), "fields.klassen"));

    Application a = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium", "schulnummer", " 123456 ")), true);
    School s = schools.school(HQ, a.schoolId());
    assertEquals(Map.of("schulform", "gymnasium", "schulnummer", "123456"), s.fields());
    assertEquals("interested", lifecycle.membership(HQ, a.membershipId()).stage());
  }

  /**
   * Blank text where a number or a day is expected is a mistake of that field, as "students": " "
   * is (api.md), not "absent": an application kept nothing of it and an edit erased the stored value.
   * Only null removes a value; blank text in a text or choice field is no value, as before.
   */
  @Test
  void blankTextInANumberOrDateFieldIsAnErrorNotAbsent() {
    register(new NationalProfile() {
      @Override
      public String language() {
        return "fr";
      }

      @Override
      public List<Field> fields() {
        return List.of(Field.date("dateLabellisation", Texts.of("fr", "Date de labellisation")).withRange("1953-01-01", null),
            Field.number("lehrkraefte", Texts.of("fr", "Enseignants du projet")).withRange("0", "500"),
            Field.text("secteur", Texts.of("fr", "Secteur")));
      }
    }, "FR");
    Principal english = new Principal("e", "e@x.org", "e", "en", List.of(Grant.global(Role.HQ_OFFICER)));
    java.util.function.Function<Map<String, Object>, SchoolInput> french = fields -> {
      SchoolInput v = Schools.in("FR", "Lycée Sophie Germain", "Paris", null);
      return new SchoolInput(v.name(), v.country(), v.unit(), v.city(), v.address(), v.latitude(), v.longitude(), v.levels(),
          v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), v.nationalId(), fields);
    };
    for (String blank : List.of(" ", "")) {
      List<FieldError> errors = errors(() -> lifecycle.apply(english, french.apply(Map.of("dateLabellisation", blank,
          "lehrkraefte", blank, "secteur", blank)), true));
      assertEquals("must be a date such as 2026-09-01", message(errors, "fields.dateLabellisation"), "'" + blank + "': " + errors);
      assertEquals("must be a number", message(errors, "fields.lehrkraefte"), errors.toString());
      assertNull(message(errors, "fields.secteur"), "blank text is no text: " + errors);
    }

    Application a = lifecycle.apply(english, french.apply(Map.of("dateLabellisation", "2019-06-14", "lehrkraefte", 12)), true);
    School s = schools.school(HQ, a.schoolId());
    Map<String, Object> stored = Map.of("dateLabellisation", "2019-06-14", "lehrkraefte", 12);
    assertEquals(stored, s.fields());
    for (String blank : List.of(" ", "")) {
      for (String key : stored.keySet()) {
        Map<String, Object> patched = new HashMap<>(s.fields());
        patched.put(key, blank);
        assertEquals(List.of("fields." + key), errors(() -> schools.update(english, s.id(), s.revision(), french.apply(patched)))
            .stream().map(FieldError::field).toList(), key + " '" + blank + "'");
      }
    }
    assertEquals(stored, schools.school(HQ, s.id()).fields(), "nothing erased");
    // null removes it (a merge patch's null leaves the key out of the merged school)
    School cleared = schools.update(english, s.id(), s.revision(), french.apply(Map.of("lehrkraefte", 12)));
    assertEquals(Map.of("lehrkraefte", 12), cleared.fields());
  }

  @Test
  void theCoreAndTheProfileReportTheirErrorsTogether() {
    register(germany, "DE");
    SchoolInput v = german("XX", Map.of("klassen", 0));
    SchoolInput noAddress = new SchoolInput(v.name(), v.country(), v.unit(), v.city(), null, v.latitude(), v.longitude(),
        v.levels(), v.themes(), v.languages(), -1, v.teachers(), v.email(), v.website(), null, v.fields());
    List<FieldError> errors = errors(() -> lifecycle.apply(NC_DE, noAddress, true));
    assertEquals("ist erforderlich", message(errors, "address"), "the core's errors in the caller's language too");
    assertTrue(message(errors, "students") != null, errors.toString());
    assertEquals("ist erforderlich", message(errors, "fields.schulform"), "the profile's errors come at once: " + errors);
    assertEquals("muss zwischen 1 und 200 liegen", message(errors, "fields.klassen"));
    assertTrue(message(errors, "unit").contains("BY, HH"), errors.toString());
    assertEquals(1, errors.stream().filter(e -> e.field().equals("unit")).count(), "one error per field: " + errors);
  }

  @Test
  void anEditsCoreAndProfileErrorsComeTogetherToo() {
    register(germany, "DE");
    Application a = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium")), true);
    SchoolInput v = german("BY", Map.of("klassen", 0));
    SchoolInput noAddress = new SchoolInput(v.name(), v.country(), v.unit(), v.city(), null, v.latitude(), v.longitude(),
        v.levels(), v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), null, v.fields());
    List<FieldError> errors = errors(() -> schools.update(NC_DE, a.schoolId(), 1, noAddress, true));
    assertEquals("ist erforderlich", message(errors, "address"));
    assertEquals("muss zwischen 1 und 200 liegen", message(errors, "fields.klassen"), "at once: " + errors);
  }

  /** An edit with a wrong or no country has its national fields checked against the school's country, in the same 400. */
  @Test
  void anEditWithAWrongCountryIsCheckedAgainstTheSchoolsCountry() {
    register(germany, "DE");
    Application a = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium")), true);
    SchoolInput v = german("BY", Map.of("klassen", 0));
    for (String country : java.util.Arrays.asList(null, "XX")) {
      SchoolInput edit = new SchoolInput(v.name(), country, v.unit(), v.city(), v.address(), v.latitude(), v.longitude(),
          List.of(), v.themes(), v.languages(), v.students(), v.teachers(), v.email(), v.website(), null, v.fields());
      List<FieldError> errors = errors(() -> schools.update(HQ, a.schoolId(), 1, edit, true));
      assertTrue(message(errors, "country") != null, errors.toString());
      assertTrue(message(errors, "levels") != null, errors.toString());
      assertEquals("is required", message(errors, "fields.schulform"), country + ", at once: " + errors);
      assertEquals("must be between 1 and 200", message(errors, "fields.klassen"), country + ", at once: " + errors);
    }
    // so too when a field has the wrong type (the form's 400)
    com.fasterxml.jackson.databind.node.ObjectNode body = org.unesco.aspnet.web.Json.MAPPER.valueToTree(v);
    body.putNull("country");
    body.put("students", "many");
    List<FieldError> errors = errors(() -> SchoolForm.read(body, Set.of(), "DE"::equals, "en",
        given -> profiles.check(given, Map.of(), "en").errors(), "DE"));
    assertTrue(message(errors, "country") != null && message(errors, "students") != null, errors.toString());
    assertEquals("is required", message(errors, "fields.schulform"), "at once: " + errors);
  }

  @Test
  void storedValuesOutliveTheProfileAndComeBackWithIt() {
    Map<String, Object> registration = register(germany, "DE");
    Application a = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium")), true);
    profiles.removeProfile(germany, registration);
    assertTrue(profiles.describe("DE", Locale.GERMAN).isEmpty());
    School s = schools.school(HQ, a.schoolId());
    assertEquals(Map.of("schulform", "gymnasium"), s.fields());
    // Without its profile, a value is neither lost on an edit nor changed
    School edited = schools.update(HQ, s.id(), s.revision(), withCity(s, "Augsburg", s.fields()));
    assertEquals(Map.of("schulform", "gymnasium"), edited.fields());
    assertEquals(400, assertThrows(ProblemException.class,
        () -> schools.update(HQ, s.id(), edited.revision(), withCity(edited, "Augsburg", Map.of("schulform", "grundschule")))).status());
    register(germany, "DE");
    School back = schools.update(HQ, s.id(), edited.revision(), withCity(edited, "Nürnberg", Map.of("schulform", "grundschule")));
    assertEquals(Map.of("schulform", "grundschule"), back.fields());
  }

  private static SchoolInput withCity(School s, String city, Map<String, Object> fields) {
    SchoolInput i = s.input();
    return new SchoolInput(i.name(), i.country(), i.unit(), city, i.address(), i.latitude(), i.longitude(),
        i.levels(), i.themes(), i.languages(), i.students(), i.teachers(), "office@school.de", i.website(),
        i.nationalId(), fields);
  }

  @Test
  void theLadderRefusesSkippedEarlyAndOutOfScopeMoves() throws Exception {
    register(germany, "DE");
    long m = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium")), true).membershipId();
    ProblemException skipped = assertThrows(ProblemException.class, () -> lifecycle.moveStage(HQ, m, "recognised", null));
    assertEquals(409, skipped.status());
    assertTrue(skipped.detail().contains("mitarbeitende Schule"), skipped.detail());
    ProblemException early = assertThrows(ProblemException.class, () -> lifecycle.moveStage(LAND_BY, m, "collaborating", null));
    assertEquals(409, early.status());
    assertTrue(early.detail().contains("at least 2 years"), early.detail());
    // The bare status change is the ladder's to make
    assertEquals(409, assertThrows(ProblemException.class,
        () -> lifecycle.transition(NC_DE, m, MembershipStatus.UNDER_NATIONAL_REVIEW, null)).status());

    backdate(m, 3);
    assertEquals(404, assertThrows(ProblemException.class, () -> lifecycle.moveStage(LAND_HH, m, "collaborating", null)).status());
    assertEquals(403, assertThrows(ProblemException.class, () -> lifecycle.moveStage(NC_DE, m, "collaborating", null)).status());
    Membership moved = lifecycle.moveStage(LAND_BY, m, "collaborating", "Two good years");
    assertEquals("collaborating", moved.stage());
    assertEquals(MembershipStatus.UNDER_NATIONAL_REVIEW, moved.status());
    var last = lifecycle.history(HQ, m).get(1);
    assertEquals("interested", last.fromStage());
    assertEquals("collaborating", last.toStage());
    assertEquals(409, assertThrows(ProblemException.class, () -> lifecycle.moveStage(NC_DE, m, "recognised", null)).status());
  }

  private static SchoolInput inCountry(School s, String country, String unit) {
    SchoolInput i = s.input();
    return new SchoolInput(i.name(), country, unit, i.city(), i.address(), i.latitude(), i.longitude(),
        i.levels(), i.themes(), i.languages(), i.students(), i.teachers(), i.email(), i.website(),
        i.nationalId(), i.fields());
  }

  /** A school that moves abroad leaves its country's ladder: back again, its old stage and time there do not return. */
  @Test
  void aMoveToAnotherCountryLeavesTheNationalStageAndItIsNotBackOnReturn() {
    register(germany, "DE");
    Application a = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium")), true);
    long m = a.membershipId();
    backdate(m, 3);
    assertEquals("collaborating", lifecycle.moveStage(LAND_BY, m, "collaborating", null).stage());
    backdate(m, 3); // three years collaborating: ripe for recognition
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE MEM_STATUS_CHANGE SET CHANGED_AT = ? WHERE MEMBERSHIP_ID = ? AND TO_STAGE = 'collaborating'")) {
        ps.setTimestamp(1, Timestamp.from(Instant.now().minus(3 * 365L, ChronoUnit.DAYS)));
        ps.setLong(2, m);
        return ps.executeUpdate();
      }
    });
    int linesBefore = lifecycle.history(HQ, m).size();

    School s = schools.school(HQ, a.schoolId());
    School abroad = schools.update(HQ, s.id(), s.revision(), inCountry(s, "FR", null));
    assertEquals("FR", abroad.country());
    Membership there = lifecycle.membership(HQ, m);
    assertNull(there.stage(), "no German stage in France");
    assertEquals(MembershipStatus.UNDER_NATIONAL_REVIEW, there.status(), "the global status stays");
    List<org.unesco.aspnet.membership.StatusChange> history = lifecycle.history(HQ, m);
    assertEquals(linesBefore + 1, history.size(), "the move is a line of the history");
    var left = history.get(history.size() - 1);
    assertEquals("collaborating", left.fromStage());
    assertNull(left.toStage());
    assertEquals(left.from(), left.to());
    assertEquals("DE \u2192 FR", left.comment());

    assertEquals(java.util.Map.of(), abroad.fields(), "its German fields stayed behind");
    // back home, its German fields are given again
    SchoolInput home0 = inCountry(abroad, "DE", "BY");
    School back = schools.update(HQ, s.id(), abroad.revision(), new SchoolInput(home0.name(), home0.country(), home0.unit(), home0.city(),
        home0.address(), home0.latitude(), home0.longitude(), home0.levels(), home0.themes(), home0.languages(), home0.students(),
        home0.teachers(), home0.email(), home0.website(), home0.nationalId(), s.fields()));
    Membership home = lifecycle.membership(HQ, m);
    assertEquals("DE", back.country());
    assertEquals("collaborating", home.stage(), "the first stage of its status, not the one it had (with its time)");
    assertTrue(home.stageSince().isAfter(Instant.now().minus(1, ChronoUnit.DAYS)), "its time counts from the move: " + home.stageSince());
    ProblemException early = assertThrows(ProblemException.class, () -> lifecycle.moveStage(NC_DE, m, "recognised", null));
    assertEquals(409, early.status(), "the years before it left do not count: " + early.detail());
    assertTrue(early.detail().contains("mindestens 2 Jahre"), early.detail());
    // moving within the country (another Land) keeps the stage
    backdate(m, 3);
    Membership recognised = lifecycle.moveStage(NC_DE, m, "recognised", null);
    assertEquals("recognised", recognised.stage());
    School now = schools.school(HQ, s.id());
    School hamburg = schools.update(HQ, s.id(), now.revision(), inCountry(now, "DE", "HH"));
    assertEquals("HH", hamburg.unit());
    assertEquals("recognised", lifecycle.membership(HQ, m).stage());
    // sent back by HQ onto a stage it was on before it left: the time it served there then does not count
    lifecycle.transition(HQ, m, MembershipStatus.UNDER_HQ_REVIEW, null);
    Membership sentBack = lifecycle.transition(HQ, m, MembershipStatus.UNDER_NATIONAL_REVIEW, "Bitte ergänzen");
    assertEquals("collaborating", sentBack.stage());
    assertTrue(sentBack.stageSince().isAfter(Instant.now().minus(1, ChronoUnit.DAYS)),
        "not the entry of three years ago, before the move: " + sentBack.stageSince());
  }

  /**
   * A school moved into a country with a ladder, by an edit or an import, shows the stage its
   * status stands for there, as the ladder's moves take it: not null while the ladder says it is
   * "already in the stage 'interessierte Schule'".
   */
  @Test
  void aSchoolMovedIntoALadderCountryStandsAtTheStageOfItsStatus() {
    register(germany, "DE");
    Application applied = lifecycle.apply(HQ, Schools.in("FR", "Lycée Voltaire", "Paris", null), true);
    School s = schools.school(HQ, applied.schoolId());
    School moved = schools.update(HQ, s.id(), s.revision(), withFields(inCountry(s, "DE", "BY"), Map.of("schulform", "gymnasium")));
    assertEquals("DE", moved.country());
    Membership there = lifecycle.membership(HQ, applied.membershipId());
    assertEquals("interested", there.stage(), "APPLIED is the ladder's first stage");
    assertTrue(there.stageSince().isAfter(Instant.now().minus(1, ChronoUnit.DAYS)), "from the move: " + there.stageSince());
    var line = lifecycle.history(HQ, applied.membershipId()).get(1);
    assertEquals("FR \u2192 DE", line.comment());
    assertNull(line.fromStage());
    ProblemException already = assertThrows(ProblemException.class,
        () -> lifecycle.moveStage(HQ, applied.membershipId(), "interested", null));
    assertEquals(409, already.status());
    assertEquals(409, assertThrows(ProblemException.class,
        () -> lifecycle.moveStage(LAND_BY, applied.membershipId(), "collaborating", null)).status(), "its time counts from the move");

    // by an import's update, under national review in Kenya: the stage of that status
    Application kenyan = lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", null), true);
    lifecycle.transition(HQ, kenyan.membershipId(), MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    DirectoryImport imports = directoryImport();
    School k = schools.school(HQ, kenyan.schoolId());
    var row = new org.unesco.aspnet.membership.bulk.ImportRow(2, k.id(),
        withFields(inCountry(k, "DE", "HH"), Map.of("schulform", "grundschule")), List.of(),
        Set.of("id", "country", "unit", "fields.schulform"));
    assertEquals(1, imports.write(HQ, List.of(row)::iterator, org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.REJECT,
        "de.csv", n -> { }).updated());
    assertEquals("collaborating", lifecycle.membership(HQ, kenyan.membershipId()).stage());
    var arrived = lifecycle.history(HQ, kenyan.membershipId()).get(lifecycle.history(HQ, kenyan.membershipId()).size() - 1);
    assertEquals("KE \u2192 DE", arrived.comment());
    assertEquals("collaborating", arrived.toStage(), "the history names the stage it shows from the move");

    // moved in under HQ review (no stage mapped onto it), then sent back to national review:
    // the line leaves no stage, it was on none
    Application reviewed = lifecycle.apply(HQ, Schools.in("KE", "Starehe Boys Centre", "Nairobi", null), true);
    lifecycle.transition(HQ, reviewed.membershipId(), MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    lifecycle.transition(HQ, reviewed.membershipId(), MembershipStatus.RECOMMENDED, null);
    lifecycle.transition(HQ, reviewed.membershipId(), MembershipStatus.UNDER_HQ_REVIEW, null);
    School r = schools.school(HQ, reviewed.schoolId());
    schools.update(HQ, r.id(), r.revision(), withFields(inCountry(r, "DE", "HH"), Map.of("schulform", "gymnasium")));
    assertNull(lifecycle.membership(HQ, reviewed.membershipId()).stage());
    lifecycle.transition(HQ, reviewed.membershipId(), MembershipStatus.UNDER_NATIONAL_REVIEW, "back");
    var lines = lifecycle.history(HQ, reviewed.membershipId());
    var sentBack = lines.get(lines.size() - 1);
    assertNull(sentBack.fromStage(), lines.toString());
    assertEquals("collaborating", sentBack.toStage(), lines.toString());
    assertEquals("collaborating", lifecycle.membership(HQ, reviewed.membershipId()).stage());

    // and out again to a country without a ladder: no stage of Germany's left behind
    School back = schools.school(HQ, kenyan.schoolId());
    schools.update(HQ, back.id(), back.revision(), withFields(inCountry(back, "KE", null), Map.of()));
    assertNull(lifecycle.membership(HQ, kenyan.membershipId()).stage());
  }

  private static SchoolInput withName(SchoolInput i, String name) {
    return new SchoolInput(name, i.country(), i.unit(), i.city(), i.address(), i.latitude(), i.longitude(),
        i.levels(), i.themes(), i.languages(), i.students(), i.teachers(), i.email(), i.website(), i.nationalId(), i.fields());
  }

  private static SchoolInput withFields(SchoolInput i, Map<String, Object> fields) {
    return new SchoolInput(i.name(), i.country(), i.unit(), i.city(), i.address(), i.latitude(), i.longitude(),
        i.levels(), i.themes(), i.languages(), i.students(), i.teachers(), i.email(), i.website(), i.nationalId(), fields);
  }

  @Test
  void anImportedSchoolStartsOnTheLadderAndASubnationalCoordinatorIsToldTheUnit() {
    register(germany, "DE");
    DirectoryImport imports = directoryImport();
    List<org.unesco.aspnet.membership.bulk.ImportRow> rows = List.of(
        new org.unesco.aspnet.membership.bulk.ImportRow(2, null, german("BY", Map.of("schulform", "gymnasium")), List.of()));
    assertEquals(1, imports.write(NC_DE, rows::iterator, org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.ALLOW, "de.csv", n -> { }).written());
    School imported = schools.schools(HQ, new org.unesco.aspnet.membership.SchoolQuery("DE", null, null, null, null, null, null, 10, null))
        .items().get(0);
    assertEquals("interested", lifecycle.membership(HQ, imported.membershipId()).stage(), "as an application starts");
    assertEquals("interested", lifecycle.history(HQ, imported.membershipId()).get(0).toStage());

    Principal bavaria = new Principal("by", "by@x.org", "BY", "de", List.of(new Grant(Role.SUBNATIONAL_COORDINATOR, "DE", "BY", null, null)));
    List<org.unesco.aspnet.membership.bulk.ImportRow> elsewhere = List.of(
        new org.unesco.aspnet.membership.bulk.ImportRow(2, null, german("HH", Map.of("schulform", "gymnasium")), List.of()));
    List<FieldError> errors = imports.check(bavaria, elsewhere::iterator, n -> { }).rows().get(0).errors();
    assertEquals("unit", errors.get(0).field(), "the unit is what is not theirs: " + errors);
    assertEquals("Sie dürfen keine Schulen aus DE (HH) importieren", errors.get(0).message());

    // their own Land in another case is their Land, written as the profile's code; a Land Germany
    // does not have is told as to anyone, not as another coordinator's
    List<org.unesco.aspnet.membership.bulk.ImportRow> lowerCase = List.of(new org.unesco.aspnet.membership.bulk.ImportRow(2, null,
        withName(german("by", Map.of("schulform", "gymnasium")), "Dürer-Gymnasium"), List.of()));
    var own = imports.check(bavaria, lowerCase::iterator, n -> { });
    assertEquals(1, own.valid(), own.toString());
    assertEquals(1, imports.write(bavaria, lowerCase::iterator, org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.REJECT,
        "by.csv", n -> { }).written());
    School duerer = schools.schools(HQ, new org.unesco.aspnet.membership.SchoolQuery("DE", null, null, null, null, null, "Dürer", 10, null))
        .items().get(0);
    assertEquals("BY", duerer.unit());
    List<org.unesco.aspnet.membership.bulk.ImportRow> noLand = List.of(
        new org.unesco.aspnet.membership.bulk.ImportRow(2, null, german("XX", Map.of("schulform", "gymnasium")), List.of()));
    assertEquals(List.of(new FieldError("unit", "muss einer dieser Werte sein: BY, HH")),
        imports.check(bavaria, noLand::iterator, n -> { }).rows().get(0).errors());

    // a French NC who is also a German school's focal point: Germany is not theirs to import into
    Principal french = new Principal("fr", "fr@x.org", "FR", "en", List.of(Grant.country(Role.NATIONAL_COORDINATOR, "FR"),
        Grant.school(Role.SCHOOL_FOCAL_POINT, "DE", String.valueOf(imported.id()))));
    List<FieldError> notTheirs = imports.check(french, elsewhere::iterator, n -> { }).rows().get(0).errors();
    assertEquals(List.of(new FieldError("country", "you may not import schools of DE")), notTheirs);
  }

  private void backdate(long membershipId, int years) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE MEM_MEMBERSHIP SET STAGE_SINCE = ? WHERE ID = ?")) {
        ps.setTimestamp(1, Timestamp.from(Instant.now().minus(365L * years, ChronoUnit.DAYS)));
        ps.setLong(2, membershipId);
        return ps.executeUpdate();
      }
    });
  }

  /** Italian is none of the platform's languages: the profile's own texts still come in it. */
  @Test
  void aProfileInAnotherLanguageExplainsItsOwnRulesInIt() {
    List<String> languagesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    register(new NationalProfile() {
      @Override
      public String language() {
        return "it";
      }

      @Override
      public List<Field> fields() {
        return List.of(Field.text("codice", Texts.of("it", "Codice meccanografico", "en", "School code"))
            .withPattern("[A-Z]{4}[0-9]{5}[A-Z]", Texts.of("it", "10 caratteri, per esempio RMIC81500B", "en", "10 characters, e.g. RMIC81500B")));
      }

      @Override
      public List<FieldError> validate(Map<String, Object> school, String language) {
        languagesAsked.add(language);
        return List.of();
      }
    }, "IT");
    SchoolInput wrong = Schools.in("IT", "Liceo Dante", "Roma", null);
    wrong = new SchoolInput(wrong.name(), wrong.country(), wrong.unit(), wrong.city(), wrong.address(), wrong.latitude(),
        wrong.longitude(), wrong.levels(), wrong.themes(), wrong.languages(), wrong.students(), wrong.teachers(), wrong.email(),
        wrong.website(), wrong.nationalId(), Map.of("codice", "rmic81500b"));
    for (String asked : new String[] {"it", "de", null}) {
      NationalProfiles.Checked checked = profiles.check(wrong, Map.of(), asked);
      assertEquals(List.of(new FieldError("fields.codice", "10 caratteri, per esempio RMIC81500B")), checked.errors(),
          "asked in " + asked + ": the profile's own language when it does not speak the caller's");
    }
    assertEquals(List.of(new FieldError("fields.codice", "10 characters, e.g. RMIC81500B")),
        profiles.check(wrong, Map.of(), "en").errors(), "the caller's language when the profile speaks it");
    profiles.check(Schools.in("IT", "Liceo Dante", "Roma", null), Map.of(), "it");
    assertEquals("it", languagesAsked.get(languagesAsked.size() - 1), "its rules are asked in Italian too");
  }

  @Test
  void aThrowingOrHangingProfileCostsOnlyItsCountry() {
    register(new NationalProfile() {
      @Override
      public String language() {
        return "it";
      }

      @Override
      public List<FieldError> validate(Map<String, Object> school, String language) {
        if (String.valueOf(school.get("name")).contains("hang")) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        throw new IllegalStateException("broken rules");
      }
    }, "IT");
    ProblemException thrown = assertThrows(ProblemException.class,
        () -> lifecycle.apply(HQ, Schools.in("IT", "Liceo Dante", "Roma", null), true));
    assertEquals(503, thrown.status());
    assertEquals(HealthCheck.Status.DEGRADED, profiles.check().status());
    assertTrue(profiles.check().detail().startsWith("IT: validate failed"), profiles.check().detail());

    long started = System.nanoTime();
    assertEquals(503, assertThrows(ProblemException.class,
        () -> lifecycle.apply(HQ, Schools.in("IT", "Liceo hang", "Roma", null), true)).status());
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis >= NationalProfiles.CALL_LIMIT_MILLIS && millis < 10_000, "took " + millis + " ms");

    // Another country applies as ever
    assertEquals(MembershipStatus.APPLIED, lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", null), true).status());
  }

  /** The import over this test's database, profiles and directory. */
  private DirectoryImport directoryImport() {
    return new DirectoryImport(database, new Countries(database, TransitionsTest.POLICY,
        TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null),
        TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, schools);
  }

  /** An import by id merges the file's fields.<key> columns onto the stored values, typed and checked as an edit. */
  @Test
  void anUpdateByIdChangesTheProfileFieldsOfItsColumnsOnly() {
    register(germany, "DE");
    long id = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium", "schulnummer", "123456", "klassen", 12)), true)
        .schoolId();
    DirectoryImport imports = directoryImport();
    Set<String> all = Set.of("id", "name", "city", "address", "levels", "email", "fields.schulform", "fields.schulnummer",
        "fields.klassen");
    Set<String> withoutSchulform = Set.of("id", "name", "city", "address", "levels", "email", "fields.klassen");
    java.util.function.BiFunction<Map<String, Object>, Set<String>, org.unesco.aspnet.membership.bulk.ImportReport> check =
        (fields, columns) -> imports.check(NC_DE, List.of(new org.unesco.aspnet.membership.bulk.ImportRow(2, id,
            german("BY", fields), List.of(), columns))::iterator, n -> { });

    // as a file has them: text, "12" for the stored number 12
    var same = check.apply(Map.of("schulform", "gymnasium", "schulnummer", "123456", "klassen", "12"), all);
    assertEquals(1, same.unchanged(), same.toString());
    var more = check.apply(Map.of("schulform", "gymnasium", "schulnummer", "123456", "klassen", "13"), all);
    assertEquals(List.of("fields.klassen"), more.rows().get(0).changed(), more.toString());
    // a number beyond every range is out of the field's range, as in JSON and in students or latitude
    for (String huge : List.of("1e400", "-1e400", "99999999999999999999")) {
      var beyond = check.apply(Map.of("schulform", "gymnasium", "klassen", huge), all);
      assertEquals(List.of(new FieldError("fields.klassen", "muss zwischen 1 und 200 liegen")), beyond.rows().get(0).errors(), huge);
    }
    var kept = check.apply(Map.of("klassen", "13"), withoutSchulform);
    assertEquals(List.of("fields.klassen"), kept.rows().get(0).changed(), "no column, no change: " + kept);
    var cleared = check.apply(Map.of("klassen", "12"), all);
    assertEquals(List.of("fields.schulform"), cleared.rows().get(0).errors().stream().map(FieldError::field).toList(),
        "an empty cell clears, and a required field cannot be cleared: " + cleared);

    var written = imports.write(NC_DE, List.of(new org.unesco.aspnet.membership.bulk.ImportRow(2, id,
            german("BY", Map.of("schulform", "grundschule", "klassen", "13")), List.of(), all))::iterator,
        org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.REJECT, "de.csv", n -> { });
    assertEquals(List.of("fields.schulform", "fields.schulnummer", "fields.klassen"), written.rows().get(0).changed());
    assertEquals(Map.of("schulform", "grundschule", "klassen", 13), schools.school(HQ, id).fields());
  }

  /** An import that moves a school abroad and back gives it its unit and fields again, the file's columns winning. */
  @Test
  void anImportThatMovesASchoolBackGivesItsUnitAndFieldsAgain() {
    register(germany, "DE");
    long id = lifecycle.apply(NC_DE, german("BY", Map.of("schulform", "gymnasium", "schulnummer", "123456", "klassen", 12)), true)
        .schoolId();
    DirectoryImport imports = directoryImport();
    assertEquals(1, imports.write(HQ, List.of(new org.unesco.aspnet.membership.bulk.ImportRow(2, id,
            Schools.in("KE", "Anywhere", "Nairobi", null), List.of(), Set.of("id", "country")))::iterator,
        org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.REJECT, "ke.csv", n -> { }).written());
    School abroad = schools.school(HQ, id);
    assertEquals(Map.of(), abroad.fields());
    assertNull(abroad.unit());
    SchoolInput home = german(null, Map.of("klassen", "13"));
    var back = imports.write(HQ, List.of(new org.unesco.aspnet.membership.bulk.ImportRow(2, id, home, List.of(),
            Set.of("id", "country", "fields.klassen")))::iterator,
        org.unesco.aspnet.membership.bulk.SchoolImport.Duplicates.REJECT, "de.csv", n -> { });
    assertEquals(1, back.written(), back.toString());
    School again = schools.school(HQ, id);
    assertEquals("BY", again.unit());
    assertEquals(Map.of("schulform", "gymnasium", "schulnummer", "123456", "klassen", 13), again.fields());
  }
}
