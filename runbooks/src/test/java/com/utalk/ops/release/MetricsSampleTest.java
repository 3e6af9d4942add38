package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.utalk.config.Settings;
import com.utalk.metrics.Metrics;
import com.utalk.metrics.PrometheusMerge;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's merged exposition, as OpenTelemetry's Prometheus exporter and PrometheusMerge write
 * it.
 */
class MetricsSampleTest {
  @Test
  void readsWhatTheExporterAndTheGatewayMergeWrite() {
    Metrics metrics =
        Metrics.create(Settings.of(Map.of("APP_ENV", "development", "SERVICE_NAME", "api")));
    for (int i = 0; i < 9; i++) {
      metrics.http().start("GET").end("/api/x", 200);
    }
    metrics.http().start("POST").end("/api/x", 503);
    MetricsSample sample =
        MetricsSample.parse(PrometheusMerge.merge(Map.of("api", metrics.scrape())));
    assertEquals(10, sample.requests());
    assertEquals(1, sample.errors());
    assertEquals(10, sample.buckets().get(Double.POSITIVE_INFINITY));
    assertEquals(true, sample.heapUsedBytes() > 0, "the JVM heap gauge is read");
    metrics.shutdown();
  }

  private static String scrape(long ok, long failed, long fast, long slow, long heap) {
    return "# TYPE http_requests_total counter\n"
        + "http_requests_total{http_request_method=\"GET\",http_response_status_class=\"2xx\",http_route=\"/api/x\",service=\"api\"} "
        + ok
        + "\n"
        + "http_requests_total{http_request_method=\"POST\",http_response_status_class=\"5xx\",http_route=\"/api/x\",service=\"api\"} "
        + failed
        + "\n"
        + "http_requests_total{http_request_method=\"POST\",http_response_status_class=\"4xx\",http_route=\"/api/x\",service=\"api\"} 0\n"
        + "# TYPE http_request_duration_seconds histogram\n"
        + "http_request_duration_seconds_bucket{http_route=\"/api/x\",le=\"0.1\",service=\"api\"} "
        + fast
        + "\n"
        + "http_request_duration_seconds_bucket{http_route=\"/api/x\",le=\"0.5\",service=\"api\"} "
        + (fast + slow)
        + "\n"
        + "http_request_duration_seconds_bucket{http_route=\"/api/x\",le=\"+Inf\",service=\"api\"} "
        + (fast + slow)
        + "\n"
        + "jvm_heap_size_used_bytes{service=\"api\"} "
        + heap
        + "\n"
        + "jvm_heap_size_used_bytes{service=\"webhook\"} "
        + heap
        + "\n";
  }

  @Test
  void twoScrapesGiveTheIntervalsErrorRateP95AndHeap() {
    MetricsSample before = MetricsSample.parse(scrape(100, 0, 100, 0, 1_000));
    MetricsSample after = MetricsSample.parse(scrape(190, 10, 150, 50, 2_000));
    MetricsSample.Interval interval = after.since(before);
    assertEquals(100, interval.requests());
    assertEquals(0.10, interval.errorRate(), 1e-9);
    // 50 of the 100 took 100-500 ms: the 95th of 100 lies 45/50 of the way through that bucket
    assertEquals(0.1 + 0.4 * 45 / 50, interval.p95Seconds(), 1e-9);
    assertEquals(4_000, after.heapUsedBytes());
  }

  @Test
  void aP95PastTheLastBoundIsInfinite() {
    MetricsSample before = MetricsSample.parse(scrape(0, 0, 0, 0, 1));
    String slow =
        "http_request_duration_seconds_bucket{le=\"0.5\"} 1\nhttp_request_duration_seconds_bucket{le=\"+Inf\"} 100\n"
            + "http_requests_total{http_response_status_class=\"2xx\"} 100\n";
    assertEquals(Double.POSITIVE_INFINITY, MetricsSample.parse(slow).since(before).p95Seconds());
  }

  @Test
  void noTrafficIsNoErrorAndNoLatency() {
    MetricsSample same = MetricsSample.parse(scrape(5, 0, 5, 0, 1));
    assertEquals(0, same.since(same).errorRate());
    assertNull(same.since(same).p95Seconds());
  }
}
