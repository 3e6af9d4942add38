package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.config.Settings;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated arguments for every client event, through the real socket.io-client: every ack is
 * {@code ok: true} or the one error shape (never {@code internal}), and a refused {@code
 * message:send} stores nothing. Seeded, so a failure replays; bounded to a few seconds.
 */
class SocketEventFuzzTest {
  private static final List<String> EVENTS =
      List.of(
          "conversation:join",
          "conversation:leave",
          "message:send",
          "typing:start",
          "typing:stop",
          "sync:since");
  private static final List<String> KEYS =
      List.of("conversationId", "messageId", "body", "mediaIds", "seq", "conversations");
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    Map<String, String> settings =
        harness.realtimeSettings("fuzz-" + UUID.randomUUID().toString().substring(0, 6));
    settings.put("REALTIME_SOCKET_EVENTS_PER_SECOND", "1000");
    settings.put("REALTIME_SOCKET_EVENT_BURST", "1000");
    realtime = RealtimeServer.start(Settings.of(settings), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    harness.close();
  }

  @Test
  void generatedEventArgumentsAreAnsweredInTheOneShape() throws Exception {
    String conversationId = harness.customerWrites("+5215516660001", "hola");
    Random random = new Random(1103);
    try (AgentClient agent =
        AgentClient.connect(
            RealtimeHarness.url(realtime), harness.token("agent-fuzz", Role.AGENT))) {
      assertTrue(
          agent
              .call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
      for (int i = 0; i < 150; i++) {
        String event = EVENTS.get(random.nextInt(EVENTS.size()));
        Object argument = argument(random, conversationId);
        int before = messages(conversationId);
        JsonNode ack = agent.call(event, argument);
        String input = event + " " + argument;
        if (ack.path("ok").asBoolean()) {
          continue;
        }
        assertFalse(ack.path("error").asText().isEmpty(), input + " -> " + ack);
        assertNotEquals("internal", ack.path("error").asText(), input + " -> " + ack);
        assertFalse(ack.path("message").asText().isEmpty(), input + " -> " + ack);
        assertFalse(ack.path("requestId").asText().isEmpty(), input + " -> " + ack);
        assertEquals(before, messages(conversationId), "stored on refusal: " + input);
      }
    }
  }

  @Test
  void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() throws Exception {
    String conversationId = harness.customerWrites("+5215516660002", "hola");
    try (AgentClient agent =
        AgentClient.connect(
            RealtimeHarness.url(realtime), harness.token("agent-fuzz-2", Role.AGENT))) {
      JsonNode ack =
          agent.call(
              "message:send",
              Map.of(
                  "conversationId",
                  conversationId,
                  "messageId",
                  UUID.randomUUID().toString(),
                  "body",
                  "hola \ud83d"));
      assertFalse(ack.path("ok").asBoolean(), ack.toString());
      assertEquals("validation_failed", ack.path("error").asText(), ack.toString());
      assertEquals("body", ack.path("field").asText(), ack.toString());
      JsonNode paired =
          agent.call(
              "message:send",
              Map.of(
                  "conversationId",
                  conversationId,
                  "messageId",
                  UUID.randomUUID().toString(),
                  "body",
                  "hola \ud83d\ude00"));
      assertTrue(paired.path("ok").asBoolean(), "a surrogate pair (an emoji) is fine: " + paired);
      assertEquals(
          1 + 1, messages(conversationId), "the customer's message and the emoji reply only");
    }
  }

  private static Object argument(Random random, String conversationId) {
    switch (random.nextInt(6)) {
      case 0:
        return value(random, conversationId, 0);
      case 1:
        return List.of(value(random, conversationId, 0));
      default:
        Map<String, Object> object = new LinkedHashMap<>();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
          object.put(KEYS.get(random.nextInt(KEYS.size())), value(random, conversationId, 0));
        }
        return object;
    }
  }

  private static Object value(Random random, String conversationId, int depth) {
    switch (random.nextInt(depth > 2 ? 9 : 11)) {
      case 0:
        return conversationId;
      case 1:
        return UUID.randomUUID().toString();
      case 2:
        return "";
      case 3:
        return "__x__";
      case 4:
        return "a/b";
      case 5:
        return random.nextBoolean() ? "x".repeat(random.nextInt(10_000)) : "lone \ud800 surrogate";
      case 6:
        return random.nextLong();
      case 7:
        return random.nextBoolean();
      case 8:
        return random.nextDouble() * 1e300;
      case 9:
        {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < random.nextInt(4); i++) {
            list.add(value(random, conversationId, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          map.put(
              random.nextBoolean() ? conversationId : "k" + random.nextInt(5),
              value(random, conversationId, depth + 1));
          map.put("seq", random.nextInt(3) - 1);
          map.put("conversationId", random.nextBoolean() ? conversationId : "__y__");
          return map;
        }
    }
  }

  private static int messages(String conversationId) throws Exception {
    return harness
        .stack
        .env
        .firestore()
        .collection("messages")
        .whereEqualTo("conversationId", conversationId)
        .get()
        .get()
        .size();
  }
}
