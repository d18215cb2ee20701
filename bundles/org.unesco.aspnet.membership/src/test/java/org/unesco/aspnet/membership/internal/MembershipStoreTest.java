package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unesco.aspnet.membership.internal.TransitionsTest.HQ;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_FR;
import static org.unesco.aspnet.membership.internal.TransitionsTest.NC_KE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.SearchKey;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.Certificate;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.StatusChange;

/** The services over a real database (see {@link TestDatabase}): the SQL, the transactions and the rules together. */
class MembershipStoreTest {
  private Countries countries;
  private SchoolDirectory schools;
  private MembershipLifecycle lifecycle;
  private final List<Event> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    TestDatabase database = new TestDatabase();
    countries = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    NationalProfiles profiles = new NationalProfiles(TestLogger.INSTANCE);
    schools = new SchoolDirectory(database, countries, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles, TestLogger.INSTANCE);
    lifecycle = new MembershipLifecycle(database, schools, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, profiles);
    lifecycle.eventAdmin =
        new EventAdmin() {
          @Override
          public void postEvent(Event event) {
            events.add(event);
          }

          @Override
          public void sendEvent(Event event) {
            events.add(event);
          }
        };
  }

  private static SchoolQuery query(String country, MembershipStatus status, String q, int limit, String cursor) {
    return new SchoolQuery(country, null, status, null, null, null, q, limit, cursor);
  }

  @Test
  void seedsEveryCountryWithItsRegionAndLocalName() {
    List<Country> all = countries.countries(Principal.anonymous(), Locale.ENGLISH);
    assertEquals(Countries.readReference().size(), all.size());
    Country kenya = countries.country(Principal.anonymous(), "ke", Locale.FRENCH);
    assertEquals("Africa", kenya.region());
    assertEquals("Kenya", kenya.name());
    assertEquals("Allemagne", countries.country(Principal.anonymous(), "DE", Locale.FRENCH).name());
    assertEquals("Alemania", countries.country(Principal.anonymous(), "DE", Locale.forLanguageTag("es")).name());
    assertEquals(404, assertThrows(ProblemException.class, () -> countries.country(Principal.anonymous(), "XX", Locale.ENGLISH)).status());
    assertTrue(countries.exists("FR"));
    assertTrue(!countries.exists("XX"));
  }

  @Test
  void theNationalNetworkIsKeptByHqAndTheCountrysCoordinator() {
    var natcom = new Country.NationalCommission("Commission nationale française pour l'UNESCO", "https://www.unesco.fr", "natcom@example.org", null);
    var nc = new Country.Coordinator(" Jeanne Martin ", "jeanne.martin@example.org", "+33 1 45 68 10 00", "National Coordinator");
    Country fr = countries.updateNetwork(NC_FR, "fr", natcom, List.of(nc), Locale.FRENCH);
    assertEquals("Commission nationale française pour l'UNESCO", fr.nationalCommission().name());
    assertEquals("Jeanne Martin", fr.coordinators().get(0).name());
    assertEquals(fr.coordinators(), countries.country(HQ, "FR", Locale.ENGLISH).coordinators());
    Country seenByThePublic = countries.country(Principal.anonymous(), "FR", Locale.ENGLISH);
    assertEquals("Jeanne Martin", seenByThePublic.coordinators().get(0).name());
    assertEquals(null, seenByThePublic.coordinators().get(0).email());
    assertEquals(null, seenByThePublic.nationalCommission().email());
    assertEquals(403, status(() -> countries.updateNetwork(NC_FR, "DE", natcom, List.of(), Locale.ENGLISH)));
    ProblemException bad = assertThrows(ProblemException.class, () -> countries.updateNetwork(HQ, "FR",
        new Country.NationalCommission("", "ftp://x", "no-at-sign", null),
        List.of(new Country.Coordinator("A", "a@example.org", "call me", null)), Locale.ENGLISH));
    assertEquals(List.of("nationalCommission.name", "nationalCommission.website", "nationalCommission.email", "coordinators[0].phone"),
        bad.errors().stream().map(org.unesco.aspnet.core.FieldError::field).toList());
    assertEquals("Jeanne Martin", countries.country(HQ, "FR", Locale.ENGLISH).coordinators().get(0).name(), "nothing half-written");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode patch(String json) {
    try {
      return (com.fasterxml.jackson.databind.node.ObjectNode) org.unesco.aspnet.web.Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fields(ProblemException p) {
    return p.errors().stream().map(org.unesco.aspnet.core.FieldError::field).toList();
  }

  /** The country's revision, as its ETag gives it. */
  private int revision(String iso2) {
    return countries.versioned(HQ, iso2, Locale.ENGLISH).revision();
  }

  @Test
  void aCountryPatchRefusedForOnePartWritesNoOther() {
    String jeanne = "{\"name\":\"Jeanne Martin\",\"email\":\"jeanne.martin@example.org\",\"phone\":\"+33 1 45 68 10 00\"}";
    countries.patch(NC_FR, "FR", patch("{\"coordinators\":[" + jeanne + "]}"), Locale.ENGLISH, revision("FR"));
    String newPhone = "{\"coordinators\":[" + jeanne.replace("10 00", "99 99") + "]";

    // The NC may keep the network but not correct the region: refused whole, the phone kept as it was
    assertEquals(403, status(() -> countries.patch(NC_FR, "FR", patch(newPhone + ",\"region\":\"Africa\"}"), Locale.ENGLISH, revision("FR"))));
    // HQ may do both, but Mars is no region: refused whole
    ProblemException mars = assertThrows(ProblemException.class,
        () -> countries.patch(HQ, "FR", patch(newPhone + ",\"region\":\"Mars\"}"), Locale.ENGLISH, revision("FR")));
    assertEquals(400, mars.status());
    assertEquals(List.of("region"), fields(mars));
    Country fr = countries.country(HQ, "FR", Locale.ENGLISH);
    assertEquals("+33 1 45 68 10 00", fr.coordinators().get(0).phone(), "nothing half-written");
    assertEquals("Europe and North America", fr.region());
    // Errors of every part come back together
    assertEquals(List.of("region", "coordinators[0].email"), fields(assertThrows(ProblemException.class,
        () -> countries.patch(HQ, "FR", patch("{\"region\":\"Mars\",\"coordinators\":[{\"name\":\"X\"}]}"), Locale.ENGLISH, revision("FR")))));
    // An unknown member or a wrong type is refused before anything is written
    assertEquals(400, status(() -> countries.patch(HQ, "FR", patch(newPhone + ",\"colour\":\"blue\"}"), Locale.ENGLISH, revision("FR"))));
    assertEquals("+33 1 45 68 10 00", countries.country(HQ, "FR", Locale.ENGLISH).coordinators().get(0).phone());

    // Both parts at once when both are allowed and valid, the region in any case
    fr = countries.patch(HQ, "FR", patch(newPhone + ",\"region\":\" europe and north america \"}"), Locale.ENGLISH, revision("FR")).country();
    assertEquals("+33 1 45 68 99 99", fr.coordinators().get(0).phone());
    assertEquals("Europe and North America", fr.region());
    assertEquals(401, status(() -> countries.patch(Principal.anonymous(), "FR", patch(newPhone + "}"), Locale.ENGLISH, revision("FR"))));
    assertEquals(404, status(() -> countries.patch(HQ, "XX", patch(newPhone + "}"), Locale.ENGLISH, revision("FR"))));
  }

  @Test
  void aCountryPatchWithAWrongTypeAlsoTellsTheOtherMembersErrorsAndWritesNothing() {
    String jeanne = "{\"name\":\"Jeanne Martin\",\"email\":\"jeanne.martin@example.org\"}";
    countries.patch(NC_FR, "FR", patch("{\"coordinators\":[" + jeanne + "]}"), Locale.ENGLISH, revision("FR"));
    int read = revision("FR");

    // HQ: a region that is none of the five, with a commission of the wrong type and an unknown member
    ProblemException p = assertThrows(ProblemException.class, () -> countries.patch(HQ, "FR",
        patch("{\"region\":\"Mars\",\"nationalCommission\":\"Commission\",\"colour\":1}"), Locale.ENGLISH, read));
    assertEquals(400, p.status());
    assertEquals("https://aspnet.unesco.org/problems/validation", p.type());
    assertEquals(List.of("colour", "nationalCommission", "region"), fields(p).stream().sorted().toList(), p.errors().toString());
    // the NC: a coordinator without an email beside a commission whose name is no text
    ProblemException nc = assertThrows(ProblemException.class, () -> countries.patch(NC_FR, "FR",
        patch("{\"nationalCommission\":{\"name\":7},\"coordinators\":[{\"name\":\"Paul Durand\",\"phone\":\"call me\"}]}"),
        Locale.ENGLISH, read));
    assertEquals(List.of("nationalCommission.name", "coordinators[0].email", "coordinators[0].phone"), fields(nc));
    assertEquals("must be a string", nc.errors().get(0).message());
    // a merge onto what is stored: a commission member patched alone is checked with the stored ones
    assertEquals(List.of("colour"), fields(assertThrows(ProblemException.class, () -> countries.patch(NC_FR, "FR",
        patch("{\"colour\":1,\"coordinators\":[" + jeanne + "]}"), Locale.ENGLISH, read))), "the rest is right");
    assertEquals(read, revision("FR"), "nothing written");
    assertEquals("Jeanne Martin", countries.country(HQ, "FR", Locale.ENGLISH).coordinators().get(0).name());
    assertEquals("Europe and North America", countries.country(HQ, "FR", Locale.ENGLISH).region());

    // who may not change a part the patch names learns its types only: the refusal comes once it binds
    assertEquals(List.of("colour"), fields(assertThrows(ProblemException.class, () -> countries.patch(NC_FR, "FR",
        patch("{\"colour\":1,\"region\":\"Mars\"}"), Locale.ENGLISH, read))), "the region is HQ's");
    assertEquals(List.of("colour"), fields(assertThrows(ProblemException.class, () -> countries.patch(NC_KE, "FR",
        patch("{\"colour\":1,\"coordinators\":[{\"name\":\"\"}]}"), Locale.ENGLISH, read))), "another country's NC");
    assertEquals(List.of("colour"), fields(assertThrows(ProblemException.class, () -> countries.patch(Principal.anonymous(), "FR",
        patch("{\"colour\":1,\"coordinators\":[{\"name\":\"\"}]}"), Locale.ENGLISH, read))));
  }

  @Test
  void aMovesFieldErrorsComeTogether() {
    String tooLong = "x".repeat(MembershipLifecycle.COMMENT_MAX + 1);
    assertEquals(List.of("to", "certifiedOn", "comment"), MembershipLifecycle.transitionErrors(null, tooLong,
        java.time.LocalDate.of(1900, 1, 1), "en").stream().map(org.unesco.aspnet.core.FieldError::field).toList());
    assertEquals(List.of("certifiedOn"), MembershipLifecycle.transitionErrors(MembershipStatus.RECOMMENDED, "fine",
        java.time.LocalDate.of(2020, 1, 1), "en").stream().map(org.unesco.aspnet.core.FieldError::field).toList());
    assertEquals(List.of(), MembershipLifecycle.transitionErrors(MembershipStatus.MEMBER, null, java.time.LocalDate.of(2020, 1, 1), "en"));
    assertEquals(List.of("stage", "comment"), MembershipLifecycle.stageErrors(" ", tooLong, "en").stream()
        .map(org.unesco.aspnet.core.FieldError::field).toList());
    long m = lifecycle.apply(HQ, Schools.in("FR", "Lycée Condorcet", "Paris", null), true).membershipId();
    ProblemException both = assertThrows(ProblemException.class, () -> lifecycle.transition(HQ, m, null, tooLong));
    assertEquals(List.of("to", "comment"), fields(both), "not one per attempt");
    assertEquals(MembershipStatus.APPLIED, lifecycle.membership(HQ, m).status());
  }

  @Test
  void aCountryEditNamesTheRevisionItReadSoThatNoOtherIsUndoneUnseen() {
    String jeanne = "{\"coordinators\":[{\"name\":\"Jeanne Martin\",\"email\":\"jeanne.martin@example.org\"}]}";
    String paul = "{\"coordinators\":[{\"name\":\"Paul Durand\",\"email\":\"paul.durand@example.org\"}]}";
    int read = revision("FR");
    assertEquals(428, status(() -> countries.patch(NC_FR, "FR", patch(jeanne), Locale.ENGLISH, null)), "without If-Match");
    countries.patch(NC_FR, "FR", patch(jeanne), Locale.ENGLISH, read);
    assertEquals(read + 1, revision("FR"));
    // HQ edits from the page it read before: refused, Jeanne stays
    assertEquals(412, status(() -> countries.patch(HQ, "FR", patch(paul), Locale.ENGLISH, read)));
    assertEquals("Jeanne Martin", countries.country(HQ, "FR", Locale.ENGLISH).coordinators().get(0).name());
    assertEquals(read + 1, revision("FR"), "nothing written, the revision unchanged");
    assertEquals(403, status(() -> countries.patch(NC_KE, "FR", patch(paul), Locale.ENGLISH, null)),
        "a refusal is said before the missing If-Match");
  }

  @Test
  void aMoveOutOfTheCallersScopeIsRefusedInWordsBeforeTheOtherCountrysFieldsAreChecked() {
    long id = lifecycle.apply(HQ, Schools.in("FR", "Lycée Jean Moulin", "Lyon", null), true).schoolId();
    School s = schools.school(HQ, id);
    SchoolInput toKenya = Schools.in("ke", "Lycée Jean Moulin", "Lyon", null);
    ProblemException refused = assertThrows(ProblemException.class, () -> schools.update(NC_FR, id, s.revision(), toKenya));
    assertEquals(403, refused.status());
    assertEquals("School " + id + " stays in FR: moving it to KE is for the coordinators there and UNESCO HQ", refused.getMessage());
    assertEquals("FR", schools.school(HQ, id).country(), "not moved");
    assertEquals(400, assertThrows(ProblemException.class, () -> schools.update(NC_FR, id, s.revision(),
        Schools.in("XX", "Lycée Jean Moulin", "Lyon", null))).status(), "no such country: a field error, not a refusal");
    assertEquals("KE", schools.update(HQ, id, s.revision(), toKenya).country(), "HQ moves it");
  }

  @Test
  void aMembershipOffersTheMovesTheCallerMayMake() {
    var a = lifecycle.apply(HQ, Schools.in("FR", "Lycée Colbert", "Lyon", null), true);
    long m = a.membershipId();
    assertEquals(List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.REJECTED), lifecycle.membership(NC_FR, m).next());
    lifecycle.transition(HQ, m, MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    // a rejection tells the school why: zero-width characters alone are no reason
    ProblemException unexplained = assertThrows(ProblemException.class,
        () -> lifecycle.transition(NC_FR, m, MembershipStatus.REJECTED, "\u200b\u2060"));
    assertEquals("comment", unexplained.errors().get(0).field());
    lifecycle.transition(HQ, m, MembershipStatus.RECOMMENDED, "good");
    assertEquals(List.of(), lifecycle.membership(NC_FR, m).next(), "HQ takes it from there");
    assertEquals(List.of(MembershipStatus.UNDER_HQ_REVIEW), lifecycle.membership(HQ, m).next());
    assertEquals(List.of(MembershipStatus.MEMBER, MembershipStatus.UNDER_NATIONAL_REVIEW),
        lifecycle.transition(HQ, m, MembershipStatus.UNDER_HQ_REVIEW, null).next(), "the answer to a move offers the next ones");
    assertEquals(List.of(), lifecycle.membership(NC_FR, m).next());
  }

  @Test
  void aNetworksErrorsAreWrittenInTheCallersLanguage() {
    Principal french = new Principal("hq-fr", "hq-fr@example.org", "HQ", "fr",
        List.of(org.unesco.aspnet.core.Grant.global(org.unesco.aspnet.core.Role.HQ_OFFICER)));
    ProblemException p = assertThrows(ProblemException.class, () -> countries.patch(french, "FR",
        patch("{\"region\":\"Mars\",\"coordinators\":[{\"name\":\"Jeanne\",\"email\":\"x\",\"phone\":\"call me\"}]}"), Locale.FRENCH, revision("FR")));
    Map<String, String> byField = new java.util.HashMap<>();
    p.errors().forEach(e -> byField.put(e.field(), e.message()));
    assertTrue(byField.get("region").startsWith("doit être l'une des valeurs Africa"), byField.toString());
    assertEquals("doit être une adresse électronique comme natcom@example.org", byField.get("coordinators[0].email"));
    assertEquals("doit être un numéro de téléphone comme +33 1 45 68 10 00", byField.get("coordinators[0].phone"));
  }

  @Test
  void theNationalCommissionIsMergedAndABlankNameIsRefused() {
    countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":{\"name\":\"Commission nationale\","
        + "\"email\":\"natcom@example.org\",\"website\":\"https://www.unesco.fr\"}}"), Locale.ENGLISH, revision("FR"));

    ProblemException blank = assertThrows(ProblemException.class,
        () -> countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":{\"name\":\"  \"}}"), Locale.ENGLISH, revision("FR")));
    assertEquals(400, blank.status());
    assertEquals(List.of("nationalCommission.name"), fields(blank));
    assertEquals("is required", blank.errors().get(0).message());
    assertEquals(List.of("nationalCommission.name"), fields(assertThrows(ProblemException.class,
        () -> countries.updateNetwork(NC_FR, "FR", new Country.NationalCommission("", null, null, null), List.of(), Locale.ENGLISH))),
        "the service refuses it too");
    assertEquals(List.of("nationalCommission"), fields(assertThrows(ProblemException.class,
        () -> countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":\"Commission\"}"), Locale.ENGLISH, revision("FR")))));
    assertEquals("natcom@example.org", countries.country(HQ, "FR", Locale.ENGLISH).nationalCommission().email(), "kept");

    // Members left out stay; null removes one member; null removes the commission
    Country.NationalCommission renamed = countries.patch(NC_FR, "FR",
        patch("{\"nationalCommission\":{\"name\":\"Commission nationale française pour l'UNESCO\"}}"), Locale.ENGLISH, revision("FR")).country()
        .nationalCommission();
    assertEquals(new Country.NationalCommission(
        "Commission nationale française pour l'UNESCO", "https://www.unesco.fr", "natcom@example.org", null), renamed);
    assertEquals(new Country.NationalCommission("Commission nationale française pour l'UNESCO", null, "natcom@example.org", null),
        countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":{\"website\":null}}"), Locale.ENGLISH, revision("FR")).country().nationalCommission());
    assertNull(countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":null}"), Locale.ENGLISH, revision("FR")).country().nationalCommission());
    assertNull(countries.country(HQ, "FR", Locale.ENGLISH).nationalCommission());
    // Onto no commission, a patch is a whole commission: it needs its name
    assertEquals(List.of("nationalCommission.name"), fields(assertThrows(ProblemException.class,
        () -> countries.patch(NC_FR, "FR", patch("{\"nationalCommission\":{\"email\":\"natcom@example.org\"}}"), Locale.ENGLISH, revision("FR")))));
  }

  @Test
  void seedingAgainKeepsCorrections() {
    TestDatabase database = new TestDatabase();
    Countries first = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    assertEquals(403, status(() -> first.correctRegion(NC_FR, "MR", "Africa", Locale.ENGLISH)));
    assertEquals(400, status(() -> first.correctRegion(HQ, "MR", "Antarctica", Locale.ENGLISH)));
    assertEquals(404, status(() -> first.correctRegion(HQ, "XX", "Africa", Locale.ENGLISH)));
    assertEquals("Africa", first.correctRegion(HQ, "mr", "Africa", Locale.ENGLISH).region());
    Countries again = new Countries(database, TransitionsTest.POLICY, TransitionsTest.NO_AUDIT, new DirectoryCounts(database, TestLogger.INSTANCE), (org.osgi.framework.Bundle) null);
    assertEquals("Africa", again.country(HQ, "MR", Locale.ENGLISH).region());
  }

  @Test
  void anApplicationCreatesSchoolMembershipAndHistory() {
    Application a = lifecycle.apply(Principal.anonymous(), Schools.valid(), false);
    assertEquals(MembershipStatus.APPLIED, a.status());
    School s = schools.school(HQ, a.schoolId());
    assertEquals("Lycée Victor Hugo", s.name());
    assertEquals(List.of("fr", "en"), s.languages());
    assertEquals(a.membershipId(), s.membershipId());
    assertEquals(1, s.revision());
    List<StatusChange> history = lifecycle.history(HQ, a.membershipId());
    assertEquals(1, history.size());
    assertNull(history.get(0).from());
    assertEquals("org/unesco/aspnet/membership/APPLIED", events.get(0).getTopic());
    assertEquals(1, countries.country(Principal.anonymous(), "FR", Locale.ENGLISH).candidates());
    assertEquals(
        java.util.Optional.of(org.unesco.aspnet.core.Target.school("FR", "Besançon", String.valueOf(a.schoolId()))),
        schools.locate(String.valueOf(a.schoolId())));
    assertEquals(java.util.Optional.empty(), schools.locate("nope"));
  }

  @Test
  void aLikelyDuplicateNeedsConfirmation() {
    lifecycle.apply(HQ, Schools.valid(), false);
    ProblemException p =
        assertThrows(ProblemException.class, () -> lifecycle.apply(HQ, Schools.named("LYCEE victor-hugo", "besancon"), false));
    assertEquals(409, p.status());
    List<?> duplicates = (List<?>) p.extensions().get("duplicates");
    assertEquals("Lycée Victor Hugo", ((Map<?, ?>) duplicates.get(0)).get("name"));
    assertNotNull(lifecycle.apply(HQ, Schools.named("LYCEE victor-hugo", "besancon"), true));

    lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", "KE-0042"), false);
    ProblemException sameId =
        assertThrows(ProblemException.class, () -> lifecycle.apply(HQ, Schools.in("KE", "Other Name", "Nairobi", "KE-0042"), false));
    assertEquals(409, sameId.status());
    // The same name in another city or country is another school.
    lifecycle.apply(HQ, Schools.named("Lycée Victor Hugo", "Paris"), false);
    lifecycle.apply(HQ, Schools.in("KE", "Lycée Victor Hugo", "Besançon", null), false);
  }

  @Test
  void theDirectoryRefusesAnUnknownRegionAndReadsOneInAnyCase() {
    lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", null), false);
    ProblemException foo = assertThrows(ProblemException.class,
        () -> schools.schools(HQ, new SchoolQuery(null, "FOO", null, null, null, null, null, 10, null)));
    assertEquals(400, foo.status());
    assertEquals(List.of("region"), fields(foo));
    assertTrue(foo.errors().get(0).message().contains("Latin America and the Caribbean"), foo.errors().toString());
    assertEquals(1, schools.schools(HQ, new SchoolQuery(null, "AFRICA", null, null, null, null, null, 10, null)).items().size());
    assertEquals(0, schools.schools(HQ, new SchoolQuery(null, "Arab States", null, null, null, null, null, 10, null)).items().size());
  }

  @Test
  void visibleTellsWhichSchoolsTheActorMaySee() {
    long kenyan = lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", null), false).schoolId();
    Application french = lifecycle.apply(HQ, Schools.valid(), false);
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, french.membershipId(), s, null);
    }
    List<Long> asked = List.of(kenyan, french.schoolId(), 999_999L);
    assertEquals(java.util.Set.of(french.schoolId()), schools.visible(Principal.anonymous(), asked), "members only");
    assertEquals(java.util.Set.of(french.schoolId()), schools.visible(NC_FR, asked), "not Kenya's candidate");
    assertEquals(java.util.Set.of(kenyan, french.schoolId()), schools.visible(NC_KE, asked));
    assertEquals(java.util.Set.of(kenyan, french.schoolId()), schools.visible(HQ, asked), "the unknown id is left out");
    List<Long> many = new ArrayList<>();
    for (long i = 0; i < 1200; i++) {
      many.add(i % 3 == 0 ? kenyan : 100_000 + i);
    }
    assertEquals(java.util.Set.of(kenyan), schools.visible(NC_KE, many), "in batches");
  }

  @Test
  void aCertificateIsValidWhileItsMembershipIsAndNamesItsSchoolOnlyToThoseWhoMaySeeIt() {
    Application french = lifecycle.apply(HQ, Schools.valid(), false);
    assertEquals(404, status(() -> lifecycle.certificate(Principal.anonymous(), "ASPNET-FR-2026-000001")), "no number yet");
    Membership m = null;
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      m = lifecycle.transition(HQ, french.membershipId(), s, null);
    }
    String number = m.certificateNumber();
    Certificate valid = lifecycle.certificate(Principal.anonymous(), "  " + number.toLowerCase(Locale.ROOT) + " ");
    assertTrue(valid.valid());
    assertEquals(number, valid.number());
    assertEquals(MembershipStatus.MEMBER, valid.status());
    assertEquals(m.certifiedAt(), valid.certifiedAt());
    assertEquals(new Certificate.Holder(french.schoolId(), Schools.valid().name(), Schools.valid().city(), "FR"), valid.school());

    lifecycle.transition(HQ, french.membershipId(), MembershipStatus.SUSPENDED, "no annual report for three years");
    Certificate suspended = lifecycle.certificate(Principal.anonymous(), number);
    assertFalse(suspended.valid());
    assertEquals(MembershipStatus.SUSPENDED, suspended.status());
    assertNull(suspended.school(), "the public learns no suspended school's name by trying numbers");
    assertNull(lifecycle.certificate(NC_KE, number).school(), "nor another country's coordinator");
    assertEquals(french.schoolId(), lifecycle.certificate(NC_FR, number).school().id());
    assertEquals(404, status(() -> lifecycle.certificate(Principal.anonymous(), number + "9")));
    assertEquals(404, status(() -> lifecycle.certificate(Principal.anonymous(), "x".repeat(500))));
    assertEquals(404, status(() -> lifecycle.certificate(Principal.anonymous(), " ")));
  }

  @Test
  void aLikelyDuplicateTellsNothingAboutACandidateTheApplicantMayNotSee() {
    Application applied = lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", "KE-0042"), false);
    long candidate = applied.schoolId();
    Map<String, Object> hidden = Map.of("name", "Alliance High School", "city", "Kikuyu", "country", "KE");
    // The public, by name and city or by national id: that a look-alike is known, and no more
    for (SchoolInput twin : List.of(Schools.in("KE", "ALLIANCE high school", "kikuyu", null),
        Schools.in("KE", "Another Name", "Nairobi", "KE-0042"))) {
      ProblemException p = assertThrows(ProblemException.class, () -> lifecycle.apply(Principal.anonymous(), twin, false));
      assertEquals(409, p.status());
      assertEquals(List.of(hidden), p.extensions().get("duplicates"), twin.name());
    }
    assertEquals(List.of(hidden), duplicates(NC_FR, Schools.in("KE", "Alliance High School", "Kikuyu", null)), "another country's NC");
    // Those who may see the candidate get it whole
    Map<?, ?> seen = (Map<?, ?>) duplicates(NC_KE, Schools.in("KE", "Alliance High School", "Kikuyu", null)).get(0);
    assertEquals(candidate, seen.get("id"));
    assertEquals("APPLIED", seen.get("status"));
    assertEquals("KE-0042", seen.get("nationalId"));
    // A member is public: anyone sees it whole
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, applied.membershipId(), s, null);
    }
    Map<?, ?> member = (Map<?, ?>) duplicates(Principal.anonymous(), Schools.in("KE", "Alliance High School", "Kikuyu", null)).get(0);
    assertEquals(candidate, member.get("id"));
    assertEquals("MEMBER", member.get("status"));
  }

  private List<?> duplicates(Principal actor, SchoolInput twin) {
    ProblemException p = assertThrows(ProblemException.class, () -> lifecycle.apply(actor, twin, false));
    assertEquals(409, p.status());
    return (List<?>) p.extensions().get("duplicates");
  }

  @Test
  void anEditThatMakesALookAlikeNeedsConfirmationButOtherEditsDoNot() {
    lifecycle.apply(HQ, Schools.in("KE", "Alliance High School", "Kikuyu", "KE-0042"), false);
    long other = lifecycle.apply(HQ, Schools.in("KE", "Starehe Boys Centre", "Nairobi", "KE-0043"), false).schoolId();
    School s = schools.school(HQ, other);
    SchoolInput sameId = Schools.in("KE", "Starehe Boys Centre", "Nairobi", "KE-0042");
    assertEquals(409, assertThrows(ProblemException.class, () -> schools.update(HQ, other, s.revision(), sameId)).status());
    School confirmed = schools.update(HQ, other, s.revision(), sameId, true);
    // Now a known pair: an edit that leaves name, city and id alone goes through
    SchoolInput moreStudents = new SchoolInput(sameId.name(), "KE", null, sameId.city(), sameId.address(), sameId.latitude(),
        sameId.longitude(), sameId.levels(), sameId.themes(), sameId.languages(), 999, sameId.teachers(), sameId.email(),
        sameId.website(), "KE-0042");
    assertEquals(999, schools.update(HQ, other, confirmed.revision(), moreStudents).students());
  }

  @Test
  void aFailedApplicationWritesNothing() {
    assertThrows(ProblemException.class, () -> lifecycle.apply(HQ, Schools.in("ZZ", "A", "B", null), false));
    assertEquals(List.of(), schools.schools(HQ, query(null, null, null, 10, null)).items());
  }

  @Test
  void theLifecycleRunsFromApplicationToCertificateAndBeyond() {
    long m = lifecycle.apply(Principal.anonymous(), Schools.valid(), false).membershipId();
    lifecycle.transition(NC_FR, m, MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    lifecycle.transition(NC_FR, m, MembershipStatus.RECOMMENDED, "A committed school");
    assertEquals(403, assertThrows(ProblemException.class, () -> lifecycle.transition(NC_FR, m, MembershipStatus.UNDER_HQ_REVIEW, null)).status());
    lifecycle.transition(HQ, m, MembershipStatus.UNDER_HQ_REVIEW, null);
    Membership member = lifecycle.transition(HQ, m, MembershipStatus.MEMBER, null);
    assertTrue(member.certificateNumber().matches("ASPNET-FR-\\d{4}-\\d{6}"), member.certificateNumber());
    assertNotNull(member.certifiedAt());

    assertEquals(400, assertThrows(ProblemException.class, () -> lifecycle.transition(HQ, m, MembershipStatus.SUSPENDED, " ")).status());
    lifecycle.transition(HQ, m, MembershipStatus.SUSPENDED, "No annual report for two years");
    Membership reinstated = lifecycle.transition(HQ, m, MembershipStatus.MEMBER, null);
    assertEquals(member.certificateNumber(), reinstated.certificateNumber(), "reinstating keeps the number");

    List<StatusChange> history = lifecycle.history(NC_FR, m);
    assertEquals(7, history.size());
    assertEquals(MembershipStatus.SUSPENDED, history.get(5).to());
    assertEquals("hq", history.get(5).actor());
    assertEquals("No annual report for two years", history.get(5).comment());
    assertEquals("org/unesco/aspnet/membership/MEMBER", events.get(events.size() - 1).getTopic());
    assertEquals(member.certificateNumber(), events.get(4).getProperty("certificateNumber"));

    Country france = countries.country(Principal.anonymous(), "FR", Locale.ENGLISH);
    assertEquals(1, france.members());
    assertEquals(0, france.candidates());
  }

  @Test
  void aForbiddenTransitionChangesNothing() {
    Application a = lifecycle.apply(HQ, Schools.valid(), false);
    ProblemException p =
        assertThrows(ProblemException.class, () -> lifecycle.transition(HQ, a.membershipId(), MembershipStatus.MEMBER, null));
    assertEquals(409, p.status());
    assertEquals(MembershipStatus.APPLIED, lifecycle.membership(HQ, a.membershipId()).status());
    assertEquals(1, lifecycle.history(HQ, a.membershipId()).size());
    assertEquals(1, events.size());
  }

  @Test
  void membershipsAreHiddenFromOtherCountriesAndThePublic() {
    long m = lifecycle.apply(HQ, Schools.valid(), false).membershipId();
    assertEquals(404, assertThrows(ProblemException.class, () -> lifecycle.membership(NC_KE, m)).status());
    assertEquals(401, assertThrows(ProblemException.class, () -> lifecycle.history(Principal.anonymous(), m)).status());
    assertEquals(404, assertThrows(ProblemException.class, () -> lifecycle.membership(HQ, 999)).status());
  }

  @Test
  void aWithdrawnSchoolRejoinsInANewPeriod() {
    Application first = lifecycle.apply(HQ, Schools.valid(), false);
    long m = first.membershipId();
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, m, s, null);
    }
    assertEquals(409, assertThrows(ProblemException.class, () -> lifecycle.reapply(HQ, first.schoolId())).status());
    lifecycle.transition(HQ, m, MembershipStatus.WITHDRAWN, "School closed its international programme");
    Application again = lifecycle.reapply(HQ, first.schoolId());
    assertTrue(again.membershipId() != m);
    assertEquals(2, lifecycle.membership(HQ, again.membershipId()).period());
    Membership old = lifecycle.membership(HQ, m);
    assertEquals(MembershipStatus.WITHDRAWN, old.status());
    assertNotNull(old.endedAt());
    assertEquals(6, lifecycle.history(HQ, m).size(), "the old period's history is untouched");
    School school = schools.school(HQ, first.schoolId());
    assertEquals(again.membershipId(), school.membershipId());
    assertEquals(MembershipStatus.APPLIED, school.status());
  }

  /** A re-join certified with a date on the day the previous period ended would overlap it: refused, nothing written. */
  @Test
  void aRejoinCannotBeBackdatedOntoThePreviousPeriod() {
    Application first = lifecycle.apply(HQ, Schools.valid(), false);
    long m = first.membershipId();
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW)) {
      lifecycle.transition(HQ, m, s, null);
    }
    lifecycle.transition(HQ, m, MembershipStatus.MEMBER, null, java.time.LocalDate.of(2012, 3, 1));
    lifecycle.transition(HQ, m, MembershipStatus.WITHDRAWN, "closed its club");
    java.time.Instant ended = lifecycle.membership(HQ, m).endedAt();
    long second = lifecycle.reapply(HQ, first.schoolId()).membershipId();
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW)) {
      lifecycle.transition(HQ, second, s, null);
    }
    java.time.LocalDate endedOn = ended.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    for (java.time.LocalDate since : List.of(java.time.LocalDate.of(2012, 3, 1), endedOn)) {
      ProblemException p = assertThrows(ProblemException.class,
          () -> lifecycle.transition(HQ, second, MembershipStatus.MEMBER, null, since), since.toString());
      assertEquals(400, p.status());
      assertEquals(List.of("certifiedOn"), fields(p));
      assertTrue(p.errors().get(0).message().contains(endedOn.plusDays(1).toString()),
          "names the earliest day allowed: " + p.errors().get(0).message());
    }
    Membership unchanged = lifecycle.membership(HQ, second);
    assertEquals(MembershipStatus.UNDER_HQ_REVIEW, unchanged.status(), "nothing written");
    assertNull(unchanged.certifiedAt());
    assertNull(unchanged.certificateNumber());
    Membership member = lifecycle.transition(HQ, second, MembershipStatus.MEMBER, null);
    assertTrue(member.certifiedAt().isAfter(ended), "certified from now, after the previous period ended");
  }

  @Test
  void theEarliestCertificationOfALaterPeriodIsTheDayAfterTheEarlierEndedAndNotBeforeItsApplication() {
    java.time.Instant ended = java.time.Instant.parse("2024-05-10T14:00:00Z");
    assertEquals(java.time.LocalDate.of(2024, 5, 11),
        MembershipLifecycle.earliestCertification(java.time.LocalDate.of(2024, 5, 10), ended));
    assertEquals(java.time.LocalDate.of(2024, 6, 1),
        MembershipLifecycle.earliestCertification(java.time.LocalDate.of(2024, 6, 1), ended));
    assertEquals(java.time.LocalDate.of(2024, 6, 1), MembershipLifecycle.earliestCertification(java.time.LocalDate.of(2024, 6, 1), null));
  }

  @Test
  void theDirectoryFiltersPagesAndSearchesWithoutAccents() {
    for (int i = 0; i < 25; i++) {
      lifecycle.apply(HQ, Schools.named("École numéro " + i, i % 2 == 0 ? "Besançon" : "Dijon"), false);
    }
    lifecycle.apply(HQ, Schools.in("KE", "Starehe Boys Centre", "Nairobi", null), false);

    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<School> page = schools.schools(HQ, query("FR", null, null, 10, cursor));
      page.items().forEach(s -> names.add(s.name()));
      cursor = page.next();
      pages++;
    } while (cursor != null);
    assertEquals(3, pages);
    assertEquals(25, names.size());
    assertEquals(25, names.stream().distinct().count());

    assertEquals(13, schools.schools(HQ, query(null, null, "besancon", 100, null)).items().size());
    assertEquals(1, schools.schools(HQ, query(null, null, "ECOLE NUMERO 13 dijon", 100, null)).items().size());
    assertEquals(1, schools.schools(HQ, query(null, null, "stáréhe", 100, null)).items().size());
    assertEquals(0, schools.schools(HQ, query("KE", null, "ecole", 100, null)).items().size());
    assertEquals(26, schools.schools(HQ, new SchoolQuery(null, null, null, Level.SECONDARY, null, "fr", null, 100, null)).items().size());
    assertEquals(0, schools.schools(HQ, new SchoolQuery(null, null, null, Level.PRIMARY, null, null, null, 100, null)).items().size());
    assertEquals(1, schools.schools(HQ, new SchoolQuery(null, "Africa", null, null, null, null, null, 100, null)).items().size());
    assertEquals(400, assertThrows(ProblemException.class, () -> schools.schools(HQ, query(null, null, null, 10, "garbage!"))).status());
    assertEquals(400, assertThrows(ProblemException.class, () -> schools.schools(HQ, query(null, null, null, 101, null))).status());
    // punctuation alone is no search (it used to match every school); blank is no filter
    ProblemException punctuation = assertThrows(ProblemException.class, () -> schools.schools(HQ, query(null, null, "%_ -", 100, null)));
    assertEquals("q", punctuation.errors().get(0).field());
    assertEquals(26, schools.schools(HQ, query(null, null, "  ", 100, null)).items().size());
  }

  @Test
  void everyOrderPagesThroughEverySchoolOnceInOrder() {
    String[] names = {"Zola", "Émile", "abbé Grégoire", "Lycée B", "lycée a", "Ampère", "Zola"};
    String[] cities = {"Paris", "Évry", "Albi", "Dijon", "Caen", "Brest", "Arles"};
    for (int i = 0; i < names.length; i++) {
      lifecycle.apply(HQ, Schools.named(names[i], cities[i]), true);
    }
    for (SchoolQuery.Sort sort : SchoolQuery.Sort.values()) {
      List<School> seen = new ArrayList<>();
      String cursor = null;
      do {
        Page<School> page = schools.schools(HQ, new SchoolQuery("FR", null, null, null, null, null, null, 2, cursor, sort));
        seen.addAll(page.items());
        cursor = page.next();
      } while (cursor != null);
      assertEquals(names.length, seen.stream().map(School::id).distinct().count(), sort.name());
      java.util.Comparator<School> order = switch (sort) {
        case ID -> java.util.Comparator.comparingLong(School::id);
        case NEWEST -> java.util.Comparator.comparingLong(School::id).reversed();
        case NAME -> java.util.Comparator.comparing((School x) -> SearchKey.of(x.name())).thenComparingLong(School::id);
        case CITY -> java.util.Comparator.comparing((School x) -> SearchKey.of(x.city())).thenComparingLong(School::id);
      };
      assertEquals(seen.stream().sorted(order).toList(), seen, sort.name());
    }
    List<String> byName = schools.schools(HQ, new SchoolQuery("FR", null, null, null, null, null, null, 3, null, SchoolQuery.Sort.NAME))
        .items().stream().map(School::name).toList();
    assertEquals(List.of("abbé Grégoire", "Ampère", "Émile"), byName);
    String nameCursor = schools.schools(HQ, new SchoolQuery("FR", null, null, null, null, null, null, 2, null, SchoolQuery.Sort.NAME)).next();
    assertEquals(400, assertThrows(ProblemException.class, () -> schools.schools(HQ,
        new SchoolQuery("FR", null, null, null, null, null, null, 2, nameCursor, SchoolQuery.Sort.ID))).status());
  }

  @Test
  void thePublicSeesMembersWithoutContactsAndCoordinatorsTheirCountry() {
    Application fr = lifecycle.apply(HQ, Schools.valid(), false);
    Application ke = lifecycle.apply(HQ, Schools.in("KE", "Starehe Boys Centre", "Nairobi", null), false);
    for (MembershipStatus s : List.of(MembershipStatus.UNDER_NATIONAL_REVIEW, MembershipStatus.RECOMMENDED,
        MembershipStatus.UNDER_HQ_REVIEW, MembershipStatus.MEMBER)) {
      lifecycle.transition(HQ, ke.membershipId(), s, null);
    }
    Page<School> publicPage = schools.schools(Principal.anonymous(), query(null, null, null, 10, null));
    assertEquals(List.of(ke.schoolId()), publicPage.items().stream().map(School::id).toList());
    assertNull(publicPage.items().get(0).email());
    assertEquals(404, assertThrows(ProblemException.class, () -> schools.school(Principal.anonymous(), fr.schoolId())).status());
    assertEquals(2, schools.schools(NC_FR, query(null, null, null, 10, null)).items().size());
    assertNotNull(schools.school(NC_FR, fr.schoolId()).email());
    assertNull(schools.school(NC_FR, ke.schoolId()).email());
  }

  @Test
  void updatesAreGuardedByTheRevision() {
    Application a = lifecycle.apply(HQ, Schools.valid(), false);
    School read = schools.school(NC_FR, a.schoolId());
    SchoolInput edit = Schools.named("Lycée Victor-Hugo de Besançon", "Besançon");
    School updated = schools.update(NC_FR, a.schoolId(), read.revision(), edit);
    assertEquals(read.revision() + 1, updated.revision());
    assertEquals("Lycée Victor-Hugo de Besançon", updated.name());
    assertEquals(412, status(() -> schools.update(NC_FR, a.schoolId(), read.revision(), edit)));
    // Another country's candidate is invisible to an NC, so it is not found rather than forbidden.
    assertEquals(404, status(() -> schools.update(NC_KE, a.schoolId(), updated.revision(), edit)));
    assertEquals(401, status(() -> schools.update(Principal.anonymous(), a.schoolId(), updated.revision(), edit)));
    // An NC cannot hand a school to another country.
    assertEquals(403, status(() -> schools.update(NC_FR, a.schoolId(), updated.revision(), Schools.in("KE", "A", "B", null))));
    // A status change is a change of the school's representation: its ETag moves too.
    lifecycle.transition(NC_FR, a.membershipId(), MembershipStatus.UNDER_NATIONAL_REVIEW, null);
    assertEquals(412, status(() -> schools.update(NC_FR, a.schoolId(), updated.revision(), edit)));
    assertEquals(1, schools.schools(HQ, query(null, null, "victor hugo besancon", 10, null)).items().size());
  }

  private static int status(Supplier<?> call) {
    return assertThrows(ProblemException.class, call::get).status();
  }
}
