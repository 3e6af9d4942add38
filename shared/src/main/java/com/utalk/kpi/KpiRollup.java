package com.utalk.kpi;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.logging.Log;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hourly rollup. It finds the workspace-hours whose counters changed since its last run (late
 * changes included: a message that fails a day later touches its creation hour again), rewrites
 * their hour documents from the counter shards, then the days, ISO weeks and months that contain
 * them from the stored hours and days. Every document is recomputed from scratch, so a repeated or
 * overlapping run writes the same values again.
 */
public final class KpiRollup {
  private static final Log LOG = Log.get(KpiRollup.class);
  private static final int BATCH = 400;

  private final Firestore firestore;
  private final KpiCounterStore counters;
  private final KpiRollupStore rollups;
  private final KpiSettings settings;
  private final Clock clock;

  public KpiRollup(
      Firestore firestore,
      KpiCounterStore counters,
      KpiRollupStore rollups,
      KpiSettings settings,
      Clock clock) {
    this.firestore = firestore;
    this.counters = counters;
    this.rollups = rollups;
    this.settings = settings;
    this.clock = clock;
  }

  /** What a run rewrote. */
  public record Result(int hours, int days, int weeks, int months) {}

  /**
   * The scheduled run: buckets touched since the last run (minus the overlap), then the watermark
   * moves.
   */
  public Result runIncremental() {
    Instant started = clock.instant();
    DocumentReference state = firestore.collection(Collections.KPI_ROLLUP).document("state");
    DocumentSnapshot previous = FirestoreCalls.await(state.get());
    Instant lastRun =
        previous.exists() ? Timestamps.toInstant(previous.get("lastRunStartedAt")) : null;
    Instant since = lastRun == null ? Instant.EPOCH : lastRun.minus(settings.rollupOverlap());
    Set<HourBucket> touched = counters.touchedSince(since);
    Result result = rollUp(touched);
    FirestoreCalls.await(
        state.set(
            Map.of(
                "lastRunStartedAt",
                Timestamps.of(started),
                "lastResult",
                Map.of(
                    "hours",
                    result.hours(),
                    "days",
                    result.days(),
                    "weeks",
                    result.weeks(),
                    "months",
                    result.months()))));
    LOG.info(
        "kpi rollup done",
        "since",
        since.toString(),
        "hours",
        result.hours(),
        "days",
        result.days(),
        "weeks",
        result.weeks(),
        "months",
        result.months());
    return result;
  }

  /**
   * Rewrites the hour documents of {@code buckets} and every day, week and month containing one.
   */
  public Result rollUp(Collection<HourBucket> buckets) {
    Map<HourBucket, Tally> hours = counters.read(Set.copyOf(buckets));
    Writer writer = new Writer();
    Map<String, Set<Instant>> days = new HashMap<>();
    hours.forEach(
        (bucket, tally) -> {
          writer.write(bucket.workspaceId(), Period.HOUR, bucket.hour(), tally);
          days.computeIfAbsent(bucket.workspaceId(), ws -> new TreeSet<>())
              .add(Period.DAY.start(bucket.hour()));
        });
    writer.flush();
    int dayCount = 0;
    int weekCount = 0;
    int monthCount = 0;
    for (Map.Entry<String, Set<Instant>> entry : days.entrySet()) {
      String workspaceId = entry.getKey();
      Set<Instant> weeks = new TreeSet<>();
      Set<Instant> months = new TreeSet<>();
      for (Instant day : entry.getValue()) {
        writer.write(
            workspaceId,
            Period.DAY,
            day,
            rollups.sum(workspaceId, Period.HOUR, day, Period.DAY.next(day)));
        weeks.add(Period.WEEK.start(day));
        months.add(Period.MONTH.start(day));
        dayCount++;
      }
      // Days must be stored before the weeks and months that sum them are read.
      writer.flush();
      for (Instant week : weeks) {
        writer.write(
            workspaceId,
            Period.WEEK,
            week,
            rollups.sum(workspaceId, Period.DAY, week, Period.WEEK.next(week)));
        weekCount++;
      }
      for (Instant month : months) {
        writer.write(
            workspaceId,
            Period.MONTH,
            month,
            rollups.sum(workspaceId, Period.DAY, month, Period.MONTH.next(month)));
        monthCount++;
      }
      writer.flush();
    }
    return new Result(hours.size(), dayCount, weekCount, monthCount);
  }

  /** Batches rollup writes (500 is Firestore's batch limit). */
  private final class Writer {
    private WriteBatch batch = firestore.batch();
    private int pending;

    void write(String workspaceId, Period period, Instant start, Tally tally) {
      rollups.write(batch, workspaceId, period, start, tally);
      if (++pending == BATCH) {
        flush();
      }
    }

    void flush() {
      if (pending > 0) {
        FirestoreCalls.await(batch.commit());
      }
      batch = firestore.batch();
      pending = 0;
    }
  }
}
