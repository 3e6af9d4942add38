package com.utalk.emulators.stack;

import com.google.cloud.firestore.Firestore;
import com.utalk.backup.BackupCatalog;
import com.utalk.backup.BackupOutcome;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.FirestoreRestore;
import com.utalk.backup.HealthCheck;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.backup.MediaBackup;
import com.utalk.backup.MediaRestore;
import com.utalk.backup.RestoreReport;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.json.Json;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.migrations.MigrationReport;
import com.utalk.migrations.MigrationRunner;
import com.utalk.migrations.Migrations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code emulators/dev backup}, {@code restore <id>}, {@code restore-media <id>} and {@code migrate
 * [--dry-run]}: the same code as the {@code firestore-backup} function and the admin restore route,
 * on the local stack's Firestore and its backups folder ({@code emulators/.run/backups}). Each
 * prints its report as JSON.
 */
final class BackupCommands {
  private BackupCommands() {}

  static Firestore jobClient(StackConfig config) {
    return jobClient(config, config.firestoreDatabase());
  }

  static Firestore jobClient(StackConfig config, String database) {
    return FirestoreProvider.create(
        config.gcpProject().withFirestoreDatabase(database),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120));
  }

  static BackupSettings settings(StackConfig config, Settings settings) {
    return BackupSettings.from(
        settings.with(
            java.util.Map.of(
                "BACKUP_STORE", "local", "BACKUP_LOCAL_DIR", config.backupDir().toString())));
  }

  /** Both daily jobs, as the {@code firestore-backup} function runs them: Firestore, then media. */
  static int backup(StackConfig config, Settings settings) {
    try (Firestore firestore = jobClient(config)) {
      BackupOutcome outcome = takeBackup(firestore, config, settings);
      MediaBackup.Outcome media =
          new MediaBackup(
                  firestore,
                  config.mediaStore(),
                  new LocalBackupBucket(config.backupDir()),
                  Clock.systemUTC())
              .run("cli");
      // the Firestore outcome's fields stay at the top, where scripts read backupId and status
      com.fasterxml.jackson.databind.node.ObjectNode report = Json.mapper().valueToTree(outcome);
      report.set("media", Json.mapper().valueToTree(media));
      System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      return outcome.ok() && BackupCatalog.OK.equals(media.status()) ? 0 : 1;
    } catch (Exception e) {
      System.err.println("backup failed (is the stack up? emulators/dev up --detach): " + e);
      return 1;
    }
  }

  private static BackupOutcome takeBackup(
      Firestore firestore, StackConfig config, Settings settings) {
    return new FirestoreBackup(
            firestore,
            new LocalBackupBucket(config.backupDir()),
            Clock.systemUTC(),
            settings(config, settings))
        .run("cli");
  }

  /**
   * {@code restore <backup-id> [--database <name>]}: into the stack's database (after a wipe), or
   * into another, empty one, which {@code UTALK_FIRESTORE_DATABASE=<name> emulators/dev up} then
   * serves from, as the cloud's FIRESTORE_DATABASE would after a restore into a new database.
   */
  static int restore(StackConfig config, Settings settings, List<String> args) {
    List<String> ids = new java.util.ArrayList<>(args);
    String database = config.firestoreDatabase();
    int flag = ids.indexOf("--database");
    if (flag >= 0 && flag + 1 < ids.size()) {
      database = ids.get(flag + 1);
      ids.subList(flag, flag + 2).clear();
    }
    if (ids.size() != 1 || flag >= 0 && database.startsWith("--")) {
      System.err.println(
          "usage: emulators/dev restore <backup-id> [--database <name>]   (ids: ls "
              + config.backupDir().resolve("firestore")
              + ")");
      return 2;
    }
    try (Firestore firestore = jobClient(config, database)) {
      RestoreReport report = restorer(firestore, config, settings).restore(ids.get(0));
      System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      return report.ok() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("restore failed (is the stack up? emulators/dev up --detach): " + e);
      return 1;
    }
  }

  /**
   * {@code restore-media <media-backup-id>}: lost media objects back into the stack's media folder.
   */
  static int restoreMedia(StackConfig config, List<String> args) {
    if (args.size() != 1) {
      System.err.println(
          "usage: emulators/dev restore-media <media-backup-id>   (ids: ls "
              + config.backupDir().resolve("media")
              + ")");
      return 2;
    }
    try {
      MediaRestore.Outcome outcome =
          new MediaRestore(config.mediaStore(), new LocalBackupBucket(config.backupDir()))
              .restore(args.get(0));
      System.out.println(
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(outcome));
      return outcome.ok() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("media restore failed: " + e);
      return 1;
    }
  }

  private static FirestoreRestore restorer(
      Firestore firestore, StackConfig config, Settings settings) {
    return new FirestoreRestore(
        firestore,
        new LocalBackupBucket(config.backupDir()),
        new MaintenanceMode(firestore, Clock.systemUTC(), Duration.ZERO),
        Clock.systemUTC(),
        List.of(gatewayHealth(config)),
        settings(config, settings).pageSize());
  }

  /** The stack's own /health through the gateway, as the load balancer would probe it. */
  private static HealthCheck gatewayHealth(StackConfig config) {
    return HealthCheck.of(
        "gateway /health",
        () -> {
          HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
          // The API instances re-read the maintenance flag within a few seconds: allow them that
          // long.
          int status = 0;
          for (int attempt = 0; attempt < 10 && status != 200; attempt++) {
            if (attempt > 0) {
              Thread.sleep(1000);
            }
            status =
                http.send(
                        HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode();
          }
          if (status != 200) {
            throw new IllegalStateException("GET /health answered " + status);
          }
        });
  }

  static int migrate(StackConfig config, Settings settings, List<String> args) {
    boolean dryRun = args.contains("--dry-run");
    try (Firestore firestore = jobClient(config)) {
      MigrationRunner runner =
          new MigrationRunner(
              firestore,
              Clock.systemUTC(),
              Migrations.ALL,
              () -> {
                BackupOutcome outcome = takeBackup(firestore, config, settings);
                if (!outcome.ok()) {
                  throw new IllegalStateException(
                      "the backup before migrating failed: " + outcome.reason());
                }
                return outcome.backupId();
              },
              id -> {
                RestoreReport report = restorer(firestore, config, settings).restore(id);
                return report.ok() ? null : report.status() + ": " + report.reason();
              });
      MigrationReport report = runner.run(dryRun);
      System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      return switch (report.status()) {
        case "applied", "up_to_date", "dry_run" -> 0;
        default -> 1;
      };
    } catch (Exception e) {
      System.err.println("migration failed (is the stack up? emulators/dev up --detach): " + e);
      return 1;
    }
  }
}
