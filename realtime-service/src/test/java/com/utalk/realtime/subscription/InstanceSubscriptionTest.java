package com.utalk.realtime.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import com.utalk.json.Json;
import com.utalk.logging.RequestContext;
import com.utalk.platform.Topics;
import com.utalk.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instance's own subscription on the Pub/Sub emulator, with both ways of pulling: what it hands
 * the fan-out, what it drops, what Pub/Sub redelivers, and how a failure shows.
 */
class InstanceSubscriptionTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static TestEnvironment env;
  private static PubSubEventPublisher publisher;

  @BeforeAll
  static void start() {
    env = TestEnvironment.create();
    publisher = new PubSubEventPublisher(env.pubsub());
  }

  @AfterAll
  static void stop() throws Exception {
    publisher.close();
    env.close();
  }

  private static ConversationEvent event(String conversationId, long seq) {
    return EventOutbox.newEvent(
        ConversationEvent.MESSAGE_STATUS,
        "ws-test",
        conversationId,
        seq,
        Instant.now(),
        "req-" + seq,
        Map.of("messageId", "m-" + seq, "status", "read"));
  }

  private static void publish(byte[] data, Map<String, String> attributes) throws Exception {
    publisher.publish(Topics.CONVERSATION_EVENTS, data, attributes, "key").get();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), what);
  }

  @Test
  void longPollingDropsUnreadableMessagesAndGetsFailedOnesAgain() throws Exception {
    unreadableMessagesAreDroppedAndFailedOnesRedelivered(PullMode.LONG_POLL);
  }

  @Test
  void streamingPullDropsUnreadableMessagesAndGetsFailedOnesAgain() throws Exception {
    unreadableMessagesAreDroppedAndFailedOnesRedelivered(PullMode.STREAMING);
  }

  private static void unreadableMessagesAreDroppedAndFailedOnesRedelivered(PullMode mode)
      throws Exception {
    String conversationId = "c-" + UUID.randomUUID();
    List<Long> seen = new CopyOnWriteArrayList<>();
    Map<Long, String> requestIds = new java.util.concurrent.ConcurrentHashMap<>();
    InstanceSubscription subscription =
        new InstanceSubscription(
            env.pubsub(),
            "it-" + UUID.randomUUID().toString().substring(0, 8),
            mode,
            event -> {
              if (!event.conversationId().equals(conversationId)) {
                return; // another test's
              }
              seen.add(event.seq());
              requestIds.put(event.seq(), RequestContext.currentRequestId());
              if (event.seq() == 2 && seen.stream().filter(seq -> seq == 2).count() == 1) {
                throw new IllegalStateException("fan-out failed once");
              }
            });
    subscription.start();
    try {
      assertEquals(InstanceSubscription.State.ACTIVE, subscription.state());
      assertEquals(mode, subscription.mode());
      publish("not an event".getBytes(StandardCharsets.UTF_8), Map.of());
      publish(Json.writeBytes(event(conversationId, 1)), Map.of("requestId", "req-from-api"));
      publish(Json.writeBytes(event(conversationId, 2)), Map.of());
      await(
          () -> seen.stream().filter(seq -> seq == 2).count() == 2,
          "seq 2 redelivered after its handler failed: " + seen);
      assertEquals(List.of(1L, 2L, 2L), seen.stream().sorted().toList());
      assertEquals("req-from-api", requestIds.get(1L), "the publisher's request id is kept");
      assertTrue(!requestIds.get(2L).isBlank(), "a fresh request id when none came");
    } finally {
      subscription.close();
    }
    assertEquals(InstanceSubscription.State.STOPPED, subscription.state());
  }

  @Test
  void aMissingTopicFailsTheStartAndSaysWhy() {
    GcpProject empty =
        new GcpProject(
            "no-topics-" + UUID.randomUUID().toString().substring(0, 8),
            env.project().firestoreEmulatorHost(),
            env.project().pubsubEmulatorHost());
    try (PubSubTransport transport = new PubSubTransport(empty)) {
      InstanceSubscription subscription =
          new InstanceSubscription(transport, "orphan", PullMode.LONG_POLL, event -> {});
      assertThrows(com.google.api.gax.rpc.NotFoundException.class, subscription::start);
      assertEquals(InstanceSubscription.State.FAILED, subscription.state());
      assertTrue(subscription.failure().startsWith("NotFoundException: "), subscription.failure());
      subscription.close(); // nothing was created: nothing to delete, and no error
      assertEquals(InstanceSubscription.State.STOPPED, subscription.state());
    }
  }
}
