package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection-state recovery (Socket.IO 4.6+) with the real npm client (src/test/node/recovery.js):
 * back within the allowed time, the client gets its socket id and rooms back and the broadcasts it
 * missed, in order, once; back too late, it gets a new session and nothing replayed.
 */
class ConnectionStateRecoveryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "polling", "default"})
  void aClientBackInTimeGetsItsSessionAndWhatItMissed(String mode) {
    try (TestApp app =
        TestApp.start(
            TestApp.testConfig().connectionStateRecovery(Duration.ofSeconds(5)).build())) {
      JsonNode result =
          NodeClient.run(
              TIMEOUT, "recovery.js", "--url", app.url(), "--mode", mode, "--away", "200");
      assertTrue(result.path("recovered").asBoolean(), result.toString());
      assertTrue(result.path("sameId").asBoolean(), "the same socket id: " + result);
      assertEquals(List.of("before"), texts(result.path("sawBefore")));
      assertEquals(
          List.of("missed-1", "missed-2", "missed-3", "live"),
          texts(result.path("afterReconnect")),
          "what it missed, in order and once, then live broadcasts to the room it is back in");
      assertTrue(
          result.path("offsetArgument").asBoolean(),
          "each broadcast carries its offset as the last argument");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket"})
  void aClientBackTooLateGetsANewSession(String mode) {
    try (TestApp app =
        TestApp.start(
            TestApp.testConfig().connectionStateRecovery(Duration.ofMillis(300)).build())) {
      JsonNode result =
          NodeClient.run(
              TIMEOUT, "recovery.js", "--url", app.url(), "--mode", mode, "--away", "1000");
      assertFalse(result.path("recovered").asBoolean(), result.toString());
      assertFalse(result.path("sameId").asBoolean(), result.toString());
      assertEquals(
          List.of(),
          texts(result.path("afterReconnect")),
          "nothing replayed, and the room is not rejoined either, so not even the live broadcast reaches it");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }
}
