package org.unesco.aspnet.projects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Action;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.Authorizer;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.core.Target;
import org.unesco.aspnet.export.Dataset;
import org.unesco.aspnet.export.RowWriter;
import org.unesco.aspnet.membership.Country;
import org.unesco.aspnet.membership.CountryService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.projects.Campaign;
import org.unesco.aspnet.projects.CampaignInput;
import org.unesco.aspnet.projects.CampaignKind;
import org.unesco.aspnet.projects.Participant;
import org.unesco.aspnet.projects.MediaLink;
import org.unesco.aspnet.projects.Submission;
import org.unesco.aspnet.projects.SubmissionInput;
import org.unesco.aspnet.projects.SubmissionStatus;
import org.unesco.aspnet.projects.internal.export.ParticipationsDataset;
import org.unesco.aspnet.projects.internal.export.SubmissionsDataset;
import org.unesco.aspnet.security.internal.PolicyAuthorizer;

/**
 * The store over a real database with the platform's real policy: what a caller may not see (a
 * candidate school, a pending submission) answers as if it did not exist, and counts agree with lists.
 */
class CampaignStoreTest {
  private static final Authorizer POLICY = new PolicyAuthorizer();
  private static final AuditLog NO_AUDIT = (c, who, action, entity, id, country, before, after) -> { };
  private static final Principal HQ = person("hq", Grant.global(Role.HQ_OFFICER));
  private static final Principal NC_FR = person("nc-fr", Grant.country(Role.NATIONAL_COORDINATOR, "FR"));
  private static final Principal NC_DE = person("nc-de", Grant.country(Role.NATIONAL_COORDINATOR, "DE"));
  private static final Principal NC_AT = person("nc-at", Grant.country(Role.NATIONAL_COORDINATOR, "AT"));
  private static final Principal STAFF_PARIS = person("staff", Grant.school(Role.SCHOOL_STAFF, "FR", "1"));
  private static final long PARIS = 1; // member, FR
  private static final long LILLE = 2; // candidate, FR
  private static final long BERLIN = 3; // candidate, DE
  private static final long MUNICH = 4; // member, DE

  private final CampaignModules modules = new CampaignModules();
  private final Directory directory = new Directory();
  private CampaignStore store;

  private static Principal person(String id, Grant... grants) {
    return new Principal(id, id + "@example.org", id, "en", List.of(grants));
  }

  private static School schoolOf(long id, String country, String city, MembershipStatus status) {
    return new School(id, "School of " + city, country, null, city, "1 main street", null, null, List.of(), List.of(),
        List.of(), null, null, "contact@example.org", null, null, Map.of(), id, status, 1);
  }

  /**
   * The directory as membership answers it: members for everyone, the rest within the caller's
   * scope. WrongTypeAndRulesTest reads bodies over it too.
   */
  static final class Directory implements SchoolService {
    private final Map<Long, School> schools = new ConcurrentHashMap<>(Map.of(
        PARIS, schoolOf(PARIS, "FR", "Paris", MembershipStatus.MEMBER),
        LILLE, schoolOf(LILLE, "FR", "Lille", MembershipStatus.APPLIED),
        BERLIN, schoolOf(BERLIN, "DE", "Berlin", MembershipStatus.APPLIED),
        MUNICH, schoolOf(MUNICH, "DE", "München", MembershipStatus.MEMBER)));
    private final AtomicInteger visibleCalls = new AtomicInteger();

    /** As HQ changes a school: moves it, renames it, suspends it. */
    void change(long id, String country, String city, MembershipStatus status) {
      schools.put(id, schoolOf(id, country, city, status));
    }

    @Override
    public Set<Long> visible(Principal actor, Collection<Long> ids) {
      visibleCalls.incrementAndGet();
      return SchoolService.super.visible(actor, ids);
    }

    @Override
    public School school(Principal actor, long id) {
      School s = schools.get(id);
      if (s == null || !(s.status() == MembershipStatus.MEMBER || actor.isSystem()
          || POLICY.allows(actor, Action.VIEW_SCHOOL, Target.school(s.country(), s.unit(), String.valueOf(id))))) {
        throw ProblemException.notFound("There is no school " + id);
      }
      return s;
    }

