package com.utalk.messaging;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.google.common.util.concurrent.Striped;
import com.utalk.errors.NotFoundException;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.kpi.ratings.RatingReplies;
import com.utalk.logging.Log;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

/**
 * Stores each inbound WhatsApp message exactly once and announces it once.
 *
 * <p>One transaction writes the message (id derived from MessageSid), finds or opens the contact's
 * conversation, takes the conversation's next sequence number and appends the outbox event. The
 * contact-thread document is the single point that concurrent first messages from a new contact
 * contend on, so they end up in one conversation. Publishing happens after the commit; a retry of a
 * stored-but-unpublished message finishes the publish instead of storing anything again.
 */
public final class InboundIngestService {
  private static final Log LOG = Log.get(InboundIngestService.class);

  private final Firestore firestore;
  private final WorkspaceDirectory workspaces;
  private final EventOutbox outbox;
  private final Clock clock;

  /**
   * Messages of one contact that reach the same instance together queue here instead of aborting
   * each other's transactions (each abort costs a retry, about a second on the emulator).
   */
  private final Striped<Lock> contactLocks = Striped.lazyWeakLock(1024);

  /** Answers to the satisfaction survey of a closed conversation (KPI issue). */
  private final RatingReplies ratingReplies;

  public InboundIngestService(
      Firestore firestore, WorkspaceDirectory workspaces, EventOutbox outbox, Clock clock) {
    this.firestore = firestore;
    this.workspaces = workspaces;
    this.outbox = outbox;
    this.clock = clock;
    this.ratingReplies = new RatingReplies(firestore, outbox);
  }

  public IngestResult ingest(InboundMessage inbound, String requestId) {
    String workspaceId =
        workspaces
            .workspaceForNumber(inbound.to())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "unknown_number", "no workspace owns the WhatsApp number " + inbound.to()));
    Outcome outcome;
    Lock lock = contactLocks.get(workspaceId + "_" + inbound.from().digits());
    lock.lock();
    try {
      outcome =
          FirestoreCalls.await(
              firestore.runTransaction(tx -> store(tx, workspaceId, inbound, requestId)));
    } finally {
      lock.unlock();
    }
    if (outcome.event() != null) {
      outbox.publishOwned(outcome.event());
    } else {
      outbox.ensurePublished(outcome.result().conversationId(), outcome.result().seq());
    }
    IngestResult result = outcome.result();
    LOG.info(
        result.duplicate() ? "duplicate inbound message acknowledged" : "inbound message stored",
        "workspaceId",
        workspaceId,
        "conversationId",
        result.conversationId(),
        "messageId",
        result.messageId(),
        "seq",
        result.seq(),
        "from",
        inbound.from().e164(),
        "numMedia",
        inbound.media().size(),
        "newConversation",
        result.newConversation());
    return result;
  }

  private Outcome store(
      Transaction tx, String workspaceId, InboundMessage inbound, String requestId)
      throws Exception {
    String messageId = Message.inboundId(inbound.messageSid());
    DocumentReference messageRef = firestore.collection(Collections.MESSAGES).document(messageId);
    DocumentReference threadRef =
        firestore
            .collection(Collections.CONTACT_THREADS)
            .document(workspaceId + "_" + inbound.from().digits());
    List<DocumentSnapshot> snapshots = tx.getAll(messageRef, threadRef).get();
    DocumentSnapshot existingMessage = snapshots.get(0);
    DocumentSnapshot thread = snapshots.get(1);
    if (existingMessage.exists()) {
      Long seq = existingMessage.getLong("seq");
      return new Outcome(
          new IngestResult(
              messageId,
              existingMessage.getString("conversationId"),
              seq == null ? 0 : seq,
              true,
              false),
          null);
    }

    Instant now = clock.instant();
    Conversation current = null;
    if (thread.exists()) {
      DocumentSnapshot conversation =
          tx.get(
                  firestore
                      .collection(Collections.CONVERSATIONS)
                      .document(thread.getString("conversationId")))
              .get();
      if (conversation.exists()) {
        current = ConversationDocument.fromSnapshot(conversation);
      }
    }
    // A survey answer is stored in the closed conversation instead of opening a new one.
    RatingReplies.Captured rating =
        ratingReplies.capture(tx, thread, current, inbound, now, requestId);
    if (rating != null) {
      return new Outcome(rating.result(), rating.event());
    }
    boolean opensNew = current == null || current.isClosed();
    Conversation updated =
        opensNew ? newConversation(workspaceId, inbound, now) : afterInbound(current, inbound, now);
    DocumentReference conversationRef =
        firestore.collection(Collections.CONVERSATIONS).document(updated.id());

    Message message = inbound.stored(workspaceId, updated.id(), updated.seq(), now, Map.of());
    ConversationEvent event =
        EventOutbox.newEvent(
            ConversationEvent.MESSAGE_RECEIVED,
            workspaceId,
            updated.id(),
            updated.seq(),
            now,
            requestId,
            MessageView.of(message));

    tx.create(messageRef, MessageDocument.toMap(message));
    tx.set(conversationRef, ConversationDocument.toMap(updated));
    if (opensNew) {
      tx.set(threadRef, Map.of("conversationId", updated.id(), "workspaceId", workspaceId));
    }
    outbox.append(tx, event);
    return new Outcome(
        new IngestResult(messageId, updated.id(), updated.seq(), false, opensNew), event);
  }

  private static Conversation newConversation(
      String workspaceId, InboundMessage inbound, Instant now) {
    return Conversation.builder()
        .id(UUID.randomUUID().toString())
        .workspaceId(workspaceId)
        .contact(new Conversation.Contact(inbound.from().e164(), inbound.profileName()))
        .businessNumber(inbound.to().e164())
        .status(ConversationStatus.OPEN)
        .botEnabled(true)
        .createdAt(now)
        .firstInboundAt(now)
        .lastMessageAt(now)
        .lastInboundAt(now)
        .awaitingReplySince(now)
        .messageCount(1)
        .seq(1)
        .build();
  }

  private static Conversation afterInbound(Conversation c, InboundMessage inbound, Instant now) {
    String profileName =
        inbound.profileName() != null ? inbound.profileName() : c.contact().profileName();
    return c.toBuilder()
        .contact(new Conversation.Contact(c.contact().phone(), profileName))
        .firstInboundAt(c.firstInboundAt() == null ? now : c.firstInboundAt())
        .lastMessageAt(now)
        .lastInboundAt(now)
        .awaitingReplySince(c.awaitingReplySince() == null ? now : c.awaitingReplySince())
        .messageCount(c.messageCount() + 1)
        .nextSeq()
        .build();
  }

  private record Outcome(IngestResult result, ConversationEvent event) {}
}
