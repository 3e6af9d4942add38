package com.utalk.gcp;

import com.utalk.config.Settings;

/** Which Google Cloud project and which local emulators (if any) this process talks to. */
public record GcpProject(String projectId, String firestoreEmulatorHost, String pubsubEmulatorHost) {
  public static GcpProject from(Settings settings) {
    return new GcpProject(
        settings.get("GOOGLE_CLOUD_PROJECT", settings.get("GCP_PROJECT", "utalk-local")),
        settings.find("FIRESTORE_EMULATOR_HOST").orElse(null),
        settings.find("PUBSUB_EMULATOR_HOST").orElse(null));
  }

  public boolean usesPubSubEmulator() {
    return pubsubEmulatorHost != null;
  }
}
