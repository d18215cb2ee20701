package org.unesco.aspnet.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** Thread-safe and immutable in use: share it, do not reconfigure it. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
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
   * Reads the request body as {@code type}.
   *
   * @throws ProblemException 415 when the body is not JSON, 400 when it is malformed or a field
   *     has the wrong type, 413 when it is larger than the platform's limit
   */
  public static <T> T read(HttpServletRequest request, Class<T> type) {
    requireJsonContentType(request);
    try (InputStream in = request.getInputStream()) {
      T value = MAPPER.readValue(in, type);
      if (value == null) {
        throw ProblemException.badRequest("The request body is empty; a JSON object is expected");
      }
      return value;
    } catch (IOException e) {
      throw problemOf(e);
    }
  }

  /**
   * Binds a JSON tree already read (e.g. to see which members a PATCH names) to {@code type},
   * with the same field-by-field 400s as {@link #read}.
   */
  public static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw problemOf(e);
    }
  }

  /** Refuses a body that does not declare a JSON media type ({@code application/json}, {@code *+json}). */
  public static void requireJsonContentType(HttpServletRequest request) {
    String contentType = request.getContentType();
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
    if (!mediaType.equals(MEDIA_TYPE) && !mediaType.endsWith("+json")) {
      throw new ProblemException(
          415,
          ProblemException.TYPE_BASE + "unsupported-media-type",
          "Unsupported media type",
          "This endpoint takes application/json, not "
              + (contentType == null ? "a body without Content-Type" : contentType));
    }
  }

  /** Maps a Jackson failure to the problem a client can act on. */
  static ProblemException problemOf(IOException e) {
    ProblemException tooLarge = findProblem(e);
    if (tooLarge != null) {
      return tooLarge;
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
        return ProblemException.badRequest(
            "The body must be " + describe(m.getTargetType()) + ": " + m.getOriginalMessage());
      }
      return ProblemException.validation(pathOf(m), "must be " + describe(m.getTargetType()));
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return ProblemException.validation(pathOf(m), m.getOriginalMessage());
    }
    if (e instanceof JsonParseException p) {
      return ProblemException.badRequest(
          "Malformed JSON at line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr()
              + ": "
              + p.getOriginalMessage());
    }
    if (e instanceof JsonProcessingException p) {
      return ProblemException.badRequest("Malformed JSON: " + p.getOriginalMessage());
    }
    return ProblemException.badRequest("The request body could not be read: " + e.getMessage());
  }

  private static ProblemException findProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return p;
      }
    }
    return null;
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
    return path.length() == 0 ? "(body)" : path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.getName().startsWith("java.time.")) {
      return "an ISO-8601 " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
    return "an object";
  }

  /** Writes {@code body} as JSON with {@code status}. */
  public static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    MAPPER.writeValue(response.getOutputStream(), body);
  }

  /**
   * Writes one page of a list in the platform's shape, {@code {"items": [...], "next": cursor}},
   * where {@code next} is null on the last page.
   */
  public static void writePage(HttpServletResponse response, List<?> items, String next) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("next", next);
    write(response, 200, body);
  }

  /** The RFC 9457 document of a problem, as written on the wire. */
  public static Map<String, Object> problemDocument(ProblemException p, String instance) {
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
              .map(e -> Map.of("field", e.field(), "message", e.message()))
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
    Map<String, Object> doc = problemDocument(problem, request.getRequestURI());
    String language = ProblemTitles.language(request, ApiServlet.principal(request));
    doc.put("title", ProblemTitles.title(language, problem.title()));
    if (problem.errors().size() > 1 && (problem.errors().size() + " fields are not valid").equals(problem.detail())) {
      doc.put("detail", ProblemTitles.fieldsNotValid(language, problem.errors().size()));
    }
    MAPPER.writeValue(response.getOutputStream(), doc);
  }
}
