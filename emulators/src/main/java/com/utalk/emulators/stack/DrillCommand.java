package com.utalk.emulators.stack;

import com.google.cloud.firestore.Firestore;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.DisasterDrill;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code emulators/dev drill}: the DR drill on the stack's Firestore emulator, in a scratch project
 * (the developer's data is never touched) with a scratch backups folder. Prints the time of each
 * step and the data lost (the writes made after the snapshot).
 */
final class DrillCommand {
  private DrillCommand() {}

  static int run(StackConfig config, Settings environment, List<String> args) {
    int conversations;
    int messages;
    int late;
    try {
      conversations = intOption(args, "--conversations", 1000);
      messages = intOption(args, "--messages", 9);
      late = intOption(args, "--late", 50);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "drill: "
              + e.getMessage()
              + "; usage: emulators/dev drill [--conversations N --messages M --late K]");
      return 2;
    }
    GcpProject scratch =
        new GcpProject(
            "utalk-drill-" + UUID.randomUUID().toString().substring(0, 8),
            // as the benchmarks do: an emulator the shell names, else the stack's
            environment.find("FIRESTORE_EMULATOR_HOST").orElse(config.firestoreHost()),
            null);
    try (Firestore firestore =
        FirestoreProvider.create(scratch, Duration.ofSeconds(60), Duration.ofSeconds(120))) {
      Path dir =
          Files.createTempDirectory(Files.createDirectories(config.runDir()), "drill-backups");
      BackupSettings settings =
          BackupSettings.from(Settings.of(Map.of("BACKUP_LOCAL_DIR", dir.toString())));
      DisasterDrill.Result result =
          new DisasterDrill(firestore, new LocalBackupBucket(dir), settings)
              .run(conversations, messages, late);
      System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
      System.out.printf(
          "drill: %d documents; backup %d ms, destroy %d ms, restore %d ms; lost %d of %d writes made after the snapshot "
              + "(RPO = time since the last backup); restore status %s%n",
          result.documentsLoaded(),
          result.stepMillis().get("backup"),
          result.stepMillis().get("destroy"),
          result.stepMillis().get("restore"),
          result.lostAfterRestore(),
          result.writesAfterSnapshot(),
          result.restore().status());
      return result.restore().ok() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("drill failed (is the stack up? emulators/dev up --detach): " + e);
      return 1;
    }
  }

  /** The whole number (0 or more) after {@code name}, or {@code fallback} when it is not given. */
  private static int intOption(List<String> args, String name, int fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    String value = i + 1 < args.size() ? args.get(i + 1) : "";
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " needs a whole number (0 or more), not '" + value + "'");
  }
}
