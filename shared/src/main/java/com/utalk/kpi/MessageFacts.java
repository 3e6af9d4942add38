package com.utalk.kpi;

import java.time.Instant;
import java.util.Map;

/**
 * What the KPIs read from a message. {@code author} is the stored form ("customer", "bot",
 * "agent:{uid}").
 */
public record MessageFacts(
    String workspaceId,
    Instant createdAt,
    String direction,
    String status,
    String author,
    boolean botResponse,
    Long botResponseTime,
    Long responseTime,
    boolean hasMedia) {

  public static MessageFacts from(Map<String, Object> fields) {
    // The operations reference's formula tests `m.mediaId`; inbound media arrives as `media` refs
    // before any mediaId exists,
    // so every stored sign of an attachment counts.
    boolean hasMedia =
        Fields.bool(fields, "hasMedia")
            || Fields.string(fields, "mediaId") != null
            || Fields.nonEmptyList(fields, "mediaIds")
            || Fields.nonEmptyList(fields, "media");
    return new MessageFacts(
        Fields.string(fields, "workspaceId"),
        Fields.instant(fields, "createdAt"),
        Fields.string(fields, "direction"),
        Fields.string(fields, "status"),
        Fields.string(fields, "author"),
        Fields.bool(fields, "botResponse"),
        Fields.number(fields, "botResponseTime"),
        Fields.number(fields, "responseTime"),
        hasMedia);
  }

  /**
   * An agent response is an agent's outbound message that answered a waiting customer (it carries
   * responseTime).
   */
  public boolean isAgentResponse() {
    return author != null && author.startsWith("agent:") && responseTime != null;
  }

  public Tally tally() {
    Tally tally = Tally.of(KpiCounter.MESSAGES, 1);
    if (hasMedia) {
      tally = tally.plus(KpiCounter.MEDIA_MESSAGES, 1);
    }
    if ("outbound".equals(direction)) {
      tally = tally.plus(KpiCounter.OUTBOUND_MESSAGES, 1);
      if ("failed".equals(status)) {
        tally = tally.plus(KpiCounter.FAILED_OUTBOUND_MESSAGES, 1);
      }
    }
    if (botResponse) {
      tally =
          tally
              .plus(KpiCounter.BOT_RESPONSES, 1)
              .plus(KpiCounter.BOT_RESPONSE_TIME_MS, botResponseTime == null ? 0 : botResponseTime);
    }
    if (isAgentResponse()) {
      tally =
          tally
              .plus(KpiCounter.AGENT_RESPONSES, 1)
              .plus(KpiCounter.AGENT_RESPONSE_TIME_MS, responseTime);
    }
    return tally;
  }
}
