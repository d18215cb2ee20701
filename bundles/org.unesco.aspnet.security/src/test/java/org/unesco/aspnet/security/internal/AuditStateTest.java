package org.unesco.aspnet.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unesco.aspnet.web.Json;

/** An audit entry's state too long for its column stays a JSON object: its largest values are said by their size. */
class AuditStateTest {
  @Test
  void aStateTooLongKeepsItsShortValuesAndSaysTheSizeOfTheLongOnes() throws Exception {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("kind", "CAMPAIGN");
    state.put("countries", List.of("FR", "DE"));
    state.put("description", Map.of("en", "\uD83D\uDE00".repeat(3000), "fr", "é".repeat(3000)));
    state.put("title", Map.of("en", "x".repeat(100)));
    String json = AuditLogService.json(state);
    assertTrue(json.length() <= 8000, "fits its column: " + json.length());
    JsonNode read = Json.MAPPER.readTree(json);
    assertTrue(read.isObject(), json);
    assertEquals("CAMPAIGN", read.path("kind").asText());
    assertEquals("x".repeat(100), read.path("title").path("en").asText(), "what fits stays");
    assertTrue(read.path("description").asText().contains("characters, too long for the audit log"), json);
  }

  @Test
  void aStateThatFitsIsWrittenAsItIs() {
    assertEquals("{\"status\":\"MEMBER\"}", AuditLogService.json(Map.of("status", "MEMBER")));
  }
}
