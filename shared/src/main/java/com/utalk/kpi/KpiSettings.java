package com.utalk.kpi;

import com.utalk.config.Settings;
import java.time.Duration;

/**
 * {@code shards}: how many documents share one workspace-hour's counters. Each change increments
 * one shard picked from its event id, so a busy workspace spreads its writes over {@code shards}
 * documents instead of one hot document; the rollup reads all of them (O(shards) per hour). {@code
 * rollupOverlap}: how far before its last run the rollup looks for touched buckets, so that commits
 * in flight during the previous run are not missed (re-rolling a bucket is harmless).
 */
public record KpiSettings(int shards, Duration rollupOverlap) {
  public static final int DEFAULT_SHARDS = 8;

  public KpiSettings {
    if (shards < 1 || shards > 64) {
      throw new IllegalArgumentException("KPI_COUNTER_SHARDS must be between 1 and 64");
    }
  }

  public static KpiSettings from(Settings settings) {
    return new KpiSettings(
        settings.getInt("KPI_COUNTER_SHARDS", DEFAULT_SHARDS),
        Duration.ofSeconds(settings.getLong("KPI_ROLLUP_OVERLAP_SECONDS", 600)));
  }

  public static KpiSettings defaults() {
    return new KpiSettings(DEFAULT_SHARDS, Duration.ofMinutes(10));
  }
}
