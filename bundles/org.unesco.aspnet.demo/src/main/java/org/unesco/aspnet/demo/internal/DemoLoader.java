package org.unesco.aspnet.demo.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.unesco.aspnet.core.Grant;
import org.unesco.aspnet.core.Principal;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.demo.internal.DemoCountries.Country;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.Application;
import org.unesco.aspnet.membership.MembershipService;
import org.unesco.aspnet.membership.MembershipStatus;
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

  /** What was loaded; {@code complete} is false when the load was stopped half way. */
  record Result(int schools, int accounts, Map<MembershipStatus, Integer> statuses, boolean complete) {}

  private final MembershipService memberships;
  private final SchoolService schools;
  private final Accounts accounts;
  private final String password;

  DemoLoader(MembershipService memberships, SchoolService schools, Accounts accounts, String password) {
    this.memberships = memberships;
    this.schools = schools;
    this.accounts = accounts;
    this.password = password == null || password.isBlank() ? DEFAULT_PASSWORD : password;
  }

  /** True when the directory holds no school at all (as seen by HQ). */
  boolean directoryEmpty() {
    SchoolQuery any = new SchoolQuery(null, null, null, null, null, null, null, 1, null);
    return schools.schools(Principal.system(), any).items().isEmpty();
  }

  /** Applies every demo school, walks it to its status and creates the demo accounts. */
  Result load(List<DemoSchool> demo, BooleanSupplier stopped) {
    Principal system = Principal.system();
    Map<MembershipStatus, Integer> statuses = new EnumMap<>(MembershipStatus.class);
    List<Application> applied = new ArrayList<>();
    for (DemoSchool school : demo) {
      if (stopped.getAsBoolean()) {
        return new Result(applied.size(), 0, statuses, false);
      }
      Application application = memberships.apply(system, school.input(), true);
      MembershipStatus at = application.status();
      for (MembershipStatus step : DemoSchools.path(school.status())) {
        at = memberships.transition(system, application.membershipId(), step, DemoSchools.comment(at, step)).status();
      }
      statuses.merge(at, 1, Integer::sum);
      applied.add(application);
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
    for (int i = 0; i < Math.min(FOCAL_POINTS, applied.size()); i++) {
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
              String.valueOf(applied.get(i).schoolId()))));
      created++;
    }
    return new Result(applied.size(), created, statuses, true);
  }
}
