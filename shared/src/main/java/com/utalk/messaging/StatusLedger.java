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
 * Applies status reports to a message inside a caller's transaction: the highest-ranked status
 * wins, failure details are kept, and a change takes the conversation's next sequence number and
 * appends a {@code message.status} event. Used by the status callback and by the sender.
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
      Transaction tx, Message message, Conversation conversation, List<StatusReport> reports,
      Map<String, Object> extra, Instant now, String requestId) {
    MessageStatus status = message.status();
    String errorCode = message.errorCode();
    String errorMessage = message.errorMessage();
    for (StatusReport report : reports) {
      MessageStatus next = status.advance(report.status());
      if (report.status().isFailure() && next == report.status()) {
        errorCode = report.errorCode();
        errorMessage = report.errorMessage();
      }
      status = next;
    }
    DocumentReference messageRef = firestore.collection(Collections.MESSAGES).document(message.id());
    Map<String, Object> update = new HashMap<>(extra);
    boolean changed = status != message.status();
    if (changed) {
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
    tx.update(firestore.collection(Collections.CONVERSATIONS).document(conversation.id()), "seq", next.seq());
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
        EventOutbox.newEvent(ConversationEvent.MESSAGE_STATUS, message.workspaceId(), conversation.id(), next.seq(), now, requestId, payload);
    outbox.append(tx, event);
    return event;
  }
}
