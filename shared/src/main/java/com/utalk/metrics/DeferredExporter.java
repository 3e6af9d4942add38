package com.utalk.metrics;

import com.utalk.wiring.Lazy;
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
  private final Lazy<MetricExporter> delegate;

  DeferredExporter(Supplier<MetricExporter> factory) {
    this.delegate = Lazy.of(factory);
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    return delegate.get().export(metrics);
  }

  /** Nothing to flush or close before the first export built the exporter. */
  @Override
  public CompletableResultCode flush() {
    return delegate
        .ifBuilt()
        .map(MetricExporter::flush)
        .orElseGet(CompletableResultCode::ofSuccess);
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate
        .ifBuilt()
        .map(MetricExporter::shutdown)
        .orElseGet(CompletableResultCode::ofSuccess);
  }

  /** Cloud Monitoring takes cumulative series, like the Google exporter declares. */
  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }
}
