package com.utalk.gcp;

import com.utalk.config.Settings;

/**
 * Which Google Cloud project, which Firestore database in it, and which local emulators (if any)
 * this process talks to. The database is {@value #DEFAULT_DATABASE} unless a disaster-recovery
 * restore created another one and the deployment switched to it ({@code FIRESTORE_DATABASE}).
 */
public record GcpProject(
    String projectId,
    String firestoreDatabase,
    String firestoreEmulatorHost,
    String pubsubEmulatorHost) {
  public static final String DEFAULT_DATABASE = "(default)";

  /**
   * The {@value #DEFAULT_DATABASE} database: every local and test setup, and the cloud unless
   * switched.
   */
  public GcpProject(String projectId, String firestoreEmulatorHost, String pubsubEmulatorHost) {
    this(projectId, DEFAULT_DATABASE, firestoreEmulatorHost, pubsubEmulatorHost);
  }

  public static GcpProject from(Settings settings) {
    return new GcpProject(
        settings.get("GOOGLE_CLOUD_PROJECT", settings.get("GCP_PROJECT", "utalk-local")),
        settings.get("FIRESTORE_DATABASE", DEFAULT_DATABASE),
        settings.find("FIRESTORE_EMULATOR_HOST").orElse(null),
        settings.find("PUBSUB_EMULATOR_HOST").orElse(null));
  }

  public GcpProject withFirestoreDatabase(String database) {
    return new GcpProject(projectId, database, firestoreEmulatorHost, pubsubEmulatorHost);
  }

  public boolean usesPubSubEmulator() {
    return pubsubEmulatorHost != null;
  }
}
