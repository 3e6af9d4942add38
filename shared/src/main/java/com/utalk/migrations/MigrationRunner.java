package com.utalk.migrations;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.logging.Log;
import com.utalk.maintenance.JobLease;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies pending migrations in version order, one runner at a time (a lease), recording each in
 * {@code migrations/{version}}. Before the first pending one it takes a backup; each runs {@code
 * up} (in batches), then its validation; on an exception or a failed validation it rolls back
 * ({@code down}, or a restore of that backup) and stops. A migration that failed stops every later
 * run until its code changes; an applied migration whose code changed is an error. One that was
 * {@code running} when its runner died is run again (migrations are idempotent).
 */
public final class MigrationRunner {
  public static final String COLLECTION = "migrations";
  static final String LEASE = "migrations";
  private static final Duration LEASE_TTL = Duration.ofMinutes(30);
  private static final Log LOG = Log.get(MigrationRunner.class);

  /** Takes the pre-migration backup; returns its id, or throws. */
  @FunctionalInterface
  public interface Backup {
    String take() throws Exception;
  }

  /** Restores a backup; returns null when it worked, else the reason. */
  @FunctionalInterface
  public interface Restore {
    String restore(String backupId) throws Exception;
  }

  private final Firestore firestore;
  private final Clock clock;
  private final List<Migration> migrations;
  private final Backup backup;
  private final Restore restore;

  public MigrationRunner(
      Firestore firestore,
      Clock clock,
      List<Migration> migrations,
      Backup backup,
      Restore restore) {
    this.firestore = firestore;
    this.clock = clock;
    this.migrations =
        migrations.stream()
            .sorted(Comparator.comparing(m -> MigrationVersion.of(m.getClass())))
            .toList();
    this.backup = backup;
    this.restore = restore;
  }

  public MigrationReport run(boolean dryRun) throws Exception {
    if (dryRun) {
      // No lock, no backup, no history: a dry run only reads.
      Plan plan = plan();
      return plan.blocked != null ? blocked(plan.blocked) : dryRun(plan.pending);
    }
    Optional<JobLease.Held> lease = new JobLease(firestore, clock).acquire(LEASE, LEASE_TTL);
    if (lease.isEmpty()) {
      return new MigrationReport(
          "locked", "another migration runner holds the lock", null, List.of());
    }
    try (JobLease.Held held = lease.get()) {
      Plan plan = plan();
      if (plan.blocked != null) {
        return blocked(plan.blocked);
      }
      if (plan.pending.isEmpty()) {
        return new MigrationReport("up_to_date", null, null, List.of());
      }
      String backupId = backup.take();
      List<MigrationReport.Entry> entries = new ArrayList<>();
      for (Migration migration : plan.pending) {
        MigrationReport.Entry entry = apply(migration, backupId);
        entries.add(entry);
        if (!"applied".equals(entry.outcome())) {
          return new MigrationReport("rolled_back", entry.error(), backupId, entries);
        }
        if (!held.extend(LEASE_TTL)) {
          // another runner may have taken over after the lease ran out: never apply beside it
          return new MigrationReport(
              "failed",
              "the migration lease was lost after "
                  + MigrationVersion.of(migration.getClass())
                  + " (the run outlived its lease); run migrate again",
              backupId,
              entries);
        }
      }
      return new MigrationReport("applied", null, backupId, entries);
    }
  }

  private record Plan(List<Migration> pending, String blocked) {}

