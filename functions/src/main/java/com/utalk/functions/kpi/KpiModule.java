package com.utalk.functions.kpi;

import com.google.cloud.firestore.Firestore;
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

/** The KPI services of one function instance, built on first use from the instance's {@link Backend}. */
final class KpiModule {
  private final Backend backend;
  private volatile KpiSettings settings;
  private volatile KpiCounterStore counters;
  private volatile KpiChangeCounter changeCounter;
  private volatile KpiRollup rollup;
  private volatile FullRecompute recompute;

  KpiModule(Backend backend) {
    this.backend = backend;
  }

  Backend backend() {
    return backend;
  }

  synchronized KpiSettings settings() {
    if (settings == null) {
      settings = KpiSettings.from(backend.settings());
    }
    return settings;
  }

  synchronized KpiCounterStore counters() {
    if (counters == null) {
      counters = new KpiCounterStore(backend.firestore(), settings());
    }
    return counters;
  }

  synchronized KpiChangeCounter changeCounter() {
    if (changeCounter == null) {
      changeCounter = new KpiChangeCounter(backend.firestore(), counters(), new ProcessedEvents(backend.firestore(), backend.clock()));
    }
    return changeCounter;
  }

  synchronized KpiRollup rollup() {
    if (rollup == null) {
      rollup = new KpiRollup(backend.firestore(), counters(), new KpiRollupStore(backend.firestore()), settings(), backend.clock());
    }
    return rollup;
  }

  /** Only the recompute modes pay for the second client (long deadlines for whole-collection scans). */
  synchronized FullRecompute recompute() {
    if (recompute == null) {
      Firestore scanner =
          FirestoreProvider.create(GcpProject.from(backend.settings()), FullRecompute.SCAN_TIMEOUT, FullRecompute.SCAN_TIMEOUT);
      recompute = new FullRecompute(scanner, backend.firestore(), counters(), rollup());
    }
    return recompute;
  }
}
