package com.utalk.ops.release;

import com.utalk.ops.cli.Evidence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The post-release watch: scrapes {@code /metrics} every {@code step} for {@code window} and checks
 * the window against the document's targets — p95 under 400 ms (interpolated from the
 * request-duration buckets of the whole window), error rate under 1%, availability over 99.9%
 * (non-5xx share), memory stable (the heap's lowest reading in the second half of the window no
 * more than 1.5× its lowest in the first half: the floors after collections, not GC's sawtooth) —
 * and rolls back through {@link Deployment} as soon as {@link RollbackRule} fires on an interval.
 * Window, step and rule are parameters so a test runs it in seconds.
 */
final class ReleaseWatch {
  static final double P95_SECONDS = 0.4;
  static final double MAX_ERROR_RATE = 0.01;
  static final double MIN_AVAILABILITY = 0.999;
  static final double MAX_HEAP_GROWTH = 1.5;

  /**
   * Fewer requests than this in the window say nothing about a p95 or a 99.9%: reported, not
   * judged.
   */
  static final long MIN_REQUESTS_TO_JUDGE = 50;

  /** What the watch saw and did. */
  record Outcome(
      boolean rolledBack,
      Duration rolledBackAfter,
      Deployment.Rollback rollback,
      List<String> breaches,
      List<Evidence> evidence) {}

  private final Supplier<MetricsSample> scrape;
  private final Deployment deployment;
  private final Clock clock;

  ReleaseWatch(Supplier<MetricsSample> scrape, Deployment deployment, Clock clock) {
    this.scrape = scrape;
    this.deployment = deployment;
    this.clock = clock;
  }

  Outcome watch(Duration window, Duration step, RollbackRule rule) throws Exception {
    Instant started = clock.instant();
    MetricsSample first = scrape.get();
    MetricsSample previous = first;
    Instant previousAt = started;
    List<Evidence> evidence = new ArrayList<>();
    List<String> breaches = new ArrayList<>();
    double firstHalfHeap = Double.MAX_VALUE;
    double secondHalfHeap = Double.MAX_VALUE;
    while (Duration.between(started, clock.instant()).compareTo(window) < 0) {
      Thread.sleep(step.toMillis());
      MetricsSample now = scrape.get();
      Instant at = clock.instant();
      MetricsSample.Interval interval = now.since(previous);
      if (Duration.between(started, at).compareTo(window.dividedBy(2)) < 0) {
        firstHalfHeap = Math.min(firstHalfHeap, now.heapUsedBytes());
      } else {
        secondHalfHeap = Math.min(secondHalfHeap, now.heapUsedBytes());
      }
      if (rule.fires(previousAt, at, interval.errorRate())) {
        Duration after = Duration.between(started, at);
        evidence.add(
            Evidence.of(
                "error rate",
                percent(interval.errorRate())
                    + " since "
                    + rule.badSince()
                    + " (rule: > 5% for the sustained time)"));
        Deployment.Rollback rollback;
        try {
          rollback = deployment.rollback();
        } catch (Exception e) {
          evidence.add(
              Evidence.of("rollback FAILED", e.getClass().getSimpleName() + ": " + e.getMessage()));
          return new Outcome(
              true,
              after,
              null,
              List.of("error rate above 5% sustained", "the rollback failed"),
              evidence);
        }
        evidence.add(Evidence.of("rollback", rollback.evidence()));
        return new Outcome(
            true, after, rollback, List.of("error rate above 5% sustained"), evidence);
      }
      previous = now;
      previousAt = at;
    }
    MetricsSample.Interval whole = previous.since(first);
    double availability = whole.requests() == 0 ? 1 : 1 - whole.errorRate();
    evidence.add(Evidence.of("requests in the window", (long) whole.requests()));
    evidence.add(Evidence.of("error rate", percent(whole.errorRate()) + " (target < 1%)"));
    evidence.add(Evidence.of("availability", percent(availability) + " (target > 99.9%)"));
    Double p95 = whole.p95Seconds();
    evidence.add(
        Evidence.of(
            "p95 latency",
            (p95 == null
                    ? "no requests"
                    : p95.isInfinite() ? "over the largest bucket" : (long) (p95 * 1000) + " ms")
                + " over the window (target < 400 ms)"));
    boolean heapMeasured =
        firstHalfHeap != Double.MAX_VALUE
            && secondHalfHeap != Double.MAX_VALUE
            && firstHalfHeap > 0;
    if (heapMeasured) {
      evidence.add(
          Evidence.of(
              "heap in use (lowest)",
              (long) (firstHalfHeap / 1_048_576)
                  + " MiB in the first half, "
                  + (long) (secondHalfHeap / 1_048_576)
                  + " MiB in the second (target: at most 1.5x)"));
    }
    if (whole.errorRate() >= MAX_ERROR_RATE) {
      breaches.add("error rate " + percent(whole.errorRate()));
    }
    if (whole.requests() < MIN_REQUESTS_TO_JUDGE) {
      evidence.add(
          Evidence.of(
              "not judged",
              "p95 and availability need at least "
                  + MIN_REQUESTS_TO_JUDGE
                  + " requests in the window, there were "
                  + (long) whole.requests()));
    } else {
      if (availability <= MIN_AVAILABILITY) {
        breaches.add("availability " + percent(availability));
      }
      if (p95 != null && p95 >= P95_SECONDS) {
        breaches.add(
            "p95 " + (p95.isInfinite() ? "over the largest bucket" : (long) (p95 * 1000) + " ms"));
      }
    }
    if (heapMeasured && secondHalfHeap > MAX_HEAP_GROWTH * firstHalfHeap) {
      breaches.add("heap floor grew more than 1.5x");
    }
    return new Outcome(false, null, null, breaches, evidence);
  }

  private static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", share * 100);
  }
}