    @Override
    public Page<School> schools(Principal actor, SchoolQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public School editable(Principal actor, long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public School update(Principal actor, long id, int expectedRevision, SchoolInput input, boolean confirmDuplicate) {
      throw new UnsupportedOperationException();
    }
  }

  static final CountryService COUNTRIES = new CountryService() {
    @Override
    public List<Country> countries(Principal actor, Locale language) {
      return List.of();
    }

    @Override
    public Country country(Principal actor, String iso2, Locale language) {
      return new Country(iso2, iso2, "Europe and North America", 0, 0, null, List.of());
    }

    @Override
    public Country correctRegion(Principal actor, String iso2, String region, Locale language) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean exists(String iso2) {
      return iso2 != null && iso2.matches("[A-Z]{2}");
    }

    @Override
    public Country updateNetwork(Principal actor, String iso2, Country.NationalCommission nc,
        List<Country.Coordinator> coordinators, Locale language) {
      throw new UnsupportedOperationException();
    }
  };

  @BeforeEach
  void start() {
    store = new CampaignStore(new TestDatabase(), POLICY, NO_AUDIT, directory, COUNTRIES, modules);
  }

  @AfterEach
  void stop() {
    modules.deactivate();
  }

  /** A global campaign without a module, open to candidates too. */
  private long openCampaign() {
    return store.create(HQ, new CampaignInput(CampaignKind.CAMPAIGN, null, null, Map.of("en", "Gardens"), null, null,
        false, null, true)).id();
  }

  private static int status(Supplier<?> call) {
    return assertThrows(ProblemException.class, call::get).status();
  }

  @Test
  void anUpdateOfTheTitleMergesByLanguage() {
    var created = store.create(HQ, new CampaignInput(CampaignKind.CAMPAIGN, null, null,
        Map.of("en", "Gardens", "ar", "حدائق", "zh", "花园"), null, null, false, null, true));
    Map<String, String> patch = new java.util.HashMap<>();
    patch.put("fr", "Jardins");
    patch.put("zh", null); // removes Chinese
    var updated = store.update(HQ, created.id(), created.revision(),
        new CampaignInput(null, null, null, patch, null, null, null, null, null));
    assertEquals(Map.of("en", "Gardens", "ar", "حدائق", "fr", "Jardins"), updated.title());
    Map<String, String> none = new java.util.HashMap<>();
    updated.title().keySet().forEach(language -> none.put(language, null));
    assertEquals(400, status(() -> store.update(HQ, created.id(), updated.revision(),
        new CampaignInput(null, null, null, none, null, null, null, null, null))), "a campaign keeps a title");
    // who may edit a global campaign, said in a sentence
    ProblemException refused = assertThrows(ProblemException.class, () -> store.update(NC_DE, created.id(), updated.revision(),
        new CampaignInput(null, null, null, Map.of("de", "Gärten"), null, null, null, null, null)));
    assertEquals(403, refused.status());
    assertEquals("Only HQ or the campaign's coordinators edit it", refused.detail());
  }

  /** An unknown module is one error among the others, in the request's language. */
  @Test
  void anUnknownModuleIsToldWithEveryOtherError() {
    Principal hqFr = new Principal("hq", "hq@example.org", "hq", "fr", List.of(Grant.global(Role.HQ_OFFICER)));
    Map<String, String> title = new java.util.LinkedHashMap<>();
    title.put("en", " ");
    title.put("xx", "y");
    ProblemException refused = assertThrows(ProblemException.class, () -> store.create(hqFr,
        new CampaignInput(CampaignKind.PROJECT, "nope", "FR", title, null, null, false, null, true)));
    assertEquals(400, refused.status());
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    refused.errors().forEach(e -> errors.put(e.field(), e.message()));
    assertEquals(List.of("module", "title.en", "title.xx"), List.copyOf(errors.keySet()));
    assertTrue(errors.get("module").startsWith("aucun module de campagne nope n'est installé"), errors.toString());
    ProblemException national = assertThrows(ProblemException.class, () -> store.create(hqFr,
        new CampaignInput(CampaignKind.PROJECT, null, "FR", Map.of("fr", "Jardins"), null, null, false, List.of("DE"), true)));
    assertEquals("une campagne nationale est réservée à FR", national.errors().get(0).message());
  }

  @Test
  void aNationalCoordinatorNamesTheirCountryInAnyCase() {
    // "fr" in a body was a 403 ("only the NC of fr") for France's own NC, and a 400 for HQ
    var created = store.create(NC_FR, new CampaignInput(CampaignKind.PROJECT, null, " fr", Map.of("fr", "Jardins"), null, null,
        false, List.of("fr"), true));
    assertEquals("FR", created.country());
    assertEquals(List.of("FR"), created.countries());
    assertEquals(403, status(() -> store.create(NC_DE, new CampaignInput(CampaignKind.PROJECT, null, "fr", Map.of("fr", "Jardins"),
        null, null, false, null, true))));
  }

  @Test
  void aSchoolTheCallerMayNotSeeAnswersLikeAnUnknownOne() {
    long campaign = openCampaign();
    assertEquals(404, status(() -> store.join(NC_FR, campaign, 999)), "an unknown school");
    assertEquals(404, status(() -> store.join(NC_FR, campaign, BERLIN)), "Germany's candidate, for France's NC");
    assertEquals(404, status(() -> store.join(Principal.anonymous(), campaign, BERLIN)));
    assertEquals(403, status(() -> store.join(NC_FR, campaign, MUNICH)), "a member is public, but not France's");
    assertEquals(401, status(() -> store.join(Principal.anonymous(), campaign, MUNICH)));

    store.join(NC_DE, campaign, BERLIN);
    store.join(NC_DE, campaign, MUNICH);
    assertEquals(404, status(() -> { store.leave(NC_FR, campaign, BERLIN); return null; }), "not in the list they see");
    assertEquals(403, status(() -> { store.leave(NC_FR, campaign, MUNICH); return null; }));
    assertEquals(404, status(() -> store.submit(NC_FR, campaign, report(BERLIN))), "as for an unknown school");
    assertEquals(404, status(() -> store.submit(NC_FR, campaign, report(999))));
    assertEquals(403, status(() -> store.submit(NC_FR, campaign, report(MUNICH))));
    store.leave(NC_DE, campaign, BERLIN); // their country's candidate
  }

  @Test
  void theParticipantCountAgreesWithTheListTheCallerSees() {
    long campaign = openCampaign();
    for (long school : List.of(PARIS, LILLE, BERLIN, MUNICH)) {
      store.join(HQ, campaign, school);
    }
    Map<Principal, Integer> expected = Map.of(Principal.anonymous(), 2, NC_FR, 3, NC_DE, 3, STAFF_PARIS, 2, HQ, 4);
    expected.forEach((who, n) -> {
      String name = who.isAnonymous() ? "the public" : who.accountId();
      assertEquals(n, store.participants(who, campaign, null, 100, null).items().size(), name);
      assertEquals((long) n, store.campaign(who, campaign).participants(), name);
      Campaign listed = store.campaigns(who, null, null, 10, null).items().get(0);
      assertEquals((long) n, listed.participants(), name);
      assertEquals((long) n, store.summary(who, campaign, Locale.ENGLISH, false).get("participants"), name);
    });
  }

  @Test
  void aSubmissionTheCallerMayNotSeeIsNotFoundForModerationEither() {
    long campaign = openCampaign();
    store.join(HQ, campaign, PARIS);
    long pending = store.submit(STAFF_PARIS, campaign, report(PARIS)).id();

    assertEquals(404, status(() -> store.submission(NC_DE, campaign, pending)));
    assertEquals(404, status(() -> store.moderate(NC_DE, campaign, pending, SubmissionStatus.APPROVED, null, null)),
        "another country's NC: as GET answers");
    assertEquals(404, status(() -> store.moderate(Principal.anonymous(), campaign, pending, SubmissionStatus.APPROVED, null, null)));
    assertEquals(404, status(() -> store.moderate(NC_DE, campaign, 999, SubmissionStatus.APPROVED, null, null)));
    assertEquals(403, status(() -> store.moderate(STAFF_PARIS, campaign, pending, SubmissionStatus.APPROVED, null, null)),
        "the school sees its report but does not moderate it");
    assertEquals(SubmissionStatus.APPROVED,
        store.moderate(NC_FR, campaign, pending, SubmissionStatus.APPROVED, null, null).status());
    assertEquals(403, status(() -> store.moderate(NC_DE, campaign, pending, SubmissionStatus.REJECTED, "No", null)),
        "approved, it is public: now a refusal");
    assertEquals(401, status(() -> store.moderate(Principal.anonymous(), campaign, pending, SubmissionStatus.REJECTED, "No", null)));
  }

  @Test
  void aSchoolWithdrawsAReportThatIsNotPublicAndTheAuditKeepsWhatItSaid() {
    List<Map<String, ?>> withdrawn = new java.util.ArrayList<>();
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> {
      if (action.equals("submission.withdraw")) {
        withdrawn.add(before);
      }
    };
    store = new CampaignStore(new TestDatabase(), POLICY, audit, directory, COUNTRIES, modules);
    long campaign = openCampaign();
    store.join(HQ, campaign, PARIS);
    Submission pending = store.submit(STAFF_PARIS, campaign, report(PARIS));

    assertEquals(404, status(() -> { store.withdraw(NC_DE, campaign, pending.id(), null); return null; }),
        "another country's NC does not see a pending report");
    assertEquals(404, status(() -> { store.withdraw(STAFF_PARIS, campaign, 999, null); return null; }));
    assertEquals(412, status(() -> { store.withdraw(STAFF_PARIS, campaign, pending.id(), pending.revision() + 1); return null; }));
    store.withdraw(STAFF_PARIS, campaign, pending.id(), pending.revision());
    assertEquals(404, status(() -> store.submission(STAFF_PARIS, campaign, pending.id())), "gone");
    assertEquals(1, withdrawn.size());
    assertEquals("PENDING", withdrawn.get(0).get("status"));
    assertEquals(pending.text(), withdrawn.get(0).get("text"), "what the school took back stays in the audit log");

    MediaLink photo = new MediaLink("https://example.org/garden.jpg", "photo", true, true);
    long rejected = store.submit(STAFF_PARIS, campaign, new SubmissionInput(PARIS, LocalDate.now().minusDays(1), null,
        "We planted a garden", 12, 2, Map.of(), List.of(photo))).id();
    store.moderate(NC_FR, campaign, rejected, SubmissionStatus.REJECTED, "No photo consent", null);
    store.withdraw(STAFF_PARIS, campaign, rejected, null);
    assertEquals(404, status(() -> store.submission(STAFF_PARIS, campaign, rejected)), "a rejected report may go too");
    assertEquals("No photo consent", withdrawn.get(1).get("comment"), "the moderator's reason stays with what it was about");
    assertEquals(List.of(photo), withdrawn.get(1).get("media"), "its media link and the consent confirmed are kept too");

    long approved = store.submit(STAFF_PARIS, campaign, report(PARIS)).id();
    store.moderate(NC_FR, campaign, approved, SubmissionStatus.APPROVED, null, null);
    assertEquals(409, status(() -> { store.withdraw(STAFF_PARIS, campaign, approved, null); return null; }),
        "approved: public and counted, it stays");
    assertEquals(403, status(() -> { store.withdraw(NC_DE, campaign, approved, null); return null; }),
        "an approved report is public, but not another country's NC's to withdraw");
    assertEquals(SubmissionStatus.APPROVED, store.submission(HQ, campaign, approved).status());
  }

  @Test
  void theSameReportSentTwiceIsKeptOnce() {
    long campaign = openCampaign();
    store.join(HQ, campaign, PARIS);
    Submission first = store.submit(STAFF_PARIS, campaign, report(PARIS));
    ProblemException again = assertThrows(ProblemException.class, () -> store.submit(STAFF_PARIS, campaign, report(PARIS)));
    assertEquals(409, again.status());
    assertEquals(first.id(), again.extensions().get("submission"), again.getMessage());
    assertEquals(1, store.submissions(STAFF_PARIS, campaign, null, null, PARIS, 100, null).items().size());
    SubmissionInput other = report(PARIS);
    other = new SubmissionInput(other.school(), other.date(), other.phase(), other.text() + " And a second one.", other.pupils(),
        other.teachers(), other.metrics(), other.media());
    store.submit(STAFF_PARIS, campaign, other); // another activity of the same day
    store.moderate(NC_FR, campaign, first.id(), SubmissionStatus.REJECTED, "Add the photos", null);
    store.submit(STAFF_PARIS, campaign, report(PARIS)); // sent again after a rejection: a new report to moderate
    assertEquals(3, store.submissions(STAFF_PARIS, campaign, null, null, PARIS, 100, null).items().size());
  }

  /** A retry whose metrics are written another way (members reordered, 2 as 2.0) is the same report. */
  @Test
  void metricsAreTheSameWhateverTheirMembersOrderAndTheWayANumberIsWritten() {
    Map<String, Object> metrics = new java.util.LinkedHashMap<>();
    metrics.put("items", 2);
    metrics.put("kinds", List.of(Map.of("a", 1, "b", "x")));
    Map<String, Object> rewritten = new java.util.LinkedHashMap<>();
    rewritten.put("kinds", List.of(Map.of("b", "x", "a", new java.math.BigDecimal("1.0"))));
    rewritten.put("items", 2.0);
    assertTrue(CampaignStore.sameJson(metrics, rewritten));
    assertFalse(CampaignStore.sameJson(Map.of("n", 1), Map.of("n", 1.5)));
    assertFalse(CampaignStore.sameJson(Map.of("n", 1), Map.of("n", 1, "m", 2)));
    assertFalse(CampaignStore.sameJson(Map.of("n", "1"), Map.of("n", 1)), "text is not a number");
    assertFalse(CampaignStore.sameJson(Map.of("l", List.of(1, 2)), Map.of("l", List.of(2, 1))), "a list keeps its order");
  }

  /** Submits for {@code school} as its NC (or HQ) and approves it. */
  private long approved(long campaign, long school) {
    long id = store.submit(HQ, campaign, report(school)).id();
    return store.moderate(HQ, campaign, id, SubmissionStatus.APPROVED, null, null).id();
  }

  private List<Long> schoolsListed(Principal who, long campaign) {
    return store.submissions(who, campaign, null, null, null, 100, null).items().stream().map(Submission::school).toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> totals(Principal who, long campaign) {
    return (Map<String, Object>) store.summary(who, campaign, Locale.ENGLISH, true).get("totals");
  }

  @Test
  void anApprovedSubmissionOfASchoolTheCallerMayNotSeeIsNeitherListedNorReadNorCounted() {
    long campaign = openCampaign();
    store.join(NC_FR, campaign, LILLE); // France's candidate
    store.join(HQ, campaign, PARIS);
    long paris = approved(campaign, PARIS);
    long lille = store.submit(NC_FR, campaign, report(LILLE)).id();
    store.moderate(NC_FR, campaign, lille, SubmissionStatus.APPROVED, null, null);

    for (Principal who : List.of(Principal.anonymous(), NC_DE, STAFF_PARIS)) {
      String name = who.isAnonymous() ? "the public" : who.accountId();
      assertEquals(List.of(PARIS), schoolsListed(who, campaign), name);
      assertEquals(404, status(() -> store.submission(who, campaign, lille)), name + ": as for an unknown one");
      Map<String, Object> summary = store.summary(who, campaign, Locale.ENGLISH, true);
      assertFalse(summary.toString().contains("Lille"), name + ": " + summary);
      assertEquals(1, totals(who, campaign).get("submissions"), name);
      assertEquals(1, totals(who, campaign).get("schools"), name);
      assertEquals(List.of(PARIS), ((List<Map<String, Object>>) summary.get("schools")).stream()
          .map(g -> g.get("school")).toList(), name);
    }
    assertEquals(404, status(() -> store.moderate(NC_DE, campaign, lille, SubmissionStatus.REJECTED, "No", null)),
        "moderation answers as GET does");
    assertEquals(List.of(LILLE, PARIS), schoolsListed(NC_FR, campaign), "their country's candidate");
    assertEquals(2, totals(NC_FR, campaign).get("submissions"));
    assertEquals(2, totals(HQ, campaign).get("submissions"));
    assertEquals(LILLE, store.submission(NC_FR, campaign, lille).school());

    directory.change(PARIS, "FR", "Paris", MembershipStatus.SUSPENDED); // no longer public
    assertEquals(List.of(), schoolsListed(Principal.anonymous(), campaign));
    assertEquals(404, status(() -> store.submission(Principal.anonymous(), campaign, paris)));
    assertEquals(0, totals(Principal.anonymous(), campaign).get("submissions"));
    assertEquals(List.of(PARIS), schoolsListed(STAFF_PARIS, campaign), "the school's people still see their own");
  }

  @Test
  void aMemberSuspendedAfterJoiningAMembersOnlyCampaignReportsNoMore() {
    long campaign = store.create(HQ, new CampaignInput(CampaignKind.CAMPAIGN, null, null, Map.of("en", "Members' gardens"),
        null, null, true, null, true)).id();
    store.join(HQ, campaign, PARIS);
    assertEquals(PARIS, store.submit(HQ, campaign, report(PARIS)).school());
    directory.change(PARIS, "FR", "Paris", MembershipStatus.SUSPENDED);
    ProblemException suspended = assertThrows(ProblemException.class, () -> store.submit(HQ, campaign, report(PARIS, "We watered it")));
    assertEquals(409, suspended.status());
    assertTrue(suspended.getMessage().contains("member schools only"), suspended.getMessage());
    directory.change(PARIS, "FR", "Paris", MembershipStatus.MEMBER); // reinstated
    assertEquals(PARIS, store.submit(HQ, campaign, report(PARIS, "We watered it")).school());
  }

  /** As membersOnly, a campaign's countries are checked again when a school moved since it joined reports. */
  @Test
  void aSchoolMovedOutOfTheCampaignsCountriesReportsNoMore() {
    long national = store.create(HQ, new CampaignInput(CampaignKind.PROJECT, null, "FR", Map.of("fr", "Jardins"), null, null,
        false, null, true)).id();
    long forGermany = store.create(HQ, new CampaignInput(CampaignKind.CAMPAIGN, null, null, Map.of("en", "Gardens"), null, null,
        false, List.of("DE"), true)).id();
    store.join(HQ, national, PARIS);
    store.join(HQ, forGermany, MUNICH);
    directory.change(PARIS, "DE", "Paris", MembershipStatus.MEMBER);
    directory.change(MUNICH, "MX", "München", MembershipStatus.MEMBER);
    Principal hqFr = new Principal("hq", "hq@example.org", "hq", "fr", List.of(Grant.global(Role.HQ_OFFICER)));
    ProblemException moved = assertThrows(ProblemException.class, () -> store.submit(hqFr, national, report(PARIS)));
    assertEquals(409, moved.status());
    assertEquals("La campagne 1 est une campagne nationale de FR ; l'école 1 est désormais en DE et n'envoie plus de comptes rendus"
        .replace("campagne 1", "campagne " + national), moved.getMessage());
    ProblemException elsewhere = assertThrows(ProblemException.class, () -> store.submit(HQ, forGermany, report(MUNICH)));
    assertEquals(409, elsewhere.status());
    assertTrue(elsewhere.getMessage().contains("open to schools of DE only; school 4 is in MX now"), elsewhere.getMessage());
    directory.change(PARIS, "FR", "Paris", MembershipStatus.MEMBER); // moved back
    assertEquals(PARIS, store.submit(HQ, national, report(PARIS)).school());
  }

  /** A moderator's comment on an approved report is said to the school and the moderators, not to the public. */
  @Test
  void theCommentOnAnApprovedReportIsForTheSchoolAndTheModerators() {
    long campaign = openCampaign();
    store.join(HQ, campaign, PARIS);
    long id = store.submit(STAFF_PARIS, campaign, report(PARIS)).id();
    assertEquals("Lovely, but blur the faces next time",
        store.moderate(NC_FR, campaign, id, SubmissionStatus.APPROVED, "Lovely, but blur the faces next time", null).comment());
    for (Principal who : List.of(Principal.anonymous(), NC_DE)) {
      String name = who.isAnonymous() ? "the public" : who.accountId();
      assertNull(store.submission(who, campaign, id).comment(), name);
      assertNull(store.submissions(who, campaign, null, null, null, 10, null).items().get(0).comment(), name);
    }
    for (Principal who : List.of(STAFF_PARIS, NC_FR, HQ)) {
      assertEquals("Lovely, but blur the faces next time", store.submission(who, campaign, id).comment(), who.accountId());
      assertEquals("Lovely, but blur the faces next time",
          store.submissions(who, campaign, null, null, null, 10, null).items().get(0).comment(), who.accountId());
    }
  }

  @Test
  void aPageIsFullWhenRowsTheCallerMayNotSeeAreLeftOut() {
    long campaign = openCampaign();
    store.join(HQ, campaign, PARIS);
    store.join(HQ, campaign, LILLE);
    store.join(HQ, campaign, MUNICH);
    long first = approved(campaign, PARIS);
    for (int i = 0; i < 3; i++) {
      approved(campaign, LILLE);
    }
    long last = approved(campaign, MUNICH);
    for (int i = 0; i < 3; i++) {
      approved(campaign, LILLE);
    }
    Page<Submission> one = store.submissions(Principal.anonymous(), campaign, null, null, null, 1, null);
    assertEquals(List.of(last), one.items().stream().map(Submission::id).toList());
    Page<Submission> two = store.submissions(Principal.anonymous(), campaign, null, null, null, 1, one.next());
    assertEquals(List.of(first), two.items().stream().map(Submission::id).toList(), "read past the candidate's rows");
    assertNull(two.next(), "the last page");

    Page<Participant> participants = store.participants(Principal.anonymous(), campaign, null, 1, null);
    assertEquals(List.of(PARIS), participants.items().stream().map(Participant::school).toList());
    Page<Participant> next = store.participants(Principal.anonymous(), campaign, null, 1, participants.next());
    assertEquals(List.of(MUNICH), next.items().stream().map(Participant::school).toList(), "not an empty page for Lille");
  }

  @Test
  void theParticipantListFollowsTheDirectoryNotWhatWasCopiedWhenTheSchoolJoined() {
    long campaign = openCampaign();
    store.join(NC_DE, campaign, BERLIN);
    store.join(HQ, campaign, MUNICH);
    assertEquals(List.of(BERLIN, MUNICH), participants(NC_DE, campaign, null));

    directory.change(BERLIN, "AT", "Wien", MembershipStatus.APPLIED); // HQ moves the candidate to Austria
    assertEquals(List.of(MUNICH), participants(NC_DE, campaign, null), "no longer Germany's candidate");
    assertEquals(1L, store.campaign(NC_DE, campaign).participants());
    assertEquals(1L, store.summary(NC_DE, campaign, Locale.ENGLISH, false).get("participants"));
    assertEquals(404, status(() -> { store.leave(NC_DE, campaign, BERLIN); return null; }));
    assertEquals(List.of(BERLIN, MUNICH), participants(NC_AT, campaign, null), "Austria's candidate now");
    assertEquals(List.of(BERLIN), participants(NC_AT, campaign, "AT"));
    assertEquals(List.of(MUNICH), participants(HQ, campaign, "DE"), "by the current country");
    Participant berlin = store.participants(HQ, campaign, "AT", 10, null).items().get(0);
    assertEquals(List.of("School of Wien", "AT", "Wien"), List.of(berlin.name(), berlin.country(), berlin.city()));
  }

  @Test
  void copiesLeftBehindAreComparedWithTheDirectoryAndOnlyThoseThatDifferCorrected() throws IOException {
    TestDatabase database = new TestDatabase();
    store = new CampaignStore(database, POLICY, NO_AUDIT, directory, COUNTRIES, modules);
    long campaign = openCampaign();
    for (long school : List.of(PARIS, MUNICH)) {
      store.join(HQ, campaign, school);
      approved(campaign, school);
    }
    Submission pending = store.submit(HQ, campaign, report(MUNICH, "We watered it"));
    assertEquals(0, store.resyncCopies(), "nothing changed");

    // HQ moves Munich's school to Austria and renames Paris's; no event arrives (the bundle away, the node stopped)
    directory.change(MUNICH, "AT", "Wien", MembershipStatus.MEMBER);
    directory.change(PARIS, "FR", "Lyon", MembershipStatus.MEMBER);
    Dataset submissions = new SubmissionsDataset(store, directory, POLICY);
    assertEquals(List.of(MUNICH), pendingFor(NC_DE, campaign), "the defect: Germany still moderates it");
    assertEquals(Set.of(MUNICH), Set.copyOf(export(submissions, NC_DE, Map.of()).stream().map(r -> r.get(4)).toList()),
        "and exports its rows");
    assertEquals(List.of(), pendingFor(NC_AT, campaign));
    // a report sent since copies the school as it is now
    store.submit(HQ, campaign, report(MUNICH, "We harvested"));

    assertEquals(5, store.resyncCopies(), "Munich's participation and its two older reports, Paris's participation and report");
    assertEquals(List.of(), pendingFor(NC_DE, campaign));
    assertEquals(List.of(MUNICH, MUNICH), pendingFor(NC_AT, campaign));
    assertEquals(pending.revision(), store.submission(HQ, campaign, pending.id()).revision(), "the report itself did not change");
    assertEquals(Set.of(), Set.copyOf(export(submissions, NC_DE, Map.of()).stream().map(r -> r.get(4)).toList()),
        "an NC exports their country's rows only: Munich's are no longer Germany's");
    assertEquals(Set.of(MUNICH), Set.copyOf(export(submissions, NC_AT, Map.of()).stream().map(r -> r.get(4)).toList()));
    assertEquals(List.of(
        List.of("PRJ_PARTICIPANT", PARIS, "School of Lyon", "FR", "Lyon"),
        List.of("PRJ_PARTICIPANT", MUNICH, "School of Wien", "AT", "Wien"),
        List.of("PRJ_SUBMISSION", PARIS, "School of Lyon", "FR"),
        List.of("PRJ_SUBMISSION", MUNICH, "School of Wien", "AT")), copies(database));

    // an edit whose event came is already in the copies: nothing to correct
    directory.change(MUNICH, "AT", "Graz", MembershipStatus.MEMBER);
    store.refreshCopies(MUNICH);
    assertEquals(0, store.resyncCopies());
    // a city taken away, then given back, without events
    directory.change(PARIS, "FR", null, MembershipStatus.MEMBER);
    assertEquals(2, store.resyncCopies(), "Paris's participation and report");
    directory.change(PARIS, "FR", "Paris", MembershipStatus.MEMBER);
    assertEquals(2, store.resyncCopies(), "a city back from null");
    assertEquals(List.of("PRJ_PARTICIPANT", PARIS, "School of Paris", "FR", "Paris"), copies(database).get(0));
    assertEquals(0, store.resyncCopies());
  }

  private List<Long> pendingFor(Principal who, long campaign) {
    return store.submissions(who, campaign, SubmissionStatus.PENDING, null, null, 100, null).items().stream()
        .map(Submission::school).toList();
  }

  /** The distinct copies of each table, by school. */
  private static List<List<Object>> copies(TestDatabase database) {
    return database.read(c -> {
      List<List<Object>> rows = new ArrayList<>();
      for (String sql : List.of(
          "SELECT DISTINCT 'PRJ_PARTICIPANT', SCHOOL_ID, SCHOOL_NAME, COUNTRY, CITY FROM PRJ_PARTICIPANT ORDER BY 2",
          "SELECT DISTINCT 'PRJ_SUBMISSION', SCHOOL_ID, SCHOOL_NAME, COUNTRY FROM PRJ_SUBMISSION ORDER BY 2")) {
        try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
          while (rs.next()) {
            List<Object> row = new ArrayList<>(List.of(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4).strip()));
            if (rs.getMetaData().getColumnCount() == 5) {
              row.add(rs.getString(5));
            }
            rows.add(row);
          }
        }
      }
      return rows;
    });
  }

