package org.unesco.aspnet.profile.de.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Period;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.profile.Ladder;

class GermanProfileTest {

  static final java.util.List<String> WARNINGS = new java.util.ArrayList<>();

  static GermanProfile profile(GermanProfile.Config config) {
    org.osgi.service.log.Logger log = (org.osgi.service.log.Logger) java.lang.reflect.Proxy.newProxyInstance(
        GermanProfileTest.class.getClassLoader(), new Class<?>[] {org.osgi.service.log.Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("warn")) {
            WARNINGS.add(String.valueOf(args[0]));
          }
          return null;
        });
    return new GermanProfile(config, log);
  }

  @Test
  void aTypoInTheConfigurationKeepsTheYearsInForceAndTheProfile() {
    profile(years(3));
    WARNINGS.clear();
    GermanProfile.Config typo = new GermanProfile.Config() {
      @Override
      public int minimumYearsPerStage() {
        throw new NumberFormatException("For input string: \"two\"");
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return GermanProfile.Config.class;
      }
    };
    assertEquals(Period.ofYears(3), profile(typo).ladder().moves().get(1).minimumTime());
    assertEquals(Period.ofYears(3), profile(years(-1)).ladder().moves().get(1).minimumTime(), "no negative time");
    assertEquals(2, WARNINGS.size(), WARNINGS.toString());
    assertTrue(WARNINGS.get(1).contains("minimumYearsPerStage=-1 is refused"), WARNINGS.toString());
  }

  static GermanProfile.Config years(int years) {
    return new GermanProfile.Config() {
      @Override
      public int minimumYearsPerStage() {
        return years;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return GermanProfile.Config.class;
      }
    };
  }

  @Test
  void theLandDecidesTheFirstStageAndTheNationTheSecondAfterTwoYearsEach() {
    Ladder ladder = profile(years(2)).ladder();
    assertEquals(MembershipStatus.APPLIED, ladder.stages().get(0).status());
    assertEquals(MembershipStatus.RECOMMENDED, ladder.stages().get(2).status());
    Ladder.Move first = ladder.moves().get(0);
    assertEquals(Set.of(Role.SUBNATIONAL_COORDINATOR), first.decidedBy());
    assertEquals(Period.ofYears(2), first.minimumTime());
    assertEquals(Set.of(Role.NATIONAL_COORDINATOR), ladder.moves().get(1).decidedBy());
    assertEquals(Period.ZERO, profile(years(0)).ladder().moves().get(1).minimumTime());
  }

  @Test
  void hasTheSixteenLaender() {
    assertEquals(16, profile(years(2)).units().size());
  }

  @Test
  void interestIsNotDeclaredInTheFuture() {
    GermanProfile p = profile(years(3));
    String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(1).toString();
    assertEquals(java.util.List.of(new org.unesco.aspnet.core.FieldError("fields.interesseSeit", "darf nicht in der Zukunft liegen")),
        p.validate(java.util.Map.of("interesseSeit", tomorrow), "de"));
    assertEquals("must not be in the future", p.validate(java.util.Map.of("interesseSeit", "2999-01-01"), "en").get(0).message());
    assertEquals(java.util.List.of(), p.validate(java.util.Map.of("interesseSeit", "2019-09-01"), "de"));
    assertEquals(java.util.List.of(), p.validate(java.util.Map.of(), "de"));
  }
}
