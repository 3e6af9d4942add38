package com.utalk.bot;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.logging.Log;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-workspace bot configuration: the environment's defaults overlaid with what an admin set,
 * stored in {@code aiConfig/{workspaceId}} (only the fields an admin changed, so a new default
 * reaches every workspace that never overrode it). Every change writes an audit entry with the
 * effective configuration before and after, in the same transaction.
 */
public final class AiConfigService {
  public static final String COLLECTION = "aiConfig";
  private static final Log LOG = Log.get(AiConfigService.class);

  private final Firestore firestore;
  private final AiConfig defaults;
  private final AuditTrail audit;
  private final Clock clock;

  public AiConfigService(Firestore firestore, AiConfig defaults, Clock clock) {
    this.firestore = firestore;
    this.defaults = defaults;
    this.audit = new AuditTrail(firestore);
    this.clock = clock;
  }

  public AiConfig get(String workspaceId) {
    DocumentSnapshot snapshot = FirestoreCalls.await(ref(workspaceId).get());
    return effective(snapshot);
  }

  public AiConfig update(Actor actor, AiConfigPatch patch, String requestId) {
    actor.requireAdmin();
    AiConfig after =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentSnapshot snapshot = tx.get(ref(actor.workspaceId())).get();
                  AiConfig before = effective(snapshot);
                  AiConfig updated = patch.applyTo(before);
                  Map<String, Object> stored = patch.mergeInto(overrides(snapshot));
                  stored.put("workspaceId", actor.workspaceId());
                  stored.put("updatedAt", Timestamps.of(Instant.now(clock)));
                  stored.put("updatedBy", actor.userId());
                  tx.set(ref(actor.workspaceId()), stored);
                  audit.record(
                      tx,
                      new AuditTrail.Entry(
                          actor,
                          "ai_config.update",
                          COLLECTION + "/" + actor.workspaceId(),
                          before,
                          updated),
                      clock.instant(),
                      requestId);
                  return updated;
                }));
    LOG.info(
        "ai config updated",
        "workspaceId",
        actor.workspaceId(),
        "actorId",
        actor.userId(),
        "enabled",
        after.enabled(),
        "autoEscalate",
        after.autoEscalate(),
        "model",
        after.model());
    return after;
  }

  private DocumentReference ref(String workspaceId) {
    return firestore.collection(COLLECTION).document(workspaceId);
  }

  private static Map<String, Object> overrides(DocumentSnapshot snapshot) {
    Map<String, Object> stored = new HashMap<>();
    if (snapshot.exists() && snapshot.getData() != null) {
      snapshot
          .getData()
          .forEach(
              (key, value) -> {
                if (AiConfigPatch.FIELDS.contains(key)) {
                  stored.put(key, value);
                }
              });
    }
    return stored;
  }

  @SuppressWarnings("unchecked")
  private AiConfig effective(DocumentSnapshot snapshot) {
    if (!snapshot.exists()) {
      return defaults;
    }
    Boolean enabled = snapshot.getBoolean("enabled");
    Boolean autoEscalate = snapshot.getBoolean("autoEscalate");
    Long failures = snapshot.getLong("escalateAfterFailures");
    Long context = snapshot.getLong("contextMessages");
    List<String> phrases = (List<String>) snapshot.get("escalationPhrases");
    return new AiConfig(
        enabled != null ? enabled : defaults.enabled(),
        autoEscalate != null ? autoEscalate : defaults.autoEscalate(),
        orDefault(snapshot.getString("model"), defaults.model()),
        orDefault(snapshot.getString("systemPrompt"), defaults.systemPrompt()),
        phrases != null ? phrases : defaults.escalationPhrases(),
        orDefault(snapshot.getString("fallbackMessage"), defaults.fallbackMessage()),
        failures != null ? failures.intValue() : defaults.escalateAfterFailures(),
        context != null ? context.intValue() : defaults.contextMessages());
  }

  private static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
