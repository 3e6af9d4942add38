package com.utalk.emulators.firestoretrigger;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentChange;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.ListenerRegistration;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.utalk.emulators.http.HttpServers;
import com.utalk.logging.Log;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import com.utalk.triggers.FirestoreEventTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Eventarc's Firestore triggers for the local stack. One snapshot listener per watched collection
 * on the emulator; the listener's previous view of each document supplies the old value. Every
 * change becomes a {@code google.cloud.firestore.document.v1.*} CloudEvent with the {@code
 * DocumentEventData} protobuf, POSTed to each function whose pattern and event type match.
 *
 * <p>Differences from Eventarc, on purpose or by nature: documents that exist when the bridge
 * starts produce no events; the emulator's listener may merge writes that follow each other within
 * milliseconds into one change (the function then sees old → newest, never a wrong pair); delivery
 * is retried a bounded number of times, then the event is dropped with an error log.
 */
public final class FirestoreTriggerBridge implements AutoCloseable {
  private static final Log LOG = Log.get(FirestoreTriggerBridge.class);

  private final Firestore firestore;
  private final String projectId;
  private final List<TriggerRoute> routes;
  private final CloudEventDelivery delivery;
  private final Map<String, ExecutorService> workers = new HashMap<>();
  private final Map<String, CloudEventDelivery.Stats> stats = new ConcurrentHashMap<>();
  private final Map<String, DocumentVersion> seen = new ConcurrentHashMap<>();
  private final List<ListenerRegistration> listeners = new ArrayList<>();
  private final ExecutorService listenerThread =
      Executors.newSingleThreadExecutor(HttpServers.daemonThreads("firestore-trigger-listen"));
  private final AtomicInteger pending = new AtomicInteger();

  private FirestoreTriggerBridge(
      Firestore firestore,
      String projectId,
      List<TriggerRoute> routes,
      int parallelism,
      int maxAttempts) {
    this.firestore = firestore;
    this.projectId = projectId;
    this.routes = List.copyOf(routes);
    this.delivery =
        new CloudEventDelivery(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            projectId,
            maxAttempts,
            Duration.ofMillis(200));
    for (TriggerRoute route : routes) {
      workers.put(
          route.function(),
          Executors.newFixedThreadPool(
              parallelism, HttpServers.daemonThreads("trigger-" + route.function())));
      stats.put(route.function(), new CloudEventDelivery.Stats());
    }
  }

  /**
   * Starts listening; returns once every listener has its initial view (changes from then on are
   * delivered).
   */
  public static FirestoreTriggerBridge start(
      Firestore firestore,
      String projectId,
      List<TriggerRoute> routes,
      int parallelism,
      int maxAttempts) {
    FirestoreTriggerBridge bridge =
        new FirestoreTriggerBridge(firestore, projectId, routes, parallelism, maxAttempts);
    bridge.listen();
    return bridge;
  }

  /**
   * Routes for every Firestore-triggered function of the catalog that has a local URL in {@code
   * urls}.
   */
  public static List<TriggerRoute> routesFromCatalog(Map<String, URI> urls) {
    List<TriggerRoute> routes = new ArrayList<>();
    for (FunctionSpec spec : FunctionCatalog.FUNCTIONS) {
      if (spec.trigger() instanceof FunctionTrigger.Firestore && urls.containsKey(spec.name())) {
        routes.add(TriggerRoute.of(spec, urls.get(spec.name())));
      }
    }
    return routes;
  }

  private void listen() {
    Map<String, Query> queries = new LinkedHashMap<>();
    for (TriggerRoute route : routes) {
      DocumentPattern pattern = route.pattern();
      String key = pattern.topLevel() ? pattern.collectionId() : "group:" + pattern.collectionId();
      queries.computeIfAbsent(
          key,
          k ->
              pattern.topLevel()
                  ? firestore.collection(pattern.collectionId())
                  : firestore.collectionGroup(pattern.collectionId()));
    }
    CountDownLatch ready = new CountDownLatch(queries.size());
    for (Map.Entry<String, Query> entry : queries.entrySet()) {
      boolean[] initial = {true};
      listeners.add(
          entry
              .getValue()
              .addSnapshotListener(
                  listenerThread,
                  (snapshot, error) -> {
                    if (error != null) {
                      LOG.error("firestore listener failed", error, "query", entry.getKey());
                      return;
                    }
                    onSnapshot(snapshot, initial[0]);
                    if (initial[0]) {
                      initial[0] = false;
                      ready.countDown();
                    }
                  }));
    }
    try {
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "Firestore listeners did not get their first snapshot within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    LOG.info(
        "firestore trigger bridge listening",
        "routes",
        routes.size(),
        "listeners",
        queries.size(),
        "known",
        seen.size());
  }

  private void onSnapshot(QuerySnapshot snapshot, boolean initial) {
    for (DocumentChange change : snapshot.getDocumentChanges()) {
      QueryDocumentSnapshot document = change.getDocument();
      String path = document.getReference().getPath();
      DocumentVersion current =
          new DocumentVersion(
              document.getData(), document.getCreateTime(), document.getUpdateTime());
      DocumentVersion previous =
          change.getType() == DocumentChange.Type.ADDED ? null : seen.get(path);
      if (change.getType() == DocumentChange.Type.REMOVED) {
        seen.remove(path);
        current = null;
      } else {
        seen.put(path, current);
      }
      if (!initial) {
        dispatch(new ObservedChange(path, previous, current));
      }
    }
  }

  private void dispatch(ObservedChange change) {
    String databaseName = "projects/" + projectId + "/databases/(default)";
    byte[] payload = null;
    for (TriggerRoute route : routes) {
      if (!route.pattern().matches(change.documentPath())
          || !FirestoreEventTypes.delivers(route.eventType(), change.kind())) {
        continue;
      }
      if (payload == null) {
        payload = EventarcPayload.of(databaseName, change).toByteArray();
      }
      byte[] body = payload;
      String eventId = UUID.randomUUID().toString();
      Timestamp time = change.after() != null ? change.after().updateTime() : null;
      Instant at =
          time == null ? Instant.now() : Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
      pending.incrementAndGet();
      workers
          .get(route.function())
          .execute(
              () -> {
                try {
                  delivery.deliver(
                      route, eventId, change.documentPath(), at, body, stats.get(route.function()));
                } finally {
                  pending.decrementAndGet();
                }
              });
    }
  }

  /** Waits until no delivery is queued or running (tests; the stack's "settled" check). */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quietRounds = 0;
    while (System.nanoTime() < deadline) {
      // A write may still be on its way from the emulator: idle must hold for a few rounds.
      quietRounds = pending.get() == 0 ? quietRounds + 1 : 0;
      if (quietRounds >= 5) {
        return true;
      }
      Thread.sleep(40);
    }
    return false;
  }

  public long delivered(String function) {
    return stats.get(function).delivered.get();
  }

  public long retried(String function) {
    return stats.get(function).retried.get();
  }

  public long dropped(String function) {
    return stats.get(function).dropped.get();
  }

  @Override
  public void close() {
    listeners.forEach(ListenerRegistration::remove);
    workers.values().forEach(ExecutorService::shutdownNow);
    listenerThread.shutdownNow();
  }
}
