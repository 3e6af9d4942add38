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
}
