package com.utalk.functions.health;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.ServiceIdentity;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /health (liveness: no dependency is touched) and /health/database (one real Firestore read, with
 * its latency; 503 when Firestore does not answer in time). The "Login falla 401" runbook calls the
 * second one.
 */
public final class HealthRoutes {
  static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

  private final ServiceIdentity identity;
  private final Supplier<Firestore> firestore;
  private final Clock clock;

  public HealthRoutes(ServiceIdentity identity, Supplier<Firestore> firestore, Clock clock) {
    this.identity = identity;
    this.firestore = firestore;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/health", Access.PUBLIC, request -> Reply.ok(liveness())),
        Route.get("/health/database", Access.PUBLIC, request -> Reply.ok(database())));
  }

  private Map<String, Object> liveness() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("service", identity.service());
    body.put("version", identity.version());
    body.put("environment", identity.environment().label());
    body.put("time", clock.instant().toString());
    return body;
  }

  private Map<String, Object> database() {
    long started = System.nanoTime();
    try {
      // a read of a document that need not exist is a full round trip without touching real data
      FirestoreCalls.await(
          firestore.get().collection("_health").document("probe").get(), DATABASE_TIMEOUT);
    } catch (StorageUnavailableException e) {
      throw new ServiceUnavailableException(
          "database_unavailable",
          "Firestore did not answer (" + elapsedMs(started) + " ms): " + e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("database", "firestore");
    body.put("latencyMs", elapsedMs(started));
    return body;
  }

  private static double elapsedMs(long started) {
    return Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
  }
}
