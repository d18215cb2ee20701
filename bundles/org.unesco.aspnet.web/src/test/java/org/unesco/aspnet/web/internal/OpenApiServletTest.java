package org.unesco.aspnet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.web.Json;

class OpenApiServletTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void everyOperationTakesTheInstalledWaysToSignInOrNone() throws Exception {
    JsonNode platform = json("{\"paths\": {\"/api/v1/health\": {\"get\": {\"security\": [], \"responses\": {}}}}}");
    JsonNode security = json("{\"paths\": {\"/api/v1/me\": {\"get\": {\"responses\": {}}}},"
        + " \"components\": {\"securitySchemes\": {\"bearer\": {\"type\": \"http\", \"scheme\": \"bearer\"},"
        + " \"session\": {\"type\": \"apiKey\", \"in\": \"cookie\", \"name\": \"ASPNET_SESSION\"}}}}");
    JsonNode doc = OpenApiServlet.assemble(List.of(platform, security));
    // a client (the API reference's Authorize) sends the token it was given to every operation
    assertEquals(json("[{\"bearer\": []}, {\"session\": []}, {}]"), doc.path("security"));
    assertEquals(json("[]"), doc.path("paths").path("/api/v1/health").path("get").path("security"), "an operation's own stands");
  }

  @Test
  void withoutAWayToSignInNothingIsRequired() throws Exception {
    JsonNode doc = OpenApiServlet.assemble(List.of(json("{\"paths\": {\"/api/v1/health\": {\"get\": {\"responses\": {}}}}}")));
    assertFalse(doc.has("security"));
  }

  @Test
  void everyOperationSaysItsOtherErrorsAreProblemDetails() throws Exception {
    JsonNode doc = OpenApiServlet.assemble(List.of(json("{\"paths\": {\"/api/v1/things\": {"
        + "\"parameters\": [],"
        + " \"get\": {\"responses\": {\"200\": {\"description\": \"things\"}}},"
        + " \"post\": {\"responses\": {\"default\": {\"description\": \"its own\"}}}}}}")));
    JsonNode get = doc.path("paths").path("/api/v1/things").path("get").path("responses");
    assertEquals("#/components/schemas/Problem",
        get.path("default").path("content").path("application/problem+json").path("schema").path("$ref").asText());
    assertEquals("things", get.path("200").path("description").asText());
    assertEquals("its own", doc.path("paths").path("/api/v1/things").path("post").path("responses").path("default")
        .path("description").asText(), "an operation's own default stands");
    assertFalse(doc.path("paths").path("/api/v1/things").path("parameters").has("default"), "not an operation");
  }
}
