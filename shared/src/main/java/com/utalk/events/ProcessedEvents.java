package com.utalk.events;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * CloudEvent ids a function has finished handling. Pub/Sub and Eventarc deliver at least once; an
 * id seen here is acknowledged without doing the work again. Entries carry {@code expireAt} for a
 * Firestore TTL policy: redeliveries come within days, not months.
 */
public final class ProcessedEvents {
  static final Duration RETENTION = Duration.ofDays(7);

  private final Firestore firestore;
  private final Clock clock;

  public ProcessedEvents(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  public boolean seen(String function, String eventId) {
    return FirestoreCalls.await(ref(function, eventId).get()).exists();
  }

  public void remember(String function, String eventId) {
    FirestoreCalls.await(
        ref(function, eventId)
            .set(
                Map.of(
                    "function",
                    function,
                    "eventId",
                    eventId,
                    "processedAt",
                    Timestamps.of(clock.instant()),
                    "expireAt",
                    Timestamps.of(clock.instant().plus(RETENTION)))));
  }

  /**
   * Adds "remember {@code eventId}" to {@code batch} as a create: if the id was already remembered
   * the whole batch fails with ALREADY_EXISTS, so the work written with it is never applied twice.
   */
  public void rememberIn(WriteBatch batch, String function, String eventId) {
    batch.create(
        ref(function, eventId),
        Map.of(
            "function",
            function,
            "eventId",
            eventId,
            "processedAt",
            Timestamps.of(clock.instant()),
            "expireAt",
            Timestamps.of(clock.instant().plus(RETENTION))));
  }

  private DocumentReference ref(String function, String eventId) {
    return firestore
        .collection(Collections.PROCESSED_EVENTS)
        .document(function + "_" + eventId.replace('/', '_'));
  }
}
