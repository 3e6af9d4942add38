package com.utalk.conversations;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.audit.AuditActions;
import com.utalk.audit.AuditLog;
import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.users.User;
import com.utalk.auth.users.UserRepository;
import com.utalk.errors.ConflictException;
import com.utalk.errors.ValidationException;
import com.utalk.escalation.EscalationService;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.ConversationStatus;
import com.utalk.messaging.PhoneNumber;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What agents do to a conversation: assign, close, reopen. Assigning a conversation the bot still
 * handles is also an escalation trigger (an agent takes it over): see {@link #assign}. Each change
 * takes the conversation's next sequence number and appends a {@code conversation.updated} event in
 * the same transaction (the outbox publishes it after commit). Repeating an action that is already
 * in effect answers the current state and changes nothing, so a client may safely retry.
 */
public final class ConversationActions {
  private final Firestore firestore;
  private final UserRepository users;
  private final PermissionPolicy policy;
  private final EventOutbox outbox;
  private final AuditLog audit;
  private final EscalationService escalations;
  private final Clock clock;

  public ConversationActions(
      Firestore firestore,
      UserRepository users,
      PermissionPolicy policy,
      EventOutbox outbox,
      AuditLog audit,
      EscalationService escalations,
      Clock clock) {
    this.firestore = firestore;
    this.users = users;
    this.policy = policy;
    this.outbox = outbox;
    this.audit = audit;
    this.escalations = escalations;
    this.clock = clock;
  }

  /**
   * Assigns the conversation (checks, force rules and audit below). When the bot still handles it
   * ({@code botEnabled} and not closed), the assignee takes it over: the escalation service's
   * agent-takeover trigger escalates it and pauses the bot, so bot and agent never both answer.
   * That runs after the assignment commits; a failure there leaves the conversation assigned with
   * the bot on, and repeating the same request (a no-op assignment) completes the takeover.
   */
  public ConversationView assign(
      Principal actor, String conversationId, AssignRequest request, String requestId) {
    ConversationView assigned = assignOnly(actor, conversationId, request, requestId);
    if (!assigned.botEnabled() || ConversationStatus.CLOSED.wire().equals(assigned.status())) {
      return assigned;
    }
    escalations.takeOver(actor.workspaceId(), assigned.id(), assigned.assignedAgentId(), requestId);
    DocumentSnapshot after =
        FirestoreCalls.await(
            firestore.collection(Collections.CONVERSATIONS).document(assigned.id()).get());
    return ConversationView.of(ConversationDocument.fromSnapshot(after));
  }

  private ConversationView assignOnly(
      Principal actor, String conversationId, AssignRequest request, String requestId) {
    com.utalk.validation.DocumentId.require("agentId", request.agentId());
    boolean self = request.agentId().equals(actor.uid());
    policy.check(
        actor,
        self ? Permission.CONVERSATIONS_ASSIGN_SELF : Permission.CONVERSATIONS_ASSIGN_OTHERS);
    return change(
        actor,
        conversationId,
        requestId,
        Permission.CONVERSATIONS_READ,
        (tx, conversation) -> {
          if (conversation.isClosed()) {
            throw new ConflictException(
                "conversation_closed", "the conversation is closed; reopen it first");
          }
          String current = conversation.assignedAgentId();
          if (request.agentId().equals(current)) {
            return null;
          }
          requireAssignable(actor, request.agentId());
          boolean takesOver = current != null;
          if (takesOver && !request.force()) {
            throw new ConflictException(
                "already_assigned",
                "the conversation is assigned to another agent; force is required to take it over");
          }
          if (takesOver) {
            policy.check(actor, Permission.CONVERSATIONS_FORCE_REASSIGN);
            audit.append(
                tx,
                audit.entry(
                    actor,
                    requestId,
                    AuditActions.CONVERSATION_FORCE_REASSIGN,
                    "conversation",
                    conversation.id(),
                    Map.of("assignedAgentId", current),
                    Map.of("assignedAgentId", request.agentId())));
          }
          return new Change("assign", conversation.toBuilder().assignedAgentId(request.agentId()));
        });
  }

  public ConversationView close(Principal actor, String conversationId, String requestId) {
    policy.check(actor, Permission.CONVERSATIONS_CLOSE);
    return change(
        actor,
        conversationId,
        requestId,
        Permission.CONVERSATIONS_CLOSE,
        (tx, conversation) -> {
          if (conversation.isClosed()) {
            return null;
          }
          Instant now = clock.instant();
          boolean resolved = FirstContactResolution.atClose(conversation);
          // a closed conversation waits for nobody: the ASA clock stops without a reply
          return new Change(
              "close",
              conversation.toBuilder()
                  .status(ConversationStatus.CLOSED)
                  .closedAt(now)
                  .resolvedInFirstContact(resolved)
                  .awaitingReplySince(null));
        });
  }

  public ConversationView reopen(Principal actor, String conversationId, String requestId) {
    policy.check(actor, Permission.CONVERSATIONS_CLOSE);
    return change(
        actor,
        conversationId,
        requestId,
        Permission.CONVERSATIONS_CLOSE,
        (tx, conversation) -> {
          if (!conversation.isClosed()) {
            return null;
          }
          requireStillCurrent(tx, conversation);
          return new Change(
              "reopen",
              conversation.toBuilder()
                  .status(ConversationStatus.OPEN)
                  .closedAt(null)
                  .resolvedInFirstContact(false));
        });
  }

  /**
   * A change to apply (the conversation as it is to become, before it takes its next sequence
   * number), or null when the action is already in effect.
   */
  private record Change(String action, Conversation.Builder after) {}

  @FunctionalInterface
  private interface Decision {
    Change decide(Transaction tx, Conversation conversation) throws Exception;
  }

  private ConversationView change(
      Principal actor,
      String conversationId,
      String requestId,
      Permission resourcePermission,
      Decision decision) {
    if (!com.utalk.validation.DocumentId.isValid(conversationId)) {
      throw PermissionPolicy.notFound();
    }
    DocumentReference ref =
        firestore.collection(Collections.CONVERSATIONS).document(conversationId);
    Result result =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentSnapshot doc = tx.get(ref).get();
                  if (!doc.exists()) {
                    throw PermissionPolicy.notFound();
                  }
                  policy.check(actor, resourcePermission, doc.getString("workspaceId"));
                  Conversation conversation = ConversationDocument.fromSnapshot(doc);
                  Change change = decision.decide(tx, conversation);
                  if (change == null) {
                    return new Result(ConversationView.of(conversation), null);
                  }
                  // one change, two forms derived from it: the Firestore update and the view
                  Conversation after = change.after().nextSeq().build();
                  ConversationView view = ConversationView.of(after);
                  tx.update(ref, ConversationDocument.changes(conversation, after));
                  Map<String, Object> payload = new HashMap<>();
                  payload.put("action", change.action());
                  payload.put("actorUid", actor.uid());
                  payload.put("conversation", view);
                  ConversationEvent event =
                      EventOutbox.newEvent(
                          ConversationEvent.CONVERSATION_UPDATED,
                          conversation.workspaceId(),
                          conversation.id(),
                          after.seq(),
                          clock.instant(),
                          requestId,
                          payload);
                  outbox.append(tx, event);
                  return new Result(view, event);
                }));
    if (result.event() != null) {
      outbox.publishOwned(result.event());
    }
    return result.view();
  }

  private record Result(ConversationView view, ConversationEvent event) {}

  private void requireAssignable(Principal actor, String agentId) {
    User agent = users.findById(agentId).orElse(null);
    if (agent == null
        || !agent.workspaceId().equals(actor.workspaceId())
        || !policy.allows(agent.role(), Permission.MESSAGES_SEND)) {
      throw new ValidationException(
          "agentId", "agentId must be a user of this workspace who can answer customers");
    }
  }

  /**
   * A customer who writes after a close gets a new conversation; reopening the old one then would
   * leave the contact with two open conversations.
   */
  private void requireStillCurrent(Transaction tx, Conversation conversation) throws Exception {
    if (conversation.contact() == null || conversation.contact().phone() == null) {
      return;
    }
    String threadId =
        conversation.workspaceId()
            + "_"
            + PhoneNumber.parse(conversation.contact().phone()).digits();
    DocumentSnapshot thread =
        tx.get(firestore.collection(Collections.CONTACT_THREADS).document(threadId)).get();
    if (thread.exists() && !conversation.id().equals(thread.getString("conversationId"))) {
      throw new ConflictException(
          "conversation_superseded", "the customer has a newer conversation; continue there");
    }
  }
}
