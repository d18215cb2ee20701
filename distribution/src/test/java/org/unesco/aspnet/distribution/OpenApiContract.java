package org.unesco.aspnet.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the platform's OpenAPI document promises about an answer, checked against the answer: the
 * status is documented for the operation, the Content-Type is one the document names, and a JSON
 * body is valid against the documented schema. An integrator generates a client from the document;
 * every answer the installation tests receive is checked here ({@link Installation}), so a change of
 * the API that its document does not follow fails the test that met it.
 */
final class OpenApiContract {
  private static final String DOCUMENT_IRI = "https://aspnet.test/api/v1/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final List<Operation> paths = new ArrayList<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private record Operation(String template, Pattern pattern, int parameters) {}

  OpenApiContract(String documentText) throws java.io.IOException {
    document = JSON.readTree(documentText);
    registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
        builder -> builder.schemas(Map.of(DOCUMENT_IRI, documentText)));
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String template = it.next();
      StringBuilder regex = new StringBuilder();
      int parameters = 0;
      for (String part : template.split("(?=\\{)|(?<=\\})")) {
        if (part.startsWith("{")) {
          regex.append("[^/]+?");
          parameters++;
        } else {
          regex.append(Pattern.quote(part));
        }
      }
      paths.add(new Operation(template, Pattern.compile(regex.toString()), parameters));
    }
    // A literal path wins over a template that also matches it (/schools/points over /schools/{id}).
    paths.sort(Comparator.comparingInt(Operation::parameters));
  }

  /**
   * What in this answer the document does not say; empty when it agrees. Paths the document does not
   * have are not judged here (a plugin's own, or a test's deliberate unknown path).
   */
  List<String> check(String method, String path, int status, String contentType, String contentEncoding, String body) {
    List<String> problems = new ArrayList<>();
    String template = template(method, path);
    if (template == null) {
      return problems;
    }
    JsonNode responses = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses");
    String key = String.valueOf(status);
    if (!responses.has(key)) {
      key = status / 100 + "XX";
    }
    if (!responses.has(key) && status >= 400) {
      key = "default"; // any operation may meet errors it does not list; a success it does not list is news
    }
    if (!responses.has(key)) {
      problems.add("status " + status + " is not documented (documented: " + names(responses) + ")");
      return problems;
    }
    JsonNode content = responses.path(key).path("content");
    boolean hasBody = body != null && !body.isEmpty();
    if (!hasBody) {
      if (content.size() > 0 && status != 304 && !"HEAD".equals(method)) {
        problems.add("no body, but the document describes one (" + names(content) + ")");
      }
      return problems;
    }
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (content.size() == 0) {
      problems.add("a body (" + mediaType + ") the document does not describe");
      return problems;
    }
    String documented = content.has(mediaType) ? mediaType : content.has("*/*") ? "*/*" : null;
    if (documented == null) {
      problems.add("Content-Type " + mediaType + " is not documented (documented: " + names(content) + ")");
      return problems;
    }
    if (!(mediaType.equals("application/json") || mediaType.endsWith("+json"))
        || !content.path(documented).has("schema")
        || contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity")) {
      return problems; // a compressed body (a test that asked for gzip) is that test's to read
    }
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (java.io.IOException e) {
      problems.add("the body is not JSON: " + e.getMessage());
      return problems;
    }
    String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + escape(key)
        + "/content/" + escape(documented) + "/schema";
    Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
    for (Error error : schema.validate(value)) {
      problems.add(error.toString());
    }
    return problems;
  }

  private String template(String method, String path) {
    for (Operation operation : paths) {
      if (operation.pattern().matcher(path).matches()
          && document.path("paths").path(operation.template()).has(method.toLowerCase(Locale.ROOT))) {
        return operation.template();
      }
    }
    return null;
  }

  private static String names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  /** A JSON pointer's escaping (RFC 6901). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
