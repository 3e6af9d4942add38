package com.utalk.kpi;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sharded hour counters: {@code kpiCounters/{workspace}_{hourKey}_{shard}}. Writers only ever
 * increment (no read, no transaction), so concurrent changes never conflict; {@code updatedAt}
 * (written in the same write) tells the rollup which buckets changed since its last run.
 */
public final class KpiCounterStore {
  private static final int GET_ALL_CHUNK = 300;

  private final Firestore firestore;
  private final int shards;

  public KpiCounterStore(Firestore firestore, KpiSettings settings) {
    this.firestore = firestore;
    this.shards = settings.shards();
  }

  public int shards() {
    return shards;
  }

  public DocumentReference shard(HourBucket bucket, int shard) {
    return firestore
        .collection(Collections.KPI_COUNTERS)
        .document(bucket.workspaceId() + "_" + Period.HOUR.key(bucket.hour()) + "_" + shard);
  }

  /** The shard a change writes to: spread by the change's event id. */
  public int shardFor(String eventId) {
    return Math.floorMod(eventId.hashCode(), shards);
  }

  /** Adds {@code delta} to one shard of the bucket, inside {@code batch}: one document write. */
  public void increment(WriteBatch batch, HourBucket bucket, int shard, Tally delta) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("workspaceId", bucket.workspaceId());
    fields.put("hour", Timestamps.of(bucket.hour()));
    fields.put("shard", shard);
    fields.put("updatedAt", FieldValue.serverTimestamp());
    delta
        .nonZero()
        .forEach((counter, value) -> fields.put(counter.field(), FieldValue.increment(value)));
    batch.set(shard(bucket, shard), fields, SetOptions.merge());
  }

  /** The counters of each bucket (all shards summed); buckets without documents are zero. */
  public Map<HourBucket, Tally> read(Set<HourBucket> buckets) {
    List<DocumentReference> refs = new ArrayList<>();
    List<HourBucket> owners = new ArrayList<>();
    for (HourBucket bucket : buckets) {
      for (int i = 0; i < shards; i++) {
        refs.add(shard(bucket, i));
        owners.add(bucket);
      }
    }
    Map<HourBucket, Tally> totals = new HashMap<>();
    buckets.forEach(bucket -> totals.put(bucket, Tally.ZERO));
    for (int from = 0; from < refs.size(); from += GET_ALL_CHUNK) {
      List<DocumentReference> chunk =
          refs.subList(from, Math.min(refs.size(), from + GET_ALL_CHUNK));
      List<DocumentSnapshot> snapshots =
          FirestoreCalls.await(firestore.getAll(chunk.toArray(new DocumentReference[0])));
      for (int i = 0; i < snapshots.size(); i++) {
        DocumentSnapshot snapshot = snapshots.get(i);
        if (snapshot.exists()) {
          totals.merge(owners.get(from + i), Tally.fromMap(snapshot.getData()), Tally::plus);
        }
      }
    }
    return totals;
  }

  /**
   * Buckets with a shard written at or after {@code since} (a single-field range query on
   * updatedAt).
   */
  public Set<HourBucket> touchedSince(Instant since) {
    Set<HourBucket> buckets = new LinkedHashSet<>();
    for (QueryDocumentSnapshot doc :
        FirestoreCalls.await(
                firestore
                    .collection(Collections.KPI_COUNTERS)
                    .whereGreaterThanOrEqualTo("updatedAt", Timestamps.of(since))
                    .select("workspaceId", "hour")
                    .get())
            .getDocuments()) {
      buckets.add(bucketOf(doc));
    }
    return buckets;
  }

  /** Repair: the bucket's counters become {@code tally} (shard 0), the other shards are removed. */
  public void overwrite(WriteBatch batch, HourBucket bucket, Tally tally) {
    Map<String, Object> fields = new HashMap<>(tally.toMap());
    fields.put("workspaceId", bucket.workspaceId());
    fields.put("hour", Timestamps.of(bucket.hour()));
    fields.put("shard", 0);
    fields.put("updatedAt", FieldValue.serverTimestamp());
    batch.set(shard(bucket, 0), fields);
    for (int i = 1; i < shards; i++) {
      batch.delete(shard(bucket, i));
    }
  }

  static HourBucket bucketOf(DocumentSnapshot doc) {
    Timestamp hour = doc.getTimestamp("hour");
    return new HourBucket(doc.getString("workspaceId"), Timestamps.toInstant(hour));
  }
}
