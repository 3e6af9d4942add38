package com.utalk.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * What every consumer of {@code conversation-events} receives. {@code seq} is monotonic per
 * conversation, so a consumer can order, dedupe (with {@code eventId}) and detect gaps.
 */
public record ConversationEvent(
    String eventId,
    String type,
    String workspaceId,
    String conversationId,
    long seq,
    Instant occurredAt,
    String requestId,
    JsonNode payload) {

  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_STATUS = "message.status";
  public static final String MESSAGE_OUTBOUND = "message.outbound";
  public static final String CONVERSATION_UPDATED = "conversation.updated";

  /** Pub/Sub attributes, so subscribers can filter and log without parsing the payload. */
  public Map<String, String> attributes() {
    return Map.of(
        "eventId", eventId,
        "type", type,
        "workspaceId", workspaceId,
        "conversationId", conversationId,
        "seq", Long.toString(seq),
        "requestId", requestId == null ? "" : requestId);
  }
}
