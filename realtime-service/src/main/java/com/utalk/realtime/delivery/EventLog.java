package com.utalk.realtime.delivery;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventDocument;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation's stored events ({@code conversations/{id}/events/{seq}}, written by the outbox
 * in the same transaction as the change), read back in sequence order: the source for a
 * reconnecting client's missed events and for filling a gap in the live feed.
 */
public final class EventLog {
  /** Most events one replay returns; a client further behind reloads the conversation over REST. */
  public static final int MAX_REPLAY = 500;

  private final Firestore firestore;

  public EventLog(Firestore firestore) {
    this.firestore = firestore;
  }

  /** Events with {@code afterSeq < seq <= upToSeq} (use Long.MAX_VALUE for "all"), oldest first. */
  public List<ConversationEvent> between(
      String conversationId, long afterSeq, long upToSeq, int limit) {
    Query query =
        firestore
            .collection(Collections.CONVERSATIONS)
            .document(conversationId)
            .collection(Collections.EVENTS)
            .whereGreaterThan("seq", afterSeq)
            .orderBy("seq")
            .limit(limit);
    if (upToSeq != Long.MAX_VALUE) {
      query = query.whereLessThanOrEqualTo("seq", upToSeq);
    }
    List<ConversationEvent> events = new ArrayList<>();
    for (QueryDocumentSnapshot snapshot : FirestoreCalls.await(query.get()).getDocuments()) {
      events.add(EventDocument.fromSnapshot(snapshot));
    }
    return events;
  }
}
