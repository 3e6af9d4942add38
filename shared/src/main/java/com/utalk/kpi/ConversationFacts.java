package com.utalk.kpi;

import java.time.Instant;
import java.util.Map;

/** What the KPIs read from a conversation: FCR and escalation rate use its current status. */
public record ConversationFacts(
    String workspaceId, Instant createdAt, String status, boolean resolvedInFirstContact) {
  public static ConversationFacts from(Map<String, Object> fields) {
    return new ConversationFacts(
        Fields.string(fields, "workspaceId"),
        Fields.instant(fields, "createdAt"),
        Fields.string(fields, "status"),
        Fields.bool(fields, "resolvedInFirstContact"));
  }

  public Tally tally() {
    Tally tally = Tally.of(KpiCounter.CONVERSATIONS, 1);
    if (resolvedInFirstContact && "closed".equals(status)) {
      tally = tally.plus(KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT, 1);
    }
    if ("escalated".equals(status)) {
      tally = tally.plus(KpiCounter.CONVERSATIONS_ESCALATED, 1);
    }
    return tally;
  }
}
