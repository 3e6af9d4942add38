package com.utalk.functions.kpi;

import com.utalk.events.ProcessedEvents;
import com.utalk.functions.wiring.Backend;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.kpi.FullRecompute;
import com.utalk.kpi.KpiChangeCounter;
import com.utalk.kpi.KpiCounterStore;
import com.utalk.kpi.KpiRollup;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.kpi.KpiSettings;
import com.utalk.wiring.Lazy;

/**
 * The KPI services of one function instance, built on first use from the instance's {@link
 * Backend}.
 */
final class KpiModule {
  private final Backend backend;
  private final Lazy<KpiSettings> settings;
  private final Lazy<KpiCounterStore> counters;
  private final Lazy<KpiChangeCounter> changeCounter;
  private final Lazy<KpiRollup> rollup;
  private final Lazy<FullRecompute> recompute;

  KpiModule(Backend backend) {
    this.backend = backend;
    this.recompute =
        Lazy.of(
            () ->
                new FullRecompute(
                    FirestoreProvider.create(
                        GcpProject.from(backend.settings()),
                        FullRecompute.SCAN_TIMEOUT,
                        FullRecompute.SCAN_TIMEOUT),
                    backend.firestore(),
                    counters(),
                    rollup()));
    this.settings = Lazy.of(() -> KpiSettings.from(backend.settings()));
    this.counters = Lazy.of(() -> new KpiCounterStore(backend.firestore(), settings()));
    this.changeCounter =
        Lazy.of(
            () ->
                new KpiChangeCounter(
                    backend.firestore(),
                    counters(),
                    new ProcessedEvents(backend.firestore(), backend.clock())));
    this.rollup =
        Lazy.of(
            () ->
                new KpiRollup(
                    backend.firestore(),
                    counters(),
                    new KpiRollupStore(backend.firestore()),
                    settings(),
                    backend.clock()));
  }

  Backend backend() {
    return backend;
  }

  KpiSettings settings() {
    return settings.get();
  }

  KpiCounterStore counters() {
    return counters.get();
  }

  KpiChangeCounter changeCounter() {
    return changeCounter.get();
  }

  KpiRollup rollup() {
    return rollup.get();
  }

  /**
   * Only the recompute modes pay for the second client (long deadlines for whole-collection scans).
   */
  FullRecompute recompute() {
    return recompute.get();
  }
}
