package com.utalk.functions.kpi;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.functions.wiring.Backend;
import com.utalk.kpi.KpiChangeCounter;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.metrics.Metrics;
import com.utalk.triggers.FirestoreChange;
import io.cloudevents.CloudEvent;

/**
 * Firestore {@code written} on messages, conversations, escalations and ratings (four deployments
 * of this class, see FunctionCatalog) → the KPI hour counters. A failure propagates so that
 * Eventarc redelivers; the counter's event-id marker makes the redelivery count once.
 */
public final class KpiCounterFunction implements CloudEventsFunction {
  private static final Log LOG = Log.get(KpiCounterFunction.class);

  private final KpiModule kpi;

  public KpiCounterFunction() {
    this(Backend.fromEnvironment());
  }

  public KpiCounterFunction(Backend backend) {
    this.kpi = new KpiModule(backend);
  }

  @Override
  public void accept(CloudEvent event) {
    RequestContext context = RequestContext.fromIncoming(null, null, null);
    try (RequestContext.Scope ignored = context.open()) {
      FirestoreChange change = FirestoreEvents.change(event);
      long started = System.nanoTime();
      KpiChangeCounter.Outcome outcome = kpi.changeCounter().apply(change);
      if (outcome == KpiChangeCounter.Outcome.COUNTED && change.created()) {
        // Business counters follow the same exactly-once path as the KPIs: first count of a new
        // document.
        Metrics.get().business().documentCreated(change.collection(), change.after());
      }
      LOG.debug(
          "kpi change applied",
          "eventId",
          event.getId(),
          "document",
          change.documentPath(),
          "outcome",
          outcome.name().toLowerCase(),
          "latencyMs",
          (System.nanoTime() - started) / 1_000_000.0);
    }
  }
}
