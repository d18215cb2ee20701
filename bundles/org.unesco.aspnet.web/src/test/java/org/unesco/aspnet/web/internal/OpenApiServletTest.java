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
}
