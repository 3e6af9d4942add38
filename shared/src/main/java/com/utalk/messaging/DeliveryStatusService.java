package com.utalk.messaging;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.Transaction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.logging.Log;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Applies Twilio delivery callbacks. The {@code twilioSids/{sid}} document is where the callback
 * and the sender meet: a callback that arrives before the sender has recorded the sid parks its
 * report there, and the sender applies parked reports in the same transaction that records the sid,
 * so no report is lost whichever comes first.
 */
public final class DeliveryStatusService {
  private static final Log LOG = Log.get(DeliveryStatusService.class);

  private final Firestore firestore;
  private final EventOutbox outbox;
  private final StatusLedger ledger;
  private final Clock clock;

  public DeliveryStatusService(Firestore firestore, EventOutbox outbox, Clock clock) {
    this.firestore = firestore;
    this.outbox = outbox;
    this.ledger = new StatusLedger(firestore, outbox);
    this.clock = clock;
  }

  /** What happened to a report. */
  public enum Applied {
    APPLIED,
    UNCHANGED,
    PARKED_UNTIL_SID_KNOWN
  }

  public Applied apply(StatusReport report, String requestId) {
    Result result =
        FirestoreCalls.await(firestore.runTransaction(tx -> applyIn(tx, report, requestId)));
    if (result.event() != null) {
      outbox.publishOwned(result.event());
    }
    LOG.info(
        "delivery status",
        "twilioSid",
        report.messageSid(),
        "reported",
        report.status().wire(),
        "outcome",
        result.applied().name().toLowerCase(),
        "errorCode",
        report.errorCode());
    return result.applied();
  }

  private Result applyIn(Transaction tx, StatusReport report, String requestId) throws Exception {
    DocumentReference sidRef = ledger.sidRef(report.messageSid());
    DocumentSnapshot sid = tx.get(sidRef).get();
    String messageId = sid.exists() ? sid.getString("messageId") : null;
    if (messageId == null) {
      Map<String, Object> parked = new java.util.HashMap<>();
      parked.put("status", report.status().wire());
      parked.put("errorCode", report.errorCode());
      parked.put("errorMessage", report.errorMessage());
      parked.put("receivedAt", Timestamps.of(clock.instant()));
      tx.set(sidRef, Map.of("pending", FieldValue.arrayUnion(parked)), SetOptions.merge());
      return new Result(Applied.PARKED_UNTIL_SID_KNOWN, null);
    }
    DocumentReference messageRef = firestore.collection(Collections.MESSAGES).document(messageId);
    DocumentSnapshot messageSnapshot = tx.get(messageRef).get();
    Message message = MessageDocument.fromSnapshot(messageSnapshot);
    DocumentSnapshot conversation =
        tx.get(firestore.collection(Collections.CONVERSATIONS).document(message.conversationId()))
            .get();
    Instant now = clock.instant();
    ConversationEvent event =
        ledger.apply(
            tx,
            message,
            ConversationDocument.fromSnapshot(conversation),
            List.of(report),
            Map.of(),
            now,
            requestId);
    return new Result(event == null ? Applied.UNCHANGED : Applied.APPLIED, event);
  }

  private record Result(Applied applied, ConversationEvent event) {}
}
