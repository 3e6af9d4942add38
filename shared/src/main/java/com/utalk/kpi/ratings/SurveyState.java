package com.utalk.kpi.ratings;

import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The survey of a closed conversation, kept on the contact's thread document ({@code
 * contactThreads/{workspace}_{phone}.ratingSurvey}): the inbound ingest already reads that document
 * in its transaction, so recognising an answer costs no extra read. {@code pending} is the question
 * awaiting an answer ({@code null} once the survey is over).
 */
public record SurveyState(
    String conversationId, RatingKind pending, boolean npsEnabled, Instant expiresAt) {
  public static final String FIELD = "ratingSurvey";

  @SuppressWarnings("unchecked")
  public static SurveyState from(Object stored) {
    if (!(stored instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, Object> fields = (Map<String, Object>) map;
    return new SurveyState(
        (String) fields.get("conversationId"),
        RatingKind.fromWire((String) fields.get("pending")),
        Boolean.TRUE.equals(fields.get("npsEnabled")),
        Timestamps.toInstant(fields.get("expiresAt")));
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put("conversationId", conversationId);
    map.put("pending", pending == null ? null : pending.wire());
    map.put("npsEnabled", npsEnabled);
    map.put("expiresAt", Timestamps.of(expiresAt));
    return map;
  }

  public boolean awaits(String conversation, Instant now) {
    return pending != null
        && conversation.equals(conversationId)
        && expiresAt != null
        && now.isBefore(expiresAt);
  }

  /** After an answer to {@code answered}: NPS next if enabled and CSAT was answered, else over. */
  public SurveyState answered(RatingKind answered) {
    RatingKind next = answered == RatingKind.CSAT && npsEnabled ? RatingKind.NPS : null;
    return new SurveyState(conversationId, next, npsEnabled, expiresAt);
  }
}
