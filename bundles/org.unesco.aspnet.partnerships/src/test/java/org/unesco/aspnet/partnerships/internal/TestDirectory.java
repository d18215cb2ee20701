package org.unesco.aspnet.partnerships.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolInput;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.membership.Theme;

/** A directory of a few schools, and member schools of other countries for the limits. */
final class TestDirectory implements SchoolService {
  static final long LYON = 7;
  static final long PARIS = 8;
  static final long KOELN = 20;
  static final long NAPOLI = 26;
  static final long CANDIDATE_DE = 27;

  private static final List<String> ABROAD = List.of("KE", "JP", "BR", "MX", "IN", "CA", "NG", "EG", "MA", "ZA", "CL", "AR");
  private final Map<Long, School> schools = new ConcurrentHashMap<>();
  private final Map<Long, Runnable> onRead = new ConcurrentHashMap<>();
  /** How many schools each call of {@link #visible} asked about, in order. */
  final List<Integer> visibleAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

  TestDirectory() {
    change(LYON, "FR", "Lyon", MembershipStatus.MEMBER);
    change(PARIS, "FR", "Paris", MembershipStatus.MEMBER);
    change(KOELN, "DE", "Köln", MembershipStatus.MEMBER);
    change(NAPOLI, "IT", "Napoli", MembershipStatus.MEMBER);
    change(CANDIDATE_DE, "DE", "Bonn", MembershipStatus.UNDER_NATIONAL_REVIEW);
    for (int i = 0; i < ABROAD.size(); i++) {
      change(foreignMember(i), ABROAD.get(i), "City " + i, MembershipStatus.MEMBER);
    }
  }

  long foreignMember(int i) {
    return 100 + i;
  }

  School get(long id) {
    return schools.get(id);
  }

  void change(long id, String country, String city, MembershipStatus status) {
    change(id, country, null, city, status);
  }

  void change(long id, String country, String unit, String city, MembershipStatus status) {
    schools.put(id, new School(id, "School " + id, country, unit, city, "1 street", null, null, List.of(), List.of(Theme.ESD),
        List.of("en"), 100, 10, null, null, null, Map.of(), id, status, 1));
  }

  /** Runs {@code then} once, at the next read of school {@code id} (before answering it). */
  void whenRead(long id, Runnable then) {
    onRead.put(id, then);
  }

  @Override
  public School school(Principal actor, long id) {
    Runnable then = onRead.remove(id);
    if (then != null) {
      then.run();
    }
    School s = schools.get(id);
    if (s == null || !(actor.isSystem() || s.status() == MembershipStatus.MEMBER)) {
      throw ProblemException.notFound("There is no school " + id);
    }
    return s;
  }

  @Override
  public java.util.Set<Long> visible(Principal actor, Collection<Long> ids) {
    visibleAsked.add(ids.size());
    return SchoolService.super.visible(actor, ids);
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
