package com.utalk.kpi;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollup documents {@code kpis/{workspace}/{period}/{periodKey}}: the period's counters plus,
 * per KPI, value, numerator, denominator, target and status. Keeping the counters lets a day be the
 * sum of its hours, and a week or month the sum of its days, without touching raw data.
 */
public final class KpiRollupStore {
  private final Firestore firestore;

  public KpiRollupStore(Firestore firestore) {
    this.firestore = firestore;
  }

  public DocumentReference ref(String workspaceId, Period period, Instant start) {
    return firestore
        .collection(Collections.KPIS)
        .document(workspaceId)
        .collection(period.wire())
        .document(period.key(start));
  }

  public void write(
      WriteBatch batch, String workspaceId, Period period, Instant start, Tally tally) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("workspaceId", workspaceId);
    doc.put("period", period.wire());
    doc.put("key", period.key(start));
    doc.put("start", Timestamps.of(period.start(start)));
    doc.put("end", Timestamps.of(period.next(period.start(start))));
    doc.put("counters", tally.toMap());
    Map<String, Object> kpis = new LinkedHashMap<>();
    for (Kpi kpi : Kpi.values()) {
      kpis.put(kpi.id(), kpi.evaluate(tally).toMap());
    }
    doc.put("kpis", kpis);
    doc.put("updatedAt", FieldValue.serverTimestamp());
    batch.set(ref(workspaceId, period, start), doc);
  }

  /** Sum of the stored counters of {@code period} documents whose start is in [from, to). */
  public Tally sum(String workspaceId, Period period, Instant from, Instant to) {
    List<DocumentReference> refs = new ArrayList<>();
    for (Instant start = period.start(from); start.isBefore(to); start = period.next(start)) {
      refs.add(ref(workspaceId, period, start));
    }
    Tally total = Tally.ZERO;
    if (refs.isEmpty()) {
      return total;
    }
    for (DocumentSnapshot snapshot :
        FirestoreCalls.await(firestore.getAll(refs.toArray(new DocumentReference[0])))) {
      if (snapshot.exists()) {
        total = total.plus(countersOf(snapshot));
      }
    }
    return total;
  }

  /** The stored rollups of one period kind with start in [from, to), oldest first. */
  public List<StoredRollup> list(String workspaceId, Period period, Instant from, Instant to) {
    List<StoredRollup> rollups = new ArrayList<>();
    for (QueryDocumentSnapshot doc :
        FirestoreCalls.await(
                firestore
                    .collection(Collections.KPIS)
                    .document(workspaceId)
                    .collection(period.wire())
                    .whereGreaterThanOrEqualTo("start", Timestamps.of(from))
                    .whereLessThan("start", Timestamps.of(to))
                    .orderBy("start")
                    .get())
            .getDocuments()) {
      rollups.add(
          new StoredRollup(
              doc.getString("key"), Timestamps.toInstant(doc.get("start")), countersOf(doc)));
    }
    return rollups;
  }

  @SuppressWarnings("unchecked")
  private static Tally countersOf(DocumentSnapshot snapshot) {
    return Tally.fromMap((Map<String, Object>) snapshot.get("counters"));
  }

  /** A rollup as stored: its key, start and counters (the KPI values are recomputed from these). */
  public record StoredRollup(String key, Instant start, Tally counters) {}
}
