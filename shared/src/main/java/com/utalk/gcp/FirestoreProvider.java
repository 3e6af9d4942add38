package com.utalk.gcp;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.time.Duration;

/** Builds the Firestore client: the emulator when one is configured, else Application Default Credentials. */
public final class FirestoreProvider {
  private FirestoreProvider() {}

  public static Firestore create(GcpProject project) {
    FirestoreOptions.Builder options =
        FirestoreOptions.newBuilder()
            .setProjectId(project.projectId())
            // A webhook must answer inside Twilio's 15 s: give up on a Firestore outage well before.
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(3)
                    .setInitialRetryDelayDuration(Duration.ofMillis(50))
                    .setMaxRetryDelayDuration(Duration.ofMillis(500))
                    .setRetryDelayMultiplier(2.0)
                    .setInitialRpcTimeoutDuration(Duration.ofSeconds(3))
                    .setMaxRpcTimeoutDuration(Duration.ofSeconds(3))
                    .setTotalTimeoutDuration(Duration.ofSeconds(6))
                    .build());
    if (project.firestoreEmulatorHost() != null) {
      options
          .setEmulatorHost(project.firestoreEmulatorHost())
          .setCredentials(new FirestoreOptions.EmulatorCredentials());
    }
    return options.build().getService();
  }
}
