package com.utalk.ops.runbooks.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.json.Json;
import com.utalk.ops.environment.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookTrafficTest {
  private static LogEntry line(String message, int status, String error, String requestId) {
    return line(message, status, error, requestId, "POST");
  }

  private static LogEntry line(
      String message, int status, String error, String requestId, String method) {
    var fields = Json.object().put("message", message).put("method", method);
    if (status > 0) {
      fields.put("status", status);
    }
    if (error != null) {
      fields.put("error", error);
    }
    return new LogEntry(
        Instant.parse("2026-12-04T01:00:00Z"),
        "whatsapp-inbound-webhook",
        "INFO",
        message,
        requestId,
        fields);
  }

  @Test
  void requestsAreCountedByStatusClassAndRefusalsByError() {
    List<LogEntry> lines = new ArrayList<>();
    lines.add(line("http request", 200, null, "ok-1"));
    lines.add(line("inbound message stored", 0, null, "ok-1"));
    for (int i = 0; i < 7; i++) {
      lines.add(line("request refused", 0, "invalid_signature", "bad-" + i));
      lines.add(line("http request", 403, null, "bad-" + i));
    }
    lines.add(line("request failed", 0, "database_unavailable", "down-1"));
    lines.add(line("http request", 503, null, "down-1"));
    // a readiness probe is not Twilio's traffic
    lines.add(line("request refused", 0, "method_not_allowed", "probe-1", null));
    lines.add(line("http request", 405, null, "probe-1", "GET"));

    WebhookTraffic traffic = WebhookTraffic.of(lines);
    assertEquals(9, traffic.requests());
    assertEquals(Map.of("2xx", 1, "4xx", 7, "5xx", 1), traffic.byStatusClass());
    assertEquals(7, traffic.refused("invalid_signature"));
    assertEquals(1, traffic.refused("database_unavailable"));
    assertEquals(0, traffic.refused("method_not_allowed"), "probes are left out");
    assertEquals(5, traffic.lastFailures().size(), "the latest failures only");
    assertEquals("down-1 503 at 2026-12-04T01:00:00Z", traffic.lastFailures().get(4));
  }
}
