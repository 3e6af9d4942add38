package com.utalk.maintenance;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.logging.Log;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The maintenance flag, {@code system/maintenance}: set by a restore or migration, read by the
 * webhook and API edge (webhooks answer 503 so Twilio retries, the API 503 with Retry-After) and by
 * the realtime service (which tells the sockets). Reads are cached for {@code cacheTtl}, so the
 * flag costs one document read per instance every few seconds, not one per request.
 */
public final class MaintenanceMode {
  public static final String COLLECTION = "system";
  public static final String DOCUMENT = "maintenance";
  public static final Duration DEFAULT_CACHE = Duration.ofSeconds(2);
  private static final Log LOG = Log.get(MaintenanceMode.class);

  private final Firestore firestore;
  private final Clock clock;
  private final Duration cacheTtl;
  private volatile MaintenanceState cached;

  /**
   * System.nanoTime() of the last read: the cache runs on the machine's clock, not business time.
   */
  private volatile long cachedAtNanos;

  public MaintenanceMode(Firestore firestore, Clock clock, Duration cacheTtl) {
    this.firestore = firestore;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
  }

  private DocumentReference ref() {
    return firestore.collection(COLLECTION).document(DOCUMENT);
  }

  public void enter(String reason, Duration retryAfter) {
    Map<String, Object> flag = new HashMap<>();
    flag.put("active", true);
    flag.put("reason", reason);
    flag.put("since", Timestamps.of(clock.instant()));
    flag.put("retryAfterSeconds", Math.max(1, retryAfter.toSeconds()));
    FirestoreCalls.await(ref().set(flag));
    cached = null;
    LOG.warn("maintenance on", "reason", reason);
  }

  public void leave() {
    FirestoreCalls.await(
        ref().set(Map.of("active", false, "since", Timestamps.of(clock.instant()))));
    cached = null;
    LOG.warn("maintenance off");
  }

  /** The flag as this instance last saw it (at most {@code cacheTtl} old). */
  public MaintenanceState current() {
    long now = System.nanoTime();
    MaintenanceState known = cached;
    if (known != null && now - cachedAtNanos < cacheTtl.toNanos()) {
      return known;
    }
    try {
      MaintenanceState fresh = read();
      cached = fresh;
      cachedAtNanos = now;
      return fresh;
    } catch (StorageUnavailableException e) {
      // Firestore down: the request fails on its own; do not turn a read error into maintenance,
      // and do not make every request of the outage wait for this read again.
      MaintenanceState last = known == null ? MaintenanceState.OFF : known;
      cached = last;
      cachedAtNanos = now;
      return last;
    }
  }

  /** Throws 503 with Retry-After while maintenance is on. */
  public void refuseIfActive() {
    MaintenanceState state = current();
    if (state.active()) {
      throw new ServiceUnavailableException(
          "maintenance",
          "the system is in maintenance; retry later",
          Duration.ofSeconds(Math.max(1, state.retryAfterSeconds())));
    }
  }

  private MaintenanceState read() {
    DocumentSnapshot doc = FirestoreCalls.await(ref().get(), Duration.ofSeconds(1));
    if (!doc.exists() || !Boolean.TRUE.equals(doc.getBoolean("active"))) {
      return MaintenanceState.OFF;
    }
    Long retry = doc.getLong("retryAfterSeconds");
    return new MaintenanceState(
        true,
        doc.getString("reason"),
        Timestamps.toInstant(doc.get("since")),
        retry == null ? 60 : retry);
  }
}
