package com.utalk.messaging;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.logging.Log;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a queued message through WhatsApp at most once. A transaction moves it from {@code queued}
 * to {@code sending} before the provider is called, so a redelivered command finds it no longer
 * queued and sends nothing. The provider's sid is then recorded together with any status callbacks
 * that beat it here.
 */
public final class OutboundSendService {
  private static final Log LOG = Log.get(OutboundSendService.class);

  private final Firestore firestore;
  private final EventOutbox outbox;
  private final StatusLedger ledger;
  private final WhatsAppSender sender;
  private final SendPolicy policy;
  private final String statusCallbackUrl;
  private final Clock clock;
  private final MediaUrls mediaUrls;

  /** The URLs Twilio fetches a message's attachments from (signed GET URLs for stored media). */
  public interface MediaUrls {
    /**
     * Throws a permanent failure when an attachment cannot be sent (missing, not uploaded,
     * refused).
     */
    List<String> forMessage(Message message) throws WhatsAppSender.SendFailedException;

    /** The URLs as announced on the message, without media documents (no media feature wired). */
    MediaUrls ANNOUNCED = message -> message.media().stream().map(MediaRef::url).toList();
  }

  public OutboundSendService(
      Firestore firestore,
      EventOutbox outbox,
      WhatsAppSender sender,
      SendPolicy policy,
      String statusCallbackUrl,
      Clock clock) {
    this(firestore, outbox, sender, policy, statusCallbackUrl, clock, MediaUrls.ANNOUNCED);
  }

  public OutboundSendService(
      Firestore firestore,
      EventOutbox outbox,
      WhatsAppSender sender,
      SendPolicy policy,
      String statusCallbackUrl,
      Clock clock,
      MediaUrls mediaUrls) {
    this.mediaUrls = mediaUrls;
    this.firestore = firestore;
    this.outbox = outbox;
    this.ledger = new StatusLedger(firestore, outbox);
    this.sender = sender;
    this.policy = policy;
    this.statusCallbackUrl = statusCallbackUrl;
    this.clock = clock;
  }

  /** What the sender did with a command. */
  public enum Outcome {
    SENT,
    FAILED,
    ALREADY_HANDLED,
    UNKNOWN_MESSAGE
  }

