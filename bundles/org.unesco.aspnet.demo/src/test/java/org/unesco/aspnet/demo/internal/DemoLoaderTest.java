package org.unesco.aspnet.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.Membership;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.StatusChange;
import org.unesco.aspnet.security.Accounts;

class DemoLoaderTest {

  /** Keeps statuses in memory and refuses moves the table does not allow, like the real service. */
  static final class FakeMemberships implements MembershipService {
    final Map<Long, MembershipStatus> statuses = new HashMap<>();
    final Map<Long, String> countries = new HashMap<>();
    final Map<Long, SchoolInput> inputs = new java.util.LinkedHashMap<>();
    long nextId = 1;
    int moves;

    @Override
    public Application apply(Principal actor, SchoolInput school, boolean confirmDuplicate) {
      assertTrue(confirmDuplicate);
      long id = nextId++;
      statuses.put(id, MembershipStatus.APPLIED);
      countries.put(id, school.country());
      inputs.put(id, school);
      return new Application(id * 10, id, MembershipStatus.APPLIED);
    }

    @Override
    public Membership transition(Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn) {
      return transition(actor, id, to, comment);
    }

    @Override
    public Membership transition(Principal actor, long id, MembershipStatus to, String comment) {
      MembershipStatus from = statuses.get(id);
      MembershipStatus.Transition move =
          from.transitionTo(to).orElseThrow(() -> new IllegalStateException(from + " -> " + to));
      if (move.commentRequired() && (comment == null || comment.isBlank())) {
        throw new IllegalArgumentException("comment required " + from + " -> " + to);
      }
      statuses.put(id, to);
      moves++;
      return new Membership(id, id * 10, countries.get(id), 1, to, to.next(), null, null, null, null, null, null);
    }

    @Override
    public Membership transition(
        Principal actor, long id, MembershipStatus to, String comment, java.time.LocalDate certifiedOn, Integer expectedRevision) {
      throw new UnsupportedOperationException(); // the demo decides on what it just wrote
    }

