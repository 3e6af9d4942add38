package com.utalk.audit;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.Transaction;
import com.utalk.auth.AuthCollections;
import com.utalk.auth.Principal;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code auditLogs} collection. Entries are written in the same transaction as the change they
 * describe, so there is no change without its entry. Each carries {@code expireAt} two years out
 * (docs/operations.md: audit logs are kept two years) for a Firestore TTL policy to delete.
 */
public final class AuditLog {
  public static final Duration RETENTION = Duration.ofDays(730);

  private final Firestore firestore;
  private final Clock clock;

  public AuditLog(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  /**
   * A new entry by {@code actor} now. {@code requestId} is passed in rather than read from the
   * request context because entries are usually built inside a Firestore transaction, which runs on
   * another thread.
   */
  public AuditEntry entry(
      Principal actor,
      String requestId,
      String action,
      String targetType,
      String targetId,
      Map<String, Object> before,
      Map<String, Object> after) {
    return new AuditEntry(
        UUID.randomUUID().toString(),
        actor.workspaceId(),
        actor.uid(),
        actor.role().wire(),
        action,
        targetType,
        targetId,
        clock.instant(),
        requestId,
        before,
        after);
  }

  public void append(Transaction transaction, AuditEntry entry) {
    transaction.create(
        firestore.collection(AuthCollections.AUDIT_LOGS).document(entry.id()), toMap(entry));
  }

  public void record(AuditEntry entry) {
    FirestoreCalls.await(
        firestore.collection(AuthCollections.AUDIT_LOGS).document(entry.id()).create(toMap(entry)));
  }

  /** A page of a workspace's entries, newest first. */
  public record Page(List<AuditEntry> items, String nextCursor) {}

  public Page list(String workspaceId, int limit, String cursor) {
    Query query =
        firestore
            .collection(AuthCollections.AUDIT_LOGS)
            .whereEqualTo("workspaceId", workspaceId)
            .orderBy("at", Query.Direction.DESCENDING)
            .orderBy(FieldPath.documentId(), Query.Direction.DESCENDING);
    if (cursor != null) {
      // the cursor is the id of the last entry shown: one that is not an entry of this workspace
      // is refused, not silently read as "from the start"
      String id = com.utalk.validation.DocumentId.require("cursor", cursor);
      DocumentSnapshot after =
          FirestoreCalls.await(firestore.collection(AuthCollections.AUDIT_LOGS).document(id).get());
      if (!after.exists() || !workspaceId.equals(after.getString("workspaceId"))) {
        throw new com.utalk.errors.ValidationException(
            "cursor", "cursor is not one this API returned");
      }
      query = query.startAfter(after);
    }
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(query.limit(limit + 1).get()).getDocuments();
    List<AuditEntry> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, docs.size()); i++) {
      items.add(fromSnapshot(docs.get(i)));
    }
    String next = docs.size() > limit ? items.get(items.size() - 1).id() : null;
    return new Page(items, next);
  }

  private Map<String, Object> toMap(AuditEntry entry) {
    Map<String, Object> map = new HashMap<>();
    map.put("workspaceId", entry.workspaceId());
    map.put("actorUid", entry.actorUid());
    map.put("actorRole", entry.actorRole());
    map.put("action", entry.action());
    map.put("targetType", entry.targetType());
    map.put("targetId", entry.targetId());
    map.put("at", Timestamps.of(entry.at()));
    map.put("requestId", entry.requestId());
    map.put("before", entry.before());
    map.put("after", entry.after());
    map.put("expireAt", Timestamps.of(entry.at().plus(RETENTION)));
    return map;
  }

  @SuppressWarnings("unchecked")
  private static AuditEntry fromSnapshot(DocumentSnapshot doc) {
    Instant at = Timestamps.toInstant(doc.get("at"));
    return new AuditEntry(
        doc.getId(),
        doc.getString("workspaceId"),
        doc.getString("actorUid"),
        doc.getString("actorRole"),
        doc.getString("action"),
        doc.getString("targetType"),
        doc.getString("targetId"),
        at,
        doc.getString("requestId"),
        plain((Map<String, Object>) doc.get("before")),
        plain((Map<String, Object>) doc.get("after")));
  }

  /** Firestore hands back Timestamps inside maps; the API shows instants. */
  private static Map<String, Object> plain(Map<String, Object> map) {
    if (map == null) {
      return null;
    }
    Map<String, Object> copy = new HashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(key, value instanceof Timestamp ts ? Timestamps.toInstant(ts) : value));
    return copy;
  }
}
