package com.utalk.backup;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code backups/{id}}: one document per backup run with its status ({@code running}, {@code ok},
 * {@code failed} with the reason), snapshot time, counts, sizes and step durations. Restores read
 * only backups marked {@code ok}; retention reads {@code createdAt}.
 */
public final class BackupCatalog {
  public static final String COLLECTION = "backups";
  public static final String RUNNING = "running";
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  private final Firestore firestore;

  public BackupCatalog(Firestore firestore) {
    this.firestore = firestore;
  }

  private DocumentReference ref(String id) {
    return firestore.collection(COLLECTION).document(id);
  }

  void started(
      String id,
      String kind,
      Instant createdAt,
      Instant snapshotTime,
      String codeVersion,
      String trigger) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("kind", kind);
    doc.put("status", RUNNING);
    doc.put("createdAt", Timestamps.of(createdAt));
    doc.put("snapshotTime", Timestamps.of(snapshotTime));
    doc.put("codeVersion", codeVersion);
    doc.put("trigger", trigger);
    FirestoreCalls.await(ref(id).create(doc));
  }

  void succeeded(String id, Instant finishedAt, Map<String, Object> summary) {
    Map<String, Object> update = new HashMap<>(summary);
    update.put("status", OK);
    update.put("finishedAt", Timestamps.of(finishedAt));
    FirestoreCalls.await(ref(id).update(update));
  }

  void failed(String id, Instant finishedAt, String reason) {
    FirestoreCalls.await(
        ref(id)
            .update(
                Map.of(
                    "status", FAILED, "reason", reason, "finishedAt", Timestamps.of(finishedAt))));
  }

  public Optional<Map<String, Object>> find(String id) {
    DocumentSnapshot doc = FirestoreCalls.await(ref(id).get());
    return doc.exists() ? Optional.of(doc.getData()) : Optional.empty();
  }

  /**
   * Ids of backups of {@code kind} created before {@code cutoff}, oldest first. Filtered on kind
   * here rather than in the query, so that only Firestore's automatic single-field indexes are
   * needed.
   */
  List<String> olderThan(String kind, Instant cutoff, int limit) {
    return FirestoreCalls.await(
            firestore
                .collection(COLLECTION)
                .whereLessThan("createdAt", Timestamps.of(cutoff))
                .orderBy("createdAt")
                .limit(limit)
                .get())
        .getDocuments()
        .stream()
        .filter(doc -> kind.equals(doc.getString("kind")))
        .map(QueryDocumentSnapshot::getId)
        .toList();
  }

  /** The newest backup of {@code kind} with status {@code ok} among the last 100 runs. */
  public Optional<String> latestOk(String kind) {
    return FirestoreCalls.await(
            firestore
                .collection(COLLECTION)
                .orderBy("createdAt", Query.Direction.DESCENDING)
                .limit(100)
                .get())
        .getDocuments()
        .stream()
        .filter(doc -> kind.equals(doc.getString("kind")) && OK.equals(doc.getString("status")))
        .map(QueryDocumentSnapshot::getId)
        .findFirst();
  }

  void delete(String id) {
    FirestoreCalls.await(ref(id).delete());
  }
}
