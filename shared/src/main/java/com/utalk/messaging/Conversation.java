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
    return botEnabled
        && status != ConversationStatus.ESCALATED
        && status != ConversationStatus.CLOSED;
  }

  /** A copy that took the next event sequence number. */
  public Conversation nextSeq() {
    return toBuilder().nextSeq().build();
  }

  /**
   * A copy after an outbound message: agent replies stamp the first reply and stop the ASA clock.
   */
  public Conversation afterOutbound(Instant now, boolean byAgent, boolean byBot) {
    Builder next = toBuilder().lastMessageAt(now).messageCount(messageCount + 1).nextSeq();
    if (byAgent && firstAgentReplyAt == null) {
      next.firstAgentReplyAt(now);
    }
    if (byAgent || byBot) {
      next.awaitingReplySince(null);
    }
    return next.build();
  }

  /** The one way to change a conversation: start from it, set what changes, build the copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A new conversation: every field starts empty (null, false, 0). */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * Field-by-field copy of a {@link Conversation}, so that a change names the fields it changes
   * instead of restating all eighteen in order; {@link ConversationDocument#changes} derives the
   * Firestore update from the result and {@code ConversationView.of} the front end's view.
   */
  public static final class Builder {
    private String id;
    private String workspaceId;
    private Contact contact;
    private String businessNumber;
    private ConversationStatus status;
    private boolean botEnabled;
    private String assignedAgentId;
    private Instant createdAt;
    private Instant firstInboundAt;
    private Instant firstAgentReplyAt;
    private Instant escalatedAt;
    private Instant closedAt;
    private Boolean resolvedInFirstContact;
    private Instant lastMessageAt;
    private Instant lastInboundAt;
    private Instant awaitingReplySince;
    private long messageCount;
    private long seq;

    private Builder(Conversation from) {
      if (from == null) {
        return;
      }
      id = from.id;
      workspaceId = from.workspaceId;
      contact = from.contact;
      businessNumber = from.businessNumber;
      status = from.status;
      botEnabled = from.botEnabled;
      assignedAgentId = from.assignedAgentId;
      createdAt = from.createdAt;
      firstInboundAt = from.firstInboundAt;
      firstAgentReplyAt = from.firstAgentReplyAt;
      escalatedAt = from.escalatedAt;
      closedAt = from.closedAt;
      resolvedInFirstContact = from.resolvedInFirstContact;
      lastMessageAt = from.lastMessageAt;
      lastInboundAt = from.lastInboundAt;
      awaitingReplySince = from.awaitingReplySince;
      messageCount = from.messageCount;
      seq = from.seq;
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder workspaceId(String value) {
      workspaceId = value;
      return this;
    }

    public Builder contact(Contact value) {
      contact = value;
      return this;
    }

    public Builder businessNumber(String value) {
      businessNumber = value;
      return this;
    }

    public Builder status(ConversationStatus value) {
      status = value;
      return this;
    }

    public Builder botEnabled(boolean value) {
      botEnabled = value;
      return this;
    }

    public Builder assignedAgentId(String value) {
      assignedAgentId = value;
      return this;
    }

    public Builder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public Builder firstInboundAt(Instant value) {
      firstInboundAt = value;
      return this;
    }

    public Builder firstAgentReplyAt(Instant value) {
      firstAgentReplyAt = value;
      return this;
    }

    public Builder escalatedAt(Instant value) {
      escalatedAt = value;
      return this;
    }

    public Builder closedAt(Instant value) {
      closedAt = value;
      return this;
    }

    public Builder resolvedInFirstContact(Boolean value) {
      resolvedInFirstContact = value;
      return this;
    }

    public Builder lastMessageAt(Instant value) {
      lastMessageAt = value;
      return this;
    }

    public Builder lastInboundAt(Instant value) {
      lastInboundAt = value;
      return this;
    }

    public Builder awaitingReplySince(Instant value) {
      awaitingReplySince = value;
      return this;
    }

    public Builder messageCount(long value) {
      messageCount = value;
      return this;
    }

    public Builder seq(long value) {
      seq = value;
      return this;
    }

    /** Every change of a conversation takes its next event sequence number. */
    public Builder nextSeq() {
      seq = seq + 1;
      return this;
    }

    public Conversation build() {
      return new Conversation(
          id,
          workspaceId,
          contact,
          businessNumber,
          status,
          botEnabled,
          assignedAgentId,
          createdAt,
          firstInboundAt,
          firstAgentReplyAt,
          escalatedAt,
          closedAt,
          resolvedInFirstContact,
          lastMessageAt,
          lastInboundAt,
          awaitingReplySince,
          messageCount,
          seq);
    }
  }
}
