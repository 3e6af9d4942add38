package com.utalk.bot;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.util.Map;

/**
 * Consecutive failed bot runs per conversation ({@code botState/{conversationId}}), for the "N
 * consecutive bot failures" escalation. Kept outside the conversation document because the
 * messaging path rewrites that document whole on every message.
 */
final class BotFailureCounter {
  static final String COLLECTION = "botState";

  private final Firestore firestore;
  private final Clock clock;

  BotFailureCounter(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  /** Counts one more failure and returns the run of failures so far. */
  long recordFailure(String conversationId) {
    DocumentReference ref = ref(conversationId);
    return FirestoreCalls.await(
        firestore.runTransaction(
            tx -> {
              DocumentSnapshot snapshot = tx.get(ref).get();
              Long previous = snapshot.exists() ? snapshot.getLong("consecutiveFailures") : null;
              long now = (previous == null ? 0 : previous) + 1;
              tx.set(
                  ref,
                  Map.of(
                      "consecutiveFailures", now, "lastFailureAt", Timestamps.of(clock.instant())));
              return now;
            }));
  }

  void recordSuccess(String conversationId) {
    DocumentSnapshot snapshot = FirestoreCalls.await(ref(conversationId).get());
    Long previous = snapshot.exists() ? snapshot.getLong("consecutiveFailures") : null;
    if (previous != null && previous > 0) {
      FirestoreCalls.await(ref(conversationId).set(Map.of("consecutiveFailures", 0L)));
    }
  }

  private DocumentReference ref(String conversationId) {
    return firestore.collection(COLLECTION).document(conversationId);
  }
}
