package com.utalk.realtime.changes;

import com.utalk.changes.ChangeAnnouncements;
import com.utalk.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells every connected front end about a release: reads the newest {@code api.changes}
 * announcement every {@link #INTERVAL} and broadcasts {@code api:changes} {@code {version,
 * changes, migrationGuide, ...}} when a newer one appears. What was announced before this
 * instance started is not repeated (a front end that missed it reads {@code GET /api/changes}).
 */
public final class ChangesNotifier implements AutoCloseable {
  public static final String EVENT = "api:changes";
  public static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Log LOG = Log.get(ChangesNotifier.class);

  private final ChangeAnnouncements announcements;
  private final Consumer<Map<String, Object>> broadcast;
  private final ScheduledExecutorService timer;
  private volatile boolean started;
  private volatile Instant lastSeen;

  public ChangesNotifier(ChangeAnnouncements announcements, Consumer<Map<String, Object>> broadcast, Duration interval) {
    this.announcements = announcements;
    this.broadcast = broadcast;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "changes-notifier");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void check() {
    try {
      var latest = announcements.latest();
      Instant published = latest.map(ChangeAnnouncements.Announcement::publishedAt).orElse(null);
      if (started && published != null && !Objects.equals(published, lastSeen)) {
        LOG.info("release announced; telling the sockets", "version", latest.get().version());
        broadcast.accept(latest.get().payload());
      }
      lastSeen = published;
      started = true;
    } catch (RuntimeException e) {
      LOG.warn("could not read the change announcements", "cause", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
