package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.auth.Role;
import com.utalk.json.Json;
import com.utalk.realtime.RealtimeServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client events with arguments the front end should not send: each is acked with the REST API's
 * error shape naming the field, and the socket goes on. Also what {@code sync:since} reports when
 * part of what was asked for already reached the socket live.
 */
class AgentEventErrorsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static String url;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    realtime = harness.startRealtime("errors-" + UUID.randomUUID().toString().substring(0, 6));
    url = RealtimeHarness.url(realtime);
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    harness.close();
  }

  private static String phone() {
    return "+52155" + (10_000_000 + (int) (Math.random() * 89_999_999));
  }

  private static void assertRefused(JsonNode ack, String field) {
    assertFalse(ack.path("ok").asBoolean(), ack.toString());
    assertEquals("validation_failed", ack.path("error").asText(), ack.toString());
    assertEquals(field, ack.path("field").asText(), ack.toString());
    assertTrue(ack.path("message").isTextual(), ack.toString());
    assertTrue(ack.path("requestId").isTextual(), ack.toString());
  }

  @Test
  void mediaIdsMustBeAnArrayOfStrings() {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-m", Role.AGENT))) {
      for (Object mediaIds : List.of("m1", List.of(1, 2), Map.of("id", "m1"))) {
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("messageId", UUID.randomUUID().toString());
        send.put("conversationId", conversationId);
        send.put("body", "con adjunto");
        send.put("mediaIds", mediaIds);
        assertRefused(agent.call("message:send", send), "mediaIds");
      }
      List<String> eleven = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        eleven.add("media-" + i);
      }
      assertRefused(
          agent.call(
              "message:send",
              Map.of(
                  "messageId",
                  UUID.randomUUID().toString(),
                  "conversationId",
                  conversationId,
                  "body",
                  "muchos adjuntos",
                  "mediaIds",
                  eleven)),
          "mediaIds");
      // mediaIds: null is the same as none (a JSON tree, so the null is sent as written)
      ObjectNode noMedia =
          Json.mapper()
              .createObjectNode()
              .put("messageId", UUID.randomUUID().toString())
              .put("conversationId", conversationId)
              .put("body", "sin adjuntos")
              .putNull("mediaIds");
      JsonNode sent = agent.call("message:send", noMedia);
      assertTrue(sent.path("ok").asBoolean(), sent.toString());
      assertEquals("queued", sent.path("status").asText(), sent.toString());
      JsonNode notAnObject = agent.call("message:send", "solo texto");
      assertEquals("validation_failed", notAnObject.path("error").asText(), notAnObject.toString());
      // the socket is still usable
      JsonNode joined = agent.call("conversation:join", Map.of("conversationId", conversationId));
      assertTrue(joined.path("ok").asBoolean(), joined.toString());
    }
  }

  @Test
  void syncSinceRefusesShapesAndSequenceNumbersItCannotUse() {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-s", Role.AGENT))) {
      assertRefused(agent.call("sync:since", Map.of()), "conversationId");
      assertRefused(agent.call("sync:since", Map.of("conversations", "all")), "conversationId");
      for (Object seq : List.of(-1, "3", 1.5, true)) {
        assertRefused(
            agent.call("sync:since", Map.of("conversationId", conversationId, "seq", seq)), "seq");
      }
      assertRefused(
          agent.call("sync:since", Map.of("conversations", List.of(Map.of("seq", 0)))),
          "conversationId");
      assertRefused(
          agent.call("sync:since", Map.of("conversations", Map.of(conversationId, -5))), "seq");
      assertRefused(
          agent.call("sync:since", Map.of("conversations", Map.of("a/b", 0))), "conversations");
      // a seq of null counts as "from the start", in either form
      ObjectNode fromStart =
          Json.mapper().createObjectNode().put("conversationId", conversationId).putNull("seq");
      JsonNode synced = agent.call("sync:since", Map.of("conversations", List.of(fromStart)));
      assertTrue(synced.path("ok").asBoolean(), synced.toString());
      assertEquals(0, synced.path("conversations").path(0).path("fromSeq").asLong());
      Map<String, Object> tooMany = new LinkedHashMap<>();
      for (int i = 0; i < 101; i++) {
        tooMany.put("c" + i, 0);
      }
      assertRefused(agent.call("sync:since", Map.of("conversations", tooMany)), "conversations");
    }
  }

  @Test
  void syncSinceInItsObjectFormReplaysAndCountsOnlyWhatTheSocketHasNotSeen() {
    String phone = phone();
    String conversationId = harness.customerWrites(phone, "uno");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-r", Role.AGENT))) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
      harness.stack.deliver(
          harness.webhook.url("/webhooks/twilio/whatsapp"), harness.stack.inbound(phone, "dos"));
      agent.awaitEvent(
          "message:new",
          e ->
              e.path("conversationId").asText().equals(conversationId)
                  && e.path("seq").asLong() == 2,
          WAIT);

      JsonNode ack = agent.call("sync:since", Map.of("conversations", Map.of(conversationId, 0)));
      assertTrue(ack.path("ok").asBoolean(), ack.toString());
      JsonNode result = ack.path("conversations").path(0);
      assertEquals(conversationId, result.path("conversationId").asText());
      assertEquals(0, result.path("fromSeq").asLong());
      assertEquals(1, result.path("replayed").asInt(), "seq 2 reached it live: only seq 1 is sent");
      assertEquals(2, result.path("lastSeq").asLong());
      assertTrue(result.path("complete").asBoolean());
      assertEquals(List.of(2L, 1L), seqs(agent, conversationId), "each event once");
    }
  }

  @Test
  void anEventSentWithoutACallbackIsStillHandled() {
    String phone = phone();
    String conversationId = harness.customerWrites(phone, "hola");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-n", Role.AGENT))) {
      agent.emitWithoutAck("conversation:join", Map.of("conversationId", conversationId));
      agent.emitWithoutAck("conversation:join", Map.of()); // refused, and nobody to tell
      // typing needs the conversation joined: it is refused until the join without a callback ran
      long deadline = System.nanoTime() + WAIT.toNanos();
      JsonNode typing = agent.call("typing:start", Map.of("conversationId", conversationId));
      while (!typing.path("ok").asBoolean() && System.nanoTime() < deadline) {
        sleep(50);
        typing = agent.call("typing:start", Map.of("conversationId", conversationId));
      }
      assertTrue(typing.path("ok").asBoolean(), typing.toString());
      harness.stack.deliver(
          harness.webhook.url("/webhooks/twilio/whatsapp"), harness.stack.inbound(phone, "otra"));
      JsonNode event =
          agent.awaitEvent(
              "message:new", e -> e.path("conversationId").asText().equals(conversationId), WAIT);
      assertEquals("otra", event.path("data").path("body").asText());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> seqs(AgentClient agent, String conversationId) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode event : agent.events("message:new")) {
      if (event.path("conversationId").asText().equals(conversationId)) {
        seqs.add(event.path("seq").asLong());
      }
    }
    return seqs;
  }
}
