package org.unesco.aspnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;

/** The one mapping refuses values of the wrong type, field by field, instead of converting them. */
class JsonTest {
  enum Stage { APPLIED, MEMBER }

  record Body(Stage stage, List<Stage> stages, Integer students, int teachers, String name) {}

  private static FieldError refused(String json) throws Exception {
    JsonNode tree = Json.MAPPER.readTree(json);
    ProblemException p = assertThrows(ProblemException.class, () -> Json.convert(tree, Body.class), json);
    assertEquals(400, p.status());
    assertEquals(1, p.errors().size(), p.errors().toString());
    return p.errors().get(0);
  }

  @Test
  void aNumberIsNoEnumValue() throws Exception {
    FieldError e = refused("{\"stage\": 1}");
    assertEquals("stage", e.field());
    assertEquals("must be one of APPLIED, MEMBER", e.message());
    assertEquals("stages[0]", refused("{\"stages\": [0]}").field());
  }

  @Test
  void aFractionIsNoWholeNumber() throws Exception {
    FieldError e = refused("{\"students\": 10.9}");
    assertEquals("students", e.field());
    assertEquals("must be a whole number", e.message());
    assertEquals("teachers", refused("{\"teachers\": 1.5}").field());
    assertEquals("name", refused("{\"name\": 5}").field());
  }

  @Test
  void rightTypesAreRead() throws Exception {
    Body b = Json.convert(Json.MAPPER.readTree(
        "{\"stage\":\"MEMBER\",\"stages\":[\"APPLIED\"],\"students\":10,\"teachers\":2,\"name\":\"x\"}"), Body.class);
    assertEquals(new Body(Stage.MEMBER, List.of(Stage.APPLIED), 10, 2, "x"), b);
  }
}
