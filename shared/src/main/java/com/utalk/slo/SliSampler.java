package com.utalk.slo;

import com.utalk.metrics.Metrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a {@link SliHistory} from this process's metrics once a minute (a daemon thread). It is the
 * local SLI source — one process sees only its own traffic; in the cloud the SLIs come from Cloud
 * Monitoring, where every instance exports the same series.
 */
public final class SliSampler implements AutoCloseable {
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "sli-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private final SliHistory history;

  private SliSampler(SliHistory history) {
    this.history = history;
  }

  public static SliSampler start(Metrics metrics, Clock clock) {
    SliSampler sampler = new SliSampler(new SliHistory(clock, Slos.PERIOD.plusHours(1)));
    sampler.scheduler.scheduleAtFixedRate(() -> sampler.sample(metrics), 0, 1, TimeUnit.MINUTES);
    return sampler;
  }

  public SliHistory history() {
    return history;
  }

  /** Takes a sample now (also used on each /api/slo request so the newest minute is included). */
  public void sample(Metrics metrics) {
    var data = metrics.collect();
    Map<String, SliCounts> cumulative = new HashMap<>();
    for (Slo slo : Slos.ALL) {
      cumulative.put(slo.id(), MetricSli.cumulative(slo.sli(), data));
    }
    history.record(cumulative);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
