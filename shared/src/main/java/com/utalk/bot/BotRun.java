package com.utalk.bot;

import java.time.Instant;

/**
 * One run of the bot on one inbound message, stored as {@code botRuns/{inboundMessageId}}. {@code
 * responder} says who answered ("openai", or "offline" without an API key); latency is the model's
 * (all attempts), {@code botResponseTime} the customer-visible one (the TMO KPI).
 */
public record BotRun(
    String inboundMessageId,
    String workspaceId,
    String conversationId,
    Outcome outcome,
    String reason,
    String responder,
    String model,
    int attempts,
    Long modelLatencyMs,
    Long promptTokens,
    Long completionTokens,
    Long totalTokens,
    String replyMessageId,
    Long botResponseTime,
    String error,
    String escalationId,
    Instant startedAt,
    Instant finishedAt,
    String requestId) {

  public enum Outcome {
    REPLIED,
    ESCALATED,
    SKIPPED,
    FAILED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
