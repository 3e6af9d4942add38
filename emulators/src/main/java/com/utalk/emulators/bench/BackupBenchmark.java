package com.utalk.emulators.bench;

import com.google.cloud.firestore.Firestore;
import com.utalk.backup.BackupOutcome;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.DisasterDrill;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.FirestoreRestore;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.backup.RestoreReport;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.maintenance.MaintenanceMode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backup and restore throughput on the Firestore emulator (documents/s, MB/s of gzip files) and the
 * peak heap of each, in scratch projects (restored into an empty one): {@code emulators/dev
 * bench-backup [--docs 100000] [--page-size 500]} (the page size is {@code BACKUP_PAGE_SIZE}). Peak
 * heap is sampled every 20 ms after a GC at the start of each phase; run it with a small {@code
 * -Xmx} to see that memory does not grow with the data.
 */
public final class BackupBenchmark {
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    List<String> options = List.of(args);
    int docs = option(options, "--docs", 100_000);
    int pageSize = option(options, "--page-size", 500);
    GcpProject scratch =
        new GcpProject(
            "utalk-bench-" + UUID.randomUUID().toString().substring(0, 8),
            settings.require("FIRESTORE_EMULATOR_HOST"),
            null);
    Path dir = Files.createTempDirectory("utalk-bench-backups");
    try (Firestore firestore =
        FirestoreProvider.create(scratch, Duration.ofSeconds(60), Duration.ofSeconds(300))) {
      BackupSettings backupSettings =
          BackupSettings.from(
              Settings.of(
                  Map.of(
                      "BACKUP_LOCAL_DIR",
                      dir.toString(),
                      "BACKUP_PAGE_SIZE",
                      String.valueOf(pageSize))));
      System.out.printf("page size %d documents%n", pageSize);
      long t = System.nanoTime();
      long loaded =
          new DisasterDrill(firestore, new LocalBackupBucket(dir), backupSettings)
              .load(Math.max(1, docs / 19), 9);
      System.out.printf("load: %d documents in %.1f s%n", loaded, seconds(t));

      HeapPeak heap = new HeapPeak();
      t = System.nanoTime();
      BackupOutcome backup =
          new FirestoreBackup(
                  firestore, new LocalBackupBucket(dir), Clock.systemUTC(), backupSettings)
              .run("bench");
      double backupSeconds = seconds(t);
      long backupPeak = heap.stop();
      if (!backup.ok()) {
        throw new IllegalStateException("backup failed: " + backup.reason());
      }
      double mb = backup.manifest().bytes() / 1e6;
      System.out.printf(
          "backup: %d documents, %.1f MB gzip, %.1f s (export %d ms, verify %d ms): %.0f docs/s, %.2f MB/s; peak heap %d MB%n",
          backup.manifest().documents(),
          mb,
          backupSeconds,
          backup.durationsMs().get("exportMs"),
          backup.durationsMs().get("verifyMs"),
          backup.manifest().documents() / backupSeconds,
          mb / backupSeconds,
          backupPeak >> 20);

      heap = new HeapPeak();
      t = System.nanoTime();
      // Into an empty database (another scratch project), as after losing the database.
      RestoreReport report;
      GcpProject empty =
          new GcpProject(scratch.projectId() + "-r", scratch.firestoreEmulatorHost(), null);
      try (Firestore target =
          FirestoreProvider.create(empty, Duration.ofSeconds(60), Duration.ofSeconds(300))) {
        report =
            new FirestoreRestore(
                    target,
                    new LocalBackupBucket(dir),
                    new MaintenanceMode(target, Clock.systemUTC(), Duration.ZERO),
                    Clock.systemUTC(),
                    List.of(),
                    backupSettings.pageSize())
                .restore(backup.backupId());
      }
      double restoreSeconds = seconds(t);
      long restorePeak = heap.stop();
      System.out.printf(
          "restore (%s): %.1f s: %.0f docs/s, %.2f MB/s; peak heap %d MB; steps %s%n",
          report.status(),
          restoreSeconds,
          backup.manifest().documents() / restoreSeconds,
          mb / restoreSeconds,
          restorePeak >> 20,
          report.steps());
      System.out.printf("max heap (-Xmx) %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** The integer after {@code name} in {@code args}, or {@code fallback}. */
  private static int option(List<String> args, String name, int fallback) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : fallback;
  }

  private static double seconds(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  /** The highest heap use seen from construction to {@link #stop()}. */
  private static final class HeapPeak {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread sampler;

    HeapPeak() {
      System.gc();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      sampler =
          new Thread(
              () -> {
                while (running) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-peak");
      sampler.setDaemon(true);
      sampler.start();
    }

    long stop() throws InterruptedException {
      running = false;
      sampler.join();
      return peak.get();
    }
  }
}
