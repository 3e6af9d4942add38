package com.utalk.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Monitoring exporter is built on the first export, off the request path: an instance
 * that stops before it ever exported never builds it (no client, no credentials) to close it.
 */
class DeferredExporterTest {
  private final List<String> calls = new ArrayList<>();
  private int built;

  private final MetricExporter real =
      new MetricExporter() {
        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
          calls.add("export " + metrics.size());
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          calls.add("flush");
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          calls.add("shutdown");
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
          return AggregationTemporality.DELTA;
        }
      };

  private DeferredExporter deferred() {
    return new DeferredExporter(
        () -> {
          built++;
          return real;
        });
  }

  @Test
  void anInstanceThatNeverExportedNeverBuildsTheExporter() {
    DeferredExporter exporter = deferred();
    assertTrue(exporter.flush().isSuccess());
    assertTrue(exporter.shutdown().isSuccess());
    assertEquals(0, built);
    assertEquals(List.of(), calls);
  }

  @Test
  void theFirstExportBuildsItOnceAndEverythingAfterGoesToIt() {
    DeferredExporter exporter = deferred();
    exporter.export(List.of());
    exporter.export(List.of());
    exporter.flush();
    exporter.shutdown();
    assertEquals(1, built);
    assertEquals(List.of("export 0", "export 0", "flush", "shutdown"), calls);
    assertEquals(
        AggregationTemporality.CUMULATIVE,
        exporter.getAggregationTemporality(InstrumentType.COUNTER),
        "Cloud Monitoring takes cumulative series");
  }
}
