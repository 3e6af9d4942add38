package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.ops.cli.Evidence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The post-release watch's verdicts on the window it saw: each of the document's targets breached
 * on its own, what too little traffic cannot judge, and the automatic rollback (and a rollback that
 * fails). The scrapes are cumulative counters as /metrics gives them; the clock moves one second
 * each time the watch reads it, so a 20-second window takes ten scrapes and no real time.
 */
class ReleaseWatchTest {
  private static final Duration WINDOW = Duration.ofSeconds(20);
  private static final Duration STEP = Duration.ofMillis(1);
  private static final double MIB = 1_048_576;

  /** A clock that ticks a second each time it is read. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T02:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }
  }

  /** Per scrape interval: requests, of them 5xx, of them under 100 ms, under 500 ms; heap MiB. */
  private record Traffic(
      long requests, long errors, long under100ms, long under500ms, long heapMib) {}

  /** Scrapes that add {@code per} interval's traffic each time (the first scrape is the zero). */
  private static Supplier<MetricsSample> scrapes(List<Traffic> per) {
    List<MetricsSample> samples = new ArrayList<>();
    double requests = 0;
    double errors = 0;
    double fast = 0;
    double medium = 0;
    samples.add(sample(0, 0, 0, 0, per.get(0).heapMib()));
    for (Traffic t : per) {
      requests += t.requests();
      errors += t.errors();
      fast += t.under100ms();
      medium += t.under500ms();
      samples.add(sample(requests, errors, fast, medium, t.heapMib()));
    }
    int[] next = {0};
    return () -> samples.get(Math.min(next[0]++, samples.size() - 1));
  }

  private static MetricsSample sample(
      double requests, double errors, double fast, double medium, long heapMib) {
    TreeMap<Double, Double> buckets =
        new TreeMap<>(Map.of(0.1, fast, 0.5, fast + medium, Double.POSITIVE_INFINITY, requests));
    return new MetricsSample(requests, errors, buckets, heapMib * MIB);
  }

  private static List<Traffic> steady(Traffic each) {
    return java.util.Collections.nCopies(12, each);
  }

  /** Records whether it was asked to roll back; {@code failure} makes the rollback throw. */
  private static final class RecordingDeployment implements Deployment {
    int rollbacks;
    Exception failure;

    @Override
    public String deploy() {
      throw new AssertionError("the watch never deploys");
    }

    @Override
    public Rollback rollback() throws Exception {
      rollbacks++;
      if (failure != null) {
        throw failure;
      }
      return new Rollback("1.2.1", "1.2.0", "traffic back on 1.2.0");
    }
  }

  private final RecordingDeployment deployment = new RecordingDeployment();

  private ReleaseWatch.Outcome watch(List<Traffic> traffic) throws Exception {
    return new ReleaseWatch(scrapes(traffic), deployment, new TickingClock())
        .watch(WINDOW, STEP, new RollbackRule(RollbackRule.THRESHOLD, Duration.ofSeconds(4)));
  }

