package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;

/** The REST SLIs: request count, latency and concurrency by route, method and status class. */
public final class HttpServerMetrics {
  private final LongCounter requests;
  private final DoubleHistogram duration;
  private final LongUpDownCounter inFlight;

  HttpServerMetrics(Meter meter) {
    requests =
        meter
            .counterBuilder(MetricNames.HTTP_REQUESTS_TOTAL)
            .setDescription("HTTP requests answered")
            .setUnit("{request}")
            .build();
    duration =
        meter
            .histogramBuilder(MetricNames.HTTP_REQUEST_DURATION_SECONDS)
            .setDescription("Time to answer an HTTP request")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(MetricNames.LATENCY_BUCKETS)
            .build();
    inFlight =
        meter
            .upDownCounterBuilder(MetricNames.HTTP_REQUESTS_IN_FLIGHT)
            .setDescription("HTTP requests being handled")
            .setUnit("{request}")
            .build();
  }

  /** Call when a request starts; {@link Request#end} when its status is known. */
  public Request start(String method) {
    Attributes attributes = Attributes.of(MetricNames.METHOD, method);
    inFlight.add(1, attributes);
    return new Request(method, attributes, System.nanoTime());
  }

  /** A request being timed. */
  public final class Request {
    private final String method;
    private final Attributes inFlightAttributes;
    private final long startedNanos;

    private Request(String method, Attributes inFlightAttributes, long startedNanos) {
      this.method = method;
      this.inFlightAttributes = inFlightAttributes;
      this.startedNanos = startedNanos;
    }

    /** {@code route} is the route template ({@code /api/conversations/{id}}), never a raw path. */
    public void end(String route, int status) {
      inFlight.add(-1, inFlightAttributes);
      Attributes attributes =
          Attributes.of(
              MetricNames.ROUTE,
              route,
              MetricNames.METHOD,
              method,
              MetricNames.STATUS_CLASS,
              statusClass(status));
      requests.add(1, attributes);
      duration.record((System.nanoTime() - startedNanos) / 1e9, attributes);
    }
  }

  public static String statusClass(int status) {
    return status < 100 || status > 599 ? "unknown" : (status / 100) + "xx";
  }
}
