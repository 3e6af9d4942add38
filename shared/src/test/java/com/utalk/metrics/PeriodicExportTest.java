package com.utalk.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.config.Settings;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Recording never exports on the caller's thread; what the interval has not sent yet is flushed on
 * shutdown.
 */
class PeriodicExportTest {
  /** Stands in for the Cloud Monitoring exporter. */
  static final class RecordingExporter implements MetricExporter {
    final List<Collection<MetricData>> batches = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      batches.add(metrics);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }

  @Test
  void shutdownFlushesWhatTheIntervalHasNotSent() {
    RecordingExporter exporter = new RecordingExporter();
    Metrics metrics =
        Metrics.create(
            Settings.of(
                Map.of("APP_ENV", "development", "METRICS_EXPORT_INTERVAL_SECONDS", "3600")),
            false,
            exporter);
    for (int i = 0; i < 100; i++) {
      metrics.http().start("GET").end("/api/kpis", 200);
    }
    assertEquals(0, exporter.batches.size(), "recording a request exports nothing");
    metrics.shutdown();
    assertEquals(1, exporter.batches.size(), "the shutdown flush exported once");
    MetricData requests =
        exporter.batches.get(0).stream()
            .filter(m -> m.getName().equals(MetricNames.HTTP_REQUESTS_TOTAL))
            .findFirst()
            .orElseThrow();
    assertEquals(100, requests.getLongSumData().getPoints().iterator().next().getValue());
  }
}
