package com.utalk.escalation;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.errors.ConflictException;
import com.utalk.errors.NotFoundException;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.logging.Log;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.ConversationStatus;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands a conversation to humans. One transaction sets {@code status: escalated}, {@code
 * botEnabled: false} and {@code escalatedAt}, writes the {@code escalations} document (the
 * time-to-escalation KPI: {@code escalatedAt - conversationCreatedAt}) and appends {@code
 * conversation.escalated} with the conversation's next seq; the event is published after the
 * commit. Because the bot's reply is refused inside its own transaction once the conversation is
 * escalated, no bot message can follow an escalation.
 */
public final class EscalationService {
  public static final String CONVERSATION_ESCALATED = "conversation.escalated";
  private static final Log LOG = Log.get(EscalationService.class);

  private final Firestore firestore;
  private final EventOutbox outbox;
  private final Clock clock;

  public EscalationService(Firestore firestore, EventOutbox outbox, Clock clock) {
    this.firestore = firestore;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** An agent takes a conversation the bot still handles: escalated and assigned to that agent. */
  public EscalationResult takeOver(
      String workspaceId, String conversationId, String agentId, String requestId) {
    return escalate(
        new EscalationRequest(
            workspaceId,
            conversationId,
            EscalationTrigger.AGENT_TAKEOVER,
            "agent took the conversation",
            agentId),
        requestId);
  }

  public EscalationResult escalate(EscalationRequest request, String requestId) {
    Outcome outcome =
        FirestoreCalls.await(firestore.runTransaction(tx -> apply(tx, request, requestId)));
    if (outcome.event() != null) {
      outbox.publishOwned(outcome.event());
    }
    EscalationResult result = outcome.result();
    // "escalation" and "bot" both appear in the message: the runbook greps for exactly that.
    LOG.info(
        result.changed()
            ? "escalation: conversation escalated, bot paused"
            : "escalation: already escalated with bot paused",
        "workspaceId",
        request.workspaceId(),
        "conversationId",
        request.conversationId(),
        "trigger",
        request.trigger().wire(),
        "escalationId",
        result.escalationId());
    return result;
  }

  private Outcome apply(Transaction tx, EscalationRequest request, String requestId)
      throws Exception {
    DocumentReference conversationRef =
        firestore.collection(Collections.CONVERSATIONS).document(request.conversationId());
    DocumentSnapshot snapshot = tx.get(conversationRef).get();
    if (!snapshot.exists() || !request.workspaceId().equals(snapshot.getString("workspaceId"))) {
      throw new NotFoundException("conversation not found");
    }
    Conversation current = ConversationDocument.fromSnapshot(snapshot);
    if (current.isClosed()) {
      throw new ConflictException("conversation_closed", "the conversation is closed");
    }
    // Idempotent: a second trigger (or a redelivered event) finds nothing left to do. Reassigning
    // an
    // escalated conversation to another agent is the conversations API's job, not an escalation.
    if (current.status() == ConversationStatus.ESCALATED && !current.botEnabled()) {
      return new Outcome(
          new EscalationResult(current.id(), false, null, current.escalatedAt()), null);
    }
    Instant now = clock.instant();
    String assignee =
        request.trigger() == EscalationTrigger.AGENT_TAKEOVER ? request.actorId() : null;
    Conversation updated = ConversationTransitions.escalated(current, now, assignee);
    String escalationId = current.id() + "_" + updated.seq();

    Map<String, Object> escalation = new HashMap<>();
    escalation.put("workspaceId", current.workspaceId());
    escalation.put("conversationId", current.id());
    escalation.put("trigger", request.trigger().wire());
    escalation.put("reason", request.reason());
    escalation.put("actorId", request.actorId());
    escalation.put("conversationCreatedAt", Timestamps.of(current.createdAt()));
    escalation.put("escalatedAt", Timestamps.of(now));
    escalation.put(
        "timeToEscalationMs",
        current.createdAt() == null ? null : Duration.between(current.createdAt(), now).toMillis());
    escalation.put("previousStatus", current.status().wire());
    escalation.put("botWasEnabled", current.botEnabled());
    escalation.put("requestId", requestId);

    ConversationEvent event =
        EventOutbox.newEvent(
            CONVERSATION_ESCALATED,
            current.workspaceId(),
            current.id(),
            updated.seq(),
            now,
            requestId,
            new EscalatedPayload(
                current.id(),
                escalationId,
                updated.status().wire(),
                updated.botEnabled(),
                request.trigger().wire(),
                request.reason(),
                updated.escalatedAt(),
                updated.assignedAgentId()));

    tx.set(conversationRef, ConversationDocument.toMap(updated));
    tx.create(firestore.collection(Collections.ESCALATIONS).document(escalationId), escalation);
    outbox.append(tx, event);
    return new Outcome(
        new EscalationResult(current.id(), true, escalationId, updated.escalatedAt()), event);
  }

  /** The {@code conversation.escalated} payload agents' screens show. */
  public record EscalatedPayload(
      String conversationId,
      String escalationId,
      String status,
      boolean botEnabled,
      String trigger,
      String reason,
      Instant escalatedAt,
      String assignedAgentId) {}

  private record Outcome(EscalationResult result, ConversationEvent event) {}
}
