package org.unesco.aspnet.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.unesco.aspnet.core.ProblemException;
import org.unesco.aspnet.web.internal.ProblemTitles;

/**
 * The one JSON mapping of the platform: camelCase, ISO-8601 dates, no silent coercion of wrong
 * types, unknown fields refused. Reading turns every kind of bad body into a {@link
 * ProblemException} that says which field is wrong and why.
 */
public final class Json {
  public static final String MEDIA_TYPE = "application/json";
  public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
  /**
   * The Content-Type of every JSON answer, in the form Jetty keeps ready: set in one call instead of
   * {@link #MEDIA_TYPE} and then the charset (a lookup instead of two edits of the header).
   *
   * @since 1.8
   */
  public static final String MEDIA_TYPE_UTF_8 = MEDIA_TYPE + ";charset=utf-8";

  /** How deep lists and objects of a body may be nested. */
  static final int MAX_NESTING = 100;

  /** Thread-safe and immutable in use: share it, do not reconfigure it. */
  public static final ObjectMapper MAPPER =
      // Nested at most 100 levels (Jackson's own limit is 1000): the platform's bodies use a few,
      // and Jackson copies and binds trees by recursion, which 1000 levels would overflow on a
      // request thread's stack while the JVM is still cold.
      JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING).build())
              .build())
          .addModule(new JavaTimeModule())
          .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("aspnet-days")
              .addDeserializer(LocalDate.class, new DayDeserializer()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // 1 is not the second status of a list, and 10.9 students are not 10.
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // A number or boolean where text is expected is a client error, not "5".
          // "" or " " is not a number, a day or "absent", and [] is not one value: a client that
          // sends them means something the platform cannot guess, so it is told.
          .withCoercionConfigDefaults(
              c -> {
                c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail);
                c.setAcceptBlankAsEmpty(false);
              })
          // {"city":"A","city":"B"} says two things: neither is kept silently.
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .withCoercionConfig(
              LogicalType.Textual,
              c -> {
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
              })
          .build();

  private Json() {}

  /**
   * A day is written one way, {@code "2026-09-01"}: not {@code [2026, 9, 1]}, not {@code []} (which
   * Jackson's own reads as no day at all), not a time of day that would be cut off.
   */
  private static final class DayDeserializer extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<LocalDate> {
    private static final long serialVersionUID = 1L;

    DayDeserializer() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
      }
      String text = p.getText();
      try {
        return LocalDate.parse(text); // ISO_LOCAL_DATE, strict: 2026-02-30 is no day
      } catch (java.time.format.DateTimeParseException e) {
        return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not an ISO-8601 day");
      }
    }
  }

  /**
   * Reads the request body as {@code type}. Every string and member name in the body is checked
   * on the way (see {@link #badCharacter}): one with a control character other than tab and line
   * breaks, or with an unpaired surrogate, is refused with a field error naming where it is.
   *
   * @throws ProblemException 415 when the body is not JSON, 400 when it is malformed or a field
   *     has the wrong type, 413 when it is larger than the platform's limit
   */
  public static <T> T read(HttpServletRequest request, Class<T> type) {
    return parse(body(request), type);
  }

  /**
   * As {@link #read(HttpServletRequest, Class)}, and when members have the wrong type, {@code rules}
   * (the endpoint's own checks, which throw a validation problem and have no other effect) are
   * run on the body without those members, so that one 400 lists every field's mistake: a
   * fraction among the counts and an empty required text are told at once, not one per attempt.
   * {@code rules} are not run on a body that binds: the endpoint checks it as it always does.
   *
   * @since 1.5
   */
  public static <T> T read(HttpServletRequest request, Class<T> type, java.util.function.Consumer<T> rules) {
    byte[] body = body(request);
    try {
      return parse(body, type);
    } catch (ProblemException first) {
      if (first.status() != 400 || first.errors().isEmpty()) {
        throw first;
      }
      // the refused strings are among first's errors already (parse), and are taken out as wrong values are
      com.fasterxml.jackson.databind.JsonNode tree = treeOf(body, new ArrayList<>());
      if (tree == null) {
        throw first;
      }
      throw withTheRules(tree, type, first, rules);
    }
  }

  /**
   * {@code first} (the fields of {@code tree} with the wrong type) with what {@code rules} say of
   * the rest: they are run on a copy of {@code tree} ({@code tree} is left as it is) without the
   * values {@code first} names, and their errors on those fields (or under them) are dropped, the
   * type being what is wrong there. Only the wrong value itself is taken out, however deep it is
   * ({@code coordinators[0].name}: the other coordinators and the other members of the first are
   * checked); when that is not possible (a path not found in the tree, a rest that does not bind
   * or that the rules cannot take) the whole member of the body is, as in 1.5; when neither binds,
   * {@code first} is told alone.
   */
  private static <T> ProblemException withTheRules(com.fasterxml.jackson.databind.JsonNode tree, Class<T> type,
      ProblemException first, java.util.function.Consumer<T> rules) {
    if (first.status() != 400 || first.errors().isEmpty()
        || !(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
      return first;
    }
    ProblemException leaves = withTheRules(object, type, first, rules, true);
    if (leaves != null) {
      return leaves;
    }
    ProblemException members = withTheRules(object, type, first, rules, false);
    return members == null ? first : members;
  }

  /**
   * As above, taking out the wrong values alone ({@code leaves}) or the members of the body they
   * are in; null when the rest does not bind, or when the rules fail on a rest without leaves
   * otherwise than with a problem (a rule that does not expect an element of a list to be null).
   */
  private static <T> ProblemException withTheRules(com.fasterxml.jackson.databind.node.ObjectNode object,
      Class<T> type, ProblemException first, java.util.function.Consumer<T> rules, boolean leaves) {
    com.fasterxml.jackson.databind.node.ObjectNode without = object.deepCopy();
    java.util.Set<String> reported = new java.util.LinkedHashSet<>();
    for (org.unesco.aspnet.core.FieldError f : first.errors()) {
      String out = leaves ? takeOut(without, f.field()) : null;
      if (out == null) {
        out = root(f.field());
        without.remove(out);
      }
      reported.add(out);
    }
    T rest;
    try {
      rest = MAPPER.treeToValue(without, type);
    } catch (IOException | RuntimeException notWithoutThem) {
      return null;
    }
    List<org.unesco.aspnet.core.FieldError> errors = new ArrayList<>(first.errors());
    try {
      rules.accept(rest);
    } catch (ProblemException more) {
      more.errors().stream().filter(f -> !under(f.field(), reported)).forEach(errors::add);
    } catch (RuntimeException notForThatRest) {
      if (!leaves) {
        throw notForThatRest;
      }
      return null;
    }
    return errors.size() == first.errors().size() ? first : ProblemException.validation(errors);
  }

  /** Whether {@code field} is one of {@code paths} or inside one. */
  private static boolean under(String field, java.util.Set<String> paths) {
    return paths.stream().anyMatch(path -> under(field, path));
  }

  /** Whether {@code field} is {@code path} or inside it: {@code media[0].url} is in {@code media}. */
  private static boolean under(String field, String path) {
    return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
  }

  /** The member of the body a field path starts with: {@code media} of {@code media[0].url}. */
  private static String root(String field) {
    return field.split("[.\\[]", 2)[0];
  }

  /**
   * The steps of a field path as {@link #fieldOf(JsonStreamContext)} and {@link
   * #pathOf(JsonMappingException)} write it: {@code media[0].url} is {@code media}, 0, {@code url}.
   * Null when it is not such a path (a member name of its own with a dot or a bracket in it may
   * read as another path: {@link #takeOut} only takes out what it finds).
   */
  static List<Object> steps(String field) {
    List<Object> steps = new ArrayList<>();
    int i = 0;
    int n = field.length();
    while (i < n) {
      char c = field.charAt(i);
      if (c == '[') {
        int close = field.indexOf(']', i);
        if (close < 0 || close == i + 1 || close - i > 10) {
          return null;
        }
        for (int d = i + 1; d < close; d++) {
          if (field.charAt(d) < '0' || field.charAt(d) > '9') {
            return null;
          }
        }
        steps.add(Integer.parseInt(field.substring(i + 1, close)));
        i = close + 1;
      } else {
        if (c == '.') {
          if (steps.isEmpty()) {
            return null;
          }
          i++;
        } else if (!steps.isEmpty()) {
          return null; // a name right after an index, without a dot
        }
        int end = i;
        while (end < n && field.charAt(end) != '.' && field.charAt(end) != '[') {
          end++;
        }
        if (end == i) {
          return null;
        }
        steps.add(field.substring(i, end));
        i = end;
      }
    }
    return steps.isEmpty() || !(steps.get(0) instanceof String) ? null : steps;
  }

  /**
   * Takes the value at {@code field} out of {@code tree}: a member of an object is removed, an
   * element of a list becomes null (so that the others keep their index). An object left empty by
   * that is taken out in turn, so that a rule does not tell a member the client did give as
   * missing. Returns the path of what was taken out, or null (and {@code tree} is left as it is)
   * when the path is not found in {@code tree}.
   */
  static String takeOut(com.fasterxml.jackson.databind.node.ObjectNode tree, String field) {
    List<Object> steps = steps(field);
    if (steps == null) {
      return null;
    }
    List<com.fasterxml.jackson.databind.JsonNode> parents = new ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode at = tree;
    for (Object step : steps) {
      parents.add(at);
      if (step instanceof String name && at.isObject() && at.has(name)) {
        at = at.get(name);
      } else if (step instanceof Integer index && at.isArray() && index < at.size()) {
        at = at.get(index);
      } else {
        return null;
      }
    }
    int last = steps.size() - 1;
    while (true) {
      com.fasterxml.jackson.databind.JsonNode parent = parents.get(last);
      if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove((String) steps.get(last));
        if (o.isEmpty() && last > 0) {
          last--;
          continue;
        }
      } else {
        ((ArrayNode) parent).set((Integer) steps.get(last), com.fasterxml.jackson.databind.node.NullNode.getInstance());
      }
      break;
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      if (steps.get(i) instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(i == 0 ? "" : ".").append(steps.get(i));
      }
    }
    return path.toString();
  }

  private static byte[] body(HttpServletRequest request) {
    requireJsonContentType(request);
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // Bodies are small (maxRequestBytes); held whole so that a bad one can be read again below.
      body = in.readAllBytes();
    } catch (IOException e) {
      throw problemOf(e);
    }
    requireUtf8(body);
    return body;
  }

  private static <T> T parse(byte[] body, Class<T> type) {
    try (JsonParser parser = new CheckedTextParser(MAPPER.createParser(body))) {
      T value = MAPPER.readValue(parser, type);
      if (value == null) {
        throw ProblemException.badRequest("The request body is empty; a JSON object is expected");
      }
      return value;
    } catch (IOException | ProblemException e) {
      ProblemException first = e instanceof ProblemException p ? p : problemOf((IOException) e);
      if (first.errors().isEmpty()) {
        throw first;
      }
      // A refused string is one field's error among the others, not the only one told: the tree
      // is read without the check, and every refused string in it is added to first.
      List<org.unesco.aspnet.core.FieldError> refused = new ArrayList<>();
      com.fasterxml.jackson.databind.JsonNode tree = treeOf(body, refused);
      if (tree == null) {
        throw first; // e.g. malformed further on: the first error is the one to tell
      }
      List<org.unesco.aspnet.core.FieldError> errors = new ArrayList<>(first.errors());
      refused.stream().filter(f -> !errors.contains(f)).forEach(errors::add);
      throw everyField(tree, type, errors.size() == first.errors().size() ? first : ProblemException.validation(errors));
    }
  }

  /**
   * {@code body} as a tree, read without {@link CheckedTextParser}'s check, with each member whose
   * name {@link #badCharacter} refuses taken out; {@code refused} gets an error for each such name
   * (on the object that holds it) and each such string (on its path), as the check names them. The
   * strings stay in the tree, to be taken out by their path as wrong values are. Null when the body
   * is no JSON.
   */
  private static com.fasterxml.jackson.databind.JsonNode treeOf(byte[] body, List<org.unesco.aspnet.core.FieldError> refused) {
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      // A member given twice stops the strict reading: each such member is one field's error among
      // the others (taken out by its path as a wrong value is), the rest is read as it is.
      List<org.unesco.aspnet.core.FieldError> twice = new ArrayList<>();
      tree = withoutDuplicateCheck(body, twice);
      if (tree == null || twice.isEmpty()) {
        return null;
      }
      twice.forEach(f -> add(refused, f));
    }
    if (tree == null || tree.isMissingNode()) {
      return null;
    }
    refusedText(tree, NO_FIELD, refused);
    return tree;
  }

  /** What a member given twice is told. */
  static final String GIVEN_TWICE = "is given twice: send each field once";

  /**
   * {@code body} read without the duplicate check (a member given twice keeps its last value), and
   * in {@code twice} an error on each member given more than once, at its path ({@code media[0].url}).
   * Null when the body is no JSON for another reason.
   */
  private static com.fasterxml.jackson.databind.JsonNode withoutDuplicateCheck(byte[] body,
      List<org.unesco.aspnet.core.FieldError> twice) {
    try (JsonParser walk = MAPPER.createParser(body)) {
      walk.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      java.util.Deque<java.util.Set<String>> names = new java.util.ArrayDeque<>();
      for (JsonToken t = walk.nextToken(); t != null; t = walk.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          names.push(new java.util.HashSet<>());
        } else if (t == JsonToken.END_OBJECT) {
          names.pop();
        } else if (t == JsonToken.FIELD_NAME && !names.peek().add(walk.currentName())) {
          add(twice, new org.unesco.aspnet.core.FieldError(fieldOf(walk.getParsingContext()), GIVEN_TWICE));
        }
      }
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    try (JsonParser lenient = MAPPER.createParser(body)) {
      lenient.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(lenient);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  // By recursion: a body nests at most MAX_NESTING levels, which a request thread's stack holds even
  // while the JVM still interprets this code (JsonTest reads the deepest on a 256 KB stack).
  private static void refusedText(com.fasterxml.jackson.databind.JsonNode node, String path,
      List<org.unesco.aspnet.core.FieldError> refused) {
    if (node.isTextual()) {
      if (badCharacter(node.textValue()) >= 0) {
        add(refused, new org.unesco.aspnet.core.FieldError(path, BAD_TEXT));
      }
    } else if (node.isObject()) {
      for (var members = node.fields(); members.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> member = members.next();
        if (badCharacter(member.getKey()) >= 0) {
          add(refused, new org.unesco.aspnet.core.FieldError(path, BAD_NAME));
          members.remove(); // a name that cannot be shown names no field of the type
        } else {
          refusedText(member.getValue(), path.equals(NO_FIELD) ? member.getKey() : path + "." + member.getKey(), refused);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refusedText(node.get(i), (path.equals(NO_FIELD) ? "" : path) + "[" + i + "]", refused);
      }
    }
  }

  private static void add(List<org.unesco.aspnet.core.FieldError> errors, org.unesco.aspnet.core.FieldError error) {
    if (!errors.contains(error)) {
      errors.add(error); // two bad names in one object are one error on it
    }
  }

  /**
   * Binds a JSON tree already read (e.g. to see which members a PATCH names) to {@code type},
   * with the same field-by-field 400s as {@link #read}.
   */
  public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    return convert(node, type, rest -> {});
  }

  /**
   * As {@link #convert(com.fasterxml.jackson.databind.JsonNode, Class)}, and when members have the
   * wrong type, {@code rules} are run on the rest of {@code node} as by {@link
   * #read(HttpServletRequest, Class, java.util.function.Consumer)}, so that one 400 lists every
   * field's mistake: for a body read as a tree first (a merge patch, to see which members it names).
   * {@code node} is not changed.
   *
   * @since 1.7
   */
  public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type, java.util.function.Consumer<T> rules) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      ProblemException first = problemOf(e);
      throw first.errors().isEmpty() ? first : withTheRules(node, type, everyField(node, type, first), rules);
    }
  }

  /**
   * Every field's error when the binding stopped at the first one ({@code first}): each member of
   * the object is bound again alone, as an object of {@code type} with that member only (so that
   * the type's own annotations, aliases and formats apply), and its errors are added. Inside a
   * member, each wrong value found (and those {@code first} names) is taken out of its copy and the
   * member bound again, so that a second wrong type in the same list or object is told too. A body
   * with three wrong fields gets three errors, not one per attempt. {@code first} is kept as it is;
   * a member whose binding alone says nothing about it (a required one that is missing, a rule of
   * the whole object) is left to the service's validation.
   */
  private static ProblemException everyField(com.fasterxml.jackson.databind.JsonNode tree, Class<?> type, ProblemException first) {
    if (!tree.isObject()) {
      return first;
    }
    List<org.unesco.aspnet.core.FieldError> errors = new ArrayList<>(first.errors());
    tree.fields().forEachRemaining(member -> {
      String key = member.getKey();
      com.fasterxml.jackson.databind.node.ObjectNode alone = MAPPER.createObjectNode();
      alone.set(key, member.getValue().deepCopy());
      for (org.unesco.aspnet.core.FieldError f : first.errors()) {
        if (root(f.field()).equals(key) && (f.field().equals(key) || takeOut(alone, f.field()) == null)) {
          return; // the member itself, or a value in it not found again: the first error stands alone
        }
      }
      java.util.Set<String> told = new java.util.HashSet<>();
      errors.forEach(f -> told.add(f.field()));
      // each attempt takes one value out of a copy of the member: at most as many as it has values
      for (int attempts = 0; attempts < 100 && !alone.isEmpty(); attempts++) {
        try {
          MAPPER.treeToValue(alone, type);
          return;
        } catch (IOException e) {
          org.unesco.aspnet.core.FieldError found;
          try {
            found = problemOf(e).errors().stream()
                .filter(f -> under(f.field(), key))
                .findFirst().orElse(null);
          } catch (RuntimeException notAboutTheClient) {
            return; // the type cannot be built from one member (our mapping's limit): the first error stands
          }
          if (found == null || !told.add(found.field())) {
            return;
          }
          errors.add(found);
          if (found.field().equals(key) || takeOut(alone, found.field()) == null) {
            return;
          }
        } catch (RuntimeException notAboutTheClient) {
          return; // a constructor's own rule about the whole object: left to the service
        }
      }
    });
    return errors.size() == first.errors().size() ? first : ProblemException.validation(errors);
  }

  /**
   * Refuses bytes that are not UTF-8 as RFC 8259 requires it: the parser would read an overlong
   * form ({@code C0 AF}) as "/" and store it, and a stray byte of another encoding as garbage.
   */
  private static void requireUtf8(byte[] body) {
    // UTF-16 and UTF-32 text of plain ASCII is ASCII and zero bytes, which the parser would detect
    // and read: JSON begins with an ASCII character, so one of its first two bytes is zero only then
    if (body.length >= 2 && (body[0] == 0 || body[1] == 0)) {
      throw ProblemException.badRequest(
          "The body is not UTF-8 (a zero byte at its start, as in UTF-16 or UTF-32): JSON must be sent in UTF-8");
    }
    int i = 0;
    while (i < body.length && body[i] >= 0) {
      i++; // ASCII, the usual body: nothing to decode
    }
    if (i == body.length) {
      return;
    }
    java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(body);
    java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(4096);
    while (true) {
      java.nio.charset.CoderResult r = strict.decode(bytes, chars, true);
      if (r.isError()) {
        throw ProblemException.badRequest(
            "The body is not valid UTF-8 (byte " + (bytes.position() + 1) + "): JSON must be sent in UTF-8");
      }
      if (r.isUnderflow()) {
        return;
      }
      chars.clear();
    }
  }

  /**
   * Refuses a body that does not declare a JSON media type ({@code application/json}, {@code *+json}),
   * and JSON Patch ({@code application/json-patch+json}), whose operations no endpoint reads.
   */
  public static void requireJsonContentType(HttpServletRequest request) {
    String contentType = request.getContentType();
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
    if (mediaType.equals("application/json-patch+json")) {
      // a list of operations (RFC 6902), not a document: read as one, its meaning would be lost
      throw unsupportedMediaType("JSON Patch (RFC 6902) is not taken: send the members to change as"
          + " application/merge-patch+json (RFC 7396), or as application/json");
    }
    if (!mediaType.equals(MEDIA_TYPE) && !mediaType.endsWith("+json")) {
      throw unsupportedMediaType("This endpoint takes application/json, not "
          + (contentType == null || contentType.isBlank() ? "a body without Content-Type" : contentType));
    }
  }

  private static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(415, ProblemException.TYPE_BASE + "unsupported-media-type", "Unsupported media type", detail);
  }

  /** What a string or member name refused by {@link #badCharacter} is told. */
  static final String BAD_TEXT =
      "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

  static final String BAD_NAME =
      "must not have a member name with control characters (other than tab and line breaks) or"
          + " unpaired surrogates";

  static final String NOT_A_NUMBER = "is not valid JSON: NaN and Infinity are not numbers in JSON";

  /**
   * The index of the first character of {@code text} that no stored text should hold, or -1: a
   * C0 control character other than tab, line feed and carriage return (NUL among them), or half
   * of a surrogate pair without its other half. JSON lets a client write them as escapes (of
   * U+0000, of U+D800); stored, they would end up as raw bytes in exports, or as '?' once encoded.
   * Imports check their cells with it too.
   *
   * @since 1.2
   */
  public static int badCharacter(CharSequence text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r') {
          return i;
        }
      } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++; // a pair: one character beyond the BMP, such as an emoji
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Whether {@code text} shows nothing when printed: only spaces, format characters (a zero-width
   * space, a direction mark) and combining marks. {@code isBlank()} lets {@code "\u200b\u202e"}
   * through, and a required name made of it would print as an empty line on a certificate.
   *
   * @since 1.5
   */
  public static boolean showsNothing(CharSequence text) {
    return org.unesco.aspnet.core.PlainText.showsNothing(text);
  }

  /**
   * Letters, symbols and marks that print as a blank or as nothing though their category says
   * otherwise (the Hangul fillers, the blank Braille pattern...): {@link
   * org.unesco.aspnet.core.PlainText#blankLooking}, which says which.
   *
   * @since 1.11
   */
  public static boolean blankLooking(int c) {
    return org.unesco.aspnet.core.PlainText.blankLooking(c);
  }

  /**
   * Checks every string value and member name as the parser reaches it, whatever the body is
   * bound to (a record, a map, a list, a tree): the check sees the text once, and the path of
   * where it is.
   */
  private static final class CheckedTextParser extends JsonParserDelegate {
    CheckedTextParser(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.VALUE_STRING) {
        if (badCharacter(delegate.getText()) >= 0) {
          throw ProblemException.validation(fieldOf(delegate.getParsingContext()), BAD_TEXT);
        }
      } else if (token == JsonToken.FIELD_NAME && badCharacter(delegate.currentName()) >= 0) {
        // named by the object that holds it: the name itself is what cannot be shown
        throw ProblemException.validation(fieldOf(delegate.getParsingContext().getParent()), BAD_NAME);
      }
      return token;
    }

    /** JsonParserDelegate passes this one on to the parser, past {@link #nextToken}. */
    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }
  }

  /** Maps a Jackson failure to the problem a client can act on, in words without Java in them. */
  static ProblemException problemOf(IOException e) {
    ProblemException tooLarge = cause(e, ProblemException.class);
    if (tooLarge != null) {
      return tooLarge;
    }
    if (e instanceof InvalidDefinitionException) {
      // the mapping of one of our types is broken: our fault, an incident, not the client's 400
      throw new IllegalStateException("The JSON mapping is broken", e);
    }
    InputCoercionException range = cause(e, InputCoercionException.class);
    if (range != null) {
      return ProblemException.validation(fieldOf(e, range), outOfRange(range.getTargetType()));
    }
    JsonProcessingException syntax = syntaxError(e);
    if (syntax != null) {
      return syntaxProblem(e, syntax);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return ProblemException.validation(pathOf(u), "is not a known field");
    }
    if (e instanceof InvalidFormatException f && !(f.getValue() instanceof String)) {
      return ProblemException.validation(pathOf(f), "must be " + describe(f.getTargetType()));
    }
    if (e instanceof InvalidFormatException f) {
      return ProblemException.validation(
          pathOf(f), "'" + f.getValue() + "' is not " + describe(f.getTargetType()));
    }
    if (e instanceof MismatchedInputException m) {
      if (m.getPath().isEmpty()) {
        return wholeBodyProblem(m);
      }
      return ProblemException.validation(pathOf(m), "must be " + describe(m.getTargetType()));
    }
    if (e instanceof JsonMappingException m) {
      String message = plain(m.getOriginalMessage());
      if (m.getPath().isEmpty()) {
        return ProblemException.badRequest("The body is not valid" + (message == null ? "" : ": " + message));
      }
      return ProblemException.validation(pathOf(m), message == null ? "is not valid" : message);
    }
    if (e instanceof JsonProcessingException p) {
      String message = plain(p.getOriginalMessage());
      return ProblemException.badRequest("Malformed JSON" + (message == null ? "" : ": " + message));
    }
    String message = plain(e.getMessage());
    return ProblemException.badRequest("The request body could not be read" + (message == null ? "" : ": " + message));
  }

  /** A wrong body as a whole: none at all, not the JSON type expected, or more after its end. */
  private static ProblemException wholeBodyProblem(MismatchedInputException m) {
    String expected = describe(m.getTargetType());
    expected = switch (expected) {
      case "an object" -> "a JSON object";
      case "a list" -> "a JSON list";
      default -> expected;
    };
    String message = String.valueOf(m.getOriginalMessage());
    if (message.startsWith("No content to map")) {
      return ProblemException.badRequest("The request has no body: send " + expected);
    }
    if (message.startsWith("Trailing token")) {
      return ProblemException.badRequest("The body must be " + expected + " alone: something follows its end");
    }
    return ProblemException.badRequest("The body must be " + expected);
  }

  /** The parser's own complaint about {@code e}, however deep the data binding wrapped it, or null. */
  private static JsonProcessingException syntaxError(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException || t instanceof StreamConstraintsException) {
        return (JsonProcessingException) t;
      }
    }
    return null;
  }

  private static ProblemException syntaxProblem(IOException e, JsonProcessingException syntax) {
    String original = String.valueOf(syntax.getOriginalMessage());
    if (original.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
      String field = fieldOf(e, syntax);
      return field.equals(NO_FIELD)
          ? ProblemException.badRequest("The body " + NOT_A_NUMBER)
          : ProblemException.validation(field, NOT_A_NUMBER);
    }
    if (original.startsWith("Duplicate field")) {
      String field = fieldOf(e, syntax);
      return ProblemException.validation(field, GIVEN_TWICE);
    }
    if (syntax instanceof StreamConstraintsException) {
      Matcher limit = LIMIT.matcher(original);
      String message = limit.find() ? limitMessage(limit) : plain(original);
      return ProblemException.badRequest("The body is beyond what is read" + (message == null ? "" : ": " + message));
    }
    String message;
    Matcher unexpected = UNEXPECTED.matcher(original);
    Matcher close = CLOSE_MARKER.matcher(original);
    if (syntax instanceof JsonEOFException || original.contains("end-of-input")) {
      message = "the body ends before its JSON is complete";
    } else if (original.contains("CTRL-CHAR")) {
      Matcher code = CONTROL_CODE.matcher(original);
      String control = "a control character" + (code.find() ? " (code " + code.group(1) + ")" : "");
      message = original.contains("between tokens")
          ? control + " is not allowed outside a string: only spaces, tabs and line breaks are"
          : control + " must be written with a backslash escape inside a string, such as \\n or \\u0000";
    } else if (close.find()) {
      // Jackson's own words here name its token types and where it started (Object, root)
      message = close.group(3).equals("root")
          ? "'" + close.group(1) + "' closes nothing that was opened"
          : "'" + close.group(1) + "' cannot close the " + (close.group(3).equals("Array") ? "list" : "object")
              + " opened before it: write '" + close.group(2) + "'";
    } else if (original.contains("numeric value")) {
      message = "this is not a JSON number: write numbers such as 12, -3.5 or 2e3 (no plus sign, no leading zero,"
          + " a digit on each side of a decimal point)";
    } else if (original.startsWith("Unrecognized character escape")) {
      Matcher escaped = ESCAPE.matcher(original);
      message = (escaped.find() ? "\\" + escaped.group(1) : "this") + " is not an escape JSON knows: inside a string write"
          + " \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, or \\u and four hex digits";
    } else if (original.contains("hex-digit for character escape")) {
      message = "\\u must be followed by four hex digits (0 to 9, a to f), such as \\u00e9";
    } else if (unexpected.find() && !original.contains("double-quote to start field name") && !original.contains("ALLOW_COMMENTS")) {
      String c = unexpected.group(1);
      String rest = unexpected.group(2);
      if (rest.contains("colon to separate")) {
        message = "a colon must follow a member name, such as {\"name\": ...}";
      } else if (rest.contains("comma to separate Object")) {
        message = "'" + c + "' cannot follow a value here: the members of an object are separated by commas,"
            + " such as {\"a\": 1, \"b\": 2}";
      } else if (rest.contains("comma to separate Array")) {
        message = "'" + c + "' cannot follow a value here: the values of a list are separated by commas, such as [1, 2]";
      } else if (c.equals("'")) {
        message = "text must be written in double quotes, not single quotes";
      } else if ("}],:".contains(c)) {
        message = "a value is missing before '" + c + "'";
      } else {
        message = "'" + c + "' cannot start a JSON value: write text in double quotes, or a number, true, false,"
            + " null, a list [...] or an object {...}";
      }
    } else if (original.contains("ALLOW_COMMENTS")) {
      message = "comments are not allowed in JSON";
    } else if (UNRECOGNIZED.matcher(original).find()) {
      Matcher token = UNRECOGNIZED.matcher(original);
      token.find();
      message = token.group(1) + " is not a JSON value: write text in double quotes, or a number, true, false,"
          + " null, a list [...] or an object {...}";
    } else if (original.contains("double-quote to start field name")) {
      message = "a member name must be written in double quotes, such as {\"name\": ...}";
    } else {
      message = plain(original);
    }
    JsonLocation at = syntax.getLocation();
    return ProblemException.badRequest(
        "Malformed JSON"
            + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
            + ": "
            + (message == null ? "this is not JSON" : message));
  }

  private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized token ('[^']{0,40}')");

  private static final Pattern CONTROL_CODE = Pattern.compile("CTRL-CHAR, code (\\d+)");

  /** Jackson's "Unexpected character ('x' (code 120)): was expecting ...", the character and the rest. */
  private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\)(.*)$", Pattern.DOTALL);

  private static final Pattern CLOSE_MARKER =
      Pattern.compile("^Unexpected close marker '(.)': expected '(.)' \\(for (root|Object|Array)");

  private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'");

  /** A read limit as Jackson words it: what, how much there is, the most there may be. */
  private static final Pattern LIMIT =
      Pattern.compile("^(Number value length|String value length|Name length|Document nesting depth) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

  private static String limitMessage(Matcher limit) {
    String most = limit.group(3);
    return switch (limit.group(1)) {
      case "Number value length" -> "a number is longer than " + most + " characters";
      case "String value length" -> "a string is longer than " + most + " characters";
      case "Name length" -> "a member name is longer than " + most + " characters";
      default -> "lists and objects are nested deeper than " + most + " levels";
    };
  }

  /** Jackson's asides to programmers, which a client cannot act on. */
  private static final Pattern ASIDES = Pattern.compile(
      ":? ?enable `[^`]*` to allow|,? from `[^`]*`| \\(start marker at .*$| \\(not recognized as one since .*\\)$");

  /** {@code message} without Jackson's asides to programmers; null if Java still shows through. */
  static String plain(String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    String m = ASIDES.matcher(message).replaceAll("").strip();
    boolean java = m.isEmpty() || m.indexOf('`') >= 0 || m.indexOf('$') >= 0 || m.contains("JsonToken")
        || m.contains("com.fasterxml") || m.contains("java.") || m.contains("jakarta.") || m.contains("org.")
        || m.contains("Exception") || m.contains("Feature");
    return java ? null : m;
  }

  private static String outOfRange(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return "must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return "must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
    }
    return "is too large";
  }

  private static <X extends Throwable> X cause(Throwable e, Class<X> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static final String NO_FIELD = "(body)";

  /**
   * Where the parser was when {@code cause} stopped it, else the path the data binding recorded
   * in {@code e}: the parser's is exact, the binding's may stop at the list or map it was in.
   */
  private static String fieldOf(IOException e, JsonProcessingException cause) {
    if (cause.getProcessor() instanceof JsonParser p) {
      String field = fieldOf(p.getParsingContext());
      if (!field.equals(NO_FIELD)) {
        return field;
      }
    }
    return e instanceof JsonMappingException m ? pathOf(m) : NO_FIELD;
  }

  /** The path to where {@code context} is, as {@code title.en} or {@code media[0].url}. */
  static String fieldOf(JsonStreamContext context) {
    List<JsonStreamContext> levels = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      levels.add(c);
    }
    StringBuilder path = new StringBuilder();
    for (int i = levels.size() - 1; i >= 0; i--) {
      JsonStreamContext c = levels.get(i);
      if (c.inArray()) {
        path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
      } else if (c.getCurrentName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(c.getCurrentName());
      }
    }
    return path.length() == 0 ? NO_FIELD : path.toString();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? NO_FIELD : path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class || type == Byte.class || type == byte.class
        || type == BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class
        || type == UUID.class || type == URI.class || type == URL.class || type == Locale.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray() || ArrayNode.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date such as 2026-09-01"; // a day: "local date" is Java's word for it
    }
    if (type.getName().startsWith("java.time.")) {
      return "an ISO-8601 " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
    return "an object";
  }

  /** Writes {@code body} as JSON with {@code status}. */
  public static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    contentType(response, MEDIA_TYPE_UTF_8);
    MAPPER.writeValue(response.getOutputStream(), body);
  }

  /**
   * Sends {@code body}, ready-made bytes of {@code mediaType}, as the whole answer with {@code
   * status} and its length: for answers kept in memory, such as a school's public page or the
   * health document.
   *
   * @since 1.9
   */
  public static void send(HttpServletResponse response, int status, String mediaType, byte[] body)
      throws IOException {
    start(response, status, mediaType, body.length);
    response.getOutputStream().write(body);
  }

  /**
   * {@link #send(HttpServletResponse, int, String, byte[])} for bytes still in the buffer they were
   * written to (a page of search results), without copying them out first.
   *
   * @since 1.9
   */
  public static void send(HttpServletResponse response, int status, String mediaType, java.io.ByteArrayOutputStream body)
      throws IOException {
    start(response, status, mediaType, body.size());
    body.writeTo(response.getOutputStream());
  }

  /**
   * Headers of an answer that depends on who reads it (an email shown to signed-in readers only):
   * {@code Cache-Control: private, no-cache}, so no shared cache keeps it, and {@code Vary:
   * Authorization, Cookie}, so a browser does not give one reader's copy to whoever signs in or out
   * next. Added, not set: nothing before a servlet sets them, and gzip adds its own Vary beside.
   *
   * @since 1.10
   */
  public static void privateToReader(HttpServletResponse response) {
    response.addHeader("Cache-Control", "private, no-cache");
    response.addHeader("Vary", "Authorization, Cookie");
  }

  private static void start(HttpServletResponse response, int status, String mediaType, int length) {
    response.setStatus(status);
    contentType(response, mediaType);
    response.addHeader("Content-Length", Integer.toString(length)); // a servlet's answer has none yet
  }

  /**
   * Added, not set, when there is none yet (Jetty reads it as it reads a set): a set searches every
   * header the filters added before it, to replace one of the same name, and that search was about
   * 1 % of the CPU of a small answer per header. The servlets add their ETag and Cache-Control the
   * same way.
   */
  private static void contentType(HttpServletResponse response, String mediaType) {
    if (response.getContentType() == null) {
      response.addHeader("Content-Type", mediaType);
    } else {
      response.setContentType(mediaType);
    }
  }

  /**
   * Writes {@code body} as a 200 with a strong ETag of its bytes, {@code Cache-Control: private,
   * no-cache} and {@code Vary: Authorization, Cookie}, or a 304 without a body when If-None-Match names that ETag: for what every page
   * loads and seldom changes (the list of countries), so that a browser asks each time and
   * downloads only what changed. The ETag of a compressed answer carries Jetty's {@code --gzip}
   * suffix; it is read back either way.
   *
   * @since 1.3
   */
  public static void writeRevalidated(HttpServletRequest request, HttpServletResponse response, Object body)
      throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    String etag = "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length) + "\"";
    response.setHeader("ETag", etag);
    // what a signed-in reader gets may differ from the public's (a country's contacts): the browser
    // keeps it, no shared cache does
    response.setHeader("Cache-Control", "private, no-cache");
    response.addHeader("Vary", "Authorization, Cookie"); // added: a list in the reader's language varies by it too
    if (Revisions.notModified(request, etag)) {
      response.setStatus(304);
      return;
    }
    send(response, 200, MEDIA_TYPE_UTF_8, bytes);
  }

  /**
   * Writes one page of a list in the platform's shape, {@code {"items": [...], "next": cursor}},
   * where {@code next} is null on the last page. Most lists show each reader what they may see (a
   * coordinator's directory has the contacts), so a page is {@link #privateToReader private to its
   * reader} unless the servlet set a {@code Cache-Control} of its own before (since 1.10).
   */
  public static void writePage(HttpServletResponse response, List<?> items, String next) throws IOException {
    if (!response.containsHeader("Cache-Control")) {
      privateToReader(response);
    }
    write(response, 200, page(items, next));
  }

  /**
   * One page of a list in the platform's shape, to write another way ({@link #writeRevalidated}).
   *
   * @since 1.3
   */
  public static Map<String, Object> page(List<?> items, String next) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("next", next);
    return body;
  }

  /** The RFC 9457 document of a problem, as written on the wire. */
  public static Map<String, Object> problemDocument(ProblemException p, String instance) {
    return problemDocument(p, instance, "en");
  }

  /** As {@link #problemDocument(ProblemException, String)}, its field messages in {@code language}. */
  private static Map<String, Object> problemDocument(ProblemException p, String instance, String language) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", p.type());
    doc.put("title", p.title());
    doc.put("status", p.status());
    Optional.ofNullable(p.detail()).ifPresent(d -> doc.put("detail", d));
    Optional.ofNullable(instance).ifPresent(i -> doc.put("instance", i));
    if (!p.errors().isEmpty()) {
      doc.put(
          "errors",
          p.errors().stream()
              .map(e -> Map.of("field", e.field(), "message", ProblemTitles.fieldMessage(language, e.message())))
              .toList());
    }
    p.extensions().forEach(doc::putIfAbsent);
    return doc;
  }

  /** Writes {@code problem} as {@code application/problem+json}, unless the response is committed. */
  public static void writeProblem(
      HttpServletRequest request, HttpServletResponse response, ProblemException problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(problem.status());
    response.setContentType(PROBLEM_MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    if (problem.status() == 401 && !response.containsHeader("WWW-Authenticate")) {
      // RFC 9110 15.5.2: a 401 names the scheme that would do (a bearer token; the UI's session
      // cookie comes from signing in)
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    if (problem.extensions().get("retryAfter") instanceof Number seconds) {
      // a 429 or 503 that says when to come back says it where clients look for it too
      response.setHeader("Retry-After", String.valueOf(seconds.longValue()));
    }
    String language = ProblemTitles.language(request, ApiServlet.principal(request));
    Map<String, Object> doc = problemDocument(problem, request.getRequestURI(), language);
    doc.put("title", ProblemTitles.title(language, problem.title()));
    if (problem.errors().size() > 1 && (problem.errors().size() + " fields are not valid").equals(problem.detail())) {
      doc.put("detail", ProblemTitles.fieldsNotValid(language, problem.errors().size()));
    } else if (problem.errors().size() == 1
        && (problem.errors().get(0).field() + ": " + problem.errors().get(0).message()).equals(problem.detail())) {
      // one field's error: the detail repeats it, in the same words as the errors list
      doc.put("detail", problem.errors().get(0).field() + ": "
          + ProblemTitles.fieldMessage(language, problem.errors().get(0).message()));
    } else if (problem.status() == 401 || problem.status() == 403) {
      Optional.ofNullable(problem.detail()).ifPresent(d -> doc.put("detail", ProblemTitles.detail(language, d)));
    }
    MAPPER.writeValue(response.getOutputStream(), doc);
  }
}
