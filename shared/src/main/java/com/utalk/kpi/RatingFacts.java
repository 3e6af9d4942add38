package com.utalk.kpi;

import java.time.Instant;
import java.util.Map;

/** A customer's answer to the satisfaction survey: {@code csat} 1–5 or {@code nps} 0–10. */
public record RatingFacts(String workspaceId, Instant createdAt, String kind, long score) {
  public static final String CSAT = "csat";
  public static final String NPS = "nps";

  public static RatingFacts from(Map<String, Object> fields) {
    Long score = Fields.number(fields, "score");
    return new RatingFacts(
        Fields.string(fields, "workspaceId"),
        Fields.instant(fields, "createdAt"),
        Fields.string(fields, "kind"),
        score == null ? -1 : score);
  }

  public Tally tally() {
    if (CSAT.equals(kind)) {
      return Tally.of(KpiCounter.CSAT_RATINGS, 1)
          .plus(KpiCounter.CSAT_POSITIVE, score >= 4 ? 1 : 0);
    }
    if (NPS.equals(kind)) {
      return Tally.of(KpiCounter.NPS_RESPONSES, 1)
          .plus(KpiCounter.NPS_PROMOTERS, score >= 9 ? 1 : 0)
          .plus(KpiCounter.NPS_DETRACTORS, score <= 6 ? 1 : 0);
    }
    return Tally.ZERO;
  }
}
