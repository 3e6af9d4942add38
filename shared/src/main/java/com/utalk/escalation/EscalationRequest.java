package com.utalk.escalation;

/**
 * A request to hand a conversation to humans. {@code actorId} is the agent or admin who did it
 * (null for the customer, the model and bot failures); an agent takeover also assigns the agent.
 */
public record EscalationRequest(
    String workspaceId,
    String conversationId,
    EscalationTrigger trigger,
    String reason,
    String actorId) {
  /** Reasons come from customers and models: kept short so a document or a log line stays small. */
  public static final int MAX_REASON_CHARS = 500;

  public EscalationRequest {
    if (reason != null && reason.length() > MAX_REASON_CHARS) {
      reason = reason.substring(0, MAX_REASON_CHARS);
    }
  }
}
