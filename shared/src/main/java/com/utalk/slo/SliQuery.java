package com.utalk.slo;

/**
 * How an SLI's good and total events are counted from the exported metrics (the same series in
 * Cloud Monitoring and in /metrics): a ratio of request counts split by a label, the share of a
 * latency histogram at or under a threshold, or an error counter over an event counter.
 */
public sealed interface SliQuery {
  /**
   * {@code metric} counts every event; those whose {@code badLabel} equals {@code badValue} are
   * bad; those whose {@code excludeLabel} equals {@code excludeValue} are not counted at all; only
   * series whose {@code http_route} starts with {@code routePrefix} count (null: all).
   */
  record Ratio(
      String metric,
      String badLabel,
      String badValue,
      String excludeLabel,
      String excludeValue,
      String routePrefix)
      implements SliQuery {}

  /**
   * Good: observations of {@code histogram} at or under {@code thresholdSeconds} (a bucket edge).
   */
  record Latency(String histogram, double thresholdSeconds, String routePrefix)
      implements SliQuery {}

  /** Bad: {@code errorMetric}; total: {@code totalMetric}. */
  record Errors(String totalMetric, String errorMetric) implements SliQuery {}

  /**
   * Every increment of {@code counter} is an event, bad when its {@code outcome} label is {@code
   * error}; only series whose {@code label} equals {@code value} count (label null: all). The calls
   * to what we depend on (database, Twilio, OpenAI) are counted this way.
   */
  record Outcomes(String counter, String label, String value) implements SliQuery {
    public static final String OUTCOME_LABEL = "outcome";
    public static final String ERROR = "error";
  }

  /**
   * A metric Google itself writes for a managed service ({@code metricType} on monitored {@code
   * resourceType}, e.g. Firestore's own request count): bad when {@code label} is one of {@code
   * badValues}. Only Cloud Monitoring has it; a process sees no such events.
   */
  record GoogleMetric(
      String metricType, String resourceType, String label, java.util.List<String> badValues)
      implements SliQuery {}
}
