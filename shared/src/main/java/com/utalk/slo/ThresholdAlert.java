package com.utalk.slo;

import java.time.Duration;
import java.util.List;

/**
 * An alert on a plain threshold (as opposed to an error-budget burn): {@code signal} beyond {@code
 * threshold} for {@code duration} notifies {@code channels}. Cloud Monitoring evaluates it; the
 * Terraform alert policies are generated from {@link Slos#THRESHOLD_ALERTS}.
 */
public record ThresholdAlert(
    String id,
    String summary,
    Severity severity,
    Signal signal,
    double threshold,
    Duration duration,
    List<String> channels,
    String runbook) {

  public enum Severity {
    WARNING,
    CRITICAL
  }

  /** What is measured; the threshold's unit follows it. */
  public enum Signal {
    /** p95 of REST request duration, seconds; fires above. */
    API_LATENCY_P95,
    /** share of REST requests answered 5xx; fires above. */
    API_ERROR_RATE,
    /** share of /health uptime checks that pass; fires below. */
    HEALTH_CHECK_PASS_RATIO,
    /**
     * container memory utilisation of the functions and the realtime service (0–1); fires above.
     */
    MEMORY_UTILIZATION,
    /** the /health uptime check fails (threshold unused). */
    HEALTH_CHECK_FAILING,
    /** the /health/database uptime check fails (threshold unused). */
    DATABASE_CHECK_FAILING
  }

  public static final List<String> CHANNELS = List.of("slack", "pagerduty", "sms");

  public ThresholdAlert {
    channels = List.copyOf(channels);
    if (!CHANNELS.containsAll(channels)) {
      throw new IllegalArgumentException(id + ": unknown channel in " + channels);
    }
  }
}
