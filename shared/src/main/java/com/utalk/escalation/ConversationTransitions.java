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
    return c.toBuilder()
        .status(ConversationStatus.ESCALATED)
        .botEnabled(false)
        .assignedAgentId(assignee != null ? assignee : c.assignedAgentId())
        .escalatedAt(c.escalatedAt() != null ? c.escalatedAt() : now)
        .nextSeq()
        .build();
  }

  /** Same status, bot off. */
  static Conversation botPaused(Conversation c) {
    return c.toBuilder().botEnabled(false).nextSeq().build();
  }
}
