package com.utalk.auth.users;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.Transaction;
import com.utalk.auth.token.TokenRevocations;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.logging.Log;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code system/disabledUsers}: the users disabled within the last access-token lifetime, so that
 * the tokens they already hold stop working at once rather than at their expiry. Older entries are
 * pruned when the next user is disabled: by then every token issued before the disable has expired,
 * and a disabled user cannot get a new one (login and refresh read the user document). Enabling a
 * user removes the entry. Disabling is rare, so one small document is enough, and each instance
 * reads it at most once per {@code cacheTtl}; while Firestore is unreachable the last list read is
 * kept (the request fails on its own if it needs Firestore).
 */
public final class DisabledUsers implements TokenRevocations {
  public static final String DOCUMENT = "disabledUsers";
  static final String USERS = "users";
  private static final Log LOG = Log.get(DisabledUsers.class);

  private final Firestore firestore;
  private final Duration keep;
  private final Duration cacheTtl;
  private volatile Map<String, Instant> cached;
  private volatile long cachedAtNanos;

  /**
   * {@code keep}: how long an entry must outlive the disable (the access-token lifetime plus clock
   * skew).
   */
  public DisabledUsers(Firestore firestore, Duration keep, Duration cacheTtl) {
    this.firestore = firestore;
    this.keep = keep;
    this.cacheTtl = cacheTtl;
  }

  DocumentReference ref() {
    return firestore.collection(MaintenanceMode.COLLECTION).document(DOCUMENT);
  }

  /** Reads the list in {@code tx}; every read of a transaction comes before its writes. */
  Map<String, Instant> read(Transaction tx) throws Exception {
    return entries(tx.get(ref()).get());
  }

  /** Adds {@code uid} and drops entries older than {@code keep}, in the caller's transaction. */
  void add(Transaction tx, Map<String, Instant> current, String uid, Instant at) {
    Map<String, Object> kept = new HashMap<>();
    current.forEach(
        (id, since) -> {
          if (since.plus(keep).isAfter(at)) {
            kept.put(id, Timestamps.of(since));
          }
        });
    kept.put(uid, Timestamps.of(at));
    tx.set(ref(), Map.of(USERS, kept));
    cached = null;
  }

  void remove(Transaction tx, String uid) {
    tx.set(ref(), Map.of(USERS, Map.of(uid, FieldValue.delete())), SetOptions.merge());
    cached = null;
  }

  @Override
  public boolean revoked(String uid) {
    return current().containsKey(uid);
  }

  /** The disabled users as this instance last read them (at most {@code cacheTtl} old). */
  public Set<String> uids() {
    return current().keySet();
  }

  private Map<String, Instant> current() {
    long now = System.nanoTime();
    Map<String, Instant> known = cached;
    if (known != null && now - cachedAtNanos < cacheTtl.toNanos()) {
      return known;
    }
    try {
      Map<String, Instant> fresh = entries(FirestoreCalls.await(ref().get()));
      cached = fresh;
      cachedAtNanos = now;
      return fresh;
    } catch (StorageUnavailableException e) {
      Map<String, Instant> last = known == null ? Map.of() : known;
      LOG.warn(
          "could not read the disabled users; using the last list read", "entries", last.size());
      cached = last;
      cachedAtNanos = now;
      return last;
    }
  }

  private static Map<String, Instant> entries(DocumentSnapshot doc) {
    Object users = doc.exists() ? doc.get(USERS) : null;
    if (!(users instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, Instant> entries = new HashMap<>();
    map.forEach(
        (uid, since) -> {
          Instant at = Timestamps.toInstant(since);
          if (at != null) {
            entries.put(String.valueOf(uid), at);
          }
        });
    return Map.copyOf(entries);
  }
}
