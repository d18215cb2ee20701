package org.unesco.aspnet.profile.de.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.time.Period;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.Role;
import org.unesco.aspnet.membership.MembershipStatus;
import org.unesco.aspnet.membership.profile.Ladder;

class GermanProfileTest {

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
    Ladder ladder = new GermanProfile(years(2)).ladder();
    assertEquals(MembershipStatus.APPLIED, ladder.stages().get(0).status());
    assertEquals(MembershipStatus.RECOMMENDED, ladder.stages().get(2).status());
    Ladder.Move first = ladder.moves().get(0);
    assertEquals(Set.of(Role.SUBNATIONAL_COORDINATOR), first.decidedBy());
    assertEquals(Period.ofYears(2), first.minimumTime());
    assertEquals(Set.of(Role.NATIONAL_COORDINATOR), ladder.moves().get(1).decidedBy());
    assertEquals(Period.ZERO, new GermanProfile(years(0)).ladder().moves().get(1).minimumTime());
  }

  @Test
  void hasTheSixteenLaender() {
    assertEquals(16, new GermanProfile(years(2)).units().size());
  }
}
