package com.utalk.realtime.flags;

import com.utalk.flags.FeatureFlags;
import com.utalk.logging.Log;
import dev.openfeature.sdk.EventDetails;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells every connected front end when an admin changed a feature flag: re-reads the flags every
 * refresh interval (FLAGS_REFRESH_SECONDS) and, on OpenFeature's PROVIDER_CONFIGURATION_CHANGED,
 * broadcasts {@code flags:changed {flags: [keys]}}. The answer depends on who asks (rollouts,
 * allow-lists), so the event names the flags and the front end calls {@code GET /api/flags}.
 */
public final class FlagsNotifier implements AutoCloseable {
  public static final String EVENT = "flags:changed";
  private static final Log LOG = Log.get(FlagsNotifier.class);

  private final FeatureFlags flags;
  private final ScheduledExecutorService timer;

  public FlagsNotifier(FeatureFlags flags, Consumer<Map<String, Object>> broadcast) {
    this.flags = flags;
    flags
        .client()
        .onProviderConfigurationChanged(
            (EventDetails details) -> {
              List<String> changed =
                  details.getFlagsChanged() == null ? List.of() : details.getFlagsChanged();
              LOG.info("flags changed; telling the sockets", "flags", String.join(",", changed));
              broadcast.accept(Map.of("flags", changed));
            });
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "flags-notifier");
              thread.setDaemon(true);
              return thread;
            });
    long interval = flags.refresh().toMillis();
    timer.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      flags.refreshNow();
    } catch (RuntimeException e) {
      LOG.warn("could not re-read the feature flags", "cause", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    flags.close();
  }
}
