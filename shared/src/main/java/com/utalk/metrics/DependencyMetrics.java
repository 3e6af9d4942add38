package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * Calls to what we depend on: Firestore (the operations reference's database SLIs) and external
 * APIs (Twilio, OpenAI: twilioErrorRate, openaiErrorRate). Duration of every call, and errors by
 * type.
 */
public final class DependencyMetrics {
  public static final String FIRESTORE = "firestore";
  public static final String TWILIO = "twilio";
  public static final String OPENAI = "openai";

  private final DoubleHistogram dbDuration;
  private final LongCounter dbErrors;
  private final LongCounter dbOperations;
  private final LongCounter externalRequests;
  private final DoubleHistogram externalDuration;
  private final LongCounter externalErrors;

  DependencyMetrics(Meter meter) {
    dbDuration =
        meter
            .histogramBuilder(MetricNames.DB_OPERATION_DURATION_SECONDS)
            .setDescription("Time a database operation took, as the caller waited for it")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(MetricNames.LATENCY_BUCKETS)
            .build();
    // Counters of calls by outcome, beside the histograms: a Cloud Monitoring SLO object counts
    // good and total events from INT64 counters, not from a distribution's count.
    dbOperations =
        meter
            .counterBuilder(MetricNames.DB_OPERATIONS_TOTAL)
            .setDescription("Database operations, by outcome")
            .setUnit("{operation}")
            .build();
    externalRequests =
        meter
            .counterBuilder(MetricNames.EXTERNAL_REQUESTS_TOTAL)
            .setDescription("Calls to an external API, by outcome")
            .setUnit("{request}")
            .build();
    dbErrors =
        meter
            .counterBuilder(MetricNames.DB_ERRORS_TOTAL)
            .setDescription("Database operations that failed or timed out")
            .setUnit("{error}")
            .build();
    externalDuration =
        meter
            .histogramBuilder(MetricNames.EXTERNAL_REQUEST_DURATION_SECONDS)
            .setDescription("Time a call to an external API took")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(MetricNames.LATENCY_BUCKETS)
            .build();
    externalErrors =
        meter
            .counterBuilder(MetricNames.EXTERNAL_ERRORS_TOTAL)
            .setDescription("Calls to an external API that failed")
            .setUnit("{error}")
            .build();
  }

  /**
   * {@code errorType} null for success, else a short class of failure ("timeout", "unavailable",
   * ...).
   */
  public void database(long nanos, String errorType) {
    Attributes attributes =
        Attributes.of(
            MetricNames.DB_SYSTEM,
            FIRESTORE,
            MetricNames.OUTCOME,
            errorType == null ? "ok" : "error");
    dbDuration.record(nanos / 1e9, attributes);
    dbOperations.add(1, attributes);
    if (errorType != null) {
      dbErrors.add(
          1, Attributes.of(MetricNames.DB_SYSTEM, FIRESTORE, MetricNames.ERROR_TYPE, errorType));
    }
  }

  /** {@code service} is {@link #TWILIO} or {@link #OPENAI}; {@code errorType} null for success. */
  public void external(String service, long nanos, String errorType) {
    Attributes attributes =
        Attributes.of(
            MetricNames.PEER_SERVICE,
            service,
            MetricNames.OUTCOME,
            errorType == null ? "ok" : "error");
    externalDuration.record(nanos / 1e9, attributes);
    externalRequests.add(1, attributes);
    if (errorType != null) {
      externalErrors.add(
          1, Attributes.of(MetricNames.PEER_SERVICE, service, MetricNames.ERROR_TYPE, errorType));
    }
  }
}
