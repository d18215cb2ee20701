package org.unesco.aspnet.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.core.FieldError;
import org.unesco.aspnet.core.ProblemException;

/**
 * The one mapping refuses values of the wrong type, field by field, instead of converting them,
 * and says what is wrong with a body in plain words, without Java or Jackson in them.
 */
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

  // --- Json.read: bodies as a client sends them ---

  record Media(String url, Integer width) {}

  record Form(
      String name,
      Integer days,
      Long id,
      Integer count,
      Double share,
      LocalDate date,
      Map<String, String> title,
      List<String> tags,
      List<Media> media,
      Map<String, Object> metrics) {}

  /** A request with {@code body} as application/json. */
  static HttpServletRequest request(String body) {
    return request(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request with these bytes as its application/json body. */
  static HttpServletRequest request(byte[] body) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(body);
    ServletInputStream in = new ServletInputStream() {
      @Override
      public int read() {
        return bytes.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return bytes.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return bytes.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {}
    };
    return (HttpServletRequest) Proxy.newProxyInstance(
        JsonTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getContentType" -> "application/json";
          case "getInputStream" -> in;
          default -> null;
        });
  }

  private static ProblemException refusedBody(String body, Class<?> type) {
    ProblemException p = assertThrows(ProblemException.class, () -> Json.read(request(body), type), body);
    assertEquals(400, p.status(), body);
    assertPlain(p);
    return p;
  }

  private static FieldError fieldRefused(String body, Class<?> type) {
    ProblemException p = refusedBody(body, type);
    assertEquals(ProblemException.TYPE_BASE + "validation", p.type(), p.detail());
    assertEquals(1, p.errors().size(), p.errors().toString());
    return p.errors().get(0);
  }

  /** No class, package, token or feature name, and no backtick, in what the client reads. */
  private static void assertPlain(ProblemException p) {
    StringBuilder text = new StringBuilder(String.valueOf(p.detail()));
    p.errors().forEach(e -> text.append(' ').append(e.message()));
    for (String java : List.of("`", "$", "org.unesco", "com.fasterxml", "java.", "JsonToken", "Feature",
        "Exception", "JsonTest", "Form", "Credentials", "REDACTED")) {
      assertFalse(text.toString().contains(java), java + " in: " + text);
    }
  }

  @Test
  void aBodyOfTheWrongJsonTypeIsToldSoPlainly() {
    for (String body : List.of("[]", "[1]", "\"x\"", "5", "true", "1.5")) {
      assertEquals("The body must be a JSON object", refusedBody(body, Form.class).detail(), body);
      assertEquals("The body must be a JSON object", refusedBody(body, ObjectNode.class).detail(), body);
    }
    assertEquals("The body must be a JSON list", refusedBody("{}", Media[].class).detail());
    assertEquals("The body must be a JSON list", refusedBody("{\"a\":1}", com.fasterxml.jackson.databind.node.ArrayNode.class).detail());
  }

  @Test
  void noBodyAtAllIsToldSo() {
    for (String body : List.of("", "   ", "\n")) {
      assertEquals("The request has no body: send a JSON object", refusedBody(body, Form.class).detail());
      assertEquals("The request has no body: send a JSON object", refusedBody(body, ObjectNode.class).detail());
    }
    assertEquals("The request body is empty; a JSON object is expected", refusedBody("null", Form.class).detail());
  }

  @Test
  void somethingAfterTheBodyIsRefused() {
    assertEquals("The body must be a JSON object alone: something follows its end",
        refusedBody("{} {}", Form.class).detail());
    String x = refusedBody("{}x", Form.class).detail();
    assertTrue(x.startsWith("Malformed JSON at line 1, column 4: 'x' is not a JSON value"), x);
  }

  @Test
  void nanAndInfinityAreFieldErrorsWhereThereIsAField() {
    FieldError e = fieldRefused("{\"share\": NaN}", Form.class);
    assertEquals("share", e.field());
    assertEquals("is not valid JSON: NaN and Infinity are not numbers in JSON", e.message());
    assertEquals("media[0].width", fieldRefused("{\"media\": [{\"width\": Infinity}]}", Form.class).field());
    assertEquals("metrics.a[1]", fieldRefused("{\"metrics\": {\"a\": [1, -Infinity]}}", Form.class).field());
    assertEquals("latitude", fieldRefused("{\"latitude\": NaN}", ObjectNode.class).field());
    assertEquals("The body is not valid JSON: NaN and Infinity are not numbers in JSON",
        refusedBody("NaN", Form.class).detail());
  }

  @Test
  void aNumberBeyondItsTypeNamesTheFieldAndTheRange() {
    FieldError e = fieldRefused("{\"days\": 2147483648}", Form.class);
    assertEquals("days", e.field());
    assertEquals("must be a whole number between -2147483648 and 2147483647", e.message());
    assertEquals("count", fieldRefused("{\"count\": -2147483649}", Form.class).field());
    e = fieldRefused("{\"id\": 9223372036854775808}", Form.class);
    assertEquals("id", e.field());
    assertEquals("must be a whole number between -9223372036854775808 and 9223372036854775807", e.message());
    assertEquals("media[1].width", fieldRefused("{\"media\": [{}, {\"width\": 99999999999}]}", Form.class).field());
    // the same from a tree already read
    JsonNode tree = Json.MAPPER.createObjectNode().put("days", 2147483648L);
    ProblemException p = assertThrows(ProblemException.class, () -> Json.convert(tree, Form.class));
    assertEquals("days", p.errors().get(0).field());
    assertEquals("must be a whole number between -2147483648 and 2147483647", p.errors().get(0).message());
  }

  @Test
  void malformedJsonSaysWhereAndWhatInPlainWords() {
    for (String body : List.of("{\"name\": ", "{\"name\": \"a\" ", "{\"name\": tru}", "{\"name\": \"a\\q\"}",
        "{\"name\": 'a'}", "{\"days\": 012}", "{\"name\":\"x\",}", "{name:1}", "{\"days\": 1.}", "{\"days\": +1}",
        "{\"days\": .5}", "{\"days\": 0x10}", "/* c */ {}", "{\"name\": \"a\u0001\"}", "\u00ff", "{\"a\" 1}")) {
      for (Class<?> type : List.of(Form.class, ObjectNode.class)) {
        ProblemException p = refusedBody(body, type);
        assertEquals(ProblemException.TYPE_BASE + "bad-request", p.type(), body);
        assertTrue(p.detail().startsWith("Malformed JSON at line 1, column "), body + ": " + p.detail());
      }
    }
    assertEquals("Malformed JSON at line 1, column 10: the body ends before its JSON is complete",
        refusedBody("{\"name\": ", Form.class).detail());
    assertTrue(refusedBody("{\"days\": +1}", Form.class).detail().endsWith("this is not a JSON number: write numbers such as"
        + " 12, -3.5 or 2e3 (no plus sign, no leading zero, a digit on each side of a decimal point)"));
    assertTrue(refusedBody("/* c */ {}", Form.class).detail().endsWith("comments are not allowed in JSON"));
    assertTrue(refusedBody("{\"name\": \"a\u0001\"}", Form.class).detail()
        .endsWith("a control character (code 1) must be written with a backslash escape inside a string, such as \\n or \\u0000"));
  }

  @Test
  void malformedJsonIsToldInOurWordsNotTheParsers() {
    String[][] cases = {
      {"{\"name\": \"a\"]", "']' cannot close the object opened before it: write '}'"},
      {"{\"tags\": [\"a\"}}", "'}' cannot close the list opened before it: write ']'"},
      {"{\"name\": \"a\"}}", "'}' closes nothing that was opened"},
      {"{\"name\" \"a\"}", "a colon must follow a member name, such as {\"name\": ...}"},
      {"{\"name\": \"a\" \"days\": 1}", "'\"' cannot follow a value here: the members of an object are separated by commas,"
          + " such as {\"a\": 1, \"b\": 2}"},
      {"{\"tags\": [\"a\" \"b\"]}", "'\"' cannot follow a value here: the values of a list are separated by commas, such as [1, 2]"},
      {"{\"name\": 'a'}", "text must be written in double quotes, not single quotes"},
      {"{\"name\": }", "a value is missing before '}'"},
      {"{\"tags\": [\"a\",]}", "a value is missing before ']'"},
      {"{\"days\": .5}", "'.' cannot start a JSON value: write text in double quotes, or a number, true, false, null, a list [...]"
          + " or an object {...}"},
      {"{\"days\": 012}", "this is not a JSON number: write numbers such as 12, -3.5 or 2e3 (no plus sign, no leading zero,"
          + " a digit on each side of a decimal point)"},
      {"{\"days\": -}", "this is not a JSON number: write numbers such as 12, -3.5 or 2e3 (no plus sign, no leading zero,"
          + " a digit on each side of a decimal point)"},
      {"{\"name\": \"a\\q\"}", "\\q is not an escape JSON knows: inside a string write \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t,"
          + " or \\u and four hex digits"},
      {"{\"name\": \"\\u12G4\"}", "\\u must be followed by four hex digits (0 to 9, a to f), such as \\u00e9"},
      {"{\"name\": \"a\"}\u0000", "a control character (code 0) is not allowed outside a string: only spaces, tabs and line breaks are"},
    };
    for (String[] c : cases) {
      for (Class<?> type : List.of(Form.class, ObjectNode.class)) {
        String detail = refusedBody(c[0], type).detail();
        assertTrue(detail.startsWith("Malformed JSON at line 1, column "), c[0] + ": " + detail);
        assertEquals(c[1], detail.substring(detail.indexOf(": ") + 2), c[0]);
        for (String parser : List.of("Unexpected", "code 1", "code 3", "code 4", "expecting", "expected a", "JSON spec", "marker",
            "Invalid", "token", "Object", "Array", "root")) {
          assertFalse(detail.contains(parser), parser + " in: " + detail);
        }
      }
    }
  }

  @Test
  void readLimitsAreToldWithoutTheirJavaNames() {
    ProblemException p = refusedBody("{\"days\": " + "1".repeat(1200) + "}", Form.class);
    assertEquals("The body is beyond what is read: a number is longer than 1000 characters", p.detail());
    p = refusedBody("{\"a\":".repeat(101) + "1" + "}".repeat(101), ObjectNode.class);
    assertEquals("The body is beyond what is read: lists and objects are nested deeper than 100 levels", p.detail());
  }

  @Test
  void aBodyNestedAsDeepAsAllowedIsCheckedOnASmallStack() throws Exception {
    // 100 levels, the most there may be, with a bad text at the bottom and a wrong field beside it:
    // its walks and copies must fit a small stack (a cold JVM, interpreting them, overflowed a
    // 512 KB request thread with 999 levels). Json's classes are loaded before, on this thread:
    // defining a class takes stack of its own.
    Json.read(request("{\"name\": \"a\"}"), Form.class);
    String deep = "{\"name\": 5, \"metrics\": " + "{\"a\":".repeat(99) + "\"x\\u0000\"" + "}".repeat(99) + "}";
    AtomicReference<Throwable> failed = new AtomicReference<>();
    AtomicReference<ProblemException> answer = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        Json.read(request(deep), Form.class);
      } catch (ProblemException p) {
        answer.set(p);
      } catch (Throwable t) {
        failed.set(t);
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();
    assertNull(failed.get(), () -> "not a problem but " + failed.get());
    assertEquals(400, answer.get().status());
    List<String> fields = answer.get().errors().stream().map(FieldError::field).toList();
    assertTrue(fields.contains("metrics" + ".a".repeat(99)), "the bad text found at the bottom, by its path: " + fields);
  }

  @Test
  void aBodyOfAnotherTypeIs415NamingIt() {
    for (String[] c : new String[][] {{"text/plain", "text/plain"}, {null, "a body without Content-Type"},
        {"", "a body without Content-Type"}, {"  ", "a body without Content-Type"}}) {
      HttpServletRequest typed = (HttpServletRequest) Proxy.newProxyInstance(JsonTest.class.getClassLoader(),
          new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> "getContentType".equals(method.getName()) ? c[0] : null);
      ProblemException p = assertThrows(ProblemException.class, () -> Json.requireJsonContentType(typed));
      assertEquals(415, p.status());
      assertEquals("This endpoint takes application/json, not " + c[1], p.detail());
    }
    HttpServletRequest jsonPatch = (HttpServletRequest) Proxy.newProxyInstance(JsonTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> "getContentType".equals(method.getName()) ? "application/json-patch+json" : null);
    ProblemException p = assertThrows(ProblemException.class, () -> Json.requireJsonContentType(jsonPatch));
    assertEquals(415, p.status(), "a list of operations is not a merge patch, though it ends with +json");
    assertTrue(p.detail().contains("application/merge-patch+json"), p.detail());
  }

  @Test
  void utf16OrUtf32IsRefusedEvenWhenItsTextIsPlainAscii() {
    for (java.nio.charset.Charset encoding : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
        java.nio.charset.Charset.forName("UTF-32LE"), java.nio.charset.Charset.forName("UTF-32BE"))) {
      byte[] body = "{\"name\": \"a\"}".getBytes(encoding);
      ProblemException p = assertThrows(ProblemException.class, () -> Json.read(request(body), Form.class), encoding.name());
      assertEquals(400, p.status());
      assertEquals("The body is not UTF-8 (a zero byte at its start, as in UTF-16 or UTF-32): JSON must be sent in UTF-8",
          p.detail(), encoding.name());
    }
  }

  @Test
  void fieldErrorsOfTheDataBindingStayAsTheyWere() {
    assertEquals("must be a string", fieldRefused("{\"name\": 5}", Form.class).message());
    assertEquals("must be a string", fieldRefused("{\"title\": {\"en\": 5}}", Form.class).message());
    assertEquals("title.en", fieldRefused("{\"title\": {\"en\": 5}}", Form.class).field());
    assertEquals("must be a list", fieldRefused("{\"media\": 5}", Form.class).message());
    assertEquals("must be an object", fieldRefused("{\"title\": 5}", Form.class).message());
    assertEquals("must be a whole number", fieldRefused("{\"days\": \"5\"}", Form.class).message());
    assertEquals("is not a known field", fieldRefused("{\"nam\": 5}", Form.class).message());
    assertEquals("'2025-13-01' is not an ISO-8601 date such as 2026-09-01", fieldRefused("{\"date\": \"2025-13-01\"}", Form.class).message());
    assertEquals("must be an ISO-8601 date such as 2026-09-01", fieldRefused("{\"date\": {}}", Form.class).message());
  }

  @Test
  void everyWrongFieldIsToldAtOnceNotOnePerAttempt() {
    ProblemException p = refusedBody(
        "{\"name\": 5, \"days\": \"5\", \"share\": 0.5, \"title\": {\"en\": 7}, \"tags\": [\"a\", 3],"
            + " \"media\": [{\"url\": \"u\", \"width\": \"wide\"}], \"nam\": 1, \"date\": \"2025-13-01\"}", Form.class);
    assertEquals(ProblemException.TYPE_BASE + "validation", p.type());
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    p.errors().forEach(e -> errors.put(e.field(), e.message()));
    assertEquals(Map.of(
        "name", "must be a string",
        "days", "must be a whole number",
        "title.en", "must be a string",
        "tags[1]", "must be a string",
        "media[0].width", "must be a whole number",
        "nam", "is not a known field",
        "date", "'2025-13-01' is not an ISO-8601 date such as 2026-09-01"), errors);
    assertEquals("name", p.errors().get(0).field(), "the binding's own first error comes first");
    assertEquals("7 fields are not valid", p.detail());
    // the same through convert, which PATCH handlers use after reading the tree
    JsonNode tree = assertDoesNotThrow(() -> Json.MAPPER.readTree("{\"stage\": 1, \"students\": \"x\", \"teachers\": 1.5}"));
    ProblemException c = assertThrows(ProblemException.class, () -> Json.convert(tree, Body.class));
    assertEquals(List.of("stage", "students", "teachers"), c.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void aDayIsNotCutOutOfATime() {
    for (String time : new String[] {"2026-11-20T10:00:00Z", "2026-11-20T23:30:00"}) {
      FieldError e = fieldRefused("{\"date\": \"" + time + "\"}", Form.class);
      assertEquals("date", e.field(), time);
      assertEquals("'" + time + "' is not an ISO-8601 date such as 2026-09-01", e.message(), time);
    }
  }

  // --- strings no stored text should hold ---

  @Test
  void aTextOfCharactersThatPrintBlankShowsNothing() {
    for (String blank : new String[] {"", " \t", "\u200b\u202e", "\u0301", "\u3164", "\u3164\u3164 ", "\u2800", "\ufe0f", "\u115f\u1160\uffa0"}) {
      assertTrue(Json.showsNothing(blank), () -> "blank: " + blank.codePoints().mapToObj(Integer::toHexString).toList());
    }
    for (String shown : new String[] {"a", "\u3164a", "\u00e9", "\u4e2d", "\ud83c\udf0a", "\u2801"}) {
      assertFalse(Json.showsNothing(shown), () -> "shows: " + shown);
    }
  }

  @Test
  void badCharacterFindsControlCharactersAndUnpairedSurrogates() {
    assertEquals(-1, Json.badCharacter(""));
    assertEquals(-1, Json.badCharacter("École, 学校 😀\tline\nline\r\n"));
    assertEquals(1, Json.badCharacter("a\u0000b"));
    assertEquals(0, Json.badCharacter("\u001f"));
    assertEquals(0, Json.badCharacter("\u0008"));
    assertEquals(1, Json.badCharacter("a\ud800"));
    assertEquals(1, Json.badCharacter("a\ud800b"));
    assertEquals(1, Json.badCharacter("a\udc00b"));
    assertEquals(2, Json.badCharacter("😀\ude00"));
    assertEquals(-1, Json.badCharacter("\u007f\u0085\u00a0")); // C1 and DEL: not what this refuses
  }

  @Test
  void aStringWithAControlCharacterOrALoneSurrogateIsAFieldErrorWhereverItIs() {
    String[][] cases = {
      {"{\"name\": \"a\\u0000b\"}", "name"},
      {"{\"name\": \"a\\u001fb\"}", "name"},
      {"{\"name\": \"a\\ud800\"}", "name"},
      {"{\"name\": \"\\udc00z\"}", "name"},
      {"{\"title\": {\"fr\": \"ok\", \"en\": \"a\\u0000\"}}", "title.en"},
      {"{\"tags\": [\"ok\", \"a\\u0007\"]}", "tags[1]"},
      {"{\"media\": [{\"url\": \"https://a\"}, {\"url\": \"x\\u0000\"}]}", "media[1].url"},
      {"{\"metrics\": {\"a\": {\"b\": [\"x\", \"\\u0000\"]}}}", "metrics.a.b[1]"},
      {"{\"date\": \"2025\\u0000-01-01\"}", "date"},
    };
    for (String[] c : cases) {
      FieldError e = fieldRefused(c[0], Form.class);
      assertEquals(c[1], e.field(), c[0]);
      assertEquals("must not contain control characters (other than tab and line breaks) or unpaired surrogates",
          e.message(), c[0]);
    }
    // a tree (schools, countries) the same
    assertEquals("name", fieldRefused("{\"name\": \"a\\u0000\"}", ObjectNode.class).field());
    assertEquals("fields.x[0]", fieldRefused("{\"fields\": {\"x\": [\"\\ud800\"]}}", ObjectNode.class).field());
    // a member name: named by the object that holds it
    assertEquals("title", fieldRefused("{\"title\": {\"e\\u0000n\": \"a\"}}", Form.class).field());
    assertEquals("metrics.a", fieldRefused("{\"metrics\": {\"a\": {\"\\u0000\": 1}}}", Form.class).field());
    FieldError name = fieldRefused("{\"na\\u0000me\": \"a\"}", ObjectNode.class);
    assertEquals("(body)", name.field());
    assertTrue(name.message().startsWith("must not have a member name with control characters"), name.message());
  }

  @Test
  void aRefusedStringIsToldWithEveryOtherFieldsError() {
    String bad = "must not contain control characters (other than tab and line breaks) or unpaired surrogates";
    ProblemException p = refusedBody("{\"name\": \"a\\u0001\", \"days\": \"x\", \"title\": {\"en\": \"\\ud800\", \"fr\": 5},"
        + " \"tags\": [\"ok\", 3, \"\\u0000\"], \"media\": [{\"url\": \"\\u0007\", \"width\": \"w\"}]}", Form.class);
    Map<String, String> errors = new java.util.TreeMap<>();
    p.errors().forEach(e -> errors.put(e.field(), e.message()));
    assertEquals(new java.util.TreeMap<>(Map.of(
        "name", bad, "days", "must be a whole number", "title.en", bad, "title.fr", "must be a string",
        "tags[1]", "must be a string", "tags[2]", bad, "media[0].url", bad, "media[0].width", "must be a whole number")),
        errors);
    assertEquals(8, p.errors().size(), p.errors().toString());
    // the string first in the body, or after the wrong type: the same answer
    assertEquals(List.of("days", "name"), refusedBody("{\"days\": \"x\", \"name\": \"\\u0000\"}", Form.class).errors().stream()
        .map(FieldError::field).sorted().toList());
    // a member name refused, with another field's wrong type; a tree too
    assertEquals(List.of("days", "title"), refusedBody("{\"title\": {\"e\\u0000n\": \"a\"}, \"days\": 1.5}", Form.class).errors()
        .stream().map(FieldError::field).sorted().toList());
    assertEquals(List.of("a", "b.c"), refusedBody("{\"a\": \"\\u0000\", \"b\": {\"c\": \"\\u0001\"}}", ObjectNode.class).errors()
        .stream().map(FieldError::field).sorted().toList());
  }

  /** An endpoint's own rules: a name and a count are required. */
  private static final java.util.function.Consumer<Form> NAME_AND_COUNT = f -> {
    List<FieldError> errors = new java.util.ArrayList<>();
    if (f.name() == null || f.name().isBlank()) {
      errors.add(new FieldError("name", "is required"));
    }
    if (f.count() == null) {
      errors.add(new FieldError("count", "is required"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  };

  @Test
  void aRefusedStringIsToldWithWhatTheRulesSayOfTheRest() {
    ProblemException p = assertThrows(ProblemException.class,
        () -> Json.read(request("{\"name\": \"a\\u0000\", \"days\": \"x\"}"), Form.class, NAME_AND_COUNT));
    Map<String, String> errors = new java.util.TreeMap<>();
    p.errors().forEach(e -> errors.put(e.field(), e.message()));
    assertEquals(List.of("count", "days", "name"), List.copyOf(errors.keySet()), "not 'name is required' for the name sent");
    assertTrue(errors.get("name").startsWith("must not contain control characters"), errors.toString());
    assertEquals("is required", errors.get("count"));
    // a tree read with rules: the rules see the rest of it
    java.util.function.Consumer<ObjectNode> treeRules = t -> {
      if (!t.has("city")) {
        throw ProblemException.validation("city", "is required");
      }
    };
    ProblemException q = assertThrows(ProblemException.class,
        () -> Json.read(request("{\"name\": \"a\\u0000\"}"), ObjectNode.class, treeRules));
    assertEquals(List.of("city", "name"), q.errors().stream().map(FieldError::field).sorted().toList());
  }

  @Test
  void tabsLineBreaksAndCharactersBeyondTheBmpAreKept() {
    Form f = Json.read(request("{\"name\": \"a\\tb\\nc\\r\\nd \\ud83d\\ude00 😀 \\u00e9\","
        + " \"title\": {\"en\": \"x\\ny\"}, \"tags\": [\"\\t\"], \"metrics\": {\"k\\n\": \"v\"}}"), Form.class);
    assertEquals("a\tb\nc\r\nd 😀 😀 é", f.name());
    assertEquals("x\ny", f.title().get("en"));
    assertEquals(List.of("\t"), f.tags());
    assertEquals("v", f.metrics().get("k\n"));
    ObjectNode tree = Json.read(request("{\"name\": \"line\\nline\", \"n\": 1}"), ObjectNode.class);
    assertEquals("line\nline", tree.path("name").asText());
  }

  // --- what a body says twice, or in no value, or in no UTF-8 ---

  @Test
  void aFieldGivenTwiceIsRefusedNamingIt() {
    FieldError e = fieldRefused("{\"name\":\"A\",\"name\":\"B\"}", Form.class);
    assertEquals("name", e.field());
    assertEquals("is given twice: send each field once", e.message());
    assertEquals("media[0].url",
        fieldRefused("{\"media\":[{\"url\":\"a\",\"url\":\"b\"}]}", Form.class).field());
  }

  /** A member given twice is one field's error among the others: the wrong types and what the rules say of the rest. */
  @Test
  void aFieldGivenTwiceIsToldTogetherWithTheOtherFieldsErrors() {
    java.util.function.Consumer<Form> positive = f -> {
      List<FieldError> errors = new java.util.ArrayList<>();
      if (f.name() == null || f.name().isBlank()) {
        errors.add(new FieldError("name", "is required"));
      }
      if (f.count() != null && f.count() < 0) {
        errors.add(new FieldError("count", "must be 0 or more"));
      }
      if (!errors.isEmpty()) {
        throw ProblemException.validation(errors);
      }
    };
    ProblemException p = assertThrows(ProblemException.class,
        () -> Json.read(request("{\"name\":\"a\",\"name\":\"b\",\"count\":-1}"), Form.class, positive));
    assertEquals(400, p.status());
    assertEquals(List.of(new FieldError("name", "is given twice: send each field once"), new FieldError("count", "must be 0 or more")),
        p.errors(), "the name sent twice is not also 'required'");
    // with a wrong type before it, a duplicate further on, and one inside a list
    ProblemException q = assertThrows(ProblemException.class, () -> Json.read(request(
        "{\"days\":\"x\",\"media\":[{\"url\":\"a\",\"url\":\"b\"}],\"name\":\"a\",\"name\":\"a\",\"count\":-2}"),
        Form.class, positive));
    assertEquals(List.of("count", "days", "media[0].url", "name"), q.errors().stream().map(FieldError::field).sorted().toList(),
        q.errors().toString());
    assertEquals("is given twice: send each field once",
        q.errors().stream().filter(e -> e.field().equals("media[0].url")).findFirst().orElseThrow().message());
    // as a tree, as the applications and the school edits read their bodies
    ProblemException tree = assertThrows(ProblemException.class, () -> Json.read(
        request("{\"name\":\"a\",\"name\":\"b\",\"count\":-1}"), com.fasterxml.jackson.databind.node.ObjectNode.class,
        node -> positive.accept(Json.convert(node, Form.class))));
    assertEquals(List.of("name", "count"), tree.errors().stream().map(FieldError::field).toList());
    // without the rules, the duplicate and the wrong types
    ProblemException plain = assertThrows(ProblemException.class,
        () -> Json.read(request("{\"name\":\"a\",\"name\":\"b\",\"days\":\"x\"}"), Form.class));
    assertEquals(List.of("days", "name"), plain.errors().stream().map(FieldError::field).sorted().toList());
  }

  @Test
  void blankTextOrAnEmptyListIsNoNumberDayOrAbsence() {
    for (String body : List.of("{\"days\":\"\"}", "{\"days\":\" \"}", "{\"days\":[]}", "{\"date\":\"\"}",
        "{\"date\":[]}", "{\"share\":\" \"}", "{\"media\":\"\"}")) {
      FieldError e = fieldRefused(body, Form.class);
      assertTrue(body.contains("\"" + e.field() + "\""), body + " -> " + e);
    }
    // empty text stays text, and an empty list a list
    Form f = assertDoesNotThrow(() -> Json.read(request("{\"name\":\"\",\"tags\":[]}"), Form.class));
    assertEquals("", f.name());
    assertEquals(List.of(), f.tags());
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] overlong = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    ProblemException p = assertThrows(ProblemException.class, () -> Json.read(request(overlong), Form.class));
    assertEquals(400, p.status());
    assertTrue(p.detail().contains("UTF-8") && p.detail().contains("byte 10"), p.detail());
    byte[] latin1 = "{\"name\":\"\u00c9cole\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(400, assertThrows(ProblemException.class, () -> Json.read(request(latin1), Form.class)).status());
    byte[] surrogate = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    assertEquals(400, assertThrows(ProblemException.class, () -> Json.read(request(surrogate), Form.class)).status());
    // real UTF-8 beyond ASCII, four-byte characters included, is read as sent
    Form f = Json.read(request("{\"name\":\"\u00c9cole \u0645\u062f\u0631\u0633\u0629 \ud83c\udf0d\"}"), Form.class);
    assertEquals("\u00c9cole \u0645\u062f\u0631\u0633\u0629 \ud83c\udf0d", f.name());
  }

  @Test
  void aBareWordOrAnUnquotedNameIsExplainedNotQuotedFromTheParser() {
    ProblemException word = refusedBody("{\"name\": abc}", Form.class);
    assertTrue(word.detail().contains("'abc' is not a JSON value: write text in double quotes"), word.detail());
    assertFalse(word.detail().contains("was expecting"), word.detail());
    ProblemException name = refusedBody("{name: \"x\"}", Form.class);
    assertTrue(name.detail().contains("a member name must be written in double quotes"), name.detail());
  }

  @Test
  void aWrongTypeDoesNotHideWhatTheRulesSayOfTheOtherFields() {
    java.util.function.Consumer<Form> rules = NAME_AND_COUNT;
    ProblemException p = assertThrows(ProblemException.class,
        () -> Json.read(request("{\"name\":\"\",\"count\":2.5,\"days\":\"x\"}"), Form.class, rules));
    assertEquals(List.of("count", "days", "name"), p.errors().stream().map(FieldError::field).sorted().toList(),
        "the two wrong types, then the rule on name; not 'count is required' for the count sent as 2.5");
    assertEquals("must be a whole number", p.errors().stream().filter(e -> e.field().equals("count")).findFirst().orElseThrow().message());
    // a body that binds is returned as it is: the endpoint checks it
    Form f = Json.read(request("{\"name\":\"\"}"), Form.class, rules);
    assertEquals("", f.name());
    // a body that is no object keeps its own problem
    assertEquals(400, assertThrows(ProblemException.class, () -> Json.read(request("[1]"), Form.class, rules)).status());
  }

  @Test
  void aTreeConvertedWithRulesListsTheWrongTypesAndTheRulesOfTheRest() throws Exception {
    java.util.function.Consumer<Form> rules = f -> {
      if (f.name() == null || f.name().isBlank()) {
        throw ProblemException.validation("name", "is required");
      }
    };
    com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree("{\"name\":\" \",\"count\":\"two\",\"colour\":1}");
    String before = tree.toString();
    ProblemException p = assertThrows(ProblemException.class, () -> Json.convert(tree, Form.class, rules));
    assertEquals(List.of("colour", "count", "name"), p.errors().stream().map(FieldError::field).sorted().toList(), p.errors().toString());
    assertEquals(before, tree.toString(), "the caller's tree is left as it was");
    // the rules say nothing of a member whose type is wrong, and nothing of a tree that binds
    ProblemException typeOnly = assertThrows(ProblemException.class,
        () -> Json.convert(Json.MAPPER.readTree("{\"name\":7}"), Form.class, rules));
    assertEquals(List.of("name"), typeOnly.errors().stream().map(FieldError::field).toList());
    assertEquals("must be a string", typeOnly.errors().get(0).message());
    assertEquals(" ", Json.convert(Json.MAPPER.readTree("{\"name\":\" \"}"), Form.class, rules).name());
  }

  record Contact(String name, String email) {}

  record Team(String title, List<Contact> items, Contact lead) {}

  /** Rules as a service writes them: title required, each item named, emails with an @. */
  private static final java.util.function.Consumer<Team> TEAM_RULES = t -> {
    List<FieldError> errors = new java.util.ArrayList<>();
    if (t.title() == null || t.title().isBlank()) {
      errors.add(new FieldError("title", "is required"));
    }
    if (t.items() != null) {
      for (int i = 0; i < t.items().size(); i++) {
        Contact c = t.items().get(i); // a null element is not expected: a NullPointerException
        if (c.name() == null || c.name().isBlank()) {
          errors.add(new FieldError("items[" + i + "].name", "is required"));
        }
        if (c.email() != null && !c.email().contains("@")) {
          errors.add(new FieldError("items[" + i + "].email", "is not an email address"));
        }
      }
    }
    if (t.lead() == null) {
      errors.add(new FieldError("lead", "is required"));
    } else if (t.lead().email() != null && !t.lead().email().contains("@")) {
      errors.add(new FieldError("lead.email", "is not an email address"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
  };

  private static List<String> told(String body) {
    ProblemException p = assertThrows(ProblemException.class, () -> Json.read(request(body), Team.class, TEAM_RULES), body);
    assertEquals(400, p.status());
    return p.errors().stream().map(e -> e.field() + " " + e.message()).toList();
  }

  @Test
  void aWrongTypeInsideAListHidesNoOtherRuleOfThatList() {
    assertEquals(List.of("items[0].name must be a string", "items[0].email is not an email address", "items[1].name is required"),
        told("{\"title\":\"t\",\"lead\":{\"name\":\"l\"},"
            + "\"items\":[{\"name\":42,\"email\":\"nope\"},{\"email\":\"b@example.org\"}]}"));
    // a second wrong type in the same list is told too, and the rules of the rest with both
    assertEquals(List.of("items[0].name must be a string", "items[1].email must be a string", "title is required",
            "items[1].name is required", "lead is required"),
        told("{\"title\":\"\",\"items\":[{\"name\":42,\"email\":\"a@example.org\"},{\"name\":\"\",\"email\":7}]}"));
    // a list element of the wrong type as a whole, which the rules do not expect to be null: as before
    assertEquals(List.of("items[0] must be an object", "title is required", "lead is required"),
        told("{\"items\":[5,{\"name\":\"\"}]}"));
  }

  @Test
  void aWrongTypeInsideAnObjectHidesNoOtherRuleOfThatObject() throws Exception {
    assertEquals(List.of("lead.name must be a string", "title is required", "lead.email is not an email address"),
        told("{\"title\":\" \",\"lead\":{\"name\":5,\"email\":\"bad\"}}"));
    // an object whose only member is wrong is not told as missing
    assertEquals(List.of("lead.name must be a string"), told("{\"title\":\"t\",\"lead\":{\"name\":5}}"));
    // the same through convert, the caller's tree left as it was
    JsonNode tree = Json.MAPPER.readTree("{\"title\":\"t\",\"lead\":{\"name\":\"l\",\"email\":true},"
        + "\"items\":[{\"name\":\"\",\"email\":[]}]}");
    String before = tree.toString();
    ProblemException p = assertThrows(ProblemException.class, () -> Json.convert(tree, Team.class, TEAM_RULES));
    assertEquals(List.of("lead.email", "items[0].email", "items[0].name"), p.errors().stream().map(FieldError::field).toList());
    assertEquals(before, tree.toString());
  }

  @Test
  void aWrongTypeAtTheTopStillHidesTheRulesOfThatMemberOnly() {
    assertEquals(List.of("title must be a string", "items[0].name is required"),
        told("{\"title\":5,\"lead\":{\"name\":\"l\"},\"items\":[{\"name\":\"\"}]}"));
    assertEquals(List.of("items must be a list", "lead is required"), told("{\"title\":\"t\",\"items\":\"x\"}"));
  }

  @Test
  void fieldPathsAreReadStepByStepAndOnlyWhatIsFoundIsTakenOut() throws Exception {
    assertEquals(List.of("a", 0, "b"), Json.steps("a[0].b"));
    assertEquals(List.of("a", "b"), Json.steps("a.b"));
    assertEquals(List.of("a", 2), Json.steps("a[2]"));
    assertEquals(List.of("a", 1, 0), Json.steps("a[1][0]"));
    for (String bad : List.of("", ".a", "a.", "a..b", "[0]", "a[]", "a[x]", "a[0]b", "a[1")) {
      assertNull(Json.steps(bad), bad);
    }
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("{\"a\":[{\"b\":1,\"c\":2}],\"d\":{\"e\":3}}");
    assertNull(Json.takeOut(tree, "a[1].b"));
    assertNull(Json.takeOut(tree, "d.x"));
    assertNull(Json.takeOut(tree, "a.b"));
    assertEquals("{\"a\":[{\"b\":1,\"c\":2}],\"d\":{\"e\":3}}", tree.toString(), "nothing taken out of what is not found");
    assertEquals("a[0].b", Json.takeOut(tree, "a[0].b"));
    assertEquals("{\"a\":[{\"c\":2}],\"d\":{\"e\":3}}", tree.toString());
    assertEquals("a[0]", Json.takeOut(tree, "a[0].c"), "an object left empty is taken out, a list element nulled");
    assertEquals("{\"a\":[null],\"d\":{\"e\":3}}", tree.toString());
    assertEquals("d", Json.takeOut(tree, "d.e"));
    assertEquals("{\"a\":[null]}", tree.toString());
  }

  @Test
  void sendGivesEachHeaderOnceWhetherOrNotOneWasSetBefore() throws Exception {
    List<String[]> fresh = new java.util.ArrayList<>();
    java.io.ByteArrayOutputStream freshBody = new java.io.ByteArrayOutputStream();
    Json.send(response(fresh, freshBody), 503, Json.MEDIA_TYPE, "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("Content-Type: application/json", "Content-Length: 2"), lines(fresh));
    assertEquals("{}", freshBody.toString(StandardCharsets.UTF_8));

    // a Content-Type set before (by a filter, or an earlier attempt) is replaced, not doubled
    List<String[]> set = new java.util.ArrayList<>();
    set.add(new String[] {"Content-Type", "text/plain"});
    Json.send(response(set, new java.io.ByteArrayOutputStream()), 200, Json.MEDIA_TYPE_UTF_8, new byte[] {'1'});
    assertEquals(List.of("Content-Type: application/json;charset=utf-8", "Content-Length: 1"), lines(set));
  }

  @Test
  void aPageOfAListIsPrivateToItsReaderUnlessTheServletSaidOtherwise() throws Exception {
    List<String[]> fresh = new java.util.ArrayList<>();
    Json.writePage(response(fresh, new java.io.ByteArrayOutputStream()), List.of(1), null);
    assertEquals(List.of("Cache-Control: private, no-cache", "Vary: Authorization, Cookie", "Content-Type: application/json;charset=utf-8"),
        lines(fresh));
    List<String[]> own = new java.util.ArrayList<>();
    own.add(new String[] {"Cache-Control", "no-store"});
    Json.writePage(response(own, new java.io.ByteArrayOutputStream()), List.of(1), null);
    assertEquals(List.of("Cache-Control: no-store", "Content-Type: application/json;charset=utf-8"), lines(own));
  }

  private static List<String> lines(List<String[]> headers) {
    return headers.stream().map(h -> h[0] + ": " + h[1]).toList();
  }

  /** A response that keeps its headers as Jetty does: add appends, set replaces the one of that name. */
  private static jakarta.servlet.http.HttpServletResponse response(List<String[]> headers, java.io.OutputStream body) {
    jakarta.servlet.ServletOutputStream out = new jakarta.servlet.ServletOutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        body.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(jakarta.servlet.WriteListener listener) {}
    };
    return (jakarta.servlet.http.HttpServletResponse) Proxy.newProxyInstance(JsonTest.class.getClassLoader(),
        new Class<?>[] {jakarta.servlet.http.HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "addHeader" -> headers.add(new String[] {(String) args[0], (String) args[1]});
          case "setContentType" -> {
            headers.removeIf(h -> h[0].equals("Content-Type"));
            yield headers.add(new String[] {"Content-Type", (String) args[0]});
          }
          case "setHeader" -> {
            headers.removeIf(h -> h[0].equals(args[0]));
            yield headers.add(new String[] {(String) args[0], (String) args[1]});
          }
          case "containsHeader" -> headers.stream().anyMatch(h -> h[0].equals(args[0]));
          case "getContentType" -> headers.stream().filter(h -> h[0].equals("Content-Type")).map(h -> h[1]).findFirst().orElse(null);
          case "getOutputStream" -> out;
          default -> null;
        });
  }
}
