package com.utalk.realtime.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.escalation.EscalationService;
import com.utalk.events.ConversationEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * What a client receives for one conversation event: the Socket.IO event name and its single
 * argument. Every event carries its id, conversation and per-conversation sequence number, so the
 * front end can order, dedupe and ask for what it missed ({@code sync:since}).
 */
public record SocketEvent(
    String eventId,
    String type,
    String workspaceId,
    String conversationId,
    long seq,
    Instant occurredAt,
    JsonNode data) {

  public static final String MESSAGE_NEW = "message:new";
  public static final String MESSAGE_STATUS = "message:status";
  public static final String CONVERSATION_UPDATED = "conversation:updated";
  public static final String CONVERSATION_ESCALATED = "conversation:escalated";
  public static final String API_CHANGES = "api:changes";

  /**
   * Published on {@code conversation-events} by the deprecation work; not tied to a conversation.
   */
  public static final String API_CHANGES_TYPE = "api.changes";

  public static SocketEvent of(ConversationEvent event) {
    return new SocketEvent(
        event.eventId(),
        event.type(),
        event.workspaceId(),
        event.conversationId(),
        event.seq(),
        event.occurredAt(),
        event.payload());
  }

  /** The Socket.IO event name for a conversation event type; empty for types clients do not see. */
  public static Optional<String> nameFor(String type) {
    if (type == null) {
      return Optional.empty();
    }
    return switch (type) {
      case ConversationEvent.MESSAGE_RECEIVED, ConversationEvent.MESSAGE_OUTBOUND ->
          Optional.of(MESSAGE_NEW);
      case ConversationEvent.MESSAGE_STATUS -> Optional.of(MESSAGE_STATUS);
      case ConversationEvent.CONVERSATION_UPDATED -> Optional.of(CONVERSATION_UPDATED);
      case EscalationService.CONVERSATION_ESCALATED -> Optional.of(CONVERSATION_ESCALATED);
      case API_CHANGES_TYPE -> Optional.of(API_CHANGES);
      default -> Optional.empty();
    };
  }

  public Optional<String> name() {
    return nameFor(type);
  }
}
