package org.unesco.aspnet.projects.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;

/** Numbers out of range are refused with the declared bounds, whatever size JSON gives them. */
class MetricChecksTest {

  private static List<FieldError> integer(Object value) {
    MetricChecks checks = new MetricChecks();
    Long n = checks.integer(Map.of("itemsRecycled", value), "itemsRecycled", "metrics", false, 0, 100_000_000);
    if (!checks.errors().isEmpty()) {
      assertNull(n);
    }
    return checks.errors();
  }

  private static List<FieldError> number(Object value) {
    MetricChecks checks = new MetricChecks();
    Double d = checks.number(Map.of("mass", value), "mass", "metrics", true, 0, 100_000);
    if (!checks.errors().isEmpty()) {
      assertNull(d);
    }
    return checks.errors();
  }

  private static List<FieldError> range(String field, String bounds) {
    return List.of(new FieldError(field, "must be from " + bounds));
  }

  private static List<FieldError> text(String value) {
    MetricChecks checks = new MetricChecks();
    String s = checks.text(Map.of("name", value), "name", "metrics.site", true, 5);
    assertEquals(checks.errors().isEmpty() ? value : null, s);
    return checks.errors();
  }

  @Test
  void aTextThatPrintsNothingIsBlankAndItsLengthIsInCharacters() {
    List<FieldError> blank = List.of(new FieldError("metrics.site.name", "must be text, not blank"));
    assertEquals(blank, text("\u200b\u200b"), "zero-width spaces print nothing");
    assertEquals(blank, text("\u202e \u0301"), "a direction mark, a space and a lone accent");
    assertEquals(List.of(), text("Anse"));
    assertEquals(List.of(), text("\ud83c\udf0a\ud83c\udf0a\ud83c\udf0a\ud83c\udf0a\ud83c\udf0a"), "five waves are five characters");
    assertEquals(List.of(new FieldError("metrics.site.name", "must be at most 5 characters")), text("Anse R"));
  }

  @Test
  void aWholeNumberPastALongDoesNotWrapAround() {
    assertEquals(range("metrics.itemsRecycled", "0 to 100000000"), integer(new BigInteger("18446744073709551617")),
        "2^64 + 1 is not 1");
    assertEquals(range("metrics.itemsRecycled", "0 to 100000000"), integer(new BigInteger("9223372036854775808")),
        "2^63 is not negative");
    assertEquals(range("metrics.itemsRecycled", "0 to 100000000"), integer(Long.MAX_VALUE));
    assertEquals(range("metrics.itemsRecycled", "0 to 100000000"), integer(100_000_001));
    assertEquals(List.of(new FieldError("metrics.itemsRecycled", "must not be negative")),
        integer(new BigInteger("-18446744073709551617")));
    assertEquals(List.of(), integer(100_000_000));
    assertEquals(List.of(), integer(new BigInteger("5")));
    MetricChecks checks = new MetricChecks();
    assertEquals(5L, checks.integer(Map.of("n", new BigInteger("5")), "n", "metrics", true, 0, 10));
  }

  @Test
  void aDecimalIsComparedExactlyAndNaNIsNotANumber() {
    assertEquals(range("metrics.mass", "0 to 100000"), number(new BigInteger("1" + "0".repeat(400))));
    assertEquals(range("metrics.mass", "0 to 100000"), number(new BigDecimal("1e400")));
    assertEquals(List.of(new FieldError("metrics.mass", "must not be negative")), number(new BigDecimal("-1e400")));
    assertEquals(List.of(new FieldError("metrics.mass", "must be a number")), number(Double.NaN));
    // 1e400 in a body reads as an infinite double: a number out of range, not "not a number"
    assertEquals(range("metrics.mass", "0 to 100000"), number(Double.POSITIVE_INFINITY));
    assertEquals(List.of(new FieldError("metrics.mass", "must not be negative")), number(Double.NEGATIVE_INFINITY));
    MetricChecks unbounded = new MetricChecks();
    assertNull(unbounded.number(Map.of("n", Double.POSITIVE_INFINITY), "n", "metrics", true, 0, Double.POSITIVE_INFINITY));
    assertEquals(List.of("metrics.n"), unbounded.errors().stream().map(FieldError::field).toList(), "even without a bound");
    assertEquals(List.of(), number(new BigDecimal("12.5")));
    assertEquals(List.of(), number(2.5));
  }

  @Test
  void aUnitThatIsNoTextIsToldTheChoicesNotItsJavaForm() {
    for (Object value : List.of(Map.of("a", 1), java.util.Arrays.asList((Object) null), 5)) {
      MetricChecks checks = new MetricChecks();
      assertNull(checks.unit(Map.of("unit", value), "unit", "metrics", true, List.of("kg", "g")));
      assertEquals(List.of(new FieldError("metrics.unit", "must be one of kg, g")), checks.errors(), String.valueOf(value));
    }
    MetricChecks checks = new MetricChecks();
    checks.unit(Map.of("unit", "lb"), "unit", "metrics", true, List.of("kg", "g"));
    assertEquals(List.of(new FieldError("metrics.unit", "unknown unit lb; use one of kg, g")), checks.errors());
  }
}
