package com.utalk.flags;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.Transaction;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code featureFlags} collection, one document per flag key. It is small by design (tens of
 * flags, capped at {@link #MAX_FLAGS}), so each refresh reads it whole with one bounded query.
 */
public final class FlagStore {
  public static final String COLLECTION = "featureFlags";
  public static final int MAX_FLAGS = 200;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private final Firestore firestore;

  public FlagStore(Firestore firestore) {
    this.firestore = firestore;
  }

  DocumentReference ref(String key) {
    return firestore.collection(COLLECTION).document(key);
  }

  /** Every flag, by key (ordered by key). */
  public Map<String, FlagDefinition> all() {
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(
                firestore
                    .collection(COLLECTION)
                    .orderBy(com.google.cloud.firestore.FieldPath.documentId())
                    .limit(MAX_FLAGS)
                    .get(),
                READ_TIMEOUT)
            .getDocuments();
    Map<String, FlagDefinition> flags = new LinkedHashMap<>();
    for (QueryDocumentSnapshot doc : docs) {
      flags.put(doc.getId(), fromSnapshot(doc));
    }
    return flags;
  }

  /** Creates each of {@code seeds} that does not exist yet; existing flags keep what admins set. */
  public void seed(List<FlagDefinition> seeds) {
    for (FlagDefinition seed : seeds) {
      FirestoreCalls.await(
          firestore.runTransaction(
              tx -> {
                if (!tx.get(ref(seed.key())).get().exists()) {
                  tx.create(ref(seed.key()), toMap(seed));
                }
                return null;
              }));
    }
  }

  FlagDefinition read(Transaction tx, String key) throws Exception {
    DocumentSnapshot doc = tx.get(ref(key)).get();
    return doc.exists() ? fromSnapshot(doc) : null;
  }

  void write(Transaction tx, FlagDefinition flag) {
    tx.set(ref(flag.key()), toMap(flag));
  }

  static Map<String, Object> toMap(FlagDefinition flag) {
    Map<String, Object> map = new HashMap<>();
    map.put("description", flag.description());
    map.put("targeting", flag.targeting().wire());
    map.put("rolloutPercent", flag.rolloutPercent());
    map.put("allowList", flag.allowList());
    map.put("killSwitch", flag.killSwitch());
    map.put("updatedAt", flag.updatedAt() == null ? null : Timestamps.of(flag.updatedAt()));
    map.put("updatedBy", flag.updatedBy());
    return map;
  }

  /** The audit view of a flag: its rules, not its bookkeeping. */
  static Map<String, Object> auditView(FlagDefinition flag) {
    if (flag == null) {
      return null;
    }
    return Map.of(
        "targeting",
        flag.targeting().wire(),
        "rolloutPercent",
        flag.rolloutPercent(),
        "allowListSize",
        flag.allowList().size(),
        "killSwitch",
        flag.killSwitch());
  }

  @SuppressWarnings("unchecked")
  private static FlagDefinition fromSnapshot(DocumentSnapshot doc) {
    Long percent = doc.getLong("rolloutPercent");
    Object allow = doc.get("allowList");
    String targeting = doc.getString("targeting");
    return new FlagDefinition(
        doc.getId(),
        doc.getString("description"),
        "user".equals(targeting) ? FlagTargeting.USER : FlagTargeting.WORKSPACE,
        percent == null ? 0 : (int) Math.max(0, Math.min(100, percent)),
        allow instanceof List<?> list ? (List<String>) list : List.of(),
        Boolean.TRUE.equals(doc.getBoolean("killSwitch")),
        doc.get("updatedAt") == null ? null : Timestamps.toInstant(doc.get("updatedAt")),
        doc.getString("updatedBy"));
  }
}
