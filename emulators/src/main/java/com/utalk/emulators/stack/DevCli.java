package com.utalk.emulators.stack;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.emulators.bench.BackupBenchmark;
import com.utalk.emulators.bench.ColdStartBenchmark;
import com.utalk.emulators.bench.IngestBenchmark;
import com.utalk.emulators.bench.PasswordHashBenchmark;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.logging.LogSetup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@code emulators/dev}: {@code up [--detach]}, {@code down}, {@code status},
 * {@code env}, {@code simulate-inbound …}, {@code seed}, backup / restore / migrate / drill and the
 * benchmarks. ({@code test} is pure bash: it must work before anything is built.) Exit status 0
 * means success.
 */
public final class DevCli {
  private DevCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    return run(Settings.fromEnvironment(), args);
  }

  /** {@code settings}: the shell's environment in production, a test's stack in tests. */
  static int run(Settings settings, String... args) {
    if (args.length == 0) {
      return usage();
    }
    StackConfig config = StackConfig.from(settings);
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "up" -> UpCommand.run(config, settings, rest);
      case "down" -> DownCommand.run(config);
      case "status" -> StatusCommand.run(config);
      case "env" -> env(config);
      case "simulate-inbound" -> {
        quietLogs(settings);
        yield SimulateInboundCommand.run(config, rest);
      }
      case "seed" -> {
        quietLogs(settings);
        yield seed(config);
      }
      case "rotate-jwt-secret" -> {
        quietLogs(settings);
        yield rotateJwtSecret(config);
      }
      case "backup" -> {
        quietLogs(settings);
        yield BackupCommands.backup(config, settings);
      }
      case "restore" -> {
        quietLogs(settings);
        yield BackupCommands.restore(config, settings, rest);
      }
      case "restore-media" -> {
        quietLogs(settings);
        yield BackupCommands.restoreMedia(config, rest);
      }
      case "migrate" -> {
        quietLogs(settings);
        yield BackupCommands.migrate(config, settings, rest);
      }
      case "set-password" -> {
        quietLogs(settings);
        yield SetPasswordCommand.run(config, rest);
      }
      case "drill" -> {
        quietLogs(settings);
        yield DrillCommand.run(config, settings, rest);
      }
      case "bench-ingest" -> bench(config, settings, IngestBenchmark::main, rest);
      case "bench-cold-start" -> bench(config, settings, ColdStartBenchmark::main, rest);
      case "bench-backup" -> bench(config, settings, BackupBenchmark::main, rest);
      case "bench-password-hash" -> bench(config, settings, PasswordHashBenchmark::main, rest);
      default -> usage();
    };
  }

  private static int env(StackConfig config) {
    config.clientEnv().forEach((key, value) -> System.out.println(key + "=" + value));
    return 0;
  }

  /**
   * What Secret Manager's rotation notification triggers in the cloud: a new signing-key version.
   */
  private static int rotateJwtSecret(StackConfig config) {
    try (Firestore firestore = FirestoreProvider.create(config.gcpProject())) {
      Settings local =
          Settings.of(
              java.util.Map.of(
                  "JWT_SECRET", StackConfig.LOCAL_JWT_SECRET, "APP_ENV", "development"));
      System.out.println(
          "rotated: "
              + new com.utalk.auth.AuthModule(local, firestore, java.time.Clock.systemUTC())
                  .rotation()
                  .now());
      return 0;
    } catch (Exception e) {
      System.err.println("rotation failed: " + e.getMessage());
      return 1;
    }
  }

  private static int seed(StackConfig config) {
    try (Firestore firestore = FirestoreProvider.create(config.gcpProject())) {
      DemoSeed.seed(firestore);
      System.out.println(
          "seeded workspace '"
              + DemoSeed.WORKSPACE_ID
              + "' owning "
              + DemoSeed.WHATSAPP_NUMBER
              + " in Firestore at "
              + config.firestoreHost());
      return 0;
    } catch (Exception e) {
      System.err.println("seeding failed (is the stack up?): " + e);
      return 1;
    }
  }

  /**
   * A benchmark's main, run against the local stack: its settings default to {@code env}'s values.
   */
  @FunctionalInterface
  private interface Main {
    void run(String[] args) throws Exception;
  }

  private static int bench(StackConfig config, Settings settings, Main main, List<String> args) {
    quietLogs(settings);
    // Settings.fromEnvironment() reads system properties first: set only what the shell did not.
    config
        .clientEnv()
        .forEach(
            (key, value) -> {
              if (settings.find(key).isEmpty()) {
                System.setProperty(key, value);
              }
            });
    try {
      main.run(args.toArray(String[]::new));
      return 0;
    } catch (Exception e) {
      System.err.println("benchmark failed (is the stack up? emulators/dev up --detach): " + e);
      return 1;
    }
  }

  /** One-shot commands print their own result; library chatter would only hide it. */
  private static void quietLogs(Settings settings) {
    LogSetup.install(
        settings.with(Map.of("LOG_LEVEL", settings.get("LOG_LEVEL", "warn"))), System.err);
  }

  private static int usage() {
    System.err.println(
        """
        usage: emulators/dev <command>
          up [--detach]        start the local stack (foreground; --detach returns once healthy)
          down                 stop what up started
          status               show each part of the stack and whether it answers
          env                  KEY=VALUE lines for clients of the stack (eval "$(emulators/dev env)")
          simulate-inbound --from +E164 [--body TEXT] [--media-url URL --media-type TYPE]
                               [--to +E164] [--profile-name NAME] [--url TARGET]
                               post a signed inbound WhatsApp webhook, as Twilio would
          seed                 (re)write the demo workspace and its users
          rotate-jwt-secret    add a new JWT signing-key version (tokens of the previous one stay valid 7 days)
          backup               back up Firestore and media now (as the daily firestore-backup function does) into emulators/.run/backups
          restore <backup-id> [--database NAME]
                               verify, maintenance on, restore, consistency check, maintenance off, health checks;
                               --database restores into another (empty) database: serve it with UTALK_FIRESTORE_DATABASE=NAME emulators/dev up
          restore-media <media-backup-id>
                               put media objects missing from emulators/.run/media back from a media backup
          migrate [--dry-run]  apply pending Firestore migrations (backup first); --dry-run only reports
          set-password --email E [--password P] [--project ID]   give a user a new password (restored users have none)
          drill [--conversations N --messages M --late K]   DR drill in a scratch project: load, back up, destroy, restore, time it
          bench-ingest [--seconds N --rates 100,200 --concurrency N]   webhook throughput through the gateway
          bench-cold-start [RUNS]   JVM start to the webhook function's first 200
          bench-backup [--docs 100000] [--page-size 500]   backup and restore docs/s, MB/s and peak heap, in a scratch project
          bench-password-hash [RUNS]   the login's Argon2id hash time (no stack needed)
          test [mvn args]      run every module's tests against the emulators""");
    return 2;
  }
}
