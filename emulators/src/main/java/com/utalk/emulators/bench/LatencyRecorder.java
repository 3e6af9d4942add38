package com.utalk.emulators.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of one run (microseconds) and its outcome counts; percentiles by sorting at the end.
 */
final class LatencyRecorder {
  private final long[] samples;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  LatencyRecorder(int capacity) {
    this.samples = new long[capacity];
  }

  void record(long micros, boolean ok) {
    int index = count.getAndIncrement();
    if (index < samples.length) {
      samples[index] = micros;
    }
    if (!ok) {
      failures.incrementAndGet();
    }
  }

  Summary summarize(double seconds) {
    int n = Math.min(count.get(), samples.length);
    long[] sorted = Arrays.copyOf(samples, n);
    Arrays.sort(sorted);
    return new Summary(
        n, failures.get(), n / seconds, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
  }

  /** Figures in ms and operations per second. */
  record Summary(int count, int failures, double perSecond, double p50, double p95, double p99) {
    String row(String label) {
      return String.format(
          "%-34s %8d %6d %10.1f %8.2f %8.2f %8.2f",
          label, count, failures, perSecond, p50, p95, p99);
    }

    static String header() {
      return String.format(
          "%-34s %8s %6s %10s %8s %8s %8s",
          "run", "count", "fail", "per_sec", "p50_ms", "p95_ms", "p99_ms");
    }
  }
}