  private static String evidence(ReleaseWatch.Outcome outcome, String name) {
    return outcome.evidence().stream()
        .filter(e -> e.name().equals(name))
        .map(Evidence::value)
        .map(String::valueOf)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aHealthyWindowPassesWithItsFiguresAsEvidence() throws Exception {
    ReleaseWatch.Outcome outcome = watch(steady(new Traffic(100, 0, 100, 0, 200)));

    assertFalse(outcome.rolledBack());
    assertEquals(List.of(), outcome.breaches());
    assertEquals("1000", evidence(outcome, "requests in the window"));
    assertEquals("0.00% (target < 1%)", evidence(outcome, "error rate"));
    assertEquals("100.00% (target > 99.9%)", evidence(outcome, "availability"));
    assertEquals("95 ms over the window (target < 400 ms)", evidence(outcome, "p95 latency"));
    assertEquals(
        "200 MiB in the first half, 200 MiB in the second (target: at most 1.5x)",
        evidence(outcome, "heap in use (lowest)"));
    assertEquals(0, deployment.rollbacks);
  }

  @Test
  void aSlowReleaseBreachesTheP95() throws Exception {
    // 90% under 100 ms, 10% between 100 and 500 ms: the 95th lies half-way into that bucket
    ReleaseWatch.Outcome outcome = watch(steady(new Traffic(100, 0, 90, 10, 200)));
    assertEquals(List.of(), outcome.breaches(), "300 ms is under the 400 ms target");
    assertEquals("300 ms over the window (target < 400 ms)", evidence(outcome, "p95 latency"));

    ReleaseWatch.Outcome slower = watch(steady(new Traffic(100, 0, 70, 30, 200)));
    assertEquals(List.of("p95 433 ms"), slower.breaches());
  }

  @Test
  void aP95PastTheLargestBucketSaysSo() throws Exception {
    ReleaseWatch.Outcome outcome = watch(steady(new Traffic(100, 0, 50, 0, 200)));

    assertEquals(List.of("p95 over the largest bucket"), outcome.breaches());
    assertEquals(
        "over the largest bucket over the window (target < 400 ms)",
        evidence(outcome, "p95 latency"));
  }

  @Test
  void errorsUnderTheRollbackThresholdStillFailTheErrorRateAndAvailabilityTargets()
      throws Exception {
    ReleaseWatch.Outcome outcome = watch(steady(new Traffic(100, 2, 100, 0, 200)));

    assertFalse(outcome.rolledBack(), "2% is not the > 5% of the rollback rule");
    assertEquals(List.of("error rate 2.00%", "availability 98.00%"), outcome.breaches());
  }

  @Test
  void tooLittleTrafficIsReportedNotJudgedButItsErrorsStillCount() throws Exception {
    ReleaseWatch.Outcome quiet = watch(steady(new Traffic(1, 0, 0, 0, 200)));
    assertEquals(List.of(), quiet.breaches(), "10 slow requests say nothing about a p95");
    assertEquals(
        "p95 and availability need at least 50 requests in the window, there were 10",
        evidence(quiet, "not judged"));

    List<Traffic> oneError = new ArrayList<>(steady(new Traffic(1, 0, 1, 0, 200)));
    oneError.set(3, new Traffic(1, 1, 1, 0, 200));
    assertEquals(List.of("error rate 10.00%"), watch(oneError).breaches());
  }

  @Test
  void noTrafficAtAllIsNoOutage() throws Exception {
    ReleaseWatch.Outcome idle = watch(steady(new Traffic(0, 0, 0, 0, 200)));
    assertEquals(List.of(), idle.breaches());
    assertEquals("no requests over the window (target < 400 ms)", evidence(idle, "p95 latency"));
    assertEquals("100.00% (target > 99.9%)", evidence(idle, "availability"));
  }

  @Test
  void aHeapFloorThatKeepsGrowingIsAMemoryBreach() throws Exception {
    List<Traffic> leaking = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      leaking.add(new Traffic(100, 0, 100, 0, i < 4 ? 100 : 160));
    }
    assertEquals(List.of("heap floor grew more than 1.5x"), watch(leaking).breaches());

    List<Traffic> sawtooth = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sawtooth.add(new Traffic(100, 0, 100, 0, i % 2 == 0 ? 100 : 400));
    }
    assertEquals(List.of(), watch(sawtooth).breaches(), "GC's sawtooth over the same floor");
  }

  @Test
  void aSustainedErrorRateAboveFivePercentRollsBackAtOnce() throws Exception {
    List<Traffic> failing = new ArrayList<>(steady(new Traffic(100, 0, 100, 0, 200)));
    for (int i = 2; i < failing.size(); i++) {
      failing.set(i, new Traffic(100, 30, 100, 0, 200));
    }
    ReleaseWatch.Outcome outcome = watch(failing);

    assertTrue(outcome.rolledBack());
    assertEquals(1, deployment.rollbacks);
    assertEquals("traffic back on 1.2.0", outcome.rollback().evidence());
    assertEquals(List.of("error rate above 5% sustained"), outcome.breaches());
    assertTrue(
        outcome.rolledBackAfter().compareTo(WINDOW) < 0
            && outcome.rolledBackAfter().compareTo(Duration.ofSeconds(4)) >= 0,
        "after the rule's 4 s, before the window ends: " + outcome.rolledBackAfter());
    assertTrue(
        evidence(outcome, "error rate").startsWith("30.00% since "), outcome.evidence().toString());
  }

  @Test
  void aRollbackThatFailsIsReportedAsSuch() throws Exception {
    deployment.failure = new IllegalStateException("no revision of another version");
    ReleaseWatch.Outcome outcome = watch(steady(new Traffic(100, 50, 100, 0, 200)));

    assertTrue(outcome.rolledBack());
    assertNull(outcome.rollback());
    assertEquals(
        List.of("error rate above 5% sustained", "the rollback failed"), outcome.breaches());
    assertEquals(
        "IllegalStateException: no revision of another version",
        evidence(outcome, "rollback FAILED"));
  }
}
