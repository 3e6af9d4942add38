package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;

/**
 * The operations reference's business counters. Conversations, messages, escalations and bot
 * responses are counted by the KPI trigger (once per new document, deduplicated like the KPIs)
 * rather than at every write site; user sessions are counted where a session starts (login).
 */
public final class BusinessMetrics {
  private final LongCounter conversations;
  private final LongCounter messages;
  private final LongCounter escalations;
  private final LongCounter botResponses;
  private final LongCounter userSessions;

  BusinessMetrics(Meter meter) {
    conversations =
        meter
            .counterBuilder(MetricNames.CONVERSATIONS_TOTAL)
            .setDescription("Conversations opened")
            .setUnit("{conversation}")
            .build();
    messages =
        meter
            .counterBuilder(MetricNames.MESSAGES_TOTAL)
            .setDescription("Messages stored, by direction")
            .setUnit("{message}")
            .build();
    escalations =
        meter
            .counterBuilder(MetricNames.ESCALATIONS_TOTAL)
            .setDescription("Conversations handed to a human")
            .setUnit("{escalation}")
            .build();
    botResponses =
        meter
            .counterBuilder(MetricNames.BOT_RESPONSES_TOTAL)
            .setDescription("Messages the bot sent")
            .setUnit("{message}")
            .build();
    userSessions =
        meter
            .counterBuilder(MetricNames.USER_SESSIONS_TOTAL)
            .setDescription("Agent/admin sessions started")
            .setUnit("{session}")
            .build();
  }

  /** A document of a KPI source collection was created (fields as stored). */
  public void documentCreated(String collection, Map<String, Object> fields) {
    switch (collection) {
      case "conversations" -> conversations.add(1);
      case "escalations" -> escalations.add(1);
      case "messages" -> {
        Object direction = fields.get("direction");
        messages.add(
            1,
            Attributes.of(
                MetricNames.DIRECTION, direction == null ? "unknown" : direction.toString()));
        if (Boolean.TRUE.equals(fields.get("botResponse"))) {
          botResponses.add(1);
        }
      }
      default -> {}
    }
  }

  public void userSessionStarted() {
    userSessions.add(1);
  }
}
