package com.utalk.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.platform.Topics;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transactional outbox for conversation events. The event is written in the same transaction as the
 * change it describes, published after commit, then marked published. A lease on the entry lets
 * exactly one request publish it: a concurrent duplicate waits for that publish instead of emitting
 * a second one, and a request that crashed mid-publish is taken over once its lease ends.
 */
public final class EventOutbox {
  private static final Log LOG = Log.get(EventOutbox.class);

  /** Longer than a publish can take, so a live lease means "someone is still publishing". */
  static final Duration LEASE = PubSubEventPublisher.PUBLISH_WAIT.plusSeconds(1);

  /** A duplicate waits this long for the lease holder, then answers 503 (inside Twilio's 15 s). */
  private static final Duration WAIT_FOR_OTHER_PUBLISHER = Duration.ofSeconds(12);

  /** Settles publish outcomes off the Pub/Sub callback threads (settling writes to Firestore). */
  private static final Executor SETTLER =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "outbox-settler");
            thread.setDaemon(true);
            return thread;
          });

  private final Firestore firestore;
  private final EventPublisher publisher;
  private final Clock clock;

  public EventOutbox(Firestore firestore, EventPublisher publisher, Clock clock) {
    this.firestore = firestore;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Event ids are stable across retries: one per (conversation, sequence number). */
  public static String eventIdFor(String conversationId, long seq) {
    return UUID.nameUUIDFromBytes((conversationId + "#" + seq).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  public static ConversationEvent newEvent(
      String type,
      String workspaceId,
      String conversationId,
      long seq,
      Instant occurredAt,
      String requestId,
      Object payload) {
    JsonNode body = payload instanceof JsonNode node ? node : Json.mapper().valueToTree(payload);
    return new ConversationEvent(
        eventIdFor(conversationId, seq),
        type,
        workspaceId,
        conversationId,
        seq,
        occurredAt,
        requestId,
        body);
  }

  public DocumentReference entry(String conversationId, long seq) {
    return firestore
        .collection(Collections.CONVERSATIONS)
        .document(conversationId)
        .collection(Collections.EVENTS)
        .document(EventDocument.idFor(seq));
  }

  /**
   * Adds the event to the transaction, leased to the caller, who must then call {@link
   * #publishOwned}.
   */
  public void append(Transaction transaction, ConversationEvent event) {
    Map<String, Object> entry = EventDocument.toMap(event);
    entry.put("leaseUntil", Timestamps.of(clock.instant().plus(LEASE)));
    transaction.create(entry(event.conversationId(), event.seq()), entry);
  }

  /** Publishes an event this request appended (it holds the lease) and marks it published. */
  public void publishOwned(ConversationEvent event) {
    publishNow(event);
  }

  /**
   * Makes sure an event that is already stored gets published exactly once: returns when it is
   * published (by us or by whoever holds the lease), or throws 503 so the caller's retry finishes
   * it.
   */
  public void ensurePublished(String conversationId, long seq) {
    Instant deadline = clock.instant().plus(WAIT_FOR_OTHER_PUBLISHER);
    DocumentReference ref = entry(conversationId, seq);
    while (true) {
      DocumentSnapshot snapshot = FirestoreCalls.await(ref.get());
      if (!snapshot.exists() || Boolean.TRUE.equals(snapshot.getBoolean("published"))) {
        return;
      }
      if (!leaseLive(snapshot)) {
        try {
          ConversationEvent claimed = claim(ref);
          if (claimed != null) {
            publishOwned(claimed);
          }
          return;
        } catch (LeaseHeldException raced) {
          // another duplicate took the lease first; wait for its publish like everyone else
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new ServiceUnavailableException(
            "event " + seq + " of conversation is still being published; retry");
      }
      sleep(25);
    }
  }

  /** Takes the lease in a transaction; null when the event got published meanwhile. */
  private ConversationEvent claim(DocumentReference ref) {
    return FirestoreCalls.await(
        firestore.runTransaction(
            transaction -> {
              DocumentSnapshot current = transaction.get(ref).get();
              if (Boolean.TRUE.equals(current.getBoolean("published"))) {
                return null;
              }
              if (leaseLive(current)) {
                throw new LeaseHeldException();
              }
              transaction.update(ref, "leaseUntil", Timestamps.of(clock.instant().plus(LEASE)));
              return EventDocument.fromSnapshot(current);
            }));
  }

  private boolean leaseLive(DocumentSnapshot snapshot) {
    Timestamp leaseUntil = snapshot.getTimestamp("leaseUntil");
    return leaseUntil != null && Timestamps.toInstant(leaseUntil).isAfter(clock.instant());
  }

  /**
   * The outcome of a publish is settled in the background even when the caller stops waiting: a
   * publish that succeeds late still marks the entry published, one that fails for good releases
   * the lease. A caller that timed out leaves the lease in place, so a retry waits for that outcome
   * instead of publishing a second copy.
   */
  private void publishNow(ConversationEvent event) {
    CompletableFuture<Void> settled =
        publisher
            .publish(
                Topics.CONVERSATION_EVENTS,
                Json.writeBytes(event),
                event.attributes(),
                event.conversationId())
            .thenAcceptAsync(messageId -> markPublished(event), SETTLER)
            .whenCompleteAsync(
                (ignored, error) -> {
                  if (error != null) {
                    LOG.warn(
                        "publish failed",
                        "eventId",
                        event.eventId(),
                        "type",
                        event.type(),
                        "cause",
                        String.valueOf(error));
                    releaseLease(event);
                  }
                },
                SETTLER);
    try {
      settled.get(PubSubEventPublisher.PUBLISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while publishing");
    } catch (ExecutionException e) {
      throw new ServiceUnavailableException("could not publish the event; retry");
    } catch (TimeoutException e) {
      LOG.warn(
          "publish still pending; its outcome settles in the background",
          "eventId",
          event.eventId());
      extendLease(event);
      throw new ServiceUnavailableException("the event is still being published; retry");
    }
  }

  private void markPublished(ConversationEvent event) {
    FirestoreCalls.await(
        entry(event.conversationId(), event.seq())
            .update(
                "published",
                true,
                "publishedAt",
                FieldValue.serverTimestamp(),
                "leaseUntil",
                null));
    LOG.debug(
        "event published", "eventId", event.eventId(), "type", event.type(), "seq", event.seq());
  }

  /** A retry should wait for the pending outcome rather than race it with a second publish. */
  private void extendLease(ConversationEvent event) {
    try {
      FirestoreCalls.await(
          entry(event.conversationId(), event.seq())
              .update("leaseUntil", Timestamps.of(clock.instant().plus(LEASE))),
          Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      LOG.warn("could not extend the publish lease", "eventId", event.eventId());
    }
  }

  private void releaseLease(ConversationEvent event) {
    try {
      FirestoreCalls.await(
          entry(event.conversationId(), event.seq()).update("leaseUntil", null),
          Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      // The lease expires by itself; a retry waits at most LEASE.
      LOG.warn("could not release the publish lease", "eventId", event.eventId());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted");
    }
  }

  /** Someone else holds the lease; the waiting loop tries again. */
  private static final class LeaseHeldException extends RuntimeException {
    LeaseHeldException() {
      super("lease held", null, false, false);
    }
  }
}
