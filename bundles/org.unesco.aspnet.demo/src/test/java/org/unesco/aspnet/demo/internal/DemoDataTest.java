package org.unesco.aspnet.demo.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;

/** Which refusals of a demo school mean "a national profile is still starting": wait, then go on. */
class DemoDataTest {

  @Test
  void onlyNationalFieldsThatNoProfileDefinesYetAreWaitedFor() {
    assertTrue(DemoData.profileNotActiveYet(ProblemException.validation(List.of(
        new FieldError("fields.uai", "is not a field of FR"), new FieldError("fields.typeEtablissement", "is not a field of FR")))));
    assertFalse(DemoData.profileNotActiveYet(ProblemException.validation(List.of(
        new FieldError("fields.uai", "is not a field of FR"), new FieldError("unit", "is required")))),
        "a unit refused means the profile is there and the demo is wrong");
    assertFalse(DemoData.profileNotActiveYet(ProblemException.validation("name", "is required")));
    assertFalse(DemoData.profileNotActiveYet(ProblemException.conflict("a duplicate")));
  }
}
