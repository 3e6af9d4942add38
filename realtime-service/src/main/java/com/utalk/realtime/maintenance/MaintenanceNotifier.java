package com.utalk.realtime.maintenance;

import com.utalk.logging.Log;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.maintenance.MaintenanceState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells the agents' sockets when a restore or migration starts and ends: polls the maintenance flag
 * every {@code interval} and, on each change, broadcasts {@code system:maintenance} {@code {active,
 * reason, retryAfterSeconds}}; a socket that connects during maintenance gets it at once ({@link
 * #current()}). The front end shows a banner and holds its sends until {@code active: false}.
 */
public final class MaintenanceNotifier implements AutoCloseable {
  public static final String EVENT = "system:maintenance";
  private static final Log LOG = Log.get(MaintenanceNotifier.class);

  private final MaintenanceMode maintenance;
  private final Consumer<Map<String, Object>> broadcast;
  private final ScheduledExecutorService timer;
  private volatile MaintenanceState last = MaintenanceState.OFF;

  public MaintenanceNotifier(
      MaintenanceMode maintenance, Consumer<Map<String, Object>> broadcast, Duration interval) {
    this.maintenance = maintenance;
    this.broadcast = broadcast;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "maintenance-notifier");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the flag and broadcasts when it changed since the last read. */
  void check() {
    try {
      MaintenanceState now = maintenance.current();
      if (now.active() != last.active()
          || (now.active() && !Objects.equals(now.reason(), last.reason()))) {
        last = now;
        LOG.info("maintenance changed; telling the sockets", "active", now.active());
        broadcast.accept(payload(now));
      }
    } catch (RuntimeException e) {
      LOG.warn("could not check the maintenance flag", "cause", e.getMessage());
    }
  }

  /** What a socket connecting now should be told; null when there is no maintenance. */
  public Map<String, Object> current() {
    MaintenanceState state = last;
    return state.active() ? payload(state) : null;
  }

  private static Map<String, Object> payload(MaintenanceState state) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("active", state.active());
    if (state.active()) {
      payload.put("reason", state.reason());
      payload.put("retryAfterSeconds", state.retryAfterSeconds());
    }
    return payload;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
