package com.utalk.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.utalk.config.Settings;
import com.utalk.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multi-window burn-rate rule on synthetic traffic driven by an injected clock: one sample of
 * cumulative counts per minute, 1,000 REST requests a minute, error shares chosen so that each
 * rule's windows cross (or do not cross) its burn rate. Budget for 99.9%: 0.1% errors = burn 1.
 */
class BurnRateTest {
  private static final Slo AVAILABILITY = Slos.byId("api-availability");
  private static final double EPS = 1e-9;

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final SliHistory history = new SliHistory(clock, Slos.PERIOD.plusHours(1));
  private double good;
  private double total;

  /** {@code minutes} minutes of 1,000 requests each with {@code errorShare} of them 5xx. */
  private void traffic(int minutes, double errorShare) {
    for (int i = 0; i < minutes; i++) {
      clock.now = clock.now.plus(Duration.ofMinutes(1));
      total += 1000;
      good += 1000 * (1 - errorShare);
      Map<String, SliCounts> sample = new HashMap<>();
      sample.put(AVAILABILITY.id(), new SliCounts(good, total));
      history.record(sample);
    }
  }

  private SloStatus status() {
    return new SloEvaluator(history).evaluate(AVAILABILITY);
  }

  @Test
  void fastBurnPagesOnlyWhileTheFiveMinuteWindowStillBurns() {
    history.record(Map.of(AVAILABILITY.id(), new SliCounts(0, 0)));
    traffic(3 * 24 * 60 - 60, 0.0005); // burn 0.5
    traffic(60, 0.02); // burn 20 for the last hour
    SloStatus status = status();
    assertEquals(20, status.burnRates().get("1h"), EPS);
    assertEquals(20, status.burnRates().get("5m"), EPS);
    assertEquals(
        (0.0005 * 300 + 0.02 * 60) / 360 / 0.001, status.burnRates().get("6h"), EPS); // 3.75 < 6
    assertEquals(
        (0.0005 * 4260 + 0.02 * 60) / 4320 / 0.001, status.burnRates().get("3d"), EPS); // 0.77 < 1
    assertEquals("page", status.alert());
    assertEquals(1, status.firing().size());
    assertEquals(14.4, status.firing().get(0).burnRate(), EPS);
    assertEquals(0.98, status.windows().get("1h").sli(), EPS);

    traffic(10, 0.0005); // the incident is over: the 5-minute window recovers at once
    SloStatus after = status();
    assertEquals(0.5, after.burnRates().get("5m"), EPS);
    assertEquals(
        (0.02 * 50 + 0.0005 * 10) / 60 / 0.001, after.burnRates().get("1h"), EPS); // still 16.75
    assertEquals("none", after.alert());
  }

  @Test
  void slowBurnOverSixHoursPagesThroughTheSecondRule() {
    history.record(Map.of(AVAILABILITY.id(), new SliCounts(0, 0)));
    traffic(24 * 60, 0);
    traffic(6 * 60, 0.008); // burn 8: above 6, below 14.4
    SloStatus status = status();
    assertEquals(8, status.burnRates().get("6h"), EPS);
    assertEquals(8, status.burnRates().get("30m"), EPS);
    assertEquals("page", status.alert());
    assertEquals(6, status.firing().get(0).burnRate(), EPS);
    assertEquals(Duration.ofHours(6), status.firing().get(0).longWindow());
  }

  @Test
  void steadyOverspendingFilesATicketAndEatsTheBudget() {
    history.record(Map.of(AVAILABILITY.id(), new SliCounts(0, 0)));
    traffic(3 * 24 * 60 + 60, 0.0015); // burn 1.5 everywhere
    SloStatus status = status();
    assertEquals("ticket", status.alert());
    assertEquals(1.5, status.burnRates().get("3d"), EPS);
    // 3 days at 1.5× the allowed rate: the 30-day budget is measured over the history there is.
    assertEquals(1 - 1.5, status.errorBudgetRemaining(), EPS);
    assertEquals(0.9985, status.windows().get("30d").sli(), EPS);
  }

  @Test
  void idleWindowsHaveNoSliAndFullBudget() {
    SloStatus status = status();
    assertNull(status.windows().get("1h").sli());
    assertEquals(1, status.errorBudgetRemaining(), EPS);
    assertEquals("none", status.alert());
  }

  @Test
  void aCounterResetDoesNotProduceANegativeWindow() {
    history.record(Map.of(AVAILABILITY.id(), new SliCounts(0, 0)));
    traffic(30, 0);
    good = 0;
    total = 0; // the process restarted
    traffic(30, 0);
    assertEquals(60_000, history.counts(AVAILABILITY, Duration.ofHours(1)).total(), EPS);
  }

  @Test
  void slisComeFromTheProcessMetrics() {
    Metrics metrics = Metrics.create(Settings.of(Map.of("APP_ENV", "development")));
    for (int i = 0; i < 8; i++) {
      metrics.http().start("GET").end("/api/conversations", 200);
    }
    metrics.http().start("GET").end("/api/conversations/{id}", 503);
    metrics.http().start("POST").end("/webhooks/twilio/whatsapp", 500); // not a REST API route
    metrics.sockets().connectionAttempt("ok");
    metrics.sockets().connectionAttempt("rejected");
    metrics.sockets().connectionAttempt("failed");
    metrics.sockets().event("message:new", 10_000_000, false);
    metrics.sockets().event("message:new", 300_000_000, true);
    var data = metrics.collect();
    assertEquals(
        new SliCounts(8, 9), MetricSli.cumulative(Slos.byId("api-availability").sli(), data));
    assertEquals(9, MetricSli.cumulative(Slos.byId("api-latency").sli(), data).total(), EPS);
    assertEquals(
        new SliCounts(1, 2), MetricSli.cumulative(Slos.byId("ws-availability").sli(), data));
    assertEquals(new SliCounts(1, 2), MetricSli.cumulative(Slos.byId("ws-latency").sli(), data));
    assertEquals(new SliCounts(1, 2), MetricSli.cumulative(Slos.byId("ws-error-rate").sli(), data));
    metrics.shutdown();
  }

  @Test
  void windowLabels() {
    assertEquals("5m", SloEvaluator.label(Duration.ofMinutes(5)));
    assertEquals("6h", SloEvaluator.label(Duration.ofHours(6)));
    assertEquals("3d", SloEvaluator.label(Duration.ofDays(3)));
    assertEquals("30d", SloEvaluator.label(Duration.ofDays(30)));
  }
}