    @Override
    public Membership moveStage(Principal actor, long id, String stage, String comment) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Membership moveStage(Principal actor, long id, String stage, String comment, Integer expectedRevision) {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.unesco.aspnet.membership.Certificate certificate(Principal actor, String number) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Application reapply(Principal actor, long schoolId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Membership membership(Principal actor, long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<StatusChange> history(Principal actor, long id) {
      throw new UnsupportedOperationException();
    }
  }

  static class EmptyDirectory implements SchoolService {
    @Override
    public Page<School> schools(Principal actor, SchoolQuery query) {
      assertTrue(query.limit() >= 1 && query.limit() <= SchoolQuery.MAX_LIMIT);
      return new Page<>(List.of(), null);
    }

    @Override
    public School editable(Principal actor, long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public School school(Principal actor, long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public School update(Principal actor, long id, int expectedRevision, SchoolInput input, boolean confirmDuplicate) {
      throw new UnsupportedOperationException();
    }
  }

  /** What HQ sees of {@link FakeMemberships}, in pages of the requested size. */
  static final class FakeDirectory extends EmptyDirectory {
    final FakeMemberships memberships;
    final List<SchoolInput> others = new ArrayList<>();

    FakeDirectory(FakeMemberships memberships) {
      this.memberships = memberships;
    }

    @Override
    public Page<School> schools(Principal actor, SchoolQuery query) {
      List<School> all = new ArrayList<>();
      memberships.inputs.forEach((id, in) -> all.add(school(id * 10, id, in, memberships.statuses.get(id))));
      others.forEach(in -> all.add(school(9999, 9999, in, MembershipStatus.MEMBER)));
      int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
      int to = Math.min(all.size(), from + query.limit());
      return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
    }

    private static School school(long id, long membershipId, SchoolInput in, MembershipStatus status) {
      return new School(id, in.name(), in.country(), in.unit(), in.city(), in.address(), in.latitude(), in.longitude(),
          in.levels(), in.themes(), in.languages(), in.students(), in.teachers(), in.email(), in.website(),
          in.nationalId(), in.fields(), membershipId, status, 1);
    }
  }

  record Ensured(String email, String password, List<Grant> grants) {}

  static final class RecordingAccounts implements Accounts {
    @Override
    public java.util.Optional<org.unesco.aspnet.core.Principal> active(String accountId) {
      return java.util.Optional.empty();
    }

    final List<Ensured> ensured = new ArrayList<>();

    @Override
    public String ensure(Principal actor, String email, String name, String language, String password, List<Grant> grants) {
      ensured.add(new Ensured(email, password, grants));
      return "account-" + ensured.size();
    }

    @Override
    public void grant(Principal actor, String accountId, Grant grant) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Holder> campaignHolders(org.unesco.aspnet.core.Role role, String campaign) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Recipient> noticeRecipients(org.unesco.aspnet.core.Role role, String country, String school) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void schoolMoved(java.sql.Connection c, String school, String country, String unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Map<String, String> names(java.util.Collection<String> accountIds) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void loadsEverySchoolToItsStatusAndCreatesTheAccounts() {
    FakeMemberships memberships = new FakeMemberships();
    RecordingAccounts accounts = new RecordingAccounts();
    DemoLoader loader = new DemoLoader(memberships, new EmptyDirectory(), accounts, null);

    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    assertEquals(Map.of(), loader.present(demo).orElseThrow());
    DemoLoader.Result result = loader.load(demo, Map.of(), () -> false);

    assertTrue(result.complete());
    assertEquals(demo.size(), result.schools());
    assertEquals(demo.size() + memberships.moves, result.written());
    assertEquals(EnumSet.allOf(MembershipStatus.class), result.statuses().keySet());
    for (int i = 0; i < demo.size(); i++) {
      assertEquals(demo.get(i).status(), memberships.statuses.get(i + 1L));
    }

    assertEquals(1 + DemoLoader.COORDINATED.size() + 20, result.accounts());
    assertEquals(result.accounts(), accounts.ensured.size());
    accounts.ensured.forEach(a -> assertEquals(DemoLoader.DEFAULT_PASSWORD, a.password()));
    assertEquals(new Ensured("hq@demo.aspnet.local", "demo-password", List.of(Grant.global(Role.HQ_OFFICER))),
        accounts.ensured.get(0));
    assertTrue(accounts.ensured.contains(new Ensured("nc.fr@demo.aspnet.local", "demo-password",
        List.of(Grant.country(Role.NATIONAL_COORDINATOR, "FR")))));
    assertTrue(accounts.ensured.contains(new Ensured("school.1@demo.aspnet.local", "demo-password",
        List.of(Grant.school(Role.SCHOOL_FOCAL_POINT, demo.get(0).input().country(), "10")))));
    assertTrue(accounts.ensured.contains(new Ensured("school.20@demo.aspnet.local", "demo-password",
        List.of(Grant.school(Role.SCHOOL_FOCAL_POINT, demo.get(19).input().country(), "200")))));
    for (String iso2 : DemoLoader.COORDINATED) {
      assertTrue(DemoCountries.ALL.stream().anyMatch(c -> c.iso2().equals(iso2)), iso2);
    }
  }

  @Test
  void stopsWhenAsked() {
    FakeMemberships memberships = new FakeMemberships();
    RecordingAccounts accounts = new RecordingAccounts();
    DemoLoader loader = new DemoLoader(memberships, new EmptyDirectory(), accounts, "another-password");
    AtomicInteger calls = new AtomicInteger();
    DemoLoader.Result result = loader.load(DemoSchools.generate(DemoSchools.SEED), Map.of(), () -> calls.incrementAndGet() > 5);
    assertFalse(result.complete());
    assertEquals(5, result.schools());
    assertTrue(accounts.ensured.isEmpty());
  }

  @Test
  void aLoadCutShortIsFinishedByTheNextOneWithoutWritingAnySchoolTwice() {
    FakeMemberships memberships = new FakeMemberships();
    FakeDirectory directory = new FakeDirectory(memberships);
    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    AtomicInteger calls = new AtomicInteger();
    DemoLoader first = new DemoLoader(memberships, directory, new RecordingAccounts(), null);
    assertFalse(first.load(demo, first.present(demo).orElseThrow(), () -> calls.incrementAndGet() > 150).complete());
    // the 150th school was cut short on its way: applied, not yet moved
    int cut = 149;
    assertTrue(DemoSchools.path(demo.get(cut).status()).size() > 1, "a school with more than one move to make");
    memberships.statuses.put(cut + 1L, MembershipStatus.APPLIED);

    RecordingAccounts accounts = new RecordingAccounts();
    DemoLoader second = new DemoLoader(memberships, directory, accounts, null);
    Map<String, School> present = second.present(demo).orElseThrow();
    assertEquals(150, present.size(), "found in pages of " + SchoolQuery.MAX_LIMIT);
    int movesBefore = memberships.moves;
    DemoLoader.Result result = second.load(demo, present, () -> false);

    assertTrue(result.complete());
    assertEquals(demo.size(), memberships.inputs.size(), "no school applied twice");
    for (int i = 0; i < demo.size(); i++) {
      assertEquals(demo.get(i).status(), memberships.statuses.get(i + 1L), "school " + (i + 1));
    }
    assertEquals(demo.size() - 150 + memberships.moves - movesBefore, result.written());
    assertEquals(1 + DemoLoader.COORDINATED.size() + 20, accounts.ensured.size());

    // run again on a complete demo: nothing to write
    DemoLoader.Result again = second.load(demo, second.present(demo).orElseThrow(), () -> false);
    assertEquals(0, again.written());
    assertEquals(demo.size(), memberships.inputs.size());
  }

  @Test
  void aDirectoryWithASchoolTheDemoDidNotWriteIsLeftAlone() {
    FakeMemberships memberships = new FakeMemberships();
    FakeDirectory directory = new FakeDirectory(memberships);
    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    DemoLoader loader = new DemoLoader(memberships, directory, new RecordingAccounts(), null);
    loader.load(demo.subList(0, 10), Map.of(), () -> false);
    assertTrue(loader.present(demo).isPresent());
    SchoolInput someone = demo.get(0).input();
    directory.others.add(new SchoolInput(someone.name() + " (renamed)", someone.country(), someone.unit(), someone.city(),
        someone.address(), someone.latitude(), someone.longitude(), someone.levels(), someone.themes(),
        someone.languages(), someone.students(), someone.teachers(), someone.email(), someone.website(),
        someone.nationalId(), someone.fields()));
    assertTrue(loader.present(demo).isEmpty());
  }

  @Test
  void aDemoSchoolMovedOffItsPathBySomebodyStaysWhereItIs() {
    FakeMemberships memberships = new FakeMemberships();
    FakeDirectory directory = new FakeDirectory(memberships);
    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    DemoLoader loader = new DemoLoader(memberships, directory, new RecordingAccounts(), null);
    loader.load(demo, Map.of(), () -> false);
    int applied = -1;
    for (int i = 0; i < demo.size() && applied < 0; i++) {
      if (demo.get(i).status() == MembershipStatus.APPLIED) {
        applied = i;
      }
    }
    // an NC put an APPLIED demo school under review: a later start must not walk or undo it
    memberships.statuses.put(applied + 1L, MembershipStatus.UNDER_NATIONAL_REVIEW);
    DemoLoader.Result result = loader.load(demo, loader.present(demo).orElseThrow(), () -> false);
    assertEquals(0, result.written());
    assertEquals(MembershipStatus.UNDER_NATIONAL_REVIEW, memberships.statuses.get(applied + 1L));
  }
}