  public Outcome send(OutboundCommand command, String requestId) {
    DocumentReference messageRef =
        firestore.collection(Collections.MESSAGES).document(command.messageId());
    Claim claim = FirestoreCalls.await(firestore.runTransaction(tx -> claim(tx, messageRef)));
    if (claim.outcome() != null) {
      LOG.info(
          "outbound command skipped",
          "messageId",
          command.messageId(),
          "reason",
          claim.outcome().name().toLowerCase());
      return claim.outcome();
    }
    Message message = claim.message();
    Conversation conversation = claim.conversation();
    List<String> urls;
    try {
      urls = mediaUrls.forMessage(message);
    } catch (WhatsAppSender.SendFailedException e) {
      markFailed(message, e, requestId);
      return Outcome.FAILED;
    }
    WhatsAppSender.Outgoing outgoing =
        new WhatsAppSender.Outgoing(
            PhoneNumber.parse(conversation.contact().phone()),
            PhoneNumber.parse(conversation.businessNumber()),
            message.body(),
            urls,
            statusCallbackUrl);
    WhatsAppSender.SendFailedException lastFailure = null;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      if (attempt > 1) {
        sleep(policy.backoffBefore(attempt).toMillis());
      }
      try {
        WhatsAppSender.Sent sent = sender.send(outgoing);
        record(message, sent, requestId);
        LOG.info(
            "outbound message sent",
            "messageId",
            message.id(),
            "twilioSid",
            sent.messageSid(),
            "attempt",
            attempt);
        return Outcome.SENT;
      } catch (WhatsAppSender.SendFailedException e) {
        lastFailure = e;
        LOG.warn(
            "send attempt failed",
            "messageId",
            message.id(),
            "attempt",
            attempt,
            "transient",
            e.isTransient(),
            "errorCode",
            e.code());
        if (!e.isTransient()) {
          break;
        }
      }
    }
    markFailed(message, lastFailure, requestId);
    return Outcome.FAILED;
  }

  private Claim claim(Transaction tx, DocumentReference messageRef) throws Exception {
    DocumentSnapshot snapshot = tx.get(messageRef).get();
    if (!snapshot.exists()) {
      return new Claim(Outcome.UNKNOWN_MESSAGE, null, null);
    }
    Message message = MessageDocument.fromSnapshot(snapshot);
    if (message.status() != MessageStatus.QUEUED) {
      return new Claim(Outcome.ALREADY_HANDLED, message, null);
    }
    DocumentSnapshot conversation =
        tx.get(firestore.collection(Collections.CONVERSATIONS).document(message.conversationId()))
            .get();
    tx.update(
        messageRef,
        "status",
        MessageStatus.SENDING.wire(),
        "statusUpdatedAt",
        Timestamps.of(clock.instant()));
    return new Claim(null, message, ConversationDocument.fromSnapshot(conversation));
  }

  private void record(Message message, WhatsAppSender.Sent sent, String requestId) {
    ConversationEvent event =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentReference sidRef = ledger.sidRef(sent.messageSid());
                  DocumentReference messageRef =
                      firestore.collection(Collections.MESSAGES).document(message.id());
                  List<DocumentSnapshot> snapshots = tx.getAll(sidRef, messageRef).get();
                  Message current = MessageDocument.fromSnapshot(snapshots.get(1));
                  DocumentSnapshot conversation =
                      tx.get(
                              firestore
                                  .collection(Collections.CONVERSATIONS)
                                  .document(message.conversationId()))
                          .get();
                  List<StatusReport> reports = new ArrayList<>();
                  MessageStatus.fromTwilio(sent.providerStatus())
                      .map(status -> status.advance(MessageStatus.SENDING))
                      .ifPresent(
                          status ->
                              reports.add(new StatusReport(sent.messageSid(), status, null, null)));
                  reports.addAll(parked(snapshots.get(0), sent.messageSid()));
                  Map<String, Object> sidDoc = new HashMap<>();
                  sidDoc.put("messageId", message.id());
                  sidDoc.put("workspaceId", message.workspaceId());
                  sidDoc.put("conversationId", message.conversationId());
                  sidDoc.put("pending", List.of());
                  tx.set(sidRef, sidDoc);
                  return ledger.apply(
                      tx,
                      current,
                      ConversationDocument.fromSnapshot(conversation),
                      reports,
                      Map.of("twilioSid", sent.messageSid()),
                      clock.instant(),
                      requestId);
                }));
    if (event != null) {
      outbox.publishOwned(event);
    }
  }

  private void markFailed(
      Message message, WhatsAppSender.SendFailedException failure, String requestId) {
    StatusReport failed =
        new StatusReport(
            null,
            MessageStatus.FAILED,
            failure == null ? "unknown" : failure.code(),
            failure == null ? "send failed" : failure.getMessage());
    ConversationEvent event =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentReference messageRef =
                      firestore.collection(Collections.MESSAGES).document(message.id());
                  Message current = MessageDocument.fromSnapshot(tx.get(messageRef).get());
                  DocumentSnapshot conversation =
                      tx.get(
                              firestore
                                  .collection(Collections.CONVERSATIONS)
                                  .document(message.conversationId()))
                          .get();
                  return ledger.apply(
                      tx,
                      current,
                      ConversationDocument.fromSnapshot(conversation),
                      List.of(failed),
                      Map.of(),
                      clock.instant(),
                      requestId);
                }));
    if (event != null) {
      outbox.publishOwned(event);
    }
    LOG.warn("outbound message failed", "messageId", message.id(), "errorCode", failed.errorCode());
  }

  @SuppressWarnings("unchecked")
  private static List<StatusReport> parked(DocumentSnapshot sid, String messageSid) {
    List<StatusReport> reports = new ArrayList<>();
    if (!sid.exists() || sid.get("pending") == null) {
      return reports;
    }
    for (Map<String, Object> parked : (List<Map<String, Object>>) sid.get("pending")) {
      MessageStatus.fromTwilio((String) parked.get("status"))
          .ifPresent(
              status ->
                  reports.add(
                      new StatusReport(
                          messageSid,
                          status,
                          (String) parked.get("errorCode"),
                          (String) parked.get("errorMessage"))));
    }
    return reports;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Claim(Outcome outcome, Message message, Conversation conversation) {}
}
