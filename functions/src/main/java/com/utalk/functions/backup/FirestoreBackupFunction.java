package com.utalk.functions.backup;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/**
 * Pub/Sub {@code backups} (Cloud Scheduler, daily) → one Firestore backup, then the incremental
 * media backup. A failed backup is recorded ({@code backups/{id}} status {@code failed}, an ERROR
 * log line to alert on) and not retried by redelivery: the next scheduled run, or {@code
 * emulators/dev backup}, tries again.
 */
public final class FirestoreBackupFunction implements CloudEventsFunction {
  static final String FUNCTION = "firestore-backup";
  private final BackupModule module;
  private final Lazy<ProcessedEvents> processed;

  public FirestoreBackupFunction() {
    this(Backend.fromEnvironment());
  }

  public FirestoreBackupFunction(Backend backend) {
    this.module = new BackupModule(backend);
    this.processed =
        Lazy.of(() -> new ProcessedEvents(module.backend().firestore(), module.backend().clock()));
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(
        FUNCTION,
        event,
        processed(),
        (message, requestId) -> {
          // Each outcome is logged and recorded (backups/{id}) by the backup itself.
          module.backup().run("scheduler");
          module.mediaBackup().run("scheduler");
        });
  }

  private ProcessedEvents processed() {
    return processed.get();
  }
}
