package org.unesco.aspnet.demo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.demo.internal.DemoCountries.Country;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.Page;
import org.unesco.aspnet.membership.School;
import org.unesco.aspnet.membership.SchoolQuery;
import org.unesco.aspnet.membership.SchoolService;
import org.unesco.aspnet.security.Accounts;

/** Writes the demo data set through the public services, as the platform itself (system). */
final class DemoLoader {
  static final String DOMAIN = "demo.aspnet.local";
  static final String HQ_EMAIL = "hq@" + DOMAIN;
  static final String DEFAULT_PASSWORD = "demo-password";
  /** The countries that get a National Coordinator account. */
  static final List<String> COORDINATED =
      List.of("FR", "DE", "CA", "KE", "NG", "ZA", "EG", "MA", "JP", "IN", "BR", "MX");
  /** The first schools of the list that get a focal point account. */
  static final int FOCAL_POINTS = 20;

  /**
   * What was loaded; {@code written} counts the schools applied and the moves made by this run
   * (0 when an earlier run had done it all); {@code complete} is false when stopped half way;
   * {@code schoolIds} are the ids of the schools loaded so far, in the demo's order.
   */
  record Result(List<Long> schoolIds, int written, int accounts, Map<MembershipStatus, Integer> statuses, boolean complete) {
    int schools() {
      return schoolIds.size();
    }
  }

  private final MembershipService memberships;
  private final SchoolService schools;
  private final Accounts accounts;
  private final String password;
  private final DemoHistory history;

  DemoLoader(MembershipService memberships, SchoolService schools, Accounts accounts, String password) {
    this(memberships, schools, accounts, password, null);
  }

  /** With {@code history} (null: none), each school's history is dated back and its past reports filed. */
  DemoLoader(MembershipService memberships, SchoolService schools, Accounts accounts, String password, DemoHistory history) {
    this.history = history;
    this.memberships = memberships;
    this.schools = schools;
    this.accounts = accounts;
    this.password = password == null || password.isBlank() ? DEFAULT_PASSWORD : password;
  }

  /**
   * The demo schools already in the directory (as seen by HQ), by country, name and city; empty
   * when the directory holds a school the demo did not write, i.e. a real network or a demo
   * somebody has used: then the demo must not touch it.
   */
  Optional<Map<String, School>> present(List<DemoSchool> demo) {
    Set<String> keys = new HashSet<>();
    demo.forEach(d -> keys.add(key(d.input().country(), d.input().name(), d.input().city())));
    Map<String, School> present = new HashMap<>();
    String cursor = null;
    do {
      Page<School> page = schools.schools(
          Principal.system(), new SchoolQuery(null, null, null, null, null, null, null, SchoolQuery.MAX_LIMIT, cursor));
      for (School school : page.items()) {
        String key = key(school.country(), school.name(), school.city());
        if (!keys.contains(key)) {
          return Optional.empty();
        }
        present.put(key, school);
      }
      cursor = page.next();
    } while (cursor != null);
    return Optional.of(present);
  }

  /**
   * Applies every demo school not yet {@code present} and walks each to its status, then ensures
   * the demo accounts. A school already there continues from where it stands, so a load stopped
   * half way (the component restarted while it ran) is finished by the next one; a school moved off
   * its demo path by somebody is left as it is.
   */
  Result load(List<DemoSchool> demo, Map<String, School> present, BooleanSupplier stopped) {
    Principal system = Principal.system();
    Map<MembershipStatus, Integer> statuses = new EnumMap<>(MembershipStatus.class);
    List<Long> schoolIds = new ArrayList<>();
    int written = 0;
    for (DemoSchool school : demo) {
      if (stopped.getAsBoolean()) {
        return new Result(List.copyOf(schoolIds), written, 0, statuses, false);
      }
      School there = present.get(key(school.input().country(), school.input().name(), school.input().city()));
      long schoolId;
      long membershipId;
      MembershipStatus at;
      if (there == null) {
        Application application = memberships.apply(system, school.input(), true);
        schoolId = application.schoolId();
        membershipId = application.membershipId();
        at = application.status();
        written++;
      } else {
        schoolId = there.id();
        membershipId = there.membershipId();
        at = there.status();
      }
      List<MembershipStatus> path = DemoSchools.path(school.status());
      int next = path.indexOf(at) + 1; // APPLIED is where every path starts: 0
      if (at == MembershipStatus.APPLIED || next > 0) {
        for (MembershipStatus step : path.subList(next, path.size())) {
          // a demo member has been one for years: certified with its day, as HQ brings a network in
          java.time.LocalDate since = step == MembershipStatus.MEMBER && history != null ? history.certifiedOn(schoolId) : null;
          at = memberships.transition(system, membershipId, step, DemoSchools.comment(at, step), since).status();
          written++;
        }
      }
      if (history != null) {
        Instant certified = history.date(schoolId, membershipId);
        history.report(schoolId, at, certified, school.input().themes(), school.input().students(),
            schoolIds.size() < FOCAL_POINTS);
      }
      statuses.merge(at, 1, Integer::sum);
      schoolIds.add(schoolId);
    }

    int created = 0;
    accounts.ensure(system, HQ_EMAIL, "HQ Officer (demo)", "en", password, List.of(Grant.global(Role.HQ_OFFICER)));
    created++;
    for (String iso2 : COORDINATED) {
      String name = DemoCountries.ALL.stream()
          .filter(c -> c.iso2().equals(iso2))
          .map(Country::name)
          .findFirst()
          .orElse(iso2);
      accounts.ensure(
          system,
          "nc." + iso2.toLowerCase(Locale.ROOT) + "@" + DOMAIN,
          "National Coordinator, " + name + " (demo)",
          "en",
          password,
          List.of(Grant.country(Role.NATIONAL_COORDINATOR, iso2)));
      created++;
    }
    for (int i = 0; i < Math.min(FOCAL_POINTS, schoolIds.size()); i++) {
      DemoSchool school = demo.get(i);
      accounts.ensure(
          system,
          "school." + (i + 1) + "@" + DOMAIN,
          "Focal point, " + school.input().name(),
          "en",
          password,
          List.of(Grant.school(
              Role.SCHOOL_FOCAL_POINT,
              school.input().country(),
              String.valueOf(schoolIds.get(i)))));
      created++;
    }
    return new Result(List.copyOf(schoolIds), written, created, statuses, true);
  }

  private static String key(String country, String name, String city) {
    return country + "|" + name + "|" + city;
  }
}