  private Plan plan() {
    Map<String, DocumentSnapshot> history = new HashMap<>();
    for (DocumentSnapshot doc :
        FirestoreCalls.await(firestore.collection(COLLECTION).get(), Duration.ofSeconds(30))
            .getDocuments()) {
      history.put(doc.getId(), doc);
    }
    List<Migration> pending = new ArrayList<>();
    for (Migration migration : migrations) {
      String version = MigrationVersion.of(migration.getClass()).toString();
      String checksum = MigrationChecksum.of(migration.getClass());
      DocumentSnapshot record = history.get(version);
      String status = record == null ? null : record.getString("status");
      boolean sameCode = record != null && checksum.equals(record.getString("checksum"));
      if ("applied".equals(status)) {
        if (!sameCode) {
          return new Plan(
              List.of(),
              "migration "
                  + version
                  + " was applied but its code changed since (checksum "
                  + record.getString("checksum")
                  + " → "
                  + checksum
                  + "); add a new migration instead");
        }
        continue;
      }
      if (("failed".equals(status) || "rolled_back".equals(status)) && sameCode) {
        return new Plan(
            List.of(),
            "migration "
                + version
                + " failed ("
                + record.getString("error")
                + "); fix it before running again");
      }
      // Not run yet, running when its runner died, or failed and changed since.
      pending.add(migration);
    }
    return new Plan(pending, null);
  }

  private MigrationReport.Entry apply(Migration migration, String backupId) throws Exception {
    String version = MigrationVersion.of(migration.getClass()).toString();
    var ref = firestore.collection(COLLECTION).document(version);
    Instant started = clock.instant();
    Map<String, Object> record = new HashMap<>();
    record.put("version", version);
    record.put("description", migration.description());
    record.put("checksum", MigrationChecksum.of(migration.getClass()));
    record.put("status", "running");
    record.put("startedAt", Timestamps.of(started));
    record.put("backupId", backupId);
    FirestoreCalls.await(ref.set(record));
    LOG.info("migration started", "version", version, "description", migration.description());

    LiveWrites writes = new LiveWrites(firestore);
    MigrationContext context = new MigrationContext(firestore, writes);
    String error = null;
    try {
      migration.up(context);
      writes.flush();
      List<String> violations = migration.validate(context);
      if (!violations.isEmpty()) {
        error =
            "validation failed: " + violations.size() + " violations, e.g. " + violations.get(0);
      }
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    long touched = writes.count();
    Map<String, Object> finish = new HashMap<>();
    finish.put("finishedAt", Timestamps.of(clock.instant()));
    finish.put("durationMs", Duration.between(started, clock.instant()).toMillis());
    finish.put("documentsTouched", touched);
    if (error == null) {
      finish.put("status", "applied");
      FirestoreCalls.await(ref.update(finish));
      LOG.info("migration applied", "version", version, "documentsTouched", touched);
      return new MigrationReport.Entry(
          version,
          migration.description(),
          "applied",
          touched,
          (long) finish.get("durationMs"),
          List.of(),
          null);
    }
    LOG.warn("migration failed; rolling back", "version", version, "error", error);
    String rollback = rollBack(migration, backupId);
    finish.put("status", rollback == null ? "rolled_back" : "failed");
    finish.put("error", rollback == null ? error : error + "; rollback failed: " + rollback);
    FirestoreCalls.await(ref.update(finish));
    return new MigrationReport.Entry(
        version,
        migration.description(),
        (String) finish.get("status"),
        touched,
        (long) finish.get("durationMs"),
        List.of(),
        (String) finish.get("error"));
  }

  /** Null when the data is back as before the migration; else why not. */
  private String rollBack(Migration migration, String backupId) {
    try {
      LiveWrites writes = new LiveWrites(firestore);
      if (migration.down(new MigrationContext(firestore, writes))) {
        writes.flush();
        return null;
      }
      return restore.restore(backupId);
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private MigrationReport dryRun(List<Migration> pending) throws Exception {
    List<MigrationReport.Entry> entries = new ArrayList<>();
    for (Migration migration : pending) {
      DryRunWrites writes = new DryRunWrites();
      long started = System.nanoTime();
      migration.up(new MigrationContext(firestore, writes));
      entries.add(
          new MigrationReport.Entry(
              MigrationVersion.of(migration.getClass()).toString(),
              migration.description(),
              "would_apply",
              writes.count(),
              (System.nanoTime() - started) / 1_000_000,
              writes.examples(),
              null));
    }
    return new MigrationReport(pending.isEmpty() ? "up_to_date" : "dry_run", null, null, entries);
  }

  private static MigrationReport blocked(String reason) {
    LOG.warn("migrations blocked", "reason", reason);
    return new MigrationReport("blocked", reason, null, List.of());
  }
}
