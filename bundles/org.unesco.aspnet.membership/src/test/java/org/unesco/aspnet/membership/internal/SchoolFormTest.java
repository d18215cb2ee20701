package org.unesco.aspnet.membership.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
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
    return assertThrows(ProblemException.class, () -> SchoolForm.read(body, Set.of(), KNOWN, "en")).errors();
  }

  @Test
  void errorsAreWrittenInTheRequestsLanguage() throws Exception {
    ObjectNode body = json("{'country':'KE','city':'Nairobi','address':'Waiyaki Way','levels':['NURSERY'],"
        + "'email':'not an email','students':-1,'latitude':12}");
    Map<String, String> fr = messages(body, "fr");
    assertEquals("est obligatoire", fr.get("name"));
    assertEquals("doit être une adresse électronique comme office@school.org", fr.get("email"));
    assertEquals("doit être compris entre 0 et 1000000", fr.get("students"));
    assertEquals("indiquez les deux coordonnées ou aucune", fr.get("longitude"));
    assertTrue(fr.get("levels[0]").startsWith("doit être l'une des valeurs PRE_PRIMARY"), fr.get("levels[0]"));
    assertEquals("es un dato obligatorio", messages(body, "es-MX").get("name"));
    assertEquals("ist erforderlich", messages(body, "de").get("name"));
    assertEquals("is required", messages(body, "sw").get("name"), "a language we do not write: English");
    assertEquals("is required", messages(body, null).get("name"));
  }

  private static Map<String, String> messages(ObjectNode body, String lang) {
    Map<String, String> byField = new java.util.LinkedHashMap<>();
    assertThrows(ProblemException.class, () -> SchoolForm.read(body, Set.of(), KNOWN, lang)).errors()
        .forEach(e -> byField.put(e.field(), e.message()));
    return byField;
  }

  @Test
  void readsAValidBody() throws Exception {
    SchoolInput s =
        SchoolForm.read(
            json("{'name':'Nairobi School','country':'KE','city':'Nairobi','address':'Waiyaki Way',"
                + "'levels':['SECONDARY'],'email':'info@nairobischool.ac.ke','students':1000,"
                + "'latitude':-1.26,'longitude':36.76,'confirmDuplicate':true}"),
            Set.of("confirmDuplicate"),
            KNOWN, "en");
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
  void aFlagOfTheWrongTypeIsToldWithTheOtherFieldsErrors() throws Exception {
    ObjectNode body = json("{'name':'','country':'KE','city':'Nairobi','address':'Waiyaki Way','levels':['SECONDARY'],"
        + "'email':'info@nairobischool.ac.ke','confirmDuplicate':'yes'}");
    List<FieldError> errors = assertThrows(ProblemException.class,
        () -> SchoolForm.read(body, Set.of("confirmDuplicate"), KNOWN, "fr")).errors();
    assertEquals(List.of(new FieldError("confirmDuplicate", "doit valoir true ou false"), new FieldError("name", "est obligatoire")),
        errors);
    body.put("name", "Nairobi School").putNull("confirmDuplicate");
    assertEquals("Nairobi School", SchoolForm.read(body, Set.of("confirmDuplicate"), KNOWN, "en").name(), "null is no flag given");
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
    // the form reads it; the rules are the service's, which checks the core and the profile at once
    SchoolInput read = SchoolForm.read(merged, Set.of(), Set.of("FR")::contains, "en");
    assertEquals(null, read.city());
    assertEquals(List.of(new FieldError("city", "is required")), SchoolValidator.check(read, Set.of("FR")::contains, "en"));
  }
}
