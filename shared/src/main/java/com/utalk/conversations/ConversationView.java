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
        c.id(), c.contact(), c.status().wire(), c.botEnabled(), c.assignedAgentId(), c.createdAt(), c.firstInboundAt(),
        c.firstAgentReplyAt(), c.escalatedAt(), c.closedAt(), c.resolvedInFirstContact(), c.lastMessageAt(),
        c.lastInboundAt(), c.awaitingReplySince(), c.messageCount(), c.seq());
  }

  ConversationView assigned(String agentId, long nextSeq) {
    return new ConversationView(id, contact, status, botEnabled, agentId, createdAt, firstInboundAt, firstAgentReplyAt,
        escalatedAt, closedAt, resolvedInFirstContact, lastMessageAt, lastInboundAt, awaitingReplySince, messageCount, nextSeq);
  }

  ConversationView closed(Instant at, boolean resolved, long nextSeq) {
    return new ConversationView(id, contact, "closed", botEnabled, assignedAgentId, createdAt, firstInboundAt,
        firstAgentReplyAt, escalatedAt, at, resolved, lastMessageAt, lastInboundAt, null, messageCount, nextSeq);
  }

  ConversationView reopened(long nextSeq) {
    return new ConversationView(id, contact, "open", botEnabled, assignedAgentId, createdAt, firstInboundAt,
        firstAgentReplyAt, escalatedAt, null, false, lastMessageAt, lastInboundAt, awaitingReplySince, messageCount, nextSeq);
  }
}
