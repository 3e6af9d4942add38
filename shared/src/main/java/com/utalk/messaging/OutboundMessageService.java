package com.utalk.messaging;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.errors.ConflictException;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.events.EventPublisher;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.platform.Topics;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Queues an outbound message (REST, socket and bot all come through here): stores it as {@code
 * queued} under the client's messageId, appends the conversation event, and hands it to the sender
 * through {@code outbound-messages}. Repeating a request returns the stored message and sends
 * nothing new. A bot reply is refused inside the transaction if the conversation was escalated (or
 * the bot paused) meanwhile, so a late bot answer can never reach the customer.
 */
public final class OutboundMessageService {
  private static final Log LOG = Log.get(OutboundMessageService.class);

  private final Firestore firestore;
  private final EventOutbox outbox;
  private final EventPublisher publisher;
  private final Clock clock;

  public OutboundMessageService(
      Firestore firestore, EventOutbox outbox, EventPublisher publisher, Clock clock) {
    this.firestore = firestore;
    this.outbox = outbox;
    this.publisher = publisher;
    this.clock = clock;
  }

  public QueueResult queue(OutboundRequest request, String requestId) {
    return queue(request, requestId, false);
  }

  /**
   * The satisfaction survey's questions (KPI issue): sent after the conversation closed, so the
   * closed and bot-paused checks do not apply, and not counted as a bot or agent response (TMO,
   * ASA).
   */
  public QueueResult queueSurvey(OutboundRequest request, String requestId) {
    return queue(request, requestId, true);
  }

  private QueueResult queue(OutboundRequest request, String requestId, boolean survey) {
    request.validated();
    Outcome outcome =
        FirestoreCalls.await(firestore.runTransaction(tx -> store(tx, request, requestId, survey)));
    Message message = outcome.message();
    if (outcome.event() != null) {
      outbox.publishOwned(outcome.event());
    } else {
      outbox.ensurePublished(message.conversationId(), message.seq());
    }
    if (message.status() == MessageStatus.QUEUED) {
      // Also on a repeat: the sender only sends a message that is still queued, so this is safe.
      handToSender(message, requestId);
    }
    LOG.info(
        outcome.event() != null ? "outbound message queued" : "outbound message already queued",
        "workspaceId",
        message.workspaceId(),
        "conversationId",
        message.conversationId(),
        "messageId",
        message.id(),
        "author",
        message.author().kind().name().toLowerCase());
    return new QueueResult(message, outcome.event() != null);
  }

  private Outcome store(Transaction tx, OutboundRequest request, String requestId, boolean survey)
      throws Exception {
    DocumentReference messageRef =
        firestore.collection(Collections.MESSAGES).document(request.messageId());
    DocumentReference conversationRef =
        firestore.collection(Collections.CONVERSATIONS).document(request.conversationId());
    List<DocumentSnapshot> snapshots = tx.getAll(messageRef, conversationRef).get();
    DocumentSnapshot existing = snapshots.get(0);
    DocumentSnapshot conversationSnapshot = snapshots.get(1);
    if (!conversationSnapshot.exists()
        || !request.workspaceId().equals(conversationSnapshot.getString("workspaceId"))) {
      throw new NotFoundException("conversation not found");
    }
    if (existing.exists() && !request.workspaceId().equals(existing.getString("workspaceId"))) {
      // The id is taken in another workspace. Answering differently from a fresh id would tell the
      // caller that it exists elsewhere, so this workspace gets its own document for it instead.
      messageRef = firestore.collection(Collections.MESSAGES).document(workspaceScopedId(request));
      existing = tx.get(messageRef).get();
    }
    if (existing.exists()) {
      Message stored = MessageDocument.fromSnapshot(existing);
      if (!request.conversationId().equals(stored.conversationId())) {
        throw new ConflictException(
            "message_id_in_use", "messageId was already used for another conversation");
      }
      return new Outcome(stored, null);
    }
    Conversation conversation = ConversationDocument.fromSnapshot(conversationSnapshot);
    if (conversation.isClosed() && !survey) {
      throw new ConflictException(
          "conversation_closed", "the conversation is closed; reopen it first");
    }
    boolean byBot = request.author().kind() == Author.Kind.BOT && !survey;
    boolean byAgent = request.author().kind() == Author.Kind.AGENT && !survey;
    if (byBot && !conversation.botMayReply()) {
      throw new ConflictException("bot_paused", "the bot is paused for this conversation");
    }
    // Firestore keeps microseconds: a repeated request must return exactly what the first one did.
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Long responseTime =
        byAgent && conversation.awaitingReplySince() != null
            ? Duration.between(conversation.awaitingReplySince(), now).toMillis()
            : null;
    Conversation updated = conversation.afterOutbound(now, byAgent, byBot);
    Message message =
        new Message(
            messageRef.getId(),
            request.workspaceId(),
            request.conversationId(),
            Direction.OUTBOUND,
            request.author(),
            request.body() == null ? "" : request.body(),
            request.mediaIds(),
            List.of(),
            null,
            request.messageId(),
            MessageStatus.QUEUED,
            null,
            null,
            now,
            now,
            byBot,
            request.botResponseTime(),
            responseTime,
            updated.seq(),
            Map.of());
    ConversationEvent event =
        EventOutbox.newEvent(
            ConversationEvent.MESSAGE_OUTBOUND,
            request.workspaceId(),
            request.conversationId(),
            updated.seq(),
            now,
            requestId,
            MessageView.of(message));
    tx.create(messageRef, MessageDocument.toMap(message));
    tx.set(conversationRef, ConversationDocument.toMap(updated));
    outbox.append(tx, event);
    return new Outcome(message, event);
  }

  private void handToSender(Message message, String requestId) {
    OutboundCommand command =
        new OutboundCommand(message.workspaceId(), message.conversationId(), message.id());
    try {
      publisher
          .publish(
              Topics.OUTBOUND_MESSAGES,
              Json.writeBytes(command),
              Map.of(
                  RequestContext.REQUEST_ID_ATTRIBUTE,
                  requestId == null ? "" : requestId,
                  "messageId",
                  message.id()),
              message.conversationId())
          .get(PubSubEventPublisher.PUBLISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while handing the message to the sender");
    } catch (Exception e) {
      LOG.warn(
          "could not hand the message to the sender",
          "messageId",
          message.id(),
          "cause",
          String.valueOf(e));
      throw new ServiceUnavailableException(
          "the message is stored but could not be sent yet; repeat the request with the same messageId");
    }
  }

  /** The document id of a client messageId already taken by another workspace (rare: UUIDs). */
  static String workspaceScopedId(OutboundRequest request) {
    return request.workspaceId() + "~" + request.messageId();
  }

  private record Outcome(Message message, ConversationEvent event) {}
}
