package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The operations reference's WebSocket metrics, for the realtime service (the WebSocket SLOs are
 * computed from them).
 */
public final class SocketMetrics {
  private final LongUpDownCounter active;
  private final LongCounter connections;
  private final LongCounter events;
  private final DoubleHistogram eventDuration;
  private final LongCounter errors;
  private final LongCounter rateLimited;
  private final LongCounter expired;

  /**
   * Not SLIs (a refusal is the client's doing), so named here rather than among the SLO metrics.
   */
  public static final String RATE_LIMITED_TOTAL = "socket_events_rate_limited_total";

  public static final String EXPIRED_TOTAL = "socket_sessions_expired_total";

  SocketMetrics(Meter meter) {
    active =
        meter
            .upDownCounterBuilder(MetricNames.SOCKET_CONNECTIONS_ACTIVE)
            .setDescription("Open socket connections")
            .setUnit("{connection}")
            .build();
    connections =
        meter
            .counterBuilder(MetricNames.SOCKET_CONNECTIONS_TOTAL)
            .setDescription("Socket connection attempts, by outcome (ok, rejected, failed)")
            .setUnit("{connection}")
            .build();
    events =
        meter
            .counterBuilder(MetricNames.SOCKET_EVENTS_TOTAL)
            .setDescription("Socket events handled")
            .setUnit("{event}")
            .build();
    eventDuration =
        meter
            .histogramBuilder(MetricNames.SOCKET_EVENT_DURATION_SECONDS)
            .setDescription("Time to handle (or deliver) a socket event")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(MetricNames.LATENCY_BUCKETS)
            .build();
    errors =
        meter
            .counterBuilder(MetricNames.SOCKET_ERRORS_TOTAL)
            .setDescription("Socket errors")
            .setUnit("{error}")
            .build();
    rateLimited =
        meter
            .counterBuilder(RATE_LIMITED_TOTAL)
            .setDescription("Socket events refused because the socket was over its event rate")
            .setUnit("{event}")
            .build();
    expired =
        meter
            .counterBuilder(EXPIRED_TOTAL)
            .setDescription("Sockets disconnected because their access token expired")
            .setUnit("{connection}")
            .build();
  }

  /**
   * Publishes the open-connection gauge at 0 before the first client, so a dashboard shows 0 and an
   * absence alert stays quiet on an idle instance. Called by the service that holds sockets.
   */
  public void reportFromStart() {
    active.add(0);
  }

  /**
   * {@code outcome}: ok (connected), rejected (auth refused: not an availability failure), failed.
   */
  public void connectionAttempt(String outcome) {
    connections.add(1, Attributes.of(MetricNames.OUTCOME, outcome));
    if ("ok".equals(outcome)) {
      active.add(1);
    }
  }

  public void disconnected() {
    active.add(-1);
  }

  /**
   * An event refused by the per-socket rate limit (not handled, so not in {@code
   * socket_events_total}).
   */
  public void rateLimited(String name) {
    rateLimited.add(1, Attributes.of(MetricNames.SOCKET_EVENT, name));
  }

  public void sessionExpired() {
    expired.add(1);
  }

  public void event(String name, long nanos, boolean failed) {
    Attributes attributes = Attributes.of(MetricNames.SOCKET_EVENT, name);
    events.add(1, attributes);
    eventDuration.record(nanos / 1e9, attributes);
    if (failed) {
      errors.add(1, attributes);
    }
  }
}
