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
    long nextId = 1;

    @Override
    public Application apply(Principal actor, SchoolInput school, boolean confirmDuplicate) {
      assertTrue(confirmDuplicate);
      long id = nextId++;
      statuses.put(id, MembershipStatus.APPLIED);
      countries.put(id, school.country());
      return new Application(id * 10, id, MembershipStatus.APPLIED);
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
      return new Membership(id, id * 10, countries.get(id), 1, to, to.next(), null, null, null, null, null, null);
    }

    @Override
    public Membership moveStage(Principal actor, long id, String stage, String comment) {
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

  static final class EmptyDirectory implements SchoolService {
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

  record Ensured(String email, String password, List<Grant> grants) {}

  static final class RecordingAccounts implements Accounts {
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
  }

  @Test
  void loadsEverySchoolToItsStatusAndCreatesTheAccounts() {
    FakeMemberships memberships = new FakeMemberships();
    RecordingAccounts accounts = new RecordingAccounts();
    DemoLoader loader = new DemoLoader(memberships, new EmptyDirectory(), accounts, null);
    assertTrue(loader.directoryEmpty());

    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    DemoLoader.Result result = loader.load(demo, () -> false);

    assertTrue(result.complete());
    assertEquals(demo.size(), result.schools());
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
    DemoLoader.Result result = loader.load(DemoSchools.generate(DemoSchools.SEED), () -> calls.incrementAndGet() > 5);
    assertFalse(result.complete());
    assertEquals(5, result.schools());
    assertTrue(accounts.ensured.isEmpty());
  }
}
