package com.utalk.emulators.firestoretrigger;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.logging.LogSetup;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the bridge on its own: {@code
 * FIRESTORE_TRIGGER_TARGETS="kpi-counter-messages=http://127.0.0.1:9201,
 * kpi-counter-conversations=http://127.0.0.1:9202,..."} names the local URL of each
 * Firestore-triggered function (catalog names); {@code GOOGLE_CLOUD_PROJECT} and {@code
 * FIRESTORE_EMULATOR_HOST} as everywhere. {@code FIRESTORE_TRIGGER_PARALLELISM} (default 4) and
 * {@code FIRESTORE_TRIGGER_MAX_ATTEMPTS} (default 8) tune delivery. The stack launcher can instead
 * call {@link FirestoreTriggerBridge#start} with {@link FirestoreTriggerBridge#routesFromCatalog}.
 */
public final class FirestoreTriggerBridgeMain {
  private FirestoreTriggerBridgeMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    LogSetup.install(settings);
    GcpProject project = GcpProject.from(settings);
    Map<String, URI> targets = parseTargets(settings.require("FIRESTORE_TRIGGER_TARGETS"));
    Firestore firestore = FirestoreProvider.create(project);
    FirestoreTriggerBridge bridge =
        FirestoreTriggerBridge.start(
            firestore,
            project.projectId(),
            FirestoreTriggerBridge.routesFromCatalog(targets),
            settings.getInt("FIRESTORE_TRIGGER_PARALLELISM", 4),
            settings.getInt("FIRESTORE_TRIGGER_MAX_ATTEMPTS", 8));
    Runtime.getRuntime().addShutdownHook(new Thread(bridge::close));
    Thread.currentThread().join();
  }

  static Map<String, URI> parseTargets(String value) {
    Map<String, URI> targets = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      String[] parts = pair.trim().split("=", 2);
      if (parts.length == 2) {
        targets.put(parts[0].trim(), URI.create(parts[1].trim()));
      }
    }
    return targets;
  }
}
