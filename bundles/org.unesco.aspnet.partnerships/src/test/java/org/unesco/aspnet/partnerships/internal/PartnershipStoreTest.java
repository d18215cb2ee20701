package org.unesco.aspnet.partnerships.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.HQ;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.nc;
import static org.unesco.aspnet.partnerships.internal.PartnershipRulesTest.staffOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.unesco.aspnet.core.AuditLog;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.Theme;
import org.unesco.aspnet.partnerships.Partnership;
import org.unesco.aspnet.partnerships.PartnershipInput;
import org.unesco.aspnet.partnerships.PartnershipStatus;

/** The store's SQL against an in-memory Derby: the contract's rules, scopes, audit entries and events. */
class PartnershipStoreTest {
  private static final long LYON = TestDirectory.LYON;
  private static final long PARIS = TestDirectory.PARIS;
  private static final long KOELN = TestDirectory.KOELN;
  private static final long NAPOLI = TestDirectory.NAPOLI;
  private static final long CANDIDATE_DE = TestDirectory.CANDIDATE_DE;

  private final TestDirectory directory = new TestDirectory();
  private final List<String> audited = new CopyOnWriteArrayList<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private PartnershipStore store;

  @BeforeEach
  void setUp() {
    AuditLog audit = (c, who, action, entity, id, country, before, after) -> audited.add(action + " " + id + " " + country);
    store = new PartnershipStore(new TestDatabase(), audit, directory);
    store.eventAdmin = new EventAdmin() {
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

  private Partnership propose(long proposer, long partner) {
    return store.propose(staffOf(proposer, directory.get(proposer).country()),
        new PartnershipInput(proposer, partner, Theme.ESD, "Shall we?"));
  }

  private static List<String> fields(ProblemException p) {
    return p.errors().stream().map(FieldError::field).toList();
  }

  @Test
  void aProposalIsAuditedForBothCountriesAndTold() {
    Partnership p = propose(LYON, KOELN);
    assertEquals(PartnershipStatus.PROPOSED, p.status());
    assertEquals(1, p.revision());
    assertEquals("Lyon", p.proposer().city());
    assertEquals("DE", p.partner().country());
    assertEquals("Shall we?", p.message());
    assertNull(p.answeredAt());
    assertEquals(List.of("partnership.propose " + p.id() + " FR", "partnership.propose " + p.id() + " DE"), audited);
    Event told = events.get(0);
    assertEquals("org/unesco/aspnet/partnerships/PROPOSED", told.getTopic());
    assertEquals(p.id(), told.getProperty("partnershipId"));
    assertEquals(List.of("FR", "DE"), List.of((String[]) told.getProperty("countries")));
    assertEquals("staff-7", told.getProperty("actor"));
    assertNull(told.getProperty("from"));
  }

  @Test
  void onlyTheProposersStaffProposeBetweenMembersOfTwoCountries() {
    PartnershipInput lyonToKoeln = new PartnershipInput(LYON, KOELN, Theme.ESD, "Hello");
    assertEquals(401, assertThrows(ProblemException.class, () -> store.propose(Principal.anonymous(), lyonToKoeln)).status());
    assertEquals(403, assertThrows(ProblemException.class, () -> store.propose(staffOf(PARIS, "FR"), lyonToKoeln)).status());
    assertEquals(403, assertThrows(ProblemException.class, () -> store.propose(nc("FR"), lyonToKoeln)).status());
    assertEquals(403, assertThrows(ProblemException.class, () -> store.propose(HQ, lyonToKoeln)).status());
    ProblemException sameCountry = assertThrows(ProblemException.class, () -> propose(LYON, PARIS));
    assertEquals(List.of("partner"), fields(sameCountry));
    ProblemException candidate = assertThrows(ProblemException.class, () -> propose(LYON, CANDIDATE_DE));
    assertEquals(List.of("partner"), fields(candidate));
    assertEquals(List.of("partner"), fields(assertThrows(ProblemException.class, () -> propose(LYON, 999))));
    // every mistake in one 400: the blank message with the partner that is no member
    ProblemException both = assertThrows(ProblemException.class, () -> store.propose(staffOf(LYON, "FR"),
        new PartnershipInput(LYON, CANDIDATE_DE, Theme.ESD, " ")));
    assertEquals(List.of("message", "partner"), fields(both));
    directory.change(LYON, "FR", "Lyon", MembershipStatus.SUSPENDED);
    assertEquals(List.of("proposer"), fields(assertThrows(ProblemException.class, () -> propose(LYON, KOELN))));
    assertEquals(List.of(), audited);
  }

  @Test
  void twoSchoolsHaveOneOpenPartnershipWhoeverProposed() {
    Partnership first = propose(LYON, KOELN);
    assertEquals(409, assertThrows(ProblemException.class, () -> propose(LYON, KOELN)).status());
    assertEquals(409, assertThrows(ProblemException.class, () -> propose(KOELN, LYON)).status());
    store.move(staffOf(KOELN, "DE"), first.id(), PartnershipStatus.ACCEPTED, null, null);
    assertEquals(409, assertThrows(ProblemException.class, () -> propose(KOELN, LYON)).status());
    store.move(staffOf(KOELN, "DE"), first.id(), PartnershipStatus.ENDED, "School year over", null);
    Partnership again = propose(KOELN, LYON);
    assertEquals(PartnershipStatus.PROPOSED, again.status());
  }

  @Test
  void aSchoolHasAtMostTenProposalsWaiting() {
    List<Partnership> made = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      made.add(propose(LYON, directory.foreignMember(i)));
    }
    ProblemException eleventh = assertThrows(ProblemException.class, () -> propose(LYON, directory.foreignMember(10)));
    assertEquals(409, eleventh.status());
    assertEquals("School 7 already has 10 proposals waiting for an answer: wait for one, or withdraw one", eleventh.detail());
    // an answered one no longer counts; those proposed to the school never did
    propose(directory.foreignMember(11), LYON);
    store.move(staffOf(LYON, "FR"), made.get(0).id(), PartnershipStatus.WITHDRAWN, null, null);
    assertNotNull(propose(LYON, directory.foreignMember(10)));
  }

  @Test
  void proposalsAtTheSameMomentDoNotPassTheTenWaiting() throws Exception {
    for (int i = 0; i < 8; i++) {
      propose(LYON, directory.foreignMember(i));
    }
    int at = 4; // the ninth and tenth are free: four proposals at once, two get in
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(at);
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(at);
    List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < at; i++) {
      long partner = directory.foreignMember(8 + i);
      answers.add(pool.submit(() -> {
        together.await();
        try {
          propose(LYON, partner);
          return 201;
        } catch (ProblemException p) {
          return p.status();
        }
      }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (java.util.concurrent.Future<Integer> a : answers) {
      statuses.add(a.get());
    }
    pool.shutdown();
    assertEquals(List.of(201, 201, 409, 409), statuses.stream().sorted().toList());
    assertEquals(10, store.partnerships(HQ, LYON, null, PartnershipStatus.PROPOSED, 50, null).items().size());
  }

  @Test
  void thePartnerAnswersOnceFromProposedWithIfMatch() {
    Partnership p = propose(LYON, KOELN);
    ProblemException byProposer = assertThrows(ProblemException.class,
        () -> store.move(staffOf(LYON, "FR"), p.id(), PartnershipStatus.ACCEPTED, null, null));
    assertEquals(403, byProposer.status());
    assertEquals(404, assertThrows(ProblemException.class,
        () -> store.move(Principal.anonymous(), p.id(), PartnershipStatus.ACCEPTED, null, null)).status(), "a proposal is not public");
    assertEquals(412, assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.ACCEPTED, null, 7)).status());
    assertEquals(400, assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.ACCEPTED, "x".repeat(2001), 1)).status());
    assertEquals(409, assertThrows(ProblemException.class,
        () -> store.move(HQ, p.id(), PartnershipStatus.ENDED, null, null)).status(), "not accepted yet");
    events.clear();
    Partnership accepted = store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.ACCEPTED, " Gladly ", 1);
    assertEquals(PartnershipStatus.ACCEPTED, accepted.status());
    assertEquals(2, accepted.revision());
    assertEquals("Gladly", accepted.comment());
    assertNotNull(accepted.answeredAt());
    assertEquals("PROPOSED", events.get(0).getProperty("from"));
    assertEquals("org/unesco/aspnet/partnerships/ACCEPTED", events.get(0).getTopic());
    assertEquals(409, assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.DECLINED, null, 2)).status());
    assertEquals(409, assertThrows(ProblemException.class,
        () -> store.move(staffOf(LYON, "FR"), p.id(), PartnershipStatus.WITHDRAWN, null, null)).status());
    assertEquals(401, assertThrows(ProblemException.class,
        () -> store.move(Principal.anonymous(), p.id(), PartnershipStatus.ENDED, null, null)).status(), "public, but sign in to end it");
    Partnership ended = store.move(HQ, p.id(), PartnershipStatus.ENDED, null, 2);
    assertNotNull(ended.endedAt());
    assertNull(ended.comment(), "the comment is the last move's");
    assertEquals(List.of("partnership.propose", "partnership.propose", "partnership.accept", "partnership.accept",
        "partnership.end", "partnership.end"), audited.stream().map(a -> a.split(" ")[0]).toList());
  }

  @Test
  void acceptingNeedsBothSchoolsMemberNow() {
    Partnership p = propose(LYON, KOELN);
    directory.change(LYON, "FR", "Lyon", MembershipStatus.SUSPENDED);
    ProblemException refused = assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.ACCEPTED, null, null));
    assertEquals(409, refused.status());
    // the other school's status is not public: only that it is no longer a member
    assertEquals("Partnership " + p.id() + " cannot be accepted: school 7 is no longer a member", refused.detail());
    for (String language : List.of("fr", "de", "es")) {
      String detail = assertThrows(ProblemException.class, () -> store.move(staffOf(KOELN, "DE", language), p.id(),
          PartnershipStatus.ACCEPTED, null, null)).detail();
      assertEquals(false, detail.contains("SUSPENDED"), detail);
      assertEquals(true, detail.contains("7"), detail);
    }
    assertEquals(PartnershipStatus.DECLINED,
        store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.DECLINED, null, null).status());
  }

  @Test
  void acceptingNeedsTwoCountriesStill() {
    Partnership p = propose(LYON, KOELN);
    directory.change(KOELN, "FR", "Strasbourg", MembershipStatus.MEMBER); // moved, the copy not refreshed yet
    ProblemException refused = assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "FR"), p.id(), PartnershipStatus.ACCEPTED, null, null));
    assertEquals(409, refused.status());
    assertEquals("Partnership " + p.id() + " cannot be accepted: both schools are now in the same country (FR)",
        refused.detail());
    assertEquals(PartnershipStatus.DECLINED,
        store.move(staffOf(KOELN, "FR"), p.id(), PartnershipStatus.DECLINED, null, null).status());
  }

  @Test
  void aMoveWithoutIfMatchMeetsAConcurrentMoveAsTheStatusItFinds() {
    Partnership p = propose(LYON, KOELN);
    // while Köln accepts (reading the two schools, after its read of the partnership), Lyon withdraws
    directory.whenRead(LYON, () -> store.move(staffOf(LYON, "FR"), p.id(), PartnershipStatus.WITHDRAWN, null, null));
    ProblemException late = assertThrows(ProblemException.class,
        () -> store.move(staffOf(KOELN, "DE"), p.id(), PartnershipStatus.ACCEPTED, null, null));
    assertEquals(409, late.status(), late.detail());
    assertEquals("Partnership " + p.id() + " is WITHDRAWN: it cannot become ACCEPTED", late.detail());
    // with If-Match, the revision read is the one expected: 412
    Partnership q = propose(LYON, NAPOLI);
    directory.whenRead(LYON, () -> store.move(staffOf(LYON, "FR"), q.id(), PartnershipStatus.WITHDRAWN, null, null));
    assertEquals(412, assertThrows(ProblemException.class,
        () -> store.move(staffOf(NAPOLI, "IT"), q.id(), PartnershipStatus.ACCEPTED, null, 1)).status());
  }

  @Test
  void everyoneSeesWhatTheContractSays() {
    Partnership proposed = propose(LYON, KOELN);
    Partnership accepted = propose(KOELN, NAPOLI);
    store.move(staffOf(NAPOLI, "IT"), accepted.id(), PartnershipStatus.ACCEPTED, "Sì", null);
    // the public: the accepted one only, without the texts
    List<Partnership> seen = store.partnerships(Principal.anonymous(), null, null, null, 50, null).items();
    assertEquals(List.of(accepted.id()), seen.stream().map(Partnership::id).toList());
    assertNull(seen.get(0).message());
    assertNull(seen.get(0).comment());
    assertEquals(404, assertThrows(ProblemException.class, () -> store.partnership(Principal.anonymous(), proposed.id())).status());
    // France's NC: the French one with its message, the public DE-IT one without; never to move it
    assertEquals("Shall we?", store.partnership(nc("FR"), proposed.id()).message());
    assertNull(store.partnership(nc("FR"), accepted.id()).message());
    assertEquals(List.of(proposed.id()), ids(store.partnerships(nc("FR"), null, "FR", null, 50, null)));
    assertEquals(403, assertThrows(ProblemException.class,
        () -> store.move(nc("FR"), accepted.id(), PartnershipStatus.ENDED, null, null)).status());
    // Italy's NC does not see the French-German proposal at all
    assertEquals(404, assertThrows(ProblemException.class, () -> store.partnership(nc("IT"), proposed.id())).status());
    assertEquals(List.of(accepted.id()), ids(store.partnerships(nc("IT"), null, null, null, 50, null)));
    assertEquals("Sì", store.partnership(nc("IT"), accepted.id()).comment());
    // a school's staff: theirs with texts, plus the public ones
    assertEquals(List.of(accepted.id(), proposed.id()), ids(store.partnerships(staffOf(LYON, "FR"), null, null, null, 50, null)));
    assertEquals(List.of(), ids(store.partnerships(staffOf(PARIS, "FR"), null, null, PartnershipStatus.PROPOSED, 50, null)));
    // a school that is no longer a member takes its accepted partnership out of the public's sight
    directory.change(NAPOLI, "IT", "Napoli", MembershipStatus.DORMANT);
    assertEquals(List.of(), ids(store.partnerships(Principal.anonymous(), null, null, null, 50, null)));
    assertEquals(List.of(accepted.id(), proposed.id()), ids(store.partnerships(HQ, null, null, null, 50, null)));
  }

  @Test
  void pagesAreNewestFirstAndNeverShortWhileMoreFollow() {
    List<Long> accepted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long partner = directory.foreignMember(i);
      Partnership p = propose(LYON, partner);
      store.move(staffOf(partner, directory.get(partner).country()), p.id(), PartnershipStatus.ACCEPTED, null, null);
      accepted.add(0, p.id());
      propose(KOELN, partner); // not public: read past by the public
    }
    List<Long> read = new ArrayList<>();
    String cursor = null;
    do {
      Page<Partnership> page = store.partnerships(Principal.anonymous(), null, null, null, 3, cursor);
      assertEquals(page.next() == null ? 1 : 3, page.items().size());
      read.addAll(ids(page));
      cursor = page.next();
    } while (cursor != null);
    assertEquals(accepted, read);
    assertEquals(400, assertThrows(ProblemException.class,
        () -> store.partnerships(HQ, null, null, null, 3, "abc")).status());
    assertEquals(List.of(accepted.get(6)), ids(store.partnerships(HQ, directory.foreignMember(0), null,
        PartnershipStatus.ACCEPTED, 50, null)));
  }

  @Test
  void aRequestReadsABoundedNumberOfRowsAndThenEndsItsPageEarly() {
    Partnership old = propose(LYON, KOELN);
    store.move(staffOf(KOELN, "DE"), old.id(), PartnershipStatus.ACCEPTED, null, null);
    List<Long> hidden = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Partnership p = propose(directory.foreignMember(i), NAPOLI);
      store.move(staffOf(NAPOLI, "IT"), p.id(), PartnershipStatus.ACCEPTED, null, null);
      hidden.add(0, p.id());
    }
    directory.change(NAPOLI, "IT", "Napoli", MembershipStatus.DORMANT); // its ten: read past by the public
    assertEquals(List.of(old.id()), ids(store.partnerships(Principal.anonymous(), null, null, null, 2, null)));
    // at most 4 rows a request: short pages with a cursor, until the public one is reached
    List<Long> read = new ArrayList<>();
    int requests = 0;
    String cursor = null;
    do {
      Page<Partnership> page = store.partnerships(Principal.anonymous(), null, null, null, 2, cursor, 4);
      read.addAll(ids(page));
      cursor = page.next();
      requests++;
    } while (cursor != null);
    assertEquals(List.of(old.id()), read);
    assertEquals(3, requests, "11 rows, 4 a request");
    Page<Partnership> first = store.partnerships(Principal.anonymous(), null, null, null, 2, null, 4);
    assertEquals(List.of(), first.items());
    assertEquals(String.valueOf(hidden.get(3)), first.next());
    assertEquals(2048, PartnershipStore.READ_PER_REQUEST_MAX);
  }

  @Test
  void aSchoolEditedIsShownAsItIsNowAndInItsNewCountrysScope() {
    Partnership p = propose(LYON, KOELN);
    directory.change(KOELN, "AT", "Wien", MembershipStatus.MEMBER);
    store.refreshCopies(KOELN);
    Partnership now = store.partnership(HQ, p.id());
    assertEquals("AT", now.partner().country());
    assertEquals("Wien", now.partner().city());
    assertEquals(p.revision(), now.revision());
    assertEquals(404, assertThrows(ProblemException.class, () -> store.partnership(nc("DE"), p.id())).status());
    assertEquals(p.id(), store.partnership(nc("AT"), p.id()).id());
  }

  @Test
  void copiesLeftBehindAreComparedWithTheDirectoryAndOnlyThoseThatDifferCorrected() {
    Partnership lyonKoeln = propose(LYON, KOELN);
    Partnership napoliLyon = propose(NAPOLI, LYON);
    Partnership koelnNapoli = propose(KOELN, NAPOLI);
    assertEquals(0, store.resyncCopies(), "nothing changed");
    // edits whose event never came (the bundle away, the node stopped)
    directory.change(KOELN, "AT", "Wien", MembershipStatus.MEMBER);
    directory.change(LYON, "FR", null, MembershipStatus.MEMBER);
    assertEquals(4, store.resyncCopies(), "Köln in two rows, Lyon in two");
    assertEquals("AT", store.partnership(HQ, lyonKoeln.id()).partner().country());
    assertEquals("AT", store.partnership(HQ, koelnNapoli.id()).proposer().country());
    assertNull(store.partnership(HQ, napoliLyon.id()).partner().city());
    assertEquals("Napoli", store.partnership(HQ, napoliLyon.id()).proposer().city());
    assertEquals(List.of(lyonKoeln.id()), ids(store.partnerships(nc("AT"), null, "AT", PartnershipStatus.PROPOSED, 50, null))
        .stream().filter(id -> id == lyonKoeln.id()).toList());
    assertEquals(404, assertThrows(ProblemException.class, () -> store.partnership(nc("DE"), lyonKoeln.id())).status());
    assertEquals(1, store.partnership(HQ, lyonKoeln.id()).revision(), "the partnership itself did not change");
    directory.change(LYON, "FR", "Lyon", MembershipStatus.MEMBER);
    assertEquals(2, store.resyncCopies(), "a city back from null");
    assertEquals(0, store.resyncCopies());
  }

  @Test
  void aProposalReadsItsSchoolsAgainUnderTheLock() {
    // Köln moves to Austria after the proposal's first reads (Lyon, then Köln), before the INSERT
    directory.whenRead(LYON, () -> directory.whenRead(LYON,
        () -> directory.change(KOELN, "AT", "Wien", MembershipStatus.MEMBER)));
    Partnership p = propose(LYON, KOELN);
    assertEquals("AT", p.partner().country());
    assertEquals("Wien", p.partner().city());
    assertEquals(List.of("partnership.propose " + p.id() + " FR", "partnership.propose " + p.id() + " AT"), audited);
    // Naples' school moves to France: a proposal from Lyon is then between two French schools
    directory.whenRead(LYON, () -> directory.whenRead(LYON,
        () -> directory.change(NAPOLI, "FR", "Nice", MembershipStatus.MEMBER)));
    ProblemException same = assertThrows(ProblemException.class, () -> propose(LYON, NAPOLI));
    assertEquals(List.of("partner"), fields(same));
  }

  private static List<Long> ids(Page<Partnership> page) {
    return page.items().stream().map(Partnership::id).toList();
  }
}
