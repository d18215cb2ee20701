package org.unesco.aspnet.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.unesco.aspnet.web.ApiServlet;
import org.unesco.aspnet.web.Json;
import org.unesco.aspnet.web.OpenApiFragment;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document assembled from the fragment of every
 * registered endpoint ({@link OpenApiFragment}). Rebuilt when an endpoint comes or goes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/openapi.json")
@OpenApiFragment("openapi/platform.json")
public final class OpenApiServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  private final transient Logger log;
  private final transient Map<ServiceReference<?>, Fragment> fragments = new ConcurrentHashMap<>();
  private transient volatile byte[] document;
  /** Counts the changes of {@link #fragments}; guarded by {@code this}. */
  private transient long generation;

  @Activate
  public OpenApiServlet(@Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
  }

  @Reference(
      service = Servlet.class,
      target = "(" + OpenApiFragment.PROPERTY + "=*)",
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC)
  void addEndpoint(ServiceReference<Servlet> endpoint) {
    Bundle bundle = endpoint.getBundle();
    String path = String.valueOf(endpoint.getProperty(OpenApiFragment.PROPERTY));
    URL entry = bundle == null ? null : bundle.getEntry(path);
    if (entry == null) {
      log.warn("OpenAPI fragment {} not found in {}", path, bundle);
      return;
    }
    // Read when the document is first asked for: at start the whiteboard takes up every endpoint
    // one after the other before it serves any, and parsing some 130 KB of fragments there
    // delayed the first answer by a tenth of a second.
    fragments.put(endpoint, new Fragment(entry, path, bundle.getSymbolicName()));
    changed();
  }

  void removeEndpoint(ServiceReference<Servlet> endpoint) {
    if (fragments.remove(endpoint) != null) {
      changed();
    }
  }

  /** The endpoints changed: the document is assembled again on the next request. */
  private synchronized void changed() {
    generation++;
    document = null;
  }

  /**
   * Keeps {@code doc} as the document unless the endpoints changed while it was assembled (from a
   * snapshot of them): else a plugin's paths could be missing until the next change.
   */
  private synchronized void keep(byte[] doc, long assembledAt) {
    if (generation == assembledAt) {
      document = doc;
    }
  }

  /** An endpoint's fragment: where it is, and its JSON once read (null if it is not JSON). */
  private final class Fragment {
    private final URL entry;
    private final String path;
    private final String bundle;
    private JsonNode json;
    private boolean read;

    Fragment(URL entry, String path, String bundle) {
      this.entry = entry;
      this.path = path;
      this.bundle = bundle;
    }

    synchronized JsonNode json() {
      if (!read) {
        read = true;
        try (InputStream in = entry.openStream()) {
          json = Json.MAPPER.readTree(in);
        } catch (IOException | IllegalStateException e) {
          log.warn("OpenAPI fragment {} of {} is not valid JSON: {}", path, bundle, e.getMessage());
        }
      }
      return json;
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] doc = document;
    if (doc == null) {
      long assembledAt;
      synchronized (this) {
        assembledAt = generation;
      }
      List<JsonNode> parts = new java.util.ArrayList<>();
      for (Fragment f : fragments.values()) {
        JsonNode json = f.json();
        if (json != null) {
          parts.add(json);
        }
      }
      doc = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(assemble(parts));
      keep(doc, assembledAt);
    }
    response.setContentType(Json.MEDIA_TYPE);
    response.setContentLength(doc.length);
    response.getOutputStream().write(doc);
  }

  static ObjectNode assemble(Iterable<JsonNode> fragments) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "ASPnet Platform API");
    info.put("version", "1");
    info.put(
        "description",
        "API of the platform for UNESCO's Associated Schools Network. Errors are"
            + " application/problem+json (RFC 9457); lists are paged with limit and cursor.");
    doc.putArray("servers").addObject().put("url", "/");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode components = doc.putObject("components");
    com.fasterxml.jackson.databind.node.ArrayNode tags = doc.putArray("tags");
    java.util.Set<String> tagNames = new java.util.TreeSet<>();
    for (JsonNode fragment : fragments) {
      merge(paths, fragment.path("paths"));
      for (Iterator<Map.Entry<String, JsonNode>> it = fragment.path("components").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> section = it.next();
        ObjectNode target =
            components.has(section.getKey())
                ? (ObjectNode) components.get(section.getKey())
                : components.putObject(section.getKey());
        merge(target, section.getValue());
      }
      for (JsonNode tag : fragment.path("tags")) {
        if (tagNames.add(tag.path("name").asText())) {
          tags.add(tag);
        }
      }
    }
    withErrorsDocumented(paths);
    // Every operation takes any of the installed ways to sign in, or none (what the public may do
    // each endpoint decides; an operation says "security": [] when it never looks): without this a
    // client generated from the document, or the API reference's Authorize, sends no credential.
    JsonNode schemes = components.path("securitySchemes");
    if (schemes.isObject() && !schemes.isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode security = doc.putArray("security");
      schemes.fieldNames().forEachRemaining(name -> security.addObject().putArray(name));
      security.addObject(); // {}: without credentials too
    }
    return doc;
  }

  private static final java.util.Set<String> METHODS = java.util.Set.of("get", "put", "post", "delete", "patch", "head", "options");

  /**
   * Any operation may answer errors it does not list: 401 for a credential that is no longer valid,
   * 406, 413, 415, 429, 500, 503 while a component it needs is away (the web bundle's and the
   * security filter's, for every endpoint). A {@code default} response says that they are problem
   * details (RFC 9457), so that a generated client reads them as such.
   */
  private static void withErrorsDocumented(ObjectNode paths) {
    paths.forEach(path -> path.fields().forEachRemaining(operation -> {
      if (METHODS.contains(operation.getKey()) && operation.getValue().path("responses") instanceof ObjectNode responses
          && !responses.has("default")) {
        ObjectNode error = responses.putObject("default");
        error.put("description", "An error this operation does not list (a credential no longer valid, a request"
            + " too large or too frequent, a component away...): problem details, RFC 9457");
        error.putObject("content").putObject("application/problem+json").putObject("schema")
            .put("$ref", "#/components/schemas/Problem");
      }
    }));
  }

  private static void merge(ObjectNode target, JsonNode source) {
    source.fields().forEachRemaining(e -> {
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode) {
        merge(o, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    });
  }
}
