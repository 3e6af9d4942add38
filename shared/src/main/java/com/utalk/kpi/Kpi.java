package com.utalk.kpi;

/**
 * The nine business KPIs of the operations document ("KPIs de negocio (con fórmulas)"): each is
 * {@code scale × numerator / denominator}, 0 when the denominator is 0, with the operations
 * reference's target. Means (TMO, ASA, time to escalation) are sum / count; rates are count /
 * count; NPS is (promoters − detractors) / responses × 100.
 */
public enum Kpi {
  /** TMO bot: mean botResponseTime of bot messages, target &lt; 2 s. */
  TMO_BOT(
      "tmoBot",
      "ms",
      2000,
      Comparison.BELOW,
      1,
      KpiCounter.BOT_RESPONSE_TIME_MS,
      null,
      KpiCounter.BOT_RESPONSES),
  /** FCR: closed and resolvedInFirstContact / conversations, target &gt; 70%. */
  FCR(
      "fcr",
      "ratio",
      0.70,
      Comparison.ABOVE,
      1,
      KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT,
      null,
      KpiCounter.CONVERSATIONS),
  /** ASA agent: mean responseTime of agent responses, target &lt; 30 s. */
  ASA_AGENT(
      "asaAgent",
      "ms",
      30000,
      Comparison.BELOW,
      1,
      KpiCounter.AGENT_RESPONSE_TIME_MS,
      null,
      KpiCounter.AGENT_RESPONSES),
  /** Escalation rate: conversations with status escalated / conversations, target &lt; 20%. */
  ESCALATION_RATE(
      "escalationRate",
      "ratio",
      0.20,
      Comparison.BELOW,
      1,
      KpiCounter.CONVERSATIONS_ESCALATED,
      null,
      KpiCounter.CONVERSATIONS),
  /** Time to escalation: mean escalatedAt − conversationCreatedAt, target &gt; 5 min. */
  TIME_TO_ESCALATION(
      "timeToEscalation",
      "ms",
      300000,
      Comparison.ABOVE,
      1,
      KpiCounter.TIME_TO_ESCALATION_MS,
      null,
      KpiCounter.ESCALATIONS),
  /** Delivery failures: failed outbound / outbound, target &lt; 1%. */
  DELIVERY_FAILURE_RATE(
      "deliveryFailureRate",
      "ratio",
      0.01,
      Comparison.BELOW,
      1,
      KpiCounter.FAILED_OUTBOUND_MESSAGES,
      null,
      KpiCounter.OUTBOUND_MESSAGES),
  /** Media messages: messages with media / messages, target &lt; 30%. */
  MEDIA_MESSAGE_RATE(
      "mediaMessageRate",
      "ratio",
      0.30,
      Comparison.BELOW,
      1,
      KpiCounter.MEDIA_MESSAGES,
      null,
      KpiCounter.MESSAGES),
  /** CSAT: ratings of 4–5 / ratings, target &gt; 85%. */
  CSAT(
      "csat",
      "ratio",
      0.85,
      Comparison.ABOVE,
      1,
      KpiCounter.CSAT_POSITIVE,
      null,
      KpiCounter.CSAT_RATINGS),
  /** NPS: (promoters ≥ 9 − detractors ≤ 6) / responses × 100, target &gt; 50. */
  NPS(
      "nps",
      "score",
      50,
      Comparison.ABOVE,
      100,
      KpiCounter.NPS_PROMOTERS,
      KpiCounter.NPS_DETRACTORS,
      KpiCounter.NPS_RESPONSES);

  /** The direction of the target: the value must be strictly below or strictly above it. */
  public enum Comparison {
    BELOW,
    ABOVE
  }

  private final String id;
  private final String unit;
  private final double target;
  private final Comparison comparison;
  private final double scale;
  private final KpiCounter numerator;
  private final KpiCounter subtracted;
  private final KpiCounter denominator;

  Kpi(
      String id,
      String unit,
      double target,
      Comparison comparison,
      double scale,
      KpiCounter numerator,
      KpiCounter subtracted,
      KpiCounter denominator) {
    this.id = id;
    this.unit = unit;
    this.target = target;
    this.comparison = comparison;
    this.scale = scale;
    this.numerator = numerator;
    this.subtracted = subtracted;
    this.denominator = denominator;
  }

  public String id() {
    return id;
  }

  public String unit() {
    return unit;
  }

  public double target() {
    return target;
  }

  public Comparison comparison() {
    return comparison;
  }

  public long numerator(Tally tally) {
    return tally.get(numerator) - (subtracted == null ? 0 : tally.get(subtracted));
  }

  public long denominator(Tally tally) {
    return tally.get(denominator);
  }

  /** The operations reference's "length > 0 ? … : 0". */
  public KpiValue evaluate(Tally tally) {
    long num = numerator(tally);
    long den = denominator(tally);
    double value = den == 0 ? 0 : scale * num / den;
    boolean meets = comparison == Comparison.BELOW ? value < target : value > target;
    return new KpiValue(this, value, num, den, target, meets ? KpiStatus.OK : KpiStatus.BREACH);
  }
}
