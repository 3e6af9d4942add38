package com.utalk.kpi;

import java.util.Collection;
import java.util.function.Function;

/**
 * The operations reference's nine formulas over lists of records, for reports and for checking by
 * hand. Each one folds the records into counters and divides, exactly as the incremental path does:
 * the filters live in the facts' {@code tally()} and the division in {@link Kpi#evaluate}.
 */
public final class KpiFormulas {
  private KpiFormulas() {}

  public static KpiValue tmoBot(Collection<MessageFacts> messages) {
    return Kpi.TMO_BOT.evaluate(sum(messages, MessageFacts::tally));
  }

  public static KpiValue fcr(Collection<ConversationFacts> conversations) {
    return Kpi.FCR.evaluate(sum(conversations, ConversationFacts::tally));
  }

  /**
   * {@code messages} may be all messages: only agent responses count (see {@link
   * MessageFacts#isAgentResponse}).
   */
  public static KpiValue asaAgent(Collection<MessageFacts> messages) {
    return Kpi.ASA_AGENT.evaluate(sum(messages, MessageFacts::tally));
  }

  public static KpiValue escalationRate(Collection<ConversationFacts> conversations) {
    return Kpi.ESCALATION_RATE.evaluate(sum(conversations, ConversationFacts::tally));
  }

  public static KpiValue timeToEscalation(Collection<EscalationFacts> escalations) {
    return Kpi.TIME_TO_ESCALATION.evaluate(sum(escalations, EscalationFacts::tally));
  }

  public static KpiValue deliveryFailureRate(Collection<MessageFacts> messages) {
    return Kpi.DELIVERY_FAILURE_RATE.evaluate(sum(messages, MessageFacts::tally));
  }

  public static KpiValue mediaMessageRate(Collection<MessageFacts> messages) {
    return Kpi.MEDIA_MESSAGE_RATE.evaluate(sum(messages, MessageFacts::tally));
  }

  public static KpiValue csat(Collection<RatingFacts> ratings) {
    return Kpi.CSAT.evaluate(sum(ratings, RatingFacts::tally));
  }

  public static KpiValue nps(Collection<RatingFacts> responses) {
    return Kpi.NPS.evaluate(sum(responses, RatingFacts::tally));
  }

  public static <T> Tally sum(Collection<T> records, Function<T, Tally> tally) {
    Tally total = Tally.ZERO;
    for (T record : records) {
      total = total.plus(tally.apply(record));
    }
    return total;
  }
}
