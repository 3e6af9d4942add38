package com.utalk.bot;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.json.Json;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code auditLogs} entry of an admin change: who, what, when, under which request, and the
 * state before and after. It is written in the transaction that makes the change, so a change is
 * never committed without its entry (the operations reference keeps audit logs two years).
 */
public final class AuditTrail {
  public static final String COLLECTION = "auditLogs";

  private final Firestore firestore;

  public AuditTrail(Firestore firestore) {
    this.firestore = firestore;
  }

  public record Entry(Actor actor, String action, String target, Object before, Object after) {}

  public String record(Transaction tx, Entry entry, Instant at, String requestId) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> doc = new HashMap<>();
    doc.put("workspaceId", entry.actor().workspaceId());
    doc.put("actorId", entry.actor().userId());
    doc.put("actorRole", entry.actor().role());
    doc.put("action", entry.action());
    doc.put("target", entry.target());
    doc.put("before", plain(entry.before()));
    doc.put("after", plain(entry.after()));
    doc.put("at", Timestamps.of(at));
    doc.put("requestId", requestId);
    tx.create(firestore.collection(COLLECTION).document(id), doc);
    return id;
  }

  /**
   * Records and other objects become plain maps, the only structured values Firestore stores as
   * given.
   */
  private static Object plain(Object value) {
    return value == null || value instanceof Map<?, ?> ? value : Json.convert(value, Map.class);
  }
}
