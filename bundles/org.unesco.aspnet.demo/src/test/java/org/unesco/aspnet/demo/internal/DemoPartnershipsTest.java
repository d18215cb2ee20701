package org.unesco.aspnet.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.demo.internal.DemoSchools.DemoSchool;
import org.unesco.aspnet.membership.MembershipStatus;

/**
 * The demo partnerships stay possible: the schools they name are members of three countries, the
 * French one school.7's, and none is school.20's German school (docs/partnerships.md).
 */
class DemoPartnershipsTest {
  @Test
  void theDemoPartnershipsLinkMembersOfThreeCountriesAroundSchool7() {
    List<DemoSchool> demo = DemoSchools.generate(DemoSchools.SEED);
    List<String> countries = List.of(DemoPartnerships.FRENCH, DemoPartnerships.KENYAN, DemoPartnerships.MEXICAN).stream()
        .map(n -> demo.get(n - 1))
        .peek(s -> assertEquals(MembershipStatus.MEMBER, s.status(), s.input().name()))
        .map(s -> s.input().country())
        .toList();
    assertEquals(List.of("FR", "KE", "MX"), countries);
    assertEquals(7, DemoPartnerships.FRENCH, "school.7's school");
    assertEquals("DE", demo.get(19).input().country(), "school.20's school is German and in none");
  }
}
