package com.utalk.kpi;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.events.ProcessedEvents;
import com.utalk.storage.FirestoreCalls;
import com.utalk.triggers.FirestoreChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one Firestore change to the hour counters: the change adds what the new version of the
 * document counts for and removes what the old version counted for. Summed over every change of a
 * document this telescopes to what its current version counts for, in whatever order the changes
 * arrive, which is why the counters equal a full recompute.
 *
 * <p>Cost: nothing for a change that moves no counter (most conversation and status updates);
 * otherwise one batch of two writes, the event-id marker (a create) and one counter shard increment
 * (or two if the document moved between hours). A redelivered event fails the marker's create,
 * which makes the whole batch fail, so it is never counted twice.
 */
public final class KpiChangeCounter {
  /** The dedupe namespace in processedEvents, shared by the four counter deployments. */
  public static final String FUNCTION = "kpi-counter";

  /** What a change did to the counters. */
  public enum Outcome {
    COUNTED,
    DUPLICATE,
    NOTHING_TO_COUNT,
    NOT_A_KPI_SOURCE
  }

  private final Firestore firestore;
  private final KpiCounterStore store;
  private final ProcessedEvents processed;

  /**
   * Document writes committed by this instance (marker + shard increments): the benchmark's
   * measure.
   */
  private final java.util.concurrent.atomic.LongAdder writes =
      new java.util.concurrent.atomic.LongAdder();

  public KpiChangeCounter(Firestore firestore, KpiCounterStore store, ProcessedEvents processed) {
    this.firestore = firestore;
    this.store = store;
    this.processed = processed;
  }

  public Outcome apply(FirestoreChange change) {
    Optional<KpiSource> source = KpiSource.forCollection(change.collection());
    if (source.isEmpty() || change.documentPath().split("/").length != 2) {
      return Outcome.NOT_A_KPI_SOURCE;
    }
    List<Contribution> deltas = deltas(source.get(), change.before(), change.after());
    if (deltas.isEmpty()) {
      return Outcome.NOTHING_TO_COUNT;
    }
    WriteBatch batch = firestore.batch();
    processed.rememberIn(batch, FUNCTION, change.eventId());
    int shard = store.shardFor(change.eventId());
    for (Contribution delta : deltas) {
      store.increment(
          batch, new HourBucket(delta.workspaceId(), delta.hour()), shard, delta.tally());
    }
    try {
      FirestoreCalls.await(batch.commit());
      writes.add(1 + deltas.size());
      return Outcome.COUNTED;
    } catch (StorageUnavailableException e) {
      if (FirestoreCalls.lostRace(e)) {
        return Outcome.DUPLICATE;
      }
      throw e;
    }
  }

  public long writesCommitted() {
    return writes.sum();
  }

  /** New version's contribution minus old version's, per bucket, zero deltas dropped. */
  public static List<Contribution> deltas(
      KpiSource source, Map<String, Object> before, Map<String, Object> after) {
    Map<HourBucket, Tally> byBucket = new LinkedHashMap<>();
    source
        .contribution(after)
        .ifPresent(
            c -> byBucket.merge(new HourBucket(c.workspaceId(), c.hour()), c.tally(), Tally::plus));
    source
        .contribution(before)
        .ifPresent(
            c ->
                byBucket.merge(
                    new HourBucket(c.workspaceId(), c.hour()),
                    Tally.ZERO.minus(c.tally()),
                    Tally::plus));
    List<Contribution> deltas = new ArrayList<>();
    byBucket.forEach(
        (bucket, tally) -> {
          if (!tally.isZero()) {
            deltas.add(new Contribution(bucket.workspaceId(), bucket.hour(), tally));
          }
        });
    return deltas;
  }
}
