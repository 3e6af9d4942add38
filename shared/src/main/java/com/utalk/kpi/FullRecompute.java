package com.utalk.kpi;

import com.google.api.gax.rpc.ApiStreamObserver;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.logging.Log;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Recomputes the hour counters from the raw collections, for verification ({@link #verify}) and
 * repair ({@link #repair}). It streams each collection once, asking only for the fields the KPIs
 * read, and folds the documents in memory (a few hundred bytes per workspace-hour).
 *
 * <p>Repair overwrites the counters of the recomputed buckets; an increment landing between the
 * scan and the overwrite is lost, so repair periods that are no longer receiving changes (or verify
 * again afterwards).
 */
public final class FullRecompute {
  private static final Log LOG = Log.get(FullRecompute.class);

  /** A whole-collection scan is long; it is not a request that must answer within seconds. */
  public static final Duration SCAN_TIMEOUT = Duration.ofMinutes(30);

  private final Firestore scanner;
  private final Firestore firestore;
  private final KpiCounterStore counters;
  private final KpiRollup rollup;

  /**
   * {@code scanner} streams whole collections, so it needs a client with long deadlines ({@code
   * FirestoreProvider.create(project, rpcTimeout, totalTimeout)}); {@code firestore} writes.
   */
  public FullRecompute(
      Firestore scanner, Firestore firestore, KpiCounterStore counters, KpiRollup rollup) {
    this.scanner = scanner;
    this.firestore = firestore;
    this.counters = counters;
    this.rollup = rollup;
  }

  /** What the raw data says, per workspace-hour; {@code workspaceId} null means every workspace. */
  public Scan scan(String workspaceId) {
    long started = System.nanoTime();
    Map<HourBucket, Tally> buckets = new HashMap<>();
    Map<KpiSource, Long> documents = new HashMap<>();
    for (KpiSource source : KpiSource.values()) {
      Query query =
          scanner.collection(source.collection()).select(source.fields().toArray(new String[0]));
      if (workspaceId != null) {
        query = query.whereEqualTo("workspaceId", workspaceId);
      }
      long[] count = {0};
      stream(
          query,
          doc -> {
            count[0]++;
            source
                .contribution(doc.getData())
                .ifPresent(
                    c ->
                        buckets.merge(
                            new HourBucket(c.workspaceId(), c.hour()), c.tally(), Tally::plus));
          });
      documents.put(source, count[0]);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "kpi full scan done",
        "documents",
        documents.toString(),
        "buckets",
        buckets.size(),
        "ms",
        took.toMillis());
    return new Scan(buckets, documents, took);
  }

  /**
   * Compares the counters with the raw data; an empty mismatch list means the counters are exact.
   */
  public Verification verify(String workspaceId) {
    Scan scan = scan(workspaceId);
    Map<HourBucket, Tally> stored = storedCounters(workspaceId);
    Set<HourBucket> all = new HashSet<>(scan.buckets().keySet());
    all.addAll(stored.keySet());
    List<Mismatch> mismatches = new ArrayList<>();
    for (HourBucket bucket : all) {
      Tally expected = scan.buckets().getOrDefault(bucket, Tally.ZERO);
      Tally actual = stored.getOrDefault(bucket, Tally.ZERO);
      if (!expected.equals(actual)) {
        mismatches.add(new Mismatch(bucket, expected, actual));
      }
    }
    return new Verification(all.size(), mismatches, scan);
  }

  /** Makes the counters equal the raw data, then rewrites the affected rollups. */
  public KpiRollup.Result repair(String workspaceId) {
    Verification verification = verify(workspaceId);
    WriteBatch batch = firestore.batch();
    int operations = 0;
    List<HourBucket> repaired = new ArrayList<>();
    for (Mismatch mismatch : verification.mismatches()) {
      counters.overwrite(batch, mismatch.bucket(), mismatch.expected());
      repaired.add(mismatch.bucket());
      operations += counters.shards();
      if (operations >= 450) {
        FirestoreCalls.await(batch.commit());
        batch = firestore.batch();
        operations = 0;
      }
    }
    if (operations > 0) {
      FirestoreCalls.await(batch.commit());
    }
    LOG.info("kpi counters repaired", "buckets", repaired.size());
    // Every bucket is re-rolled, not only the repaired ones: rollups may be missing altogether.
    return rollup.rollUp(union(verification.scan().buckets().keySet(), repaired));
  }

  /** Every bucket's counters (all shards summed), optionally for one workspace. */
  public Map<HourBucket, Tally> storedCounters(String workspaceId) {
    Query query = scanner.collection(Collections.KPI_COUNTERS);
    if (workspaceId != null) {
      query = query.whereEqualTo("workspaceId", workspaceId);
    }
    Map<HourBucket, Tally> totals = new HashMap<>();
    stream(
        query,
        doc ->
            totals.merge(KpiCounterStore.bucketOf(doc), Tally.fromMap(doc.getData()), Tally::plus));
    return totals;
  }

  private static Set<HourBucket> union(Set<HourBucket> a, List<HourBucket> b) {
    Set<HourBucket> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static void stream(Query query, java.util.function.Consumer<DocumentSnapshot> each) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    query.stream(
        new ApiStreamObserver<>() {
          @Override
          public void onNext(DocumentSnapshot value) {
            each.accept(value);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            done.complete(null);
          }
        });
    try {
      done.get(SCAN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while scanning " + query, e);
    } catch (Exception e) {
      throw new StorageUnavailableException("scan failed: " + e.getMessage(), e);
    }
  }

  /** The recomputed counters, the number of documents read per collection, and the time taken. */
  public record Scan(
      Map<HourBucket, Tally> buckets, Map<KpiSource, Long> documents, Duration took) {}

  public record Mismatch(HourBucket bucket, Tally expected, Tally actual) {}

  public record Verification(int bucketsCompared, List<Mismatch> mismatches, Scan scan) {
    public boolean exact() {
      return mismatches.isEmpty();
    }
  }
}
