package com.utalk.metrics;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Builds the real exporter on its first export, which runs on the periodic reader's thread:
 * creating the Cloud Monitoring client (credentials, channel) costs about half a second, and that
 * must not land on a cold start's first request.
 */
final class DeferredExporter implements MetricExporter {
  private final Supplier<MetricExporter> factory;
  private volatile MetricExporter delegate;

  DeferredExporter(Supplier<MetricExporter> factory) {
    this.factory = factory;
  }

  private synchronized MetricExporter delegate() {
    if (delegate == null) {
      delegate = factory.get();
    }
    return delegate;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    return delegate().export(metrics);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate == null ? CompletableResultCode.ofSuccess() : delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate == null ? CompletableResultCode.ofSuccess() : delegate.shutdown();
  }

  /** Cloud Monitoring takes cumulative series, like the Google exporter declares. */
  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }
}
