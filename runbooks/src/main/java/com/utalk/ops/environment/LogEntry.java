package com.utalk.ops.environment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One structured log line of a service, as JsonLogFormatter writes it (masked already). */
public record LogEntry(
    Instant time,
    String service,
    String severity,
    String message,
    String requestId,
    JsonNode fields) {
  public String field(String name) {
    JsonNode value = fields.path(name);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  public int status() {
    return fields.path("status").asInt(0);
  }
}
