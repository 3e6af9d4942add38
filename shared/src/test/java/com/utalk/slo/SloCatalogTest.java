package com.utalk.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import com.utalk.metrics.DependencyMetrics;
import com.utalk.metrics.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operations document's SLOs and alerts as the catalog holds them, and the dependency SLIs. */
class SloCatalogTest {
  private static final double EPS = 1e-9;

  @Test
  void everySloOfTheDocumentWithItsTarget() {
    Map<String, Double> objectives =
        Slos.ALL.stream().collect(Collectors.toMap(Slo::id, Slo::objective));
    assertEquals(
        Map.ofEntries(
            Map.entry("api-availability", 0.999),
            Map.entry("api-latency", 0.95),
            Map.entry("api-error-rate", 0.99),
            Map.entry("ws-availability", 0.999),
            Map.entry("ws-latency", 0.95),
            Map.entry("ws-error-rate", 0.98),
            Map.entry("db-availability", 0.9999),
            Map.entry("db-latency", 0.95),
            Map.entry("db-error-rate", 0.999),
            Map.entry("twilio-availability", 0.99),
            Map.entry("openai-availability", 0.99),
            Map.entry("firebase-availability", 0.9999)),
        objectives);
  }

  @Test
  void dependencySlisCountEveryCallAndItsFailures() {
    Metrics metrics = Metrics.create(Settings.of(Map.of("APP_ENV", "development")));
    DependencyMetrics dependencies = metrics.dependencies();
    for (int i = 0; i < 9; i++) {
      dependencies.database(5_000_000, null); // 5 ms
    }
    dependencies.database(250_000_000, "unavailable"); // 250 ms, failed
    dependencies.external(DependencyMetrics.TWILIO, 100_000_000, null);
    dependencies.external(DependencyMetrics.TWILIO, 100_000_000, "http_503");
    dependencies.external(DependencyMetrics.TWILIO, 100_000_000, null);
    dependencies.external(DependencyMetrics.OPENAI, 900_000_000, null);
    var data = metrics.collect();
    assertEquals(
        new SliCounts(9, 10), MetricSli.cumulative(Slos.byId("db-availability").sli(), data));
    assertEquals(
        new SliCounts(9, 10), MetricSli.cumulative(Slos.byId("db-error-rate").sli(), data));
    assertEquals(new SliCounts(9, 10), MetricSli.cumulative(Slos.byId("db-latency").sli(), data));
    assertEquals(
        new SliCounts(2, 3), MetricSli.cumulative(Slos.byId("twilio-availability").sli(), data));
    assertEquals(
        new SliCounts(1, 1), MetricSli.cumulative(Slos.byId("openai-availability").sli(), data));
    // Google writes Firestore's own request count; a process has none of it.
    assertEquals(
        SliCounts.ZERO, MetricSli.cumulative(Slos.byId("firebase-availability").sli(), data));
    metrics.shutdown();
  }

  @Test
  void theDocumentsThresholdAlerts() {
    Map<String, ThresholdAlert> alerts =
        Slos.THRESHOLD_ALERTS.stream().collect(Collectors.toMap(ThresholdAlert::id, a -> a));
    ThresholdAlert latency = alerts.get("high-latency");
    assertEquals(0.4, latency.threshold(), EPS);
    assertEquals(Duration.ofMinutes(5), latency.duration());
    assertEquals(List.of("slack"), latency.channels());
    assertEquals(ThresholdAlert.Severity.CRITICAL, alerts.get("high-error-rate").severity());
    assertEquals(Duration.ofMinutes(2), alerts.get("high-error-rate").duration());
    assertEquals(List.of("slack", "pagerduty", "sms"), alerts.get("low-availability").channels());
    assertEquals(0.85, alerts.get("high-memory").threshold(), EPS);
    assertEquals(Duration.ofMinutes(10), alerts.get("high-memory").duration());
    assertEquals(Duration.ofMinutes(2), alerts.get("api-down").duration());
    assertEquals(Duration.ofMinutes(1), alerts.get("database-down").duration());
    assertEquals(0.10, alerts.get("very-high-error-rate").threshold(), EPS);
    assertEquals(0.5, alerts.get("sustained-high-latency").threshold(), EPS);
    assertEquals(Duration.ofMinutes(10), alerts.get("sustained-high-latency").duration());
    assertEquals(8, alerts.size());
  }

  @Test
  void everyAlertLinksARunbookThatExists() {
    Path runbooks = Path.of("..", "runbooks");
    for (Slo slo : Slos.ALL) {
      assertTrue(Files.exists(runbooks.resolve(Slos.runbook(slo))), slo.id());
    }
    for (ThresholdAlert alert : Slos.THRESHOLD_ALERTS) {
      assertTrue(Files.exists(runbooks.resolve(alert.runbook())), alert.id());
    }
    assertEquals("eventos-rt-sin-acks.md", Slos.runbook(Slos.byId("ws-latency")));
  }

  @Test
  void anAlertToAnUnknownChannelIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ThresholdAlert(
                "x",
                "x",
                ThresholdAlert.Severity.WARNING,
                ThresholdAlert.Signal.API_ERROR_RATE,
                0.1,
                Duration.ofMinutes(1),
                List.of("email"),
                "README.md"));
  }
}
