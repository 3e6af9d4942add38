package com.utalk.realtime;

import com.utalk.config.Settings;
import com.utalk.realtime.session.EventBudget;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The realtime service's own settings (the shared ones — project, emulators, JWT keys, logging —
 * are read by the shared modules from the same {@link Settings}).
 *
 * @param port {@code PORT} (Cloud Run sets it), default 8080
 * @param instanceId {@code REALTIME_INSTANCE_ID}, default a random id: names the Pub/Sub
 *     subscription
 * @param drain {@code REALTIME_DRAIN_SECONDS}, default 10: how long SIGTERM waits for clients to go
 * @param allowedOrigins {@code REALTIME_ALLOWED_ORIGINS}, comma-separated; empty allows any origin
 * @param workThreads {@code REALTIME_WORK_THREADS}, default 32: Firestore/Pub/Sub calls of socket
 *     events
 * @param eventBudget {@code REALTIME_SOCKET_EVENTS_PER_SECOND} (default 10) and {@code
 *     REALTIME_SOCKET_EVENT_BURST} (default 30): client events one socket may send
 */
public record RealtimeSettings(
    int port,
    String instanceId,
    Duration drain,
    Set<String> allowedOrigins,
    int workThreads,
    EventBudget.Policy eventBudget) {
  public static RealtimeSettings from(Settings settings) {
    String instance = settings.get("REALTIME_INSTANCE_ID", "");
    if (instance.isBlank()) {
      // Pub/Sub subscription ids: letters, digits and - _ . ~ + %; the revision keeps them readable
      String revision = settings.get("K_REVISION", "local").replaceAll("[^A-Za-z0-9-]", "-");
      instance = revision + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
    Set<String> origins =
        Arrays.stream(settings.get("REALTIME_ALLOWED_ORIGINS", "").split(","))
            .map(String::trim)
            .filter(origin -> !origin.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new RealtimeSettings(
        settings.getInt("PORT", 8080),
        instance,
        Duration.ofSeconds(settings.getLong("REALTIME_DRAIN_SECONDS", 10)),
        origins,
        settings.getInt("REALTIME_WORK_THREADS", 32),
        new EventBudget.Policy(
            settings.getInt("REALTIME_SOCKET_EVENTS_PER_SECOND", 10),
            settings.getInt("REALTIME_SOCKET_EVENT_BURST", 30)));
  }
}
