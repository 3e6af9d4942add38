package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.AuthModule;
import com.utalk.auth.Role;
import com.utalk.config.Settings;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The socket handshake's auth.apiVersion on an instance whose clock reads 2025-08-01: v1.0 is past
 * its sunset (refused with a connect_error naming the guide), v1.1 is deprecated but connects and
 * may still send without a messageId, v1.2 must send one.
 */
class SocketApiVersionTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static AuthModule auth;
  private static String url;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    Clock august2025 =
        Clock.offset(
            Clock.systemUTC(),
            Duration.between(Instant.now(), Instant.parse("2025-08-01T12:00:00Z")));
    realtime =
        RealtimeServer.start(Settings.of(harness.realtimeSettings("versions-test")), august2025);
    auth = new AuthModule(Settings.of(harness.settings), harness.stack.env.firestore(), august2025);
    url = RealtimeHarness.url(realtime);
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    harness.close();
  }

  private static String token(String uid) {
    return auth.issuer()
        .issue(uid, Role.AGENT, com.utalk.functions.testing.StackUnderTest.WORKSPACE)
        .value();
  }

  private static JsonNode firstConnectLine(AgentClient client) {
    return client.awaitLine(line -> line.path("type").asText().startsWith("connect"), WAIT);
  }

  @Test
  void aVersionPastItsSunsetIsRefusedWithAClearConnectError() {
    try (AgentClient client =
        AgentClient.start(url, token("agent-v10"), "websocket", false, "v1.0")) {
      JsonNode line = firstConnectLine(client);
      assertEquals("connect_error", line.path("type").asText());
      String message = line.path("message").asText();
      assertTrue(message.startsWith("api_version_sunset: "), message);
      assertTrue(message.contains("https://docs.utalk.com/migrations/v1.0-to-v1.1"), message);
    }
    try (AgentClient client =
        AgentClient.start(url, token("agent-v9"), "websocket", false, "v9.0")) {
      JsonNode line = firstConnectLine(client);
      assertEquals("connect_error", line.path("type").asText());
      assertTrue(line.path("message").asText().startsWith("validation_failed: "), line.toString());
    }
  }

  @Test
  void aDeprecatedVersionStillWorksAndOnlyTheCurrentOneMustSendAMessageId() {
    String conversationId = harness.customerWrites("+5215540001111", "hola");
    try (AgentClient older =
        AgentClient.start(url, token("agent-v11"), "websocket", false, "v1.1")) {
      assertEquals("connect", firstConnectLine(older).path("type").asText());
      older.call("conversation:join", Map.of("conversationId", conversationId));
      JsonNode ack =
          older.call(
              "message:send", Map.of("conversationId", conversationId, "body", "desde v1.1"));
      assertTrue(ack.path("ok").asBoolean(), ack.toString());
      assertTrue(ack.path("messageId").asText().matches("[0-9a-f-]{36}"), ack.toString());
    }
    try (AgentClient current =
        AgentClient.start(url, token("agent-v12"), "websocket", false, "v1.2")) {
      assertEquals("connect", firstConnectLine(current).path("type").asText());
      current.call("conversation:join", Map.of("conversationId", conversationId));
      JsonNode ack =
          current.call(
              "message:send", Map.of("conversationId", conversationId, "body", "desde v1.2"));
      assertEquals("messageId", ack.path("field").asText(), ack.toString());
    }
  }
}
