package com.utalk.escalation;

import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationStatus;
import java.time.Instant;

/**
 * Copies of a {@link Conversation} after the bot-related changes this package makes. Each copy
 * takes the next event sequence number, like every other change of a conversation.
 */
final class ConversationTransitions {
  private ConversationTransitions() {}

  /** Escalated, bot off; the first escalation time is kept (time-to-escalation counts from it). */
  static Conversation escalated(Conversation c, Instant now, String assignee) {
    return new Conversation(
        c.id(), c.workspaceId(), c.contact(), c.businessNumber(), ConversationStatus.ESCALATED, false,
        assignee != null ? assignee : c.assignedAgentId(), c.createdAt(), c.firstInboundAt(), c.firstAgentReplyAt(),
        c.escalatedAt() != null ? c.escalatedAt() : now, c.closedAt(), c.resolvedInFirstContact(), c.lastMessageAt(),
        c.lastInboundAt(), c.awaitingReplySince(), c.messageCount(), c.seq() + 1);
  }

  /** Same status, bot off. */
  static Conversation botPaused(Conversation c) {
    return new Conversation(
        c.id(), c.workspaceId(), c.contact(), c.businessNumber(), c.status(), false, c.assignedAgentId(), c.createdAt(),
        c.firstInboundAt(), c.firstAgentReplyAt(), c.escalatedAt(), c.closedAt(), c.resolvedInFirstContact(),
        c.lastMessageAt(), c.lastInboundAt(), c.awaitingReplySince(), c.messageCount(), c.seq() + 1);
  }
}
