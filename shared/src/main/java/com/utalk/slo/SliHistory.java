package com.utalk.slo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Samples of cumulative SLI counts over time, as Prometheus keeps a counter: the events in a window
 * are the latest sample minus the last sample at or before the window's start (all of it when the
 * history is younger than the window). A counter that went down (a restart) continues from where it
 * was instead of producing a negative window.
 */
public final class SliHistory implements SliSource {
  private final Clock clock;
  private final Duration retention;
  private final NavigableMap<Instant, Map<String, SliCounts>> samples = new TreeMap<>();

  /** Totals carried over counter resets, per SLO. */
  private final Map<String, SliCounts> carried = new HashMap<>();

  private final Map<String, SliCounts> lastRaw = new HashMap<>();

  public SliHistory(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  /** Records the cumulative counts of every SLO now. */
  public synchronized void record(Map<String, SliCounts> cumulative) {
    Instant now = clock.instant();
    Map<String, SliCounts> sample = new HashMap<>();
    cumulative.forEach(
        (slo, raw) -> {
          SliCounts previous = lastRaw.get(slo);
          if (previous != null
              && (raw.total() < previous.total() || raw.good() < previous.good())) {
            carried.merge(slo, previous, SliCounts::plus);
          }
          lastRaw.put(slo, raw);
          sample.put(slo, raw.plus(carried.getOrDefault(slo, SliCounts.ZERO)));
        });
    samples.put(now, sample);
    samples.headMap(now.minus(retention)).clear();
  }

  @Override
  public synchronized SliCounts counts(Slo slo, Duration window) {
    Instant now = clock.instant();
    Map.Entry<Instant, Map<String, SliCounts>> end = samples.floorEntry(now);
    if (end == null) {
      return SliCounts.ZERO;
    }
    SliCounts last = end.getValue().getOrDefault(slo.id(), SliCounts.ZERO);
    Map.Entry<Instant, Map<String, SliCounts>> start = samples.floorEntry(now.minus(window));
    // History younger than the window: everything counted since sampling began (with the process).
    return start == null
        ? last
        : last.minus(start.getValue().getOrDefault(slo.id(), SliCounts.ZERO));
  }
}
