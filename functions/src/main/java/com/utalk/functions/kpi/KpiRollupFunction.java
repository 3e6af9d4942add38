package com.utalk.functions.kpi;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.kpi.FullRecompute;
import com.utalk.kpi.KpiRollup;
import com.utalk.logging.Log;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/**
 * Pub/Sub {@code kpi-rollup} (Cloud Scheduler, hourly) → {@code kpis/{workspace}/{period}}
 * documents.
 */
public final class KpiRollupFunction implements CloudEventsFunction {
  static final String FUNCTION = "kpi-rollup";
  private static final Log LOG = Log.get(KpiRollupFunction.class);

  private final KpiModule kpi;
  private final Lazy<ProcessedEvents> processed;

  public KpiRollupFunction() {
    this(Backend.fromEnvironment());
  }

  public KpiRollupFunction(Backend backend) {
    this.kpi = new KpiModule(backend);
    this.processed =
        Lazy.of(() -> new ProcessedEvents(kpi.backend().firestore(), kpi.backend().clock()));
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(
        FUNCTION,
        event,
        processed(),
        (message, requestId) -> {
          RollupCommand command =
              message.data().length == 0
                  ? new RollupCommand(null, null)
                  : message.json(RollupCommand.class);
          switch (command.modeOrDefault()) {
            case RollupCommand.INCREMENTAL -> kpi.rollup().runIncremental();
            case RollupCommand.VERIFY -> {
              FullRecompute.Verification verification =
                  kpi.recompute().verify(command.workspaceId());
              LOG.info(
                  verification.exact()
                      ? "kpi counters verified exact"
                      : "kpi counters differ from the raw data",
                  "workspaceId",
                  command.workspaceId(),
                  "buckets",
                  verification.bucketsCompared(),
                  "mismatches",
                  verification.mismatches().size(),
                  "examples",
                  verification.mismatches().stream().limit(5).map(Object::toString).toList());
            }
            case RollupCommand.RECOMPUTE -> {
              KpiRollup.Result result = kpi.recompute().repair(command.workspaceId());
              LOG.info(
                  "kpi recompute done",
                  "workspaceId",
                  command.workspaceId(),
                  "hours",
                  result.hours(),
                  "days",
                  result.days());
            }
            default -> LOG.warn("unknown kpi-rollup mode ignored", "mode", command.mode());
          }
        });
  }

  private ProcessedEvents processed() {
    return processed.get();
  }
}
