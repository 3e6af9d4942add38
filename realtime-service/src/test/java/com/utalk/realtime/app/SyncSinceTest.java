package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sync:since} as a reconnecting front end uses it: a client too far behind is told to reload
 * ({@code complete: false}), live events arriving during a replay reach it once each, and event
 * types the front end does not know are neither sent live nor replayed.
 */
class SyncSinceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static String url;
  private static PubSubEventPublisher publisher;
  private static EventOutbox unpublished;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    realtime = harness.startRealtime("sync-" + UUID.randomUUID().toString().substring(0, 6));
    url = RealtimeHarness.url(realtime);
    publisher = new PubSubEventPublisher(harness.stack.env.pubsub());
    // stores events without publishing them: the test publishes (or not) itself
    unpublished =
        new EventOutbox(
            harness.stack.env.firestore(),
            (topic, data, attributes, key) -> new CompletableFuture<>(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    publisher.close();
    realtime.close();
    harness.close();
  }

  private static String phone() {
    return "+52155" + (10_000_000 + (int) (Math.random() * 89_999_999));
  }

  private static ConversationEvent event(String type, String conversationId, long seq) {
    return EventOutbox.newEvent(
        type,
        "ws-test",
        conversationId,
        seq,
        Instant.now(),
        "req-" + seq,
        Map.of("messageId", "m-" + seq, "status", "delivered"));
  }

  private static void store(List<ConversationEvent> events) throws Exception {
    harness
        .stack
        .env
        .firestore()
        .runTransaction(
            tx -> {
              events.forEach(e -> unpublished.append(tx, e));
              return null;
            })
        .get();
  }

  private static void publish(ConversationEvent event) throws Exception {
    publisher
        .publish(
            Topics.CONVERSATION_EVENTS,
            Json.writeBytes(event),
            Map.of(
                "eventId", event.eventId(), "type", event.type(), "requestId", event.requestId()),
            event.conversationId())
        .get();
  }

  /** Every seq of the conversation the agent received, in arrival order, whatever the event. */
  private static List<Long> seqs(AgentClient agent, String conversationId) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode line : agent.allEvents()) {
      JsonNode event = line.path("args").path(0);
      if (event.path("conversationId").asText().equals(conversationId) && event.has("seq")) {
        seqs.add(event.path("seq").asLong());
      }
    }
    return seqs;
  }

  private static List<Long> awaitSeqs(AgentClient agent, String conversationId, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (seqs(agent, conversationId).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return seqs(agent, conversationId);
  }

  @Test
  void aClientTooFarBehindGetsTheFirstBatchAndIsToldItIsIncomplete() throws Exception {
    String conversationId = harness.customerWrites(phone(), "hola");
    List<ConversationEvent> more = new ArrayList<>();
    for (long seq = 2; seq <= 601; seq++) {
      more.add(event(ConversationEvent.MESSAGE_STATUS, conversationId, seq));
    }
    store(more.subList(0, 300));
    store(more.subList(300, 600));
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-far", Role.AGENT))) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
      JsonNode ack = agent.call("sync:since", Map.of("conversationId", conversationId, "seq", 0));
      assertTrue(ack.path("ok").asBoolean(), ack.toString());
      JsonNode result = ack.path("conversations").path(0);
      assertEquals(500, result.path("replayed").asInt());
      assertEquals(500, result.path("lastSeq").asLong(), "where the next sync:since continues");
      assertFalse(result.path("complete").asBoolean(), "more than one replay holds: reload");
      assertEquals(
          LongStream.rangeClosed(1, 500).boxed().toList(), awaitSeqs(agent, conversationId, 500));
    }
  }

  @Test
  void liveEventsDuringReplaysReachTheClientOnceEach() throws Exception {
    String conversationId = harness.customerWrites(phone(), "hola");
    int last = 41;
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-busy", Role.AGENT))) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
      CompletableFuture<Void> traffic =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (long seq = 2; seq <= last; seq++) {
                    ConversationEvent event =
                        event(ConversationEvent.MESSAGE_STATUS, conversationId, seq);
                    store(List.of(event));
                    publish(event);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // the reconnecting front end's replays, over and over while the events keep coming
      while (!traffic.isDone()) {
        JsonNode ack = agent.call("sync:since", Map.of("conversationId", conversationId, "seq", 0));
        assertTrue(ack.path("ok").asBoolean(), ack.toString());
      }
      traffic.get();
      List<Long> seqs = awaitSeqs(agent, conversationId, last);
      Thread.sleep(300); // anything sent twice would show by now
      seqs = seqs(agent, conversationId);
      assertEquals(
          LongStream.rangeClosed(1, last).boxed().toList(),
          seqs.stream().sorted().toList(),
          "every event once: " + seqs);
    }
  }

  @Test
  void eventTypesTheFrontEndDoesNotKnowAreNeitherSentNorReplayed() throws Exception {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-unknown", Role.AGENT))) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
      ConversationEvent unknown = event("conversation.tagged", conversationId, 2);
      ConversationEvent status = event(ConversationEvent.MESSAGE_STATUS, conversationId, 3);
      store(List.of(unknown, status));
      publish(unknown);
      publish(status);
      agent.awaitEvent(
          "message:status",
          e ->
              e.path("conversationId").asText().equals(conversationId)
                  && e.path("seq").asLong() == 3,
          WAIT);
      JsonNode ack = agent.call("sync:since", Map.of("conversationId", conversationId, "seq", 0));
      JsonNode result = ack.path("conversations").path(0);
      assertEquals(1, result.path("replayed").asInt(), "only seq 1: 2 is unknown, 3 came live");
      assertEquals(3, result.path("lastSeq").asLong());
      assertEquals(List.of(3L, 1L), seqs(agent, conversationId));
    }
  }
}
