package com.utalk.kpi;

/**
 * The additive quantities every KPI is a ratio of. Each one is a sum over raw documents, so an
 * hour's counters plus the next hour's are the two hours' counters: that is what lets the triggers
 * count incrementally and the rollups sum hours into days, weeks and months. The field names are
 * the stored names (counter shards and rollup documents).
 */
public enum KpiCounter {
  MESSAGES("messages"),
  MEDIA_MESSAGES("mediaMessages"),
  OUTBOUND_MESSAGES("outboundMessages"),
  FAILED_OUTBOUND_MESSAGES("failedOutboundMessages"),
  BOT_RESPONSES("botResponses"),
  BOT_RESPONSE_TIME_MS("botResponseTimeMsSum"),
  AGENT_RESPONSES("agentResponses"),
  AGENT_RESPONSE_TIME_MS("agentResponseTimeMsSum"),
  CONVERSATIONS("conversations"),
  CONVERSATIONS_RESOLVED_FIRST_CONTACT("conversationsResolvedFirstContact"),
  CONVERSATIONS_ESCALATED("conversationsEscalated"),
  ESCALATIONS("escalations"),
  TIME_TO_ESCALATION_MS("timeToEscalationMsSum"),
  CSAT_RATINGS("csatRatings"),
  CSAT_POSITIVE("csatPositive"),
  NPS_RESPONSES("npsResponses"),
  NPS_PROMOTERS("npsPromoters"),
  NPS_DETRACTORS("npsDetractors");

  private final String field;

  KpiCounter(String field) {
    this.field = field;
  }

  public String field() {
    return field;
  }
}
