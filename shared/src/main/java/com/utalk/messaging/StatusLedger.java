package com.utalk.messaging;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.storage.Collections;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies status reports to a message inside a caller's transaction ({@link StatusFold}: the final
 * document depends on the set of reports only, not on their order), and a change of status takes
 * the conversation's next sequence number and appends a {@code message.status} event. Used by the
 * status callback and by the sender.
 */
final class StatusLedger {
  private final Firestore firestore;
  private final EventOutbox outbox;

  StatusLedger(Firestore firestore, EventOutbox outbox) {
    this.firestore = firestore;
    this.outbox = outbox;
  }

  DocumentReference sidRef(String messageSid) {
    return firestore.collection(Collections.TWILIO_SIDS).document(messageSid);
  }

  /**
   * Writes {@code message} with {@code reports} folded in (plus {@code extra} fields); returns the
   * event to publish, or null when nothing visible changed.
   */
  ConversationEvent apply(
      Transaction tx,
      Message message,
      Conversation conversation,
      List<StatusReport> reports,
      Map<String, Object> extra,
      Instant now,
      String requestId) {
    StatusFold fold = StatusFold.of(message);
    for (StatusReport report : reports) {
      fold = fold.with(report);
    }
    MessageStatus status = fold.status();
    String errorCode = fold.errorCode();
    String errorMessage = fold.errorMessage();
    DocumentReference messageRef =
        firestore.collection(Collections.MESSAGES).document(message.id());
    Map<String, Object> update = new HashMap<>(extra);
    boolean changed = status != message.status();
    if (!reports.isEmpty()) {
      // every field is a function of the set of reports, never of their order; statusUpdatedAt is
      // when the latest report was applied (whether or not it moved the status)
      update.put("status", status.wire());
      update.put("errorCode", errorCode);
      update.put("errorMessage", errorMessage);
      update.put("statusUpdatedAt", com.utalk.storage.Timestamps.of(now));
    }
    if (update.isEmpty()) {
      return null;
    }
    tx.update(messageRef, update);
    if (!changed) {
      return null;
    }
    Conversation next = conversation.nextSeq();
    tx.update(
        firestore.collection(Collections.CONVERSATIONS).document(conversation.id()),
        "seq",
        next.seq());
    Map<String, Object> payload = new HashMap<>();
    payload.put("messageId", message.id());
    payload.put("status", status.wire());
    payload.put("previousStatus", message.status().wire());
    payload.put("twilioSid", extra.getOrDefault("twilioSid", message.twilioSid()));
    if (errorCode != null) {
      payload.put("errorCode", errorCode);
      payload.put("errorMessage", errorMessage);
    }
    ConversationEvent event =
        EventOutbox.newEvent(
            ConversationEvent.MESSAGE_STATUS,
            message.workspaceId(),
            conversation.id(),
            next.seq(),
            now,
            requestId,
            payload);
    outbox.append(tx, event);
    return event;
  }
}
