package com.utalk.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentReference;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.platform.Topics;
import com.utalk.storage.Timestamps;
import com.utalk.testing.EventTap;
import com.utalk.testing.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's recovery paths on the emulators: an event whose request died after the commit and
 * before the publish is published by the next request that needs it (exactly once); a duplicate
 * waits for the request still publishing instead of sending a second copy, and answers 503 (so its
 * caller retries) when that takes too long.
 */
class EventOutboxTest {
  private TestEnvironment env;
  private PubSubEventPublisher publisher;

  @BeforeEach
  void emulators() {
    env = TestEnvironment.create();
    publisher = new PubSubEventPublisher(env.pubsub());
  }

  @AfterEach
  void close() throws Exception {
    publisher.close();
    env.close();
  }

  /** Stores event {@code seq} of {@code conversation} unpublished, leased until {@code lease}. */
  private DocumentReference stored(EventOutbox outbox, String conversation, long seq, Instant lease)
      throws Exception {
    ConversationEvent event =
        EventOutbox.newEvent(
            "message.created",
            "ws-1",
            conversation,
            seq,
            Instant.parse("2026-12-04T10:00:00Z"),
            "req-crashed",
            Map.of("messageId", "m-" + seq));
    Map<String, Object> entry = EventDocument.toMap(event);
    entry.put("leaseUntil", Timestamps.of(lease));
    DocumentReference ref = outbox.entry(conversation, seq);
    ref.set(entry).get();
    return ref;
  }

  @Test
  void anEventLeftUnpublishedByACrashedRequestIsPublishedOnceByTheNext() throws Exception {
    EventOutbox outbox = new EventOutbox(env.firestore(), publisher, Clock.systemUTC());
    DocumentReference ref =
        stored(outbox, "conv-orphan", 7, Instant.now().minus(Duration.ofMinutes(1)));
    try (EventTap tap = EventTap.open(env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      outbox.ensurePublished("conv-orphan", 7);
      outbox.ensurePublished("conv-orphan", 7); // a second retry finds it published

      List<PubsubMessage> published = tap.await(1, Duration.ofSeconds(10));
      assertEquals(1, tap.settle(Duration.ofMillis(500)).size(), "exactly one copy");
      assertEquals(
          EventOutbox.eventIdFor("conv-orphan", 7),
          published.get(0).getAttributesOrThrow("eventId"));
    }
    assertEquals(true, ref.get().get().getBoolean("published"));
    assertEquals(null, ref.get().get().get("leaseUntil"), "the lease is released");
  }

  @Test
  void aDuplicateWaitsForTheRequestStillPublishingAndSendsNothing() throws Exception {
    EventOutbox outbox = new EventOutbox(env.firestore(), publisher, Clock.systemUTC());
    DocumentReference ref =
        stored(outbox, "conv-busy", 3, Instant.now().plus(Duration.ofSeconds(30)));
    try (EventTap tap = EventTap.open(env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      Thread holder =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                  ref.update("published", true, "leaseUntil", null).get();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      holder.start();
      long started = System.nanoTime();
      outbox.ensurePublished("conv-busy", 3);
      holder.join();

      assertTrue(
          System.nanoTime() - started >= Duration.ofMillis(250).toNanos(),
          "it returned only once the holder had published");
      assertEquals(List.of(), tap.settle(Duration.ofMillis(500)), "no second copy");
    }
  }

  @Test
  void aHolderThatNeverFinishesMakesTheDuplicateAnswer503() throws Exception {
    EventOutbox setup = new EventOutbox(env.firestore(), publisher, Clock.systemUTC());
    stored(setup, "conv-stuck", 1, Instant.now().plus(Duration.ofHours(1)));
    // a clock that moves a second per reading: the 12-second wait passes without real time
    Clock ticking =
        new Clock() {
          private Instant now = Instant.now();

          @Override
          public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    EventOutbox outbox = new EventOutbox(env.firestore(), publisher, ticking);

    ServiceUnavailableException busy =
        assertThrows(
            ServiceUnavailableException.class, () -> outbox.ensurePublished("conv-stuck", 1));
    assertEquals(503, busy.status());
    assertTrue(busy.getMessage().contains("still being published; retry"), busy.getMessage());
  }

  @Test
  void anEventNeverStoredHasNothingToPublish() throws Exception {
    EventOutbox outbox = new EventOutbox(env.firestore(), publisher, Clock.systemUTC());
    try (EventTap tap = EventTap.open(env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      outbox.ensurePublished("conv-none", 1);
      assertEquals(List.of(), tap.settle(Duration.ofMillis(300)));
    }
  }
}
