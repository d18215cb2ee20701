package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.membership.Level;
import org.unesco.aspnet.membership.SchoolInput;

class SchoolFormTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Predicate<String> KNOWN = Set.of("FR", "KE")::contains;

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
  }

  private static List<FieldError> errors(String text) throws Exception {
    ObjectNode body = json(text);
    return assertThrows(ProblemException.class, () -> SchoolForm.read(body, Set.of(), KNOWN)).errors();
  }

  @Test
  void readsAValidBody() throws Exception {
    SchoolInput s =
        SchoolForm.read(
            json("{'name':'Nairobi School','country':'KE','city':'Nairobi','address':'Waiyaki Way',"
                + "'levels':['SECONDARY'],'email':'info@nairobischool.ac.ke','students':1000,"
                + "'latitude':-1.26,'longitude':36.76,'confirmDuplicate':true}"),
            Set.of("confirmDuplicate"),
            KNOWN);
    assertEquals("Nairobi School", s.name());
    assertEquals(List.of(Level.SECONDARY), s.levels());
    assertEquals(1000, s.students());
  }

  @Test
  void reportsTypeErrorsTogetherWithRuleErrors() throws Exception {
    List<FieldError> errors =
        errors("{'name':42,'country':'ZZ','city':'Nairobi','address':'x','levels':['SECONDARY','HIGH'],"
            + "'email':'info@school.ke','students':'12','teachers':1.5,'latitude':'north','extra':1}");
    assertEquals(
        List.of("extra", "name", "latitude", "levels[1]", "students", "teachers", "country"),
        errors.stream().map(FieldError::field).toList());
    assertEquals("must be a string", errors.get(1).message());
  }

  @Test
  void wrongTypesInListsKeepTheirIndex() throws Exception {
    List<FieldError> errors =
        errors("{'name':'A','country':'KE','city':'B','address':'C','levels':[1,'X'],'email':'a@b.ke'}");
    assertEquals(List.of("levels[0]", "levels[1]"), errors.stream().map(FieldError::field).toList());
  }

  @Test
  void mergePatchReplacesAndRemoves() throws Exception {
    ObjectNode merged = SchoolForm.merge(json("{'name':'A','unit':'U','students':3}"), json("{'unit':null,'students':4}"));
    assertEquals(json("{'name':'A','students':4}"), merged);
  }

  @Test
  void patchingARequiredFieldToNullIsAnError() throws Exception {
    ObjectNode stored = MAPPER.valueToTree(Schools.valid());
    ObjectNode merged = SchoolForm.merge(stored, json("{'city':null}"));
    List<FieldError> errors = assertThrows(ProblemException.class, () -> SchoolForm.read(merged, Set.of(), Set.of("FR")::contains)).errors();
    assertEquals(List.of(new FieldError("city", "is required")), errors);
  }
}