  private List<Long> participants(Principal who, long campaign, String country) {
    return store.participants(who, campaign, country, 100, null).items().stream().map(Participant::school).toList();
  }

  private List<List<Object>> export(Dataset dataset, Principal who, Map<String, String> filters) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    dataset.export(who, filters, columns -> new RowWriter() {
      @Override
      public void row(Object[] values) {
        rows.add(new ArrayList<>(java.util.Arrays.asList(values)));
      }

      @Override
      public void close() {
      }
    });
    return rows;
  }

  @Test
  void anNcExportsTheirCountrysRowsOnlyAndThePublicNoSchoolItMayNotSee() throws IOException {
    long campaign = openCampaign();
    for (long school : List.of(PARIS, LILLE, MUNICH)) {
      store.join(HQ, campaign, school);
      approved(campaign, school);
    }
    Dataset submissions = new SubmissionsDataset(store, directory, POLICY);
    Dataset participations = new ParticipationsDataset(store, directory, POLICY);
    Map<Principal, List<Long>> expected = Map.of(
        HQ, List.of(PARIS, LILLE, MUNICH),
        NC_DE, List.of(MUNICH), // not Paris's public rows
        NC_FR, List.of(PARIS, LILLE),
        STAFF_PARIS, List.of(PARIS),
        Principal.anonymous(), List.of(PARIS, MUNICH)); // never the candidate
    expected.forEach((who, schools) -> {
      String name = who.isAnonymous() ? "the public" : who.accountId();
      try {
        assertEquals(Set.copyOf(schools), Set.copyOf(export(submissions, who, Map.of()).stream().map(r -> r.get(4)).toList()),
            "submissions for " + name);
        assertEquals(Set.copyOf(schools), Set.copyOf(export(participations, who, Map.of()).stream().map(r -> r.get(3)).toList()),
            "participations for " + name);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(List.of(), export(submissions, NC_FR, Map.of("country", "DE")), "another country: an empty file");
    assertEquals(List.of(), export(participations, NC_FR, Map.of("country", "DE")));
    assertTrue(export(submissions, Principal.anonymous(), Map.of()).stream().noneMatch(r -> r.contains("School of Lille")));
  }

  private static SubmissionInput report(long school) {
    return report(school, "We planted a garden");
  }

  private static SubmissionInput report(long school, String text) {
    return new SubmissionInput(school, LocalDate.now().minusDays(1), null, text, 12, 2, Map.of(), List.of());
  }
}
