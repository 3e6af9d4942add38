package com.utalk.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the KPIs read from an escalation record (written by the bot/escalation flow). */
public record EscalationFacts(
    String workspaceId, Instant conversationCreatedAt, Instant escalatedAt) {
  public static EscalationFacts from(Map<String, Object> fields) {
    return new EscalationFacts(
        Fields.string(fields, "workspaceId"),
        Fields.instant(fields, "conversationCreatedAt"),
        Fields.instant(fields, "escalatedAt"));
  }

  /** escalatedAt − conversationCreatedAt; a record missing either time adds 0 (it still counts). */
  public long timeToEscalationMillis() {
    return conversationCreatedAt == null || escalatedAt == null
        ? 0
        : Duration.between(conversationCreatedAt, escalatedAt).toMillis();
  }

  public Tally tally() {
    return Tally.of(KpiCounter.ESCALATIONS, 1)
        .plus(KpiCounter.TIME_TO_ESCALATION_MS, timeToEscalationMillis());
  }
}
