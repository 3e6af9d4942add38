package com.utalk.gcp;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.time.Duration;

/**
 * Builds the Firestore client: the emulator when one is configured, else Application Default
 * Credentials.
 */
public final class FirestoreProvider {
  private FirestoreProvider() {}

  public static Firestore create(GcpProject project) {
    // A webhook must answer inside Twilio's 15 s: give up on a Firestore outage well before.
    return create(project, Duration.ofSeconds(3), Duration.ofSeconds(6));
  }

  /**
   * A client whose calls may run up to {@code rpcTimeout} (each attempt) and {@code totalTimeout}
   * (with retries). Background jobs that stream whole collections need far more than a webhook.
   */
  public static Firestore create(GcpProject project, Duration rpcTimeout, Duration totalTimeout) {
    FirestoreOptions.Builder options =
        FirestoreOptions.newBuilder()
            .setProjectId(project.projectId())
            .setDatabaseId(project.firestoreDatabase())
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(3)
                    .setInitialRetryDelayDuration(Duration.ofMillis(50))
                    .setMaxRetryDelayDuration(Duration.ofMillis(500))
                    .setRetryDelayMultiplier(2.0)
                    .setInitialRpcTimeoutDuration(rpcTimeout)
                    .setMaxRpcTimeoutDuration(rpcTimeout)
                    .setTotalTimeoutDuration(totalTimeout)
                    .build());
    if (project.firestoreEmulatorHost() != null) {
      options
          .setEmulatorHost(project.firestoreEmulatorHost())
          .setCredentials(new FirestoreOptions.EmulatorCredentials());
    }
    return options.build().getService();
  }
}
