package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Period;
import org.junit.jupiter.api.Test;

/** A ladder's minimum time is told in words: a 409 read "stays at least P6M in the stage". */
class StageRulesTest {

  @Test
  void aMinimumTimeIsSaidInWordsInTheReadersLanguage() {
    assertEquals("2 years", StageRules.describe(Period.ofYears(2), "en"));
    assertEquals("6 months", StageRules.describe(Period.ofMonths(6), "en"));
    assertEquals("1 year and 6 months", StageRules.describe(Period.of(1, 6, 0), "en"));
    assertEquals("1 year, 1 month and 1 day", StageRules.describe(Period.of(1, 1, 1), "en"));
    assertEquals("6 mois", StageRules.describe(Period.ofMonths(6), "fr"));
    assertEquals("1 Jahr und 6 Monate", StageRules.describe(Period.of(1, 6, 0), "de"));
    assertEquals("90 días", StageRules.describe(Period.ofDays(90), "es"));
  }
}
