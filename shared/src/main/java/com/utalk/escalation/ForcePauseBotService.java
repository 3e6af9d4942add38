package com.utalk.escalation;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.Transaction;
import com.utalk.bot.Actor;
import com.utalk.bot.AuditTrail;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.logging.Log;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.ConversationStatus;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The runbook's "force-pause-bot": turns the bot off on every escalated conversation of a workspace
 * that still has it on, and says how many it fixed. Each fix re-checks the conversation in its own
 * transaction and announces {@code conversation.updated}; a second call finds nothing to fix and
 * returns 0.
 */
public final class ForcePauseBotService {
  private static final Log LOG = Log.get(ForcePauseBotService.class);

  private final Firestore firestore;
  private final EventOutbox outbox;
  private final AuditTrail audit;
  private final Clock clock;

  public ForcePauseBotService(Firestore firestore, EventOutbox outbox, Clock clock) {
    this.firestore = firestore;
    this.outbox = outbox;
    this.audit = new AuditTrail(firestore);
    this.clock = clock;
  }

  public record Result(int fixed, List<String> conversationIds) {}

  public Result forcePause(Actor actor, String requestId) {
    actor.requireAdmin();
    // Equality filters only: Firestore serves this from single-field indexes, no composite index
    // needed.
    List<QueryDocumentSnapshot> candidates =
        FirestoreCalls.await(
                firestore
                    .collection(Collections.CONVERSATIONS)
                    .whereEqualTo("workspaceId", actor.workspaceId())
                    .whereEqualTo("status", ConversationStatus.ESCALATED.wire())
                    .whereEqualTo("botEnabled", true)
                    .get())
            .getDocuments();
    List<String> fixed = new java.util.ArrayList<>();
    for (QueryDocumentSnapshot candidate : candidates) {
      ConversationEvent event =
          FirestoreCalls.await(
              firestore.runTransaction(
                  tx -> pause(tx, candidate.getReference(), actor, requestId)));
      if (event != null) {
        outbox.publishOwned(event);
        fixed.add(candidate.getId());
      }
    }
    LOG.warn(
        "escalation: force-pause-bot",
        "workspaceId",
        actor.workspaceId(),
        "actorId",
        actor.userId(),
        "fixed",
        fixed.size());
    return new Result(fixed.size(), fixed);
  }

  private ConversationEvent pause(
      Transaction tx, DocumentReference ref, Actor actor, String requestId) throws Exception {
    DocumentSnapshot snapshot = tx.get(ref).get();
    Conversation current = ConversationDocument.fromSnapshot(snapshot);
    if (current.status() != ConversationStatus.ESCALATED || !current.botEnabled()) {
      return null;
    }
    Instant now = clock.instant();
    Conversation paused = ConversationTransitions.botPaused(current);
    ConversationEvent event =
        EventOutbox.newEvent(
            ConversationEvent.CONVERSATION_UPDATED,
            current.workspaceId(),
            current.id(),
            paused.seq(),
            now,
            requestId,
            Map.of(
                "conversationId",
                current.id(),
                "status",
                paused.status().wire(),
                "botEnabled",
                false,
                "reason",
                "force_pause_bot"));
    tx.set(ref, ConversationDocument.toMap(paused));
    outbox.append(tx, event);
    audit.record(
        tx,
        new AuditTrail.Entry(
            actor,
            "conversation.force_pause_bot",
            "conversations/" + current.id(),
            Map.of("botEnabled", true),
            Map.of("botEnabled", false)),
        now,
        requestId);
    return event;
  }
}
