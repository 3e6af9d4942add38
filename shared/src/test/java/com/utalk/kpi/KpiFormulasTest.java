package com.utalk.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each of the operations reference's nine formulas on a small dataset whose answer was worked out
 * by hand (the arithmetic is in the comments), and on the empty set, where the operations reference
 * answers 0.
 */
class KpiFormulasTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final double EPS = 1e-9;

  private static MessageFacts message(
      String direction,
      String status,
      String author,
      boolean bot,
      Long botTime,
      Long responseTime,
      boolean media) {
    return new MessageFacts("w", T, direction, status, author, bot, botTime, responseTime, media);
  }

  private static final List<MessageFacts> MESSAGES =
      List.of(
          message("inbound", "received", "customer", false, null, null, false),
          message("inbound", "received", "customer", false, null, null, true),
          message("outbound", "delivered", "bot", true, 1500L, null, false),
          message("outbound", "failed", "bot", true, 2500L, null, false),
          message("outbound", "read", "bot", true, null, null, false),
          message("outbound", "delivered", "agent:u1", false, null, 20000L, true),
          message("outbound", "failed", "agent:u1", false, null, null, false),
          message("outbound", "sent", "agent:u2", false, null, 50000L, false));

  private static final List<ConversationFacts> CONVERSATIONS =
      List.of(
          new ConversationFacts("w", T, "closed", true),
          new ConversationFacts("w", T, "closed", false),
          new ConversationFacts("w", T, "escalated", false),
          new ConversationFacts("w", T, "open", false),
          new ConversationFacts("w", T, "closed", true),
          new ConversationFacts("w", T, "escalated", true));

  @Test
  void tmoBotIsTheMeanBotResponseTimeWithMissingTimesAsZero() {
    // bot messages: 1500, 2500, (none → 0) → 4000 / 3
    KpiValue tmo = KpiFormulas.tmoBot(MESSAGES);
    assertEquals(4000.0 / 3, tmo.value(), EPS);
    assertEquals(4000, tmo.numerator());
    assertEquals(3, tmo.denominator());
    assertEquals(KpiStatus.OK, tmo.status()); // 1333 ms < 2000 ms
  }

  @Test
  void fcrCountsClosedConversationsResolvedInFirstContact() {
    // closed & resolved: c1, c5 (c6 is resolved but still escalated) → 2 / 6
    KpiValue fcr = KpiFormulas.fcr(CONVERSATIONS);
    assertEquals(2.0 / 6, fcr.value(), EPS);
    assertEquals(KpiStatus.BREACH, fcr.status()); // 33% is not > 70%
  }

  @Test
  void asaAgentIsTheMeanResponseTimeOfAgentResponses() {
    // agent messages with a responseTime: 20000, 50000 → 35000 (the follow-up without one is not a
    // response)
    KpiValue asa = KpiFormulas.asaAgent(MESSAGES);
    assertEquals(35000, asa.value(), EPS);
    assertEquals(2, asa.denominator());
    assertEquals(KpiStatus.BREACH, asa.status()); // 35 s is not < 30 s
  }

  @Test
  void escalationRateCountsConversationsWhoseStatusIsEscalated() {
    // c3, c6 → 2 / 6
    KpiValue rate = KpiFormulas.escalationRate(CONVERSATIONS);
    assertEquals(2.0 / 6, rate.value(), EPS);
    assertEquals(KpiStatus.BREACH, rate.status());
  }

  @Test
  void timeToEscalationIsTheMeanFromConversationStartToEscalation() {
    // 4 min, 10 min, 6.5 min → (240000 + 600000 + 390000) / 3 = 410000 ms
    List<EscalationFacts> escalations =
        List.of(
            new EscalationFacts("w", T, T.plusSeconds(240)),
            new EscalationFacts("w", T, T.plusSeconds(600)),
            new EscalationFacts("w", T, T.plusSeconds(390)));
    KpiValue time = KpiFormulas.timeToEscalation(escalations);
    assertEquals(410000, time.value(), EPS);
    assertEquals(KpiStatus.OK, time.status()); // 6.8 min > 5 min
  }

  @Test
  void deliveryFailureRateIsFailedOverOutbound() {
    // outbound: 6 (messages 3–8); failed: 2 (4 and 7) → 1/3
    KpiValue rate = KpiFormulas.deliveryFailureRate(MESSAGES);
    assertEquals(1.0 / 3, rate.value(), EPS);
    assertEquals(2, rate.numerator());
    assertEquals(6, rate.denominator());
    assertEquals(KpiStatus.BREACH, rate.status());
  }

  @Test
  void mediaMessageRateIsMessagesWithMediaOverAllMessages() {
    // media: messages 2 and 6 → 2 / 8
    KpiValue rate = KpiFormulas.mediaMessageRate(MESSAGES);
    assertEquals(0.25, rate.value(), EPS);
    assertEquals(KpiStatus.OK, rate.status()); // 25% < 30%
  }

  @Test
  void csatIsRatingsOfFourOrFiveOverRatings() {
    // 5, 4, 3, 1, 5 → 3 positive / 5; NPS answers are not CSAT ratings
    List<RatingFacts> ratings = List.of(csat(5), csat(4), csat(3), csat(1), csat(5), nps(10));
    KpiValue value = KpiFormulas.csat(ratings);
    assertEquals(0.6, value.value(), EPS);
    assertEquals(5, value.denominator());
    assertEquals(KpiStatus.BREACH, value.status());
    assertEquals(
        KpiStatus.OK,
        KpiFormulas.csat(List.of(csat(5), csat(4), csat(5), csat(5), csat(5), csat(5), csat(4)))
            .status());
  }

  @Test
  void npsIsPromotersMinusDetractorsOverResponsesTimesHundred() {
    // 10, 9, 8, 7, 6, 0, 10 → promoters 3, detractors 2, responses 7 → (3 − 2) / 7 × 100 = 14.2857…
    List<RatingFacts> responses =
        List.of(nps(10), nps(9), nps(8), nps(7), nps(6), nps(0), nps(10), csat(5));
    KpiValue value = KpiFormulas.nps(responses);
    assertEquals(100.0 / 7, value.value(), EPS);
    assertEquals(1, value.numerator());
    assertEquals(7, value.denominator());
    assertEquals(KpiStatus.BREACH, value.status());
    // 10, 10, 9, 8 → (3 − 0) / 4 × 100 = 75 > 50
    KpiValue good = KpiFormulas.nps(List.of(nps(10), nps(10), nps(9), nps(8)));
    assertEquals(75, good.value(), EPS);
    assertEquals(KpiStatus.OK, good.status());
    // all detractors: (0 − 2) / 2 × 100 = −100
    assertEquals(-100, KpiFormulas.nps(List.of(nps(0), nps(6))).value(), EPS);
  }

  @Test
  void everyFormulaOnAnEmptySetIsZero() {
    for (KpiValue value :
        List.of(
            KpiFormulas.tmoBot(List.of()),
            KpiFormulas.fcr(List.of()),
            KpiFormulas.asaAgent(List.of()),
            KpiFormulas.escalationRate(List.of()),
            KpiFormulas.timeToEscalation(List.of()),
            KpiFormulas.deliveryFailureRate(List.of()),
            KpiFormulas.mediaMessageRate(List.of()),
            KpiFormulas.csat(List.of()),
            KpiFormulas.nps(List.of()))) {
      assertEquals(0, value.value(), 0, value.kpi().id());
      assertEquals(0, value.numerator(), value.kpi().id());
      assertEquals(0, value.denominator(), value.kpi().id());
    }
    // Sets with records but none in the denominator are "empty" too: no bot message, no outbound.
    List<MessageFacts> onlyInbound =
        List.of(message("inbound", "received", "customer", false, null, null, false));
    assertEquals(0, KpiFormulas.tmoBot(onlyInbound).value(), 0);
    assertEquals(0, KpiFormulas.deliveryFailureRate(onlyInbound).value(), 0);
    assertEquals(0, KpiFormulas.asaAgent(onlyInbound).value(), 0);
  }

  @Test
  void storedFieldNamesAreTheOnesTheFormulasRead() {
    Map<String, Object> stored = new HashMap<>();
    stored.put("workspaceId", "w");
    stored.put("createdAt", Timestamp.parseTimestamp("2026-03-02T10:15:00Z"));
    stored.put("direction", "outbound");
    stored.put("status", "failed");
    stored.put("author", "agent:u9");
    stored.put("botResponse", false);
    stored.put("responseTime", 12000L);
    stored.put("mediaIds", List.of());
    stored.put("media", List.of(Map.of("url", "https://x", "contentType", "image/png")));
    MessageFacts facts = MessageFacts.from(stored);
    Tally tally = facts.tally();
    assertEquals(1, tally.get(KpiCounter.MEDIA_MESSAGES));
    assertEquals(1, tally.get(KpiCounter.FAILED_OUTBOUND_MESSAGES));
    assertEquals(12000, tally.get(KpiCounter.AGENT_RESPONSE_TIME_MS));
    assertEquals(
        Instant.parse("2026-03-02T10:00:00Z"),
        KpiSource.MESSAGES.contribution(stored).orElseThrow().hour());
  }

  private static RatingFacts csat(int score) {
    return new RatingFacts("w", T, RatingFacts.CSAT, score);
  }

  private static RatingFacts nps(int score) {
    return new RatingFacts("w", T, RatingFacts.NPS, score);
  }
}
