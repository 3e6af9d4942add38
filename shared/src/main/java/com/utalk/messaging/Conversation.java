package com.utalk.messaging;

import java.time.Instant;

/**
 * A conversation with one contact. {@code seq} is the last event sequence number: every event of
 * this conversation takes the next one inside the same transaction as the write it describes.
 */
public record Conversation(
    String id,
    String workspaceId,
    Contact contact,
    String businessNumber,
    ConversationStatus status,
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

  /** The customer: WhatsApp number and the profile name WhatsApp reported. */
  public record Contact(String phone, String profileName) {}

  public boolean isClosed() {
    return status == ConversationStatus.CLOSED;
  }

  /** The bot may answer only while it is on and no human owns the conversation. */
  public boolean botMayReply() {
    return botEnabled && status != ConversationStatus.ESCALATED && status != ConversationStatus.CLOSED;
  }

  /** A copy that took the next event sequence number. */
  public Conversation nextSeq() {
    return new Conversation(id, workspaceId, contact, businessNumber, status, botEnabled, assignedAgentId, createdAt,
        firstInboundAt, firstAgentReplyAt, escalatedAt, closedAt, resolvedInFirstContact, lastMessageAt, lastInboundAt,
        awaitingReplySince, messageCount, seq + 1);
  }

  /** A copy after an outbound message: agent replies stamp the first reply and stop the ASA clock. */
  public Conversation afterOutbound(Instant now, boolean byAgent, boolean byBot) {
    boolean answersCustomer = byAgent || byBot;
    return new Conversation(id, workspaceId, contact, businessNumber, status, botEnabled, assignedAgentId, createdAt,
        firstInboundAt, byAgent && firstAgentReplyAt == null ? now : firstAgentReplyAt, escalatedAt, closedAt,
        resolvedInFirstContact, now, lastInboundAt, answersCustomer ? null : awaitingReplySince, messageCount + 1, seq + 1);
  }
}
