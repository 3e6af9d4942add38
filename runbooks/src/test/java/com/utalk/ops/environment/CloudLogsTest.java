package com.utalk.ops.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.utalk.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runbook's log search in the cloud: Cloud Logging's {@code entries:list} played by a local
 * server that answers newest first, a page at a time, and refuses a request without the operator's
 * bearer token as the API does. The runbook reads the lines oldest first and stops at its limit.
 */
class CloudLogsTest {
  private HttpServer logging;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile int refuseWith;

  @BeforeEach
  void start() throws IOException {
    logging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    logging.createContext(
        "/v2/entries:list",
        exchange -> {
          JsonNode request = Json.read(exchange.getRequestBody().readAllBytes());
          requests.add(request);
          boolean authorized =
              "Bearer token-of-the-operator"
                  .equals(exchange.getRequestHeaders().getFirst("Authorization"));
          int status = !authorized ? 401 : refuseWith != 0 ? refuseWith : 200;
          byte[] body = status == 200 ? Json.writeBytes(page(request)) : new byte[0];
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    logging.start();
  }

  @AfterEach
  void stop() {
    logging.stop(0);
  }

  /** Five lines, 10:05 down to 10:01, two per page. */
  private static ObjectNode page(JsonNode request) {
    int from = request.path("pageToken").asInt(0);
    ObjectNode page = Json.object();
    ArrayNode entries = page.putArray("entries");
    for (int i = from; i < Math.min(from + 2, 5); i++) {
      ObjectNode entry = entries.addObject();
      entry.put("timestamp", "2026-12-04T10:0" + (5 - i) + ":00Z");
      entry.put("severity", "WARNING");
      entry.putObject("jsonPayload").put("message", "line " + (5 - i)).put("requestId", "r-" + i);
    }
    if (from + 2 < 5) {
      page.put("nextPageToken", String.valueOf(from + 2));
    }
    return page;
  }

  private CloudLogs logs(String token) {
    return new CloudLogs(
        "utalk-prod",
        "http://127.0.0.1:" + logging.getAddress().getPort() + "/v2/entries:list",
        new GoogleRest(() -> token));
  }

  private static LogQuery query(int limit) {
    return new LogQuery("realtime-service", Instant.parse("2026-12-04T10:00:00Z"), null, limit);
  }

  @Test
  void everyPageIsReadAndTheLinesComeOldestFirst() throws Exception {
    List<LogEntry> lines = logs("token-of-the-operator").read(query(100));

    assertEquals(
        List.of("line 1", "line 2", "line 3", "line 4", "line 5"),
        lines.stream().map(LogEntry::message).toList());
    assertEquals("realtime-service", lines.get(0).service());
    assertEquals("r-4", lines.get(0).requestId());
    assertEquals(3, requests.size(), "three pages of two");
    assertEquals("4", requests.get(2).path("pageToken").asText(), "the last page's token");
  }

  @Test
  void theLimitStopsTheReadingAtTheNewestLines() throws Exception {
    List<LogEntry> lines = logs("token-of-the-operator").read(query(3));

    assertEquals(
        List.of("line 3", "line 4", "line 5"), lines.stream().map(LogEntry::message).toList());
    assertEquals(2, requests.size(), "no page is asked for once the limit is reached");
    assertEquals(3, requests.get(0).path("pageSize").asInt());
  }

  @Test
  void aRefusalIsAnErrorNamingTheStatusNotAnEmptyResult() {
    IOException unauthorized =
        assertThrows(IOException.class, () -> logs("expired").read(query(10)));
    assertTrue(
        unauthorized.getMessage().endsWith("/v2/entries:list answered 401"),
        unauthorized.getMessage());

    refuseWith = 403;
    IOException denied =
        assertThrows(IOException.class, () -> logs("token-of-the-operator").read(query(10)));
    assertTrue(denied.getMessage().startsWith("POST http://127.0.0.1:"), denied.getMessage());
    assertTrue(denied.getMessage().endsWith("answered 403"));
  }
}
