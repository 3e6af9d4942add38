package com.utalk.conversations;

import com.utalk.messaging.Conversation;
import java.time.Instant;

/** A conversation as the agents' front end sees it. */
public record ConversationView(
    String id,
    Conversation.Contact contact,
    String status,
    boolean botEnabled,
    String assignedAgentId,
    Instant createdAt,
    Instant firstInboundAt,
    Instant firstAgentReplyAt,
    Instant escalatedAt,
    Instant closedAt,
    Boolean resolvedInFirstContact,
    Instant lastMessageAt,
    Instant lastInboundAt,
    Instant awaitingReplySince,
    long messageCount,
    long seq) {

  public static ConversationView of(Conversation c) {
    return new ConversationView(
        c.id(),
        c.contact(),
        c.status().wire(),
        c.botEnabled(),
        c.assignedAgentId(),
        c.createdAt(),
        c.firstInboundAt(),
        c.firstAgentReplyAt(),
        c.escalatedAt(),
        c.closedAt(),
        c.resolvedInFirstContact(),
        c.lastMessageAt(),
        c.lastInboundAt(),
        c.awaitingReplySince(),
        c.messageCount(),
        c.seq());
  }
}
