package com.utalk.backup;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.maintenance.JobLease;
import com.utalk.storage.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The daily Firestore backup: every collection of {@link BackupScope} read at one read time,
 * streamed as gzip JSON lines to the bucket (excluded fields removed first), the manifest written,
 * every file read back and checked, {@code backups/{id}} marked {@code ok}, then backups older than
 * the retention deleted. Any failure marks the backup {@code failed} with the reason. A lease makes
 * a second run started meanwhile return {@code skipped}.
 */
public final class FirestoreBackup {
  public static final String KIND = "firestore";
  static final String LEASE = "firestore-backup";

  /** Extended after every collection; a crashed run frees the next one after this long. */
  private static final Duration LEASE_TTL = Duration.ofMinutes(15);

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Log LOG = Log.get(FirestoreBackup.class);

  private final Firestore firestore;
  private final BackupBucket bucket;
  private final Clock clock;
  private final BackupSettings settings;
  private final List<BackupCollection> scope;
  private final BackupCatalog catalog;
  private final JobLease leases;

  public FirestoreBackup(
      Firestore firestore, BackupBucket bucket, Clock clock, BackupSettings settings) {
    this(firestore, bucket, clock, settings, BackupScope.COLLECTIONS);
  }

  FirestoreBackup(
      Firestore firestore,
      BackupBucket bucket,
      Clock clock,
      BackupSettings settings,
      List<BackupCollection> scope) {
    this.firestore = firestore;
    this.bucket = bucket;
    this.clock = clock;
    this.settings = settings;
    this.scope = scope;
    this.catalog = new BackupCatalog(firestore);
    this.leases = new JobLease(firestore, clock);
  }

  public BackupOutcome run(String trigger) {
    Optional<JobLease.Held> lease = leases.acquire(LEASE, LEASE_TTL);
    if (lease.isEmpty()) {
      LOG.info("backup skipped: another backup is running");
      return new BackupOutcome(
          null, BackupOutcome.SKIPPED, "another backup is running", null, Map.of(), 0);
    }
    try (JobLease.Held held = lease.get()) {
      return runHolding(held, trigger);
    }
  }

  private BackupOutcome runHolding(JobLease.Held lease, String trigger) {
    Instant started = clock.instant();
    // Firestore keeps microseconds: a finer read time would not name the snapshot exactly.
    Instant snapshot = started.truncatedTo(ChronoUnit.MICROS);
    String id = ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 6);
    catalog.started(id, KIND, started, snapshot, settings.codeVersion(), trigger);
    Map<String, Long> durations = new LinkedHashMap<>();
    try {
      long t = System.nanoTime();
      BackupManifest manifest = export(id, snapshot, lease);
      durations.put("exportMs", millisSince(t));
      t = System.nanoTime();
      new BackupReader(bucket).verify(manifest);
      durations.put("verifyMs", millisSince(t));
      durations.put("totalMs", Duration.between(started, clock.instant()).toMillis());
      catalog.succeeded(id, clock.instant(), summary(manifest, durations));
      LOG.info(
          "backup ok",
          "backupId",
          id,
          "documents",
          manifest.documents(),
          "bytes",
          manifest.bytes(),
          "durationsMs",
          durations);
      int deleted = deleteExpired();
      return new BackupOutcome(id, BackupCatalog.OK, null, manifest, durations, deleted);
    } catch (IOException | RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.error("backup failed", e, "backupId", id);
      catalog.failed(id, clock.instant(), reason);
      return new BackupOutcome(id, BackupCatalog.FAILED, reason, null, durations, 0);
    }
  }

  private BackupManifest export(String id, Instant snapshot, JobLease.Held lease)
      throws IOException {
    Timestamp readTime = Timestamps.of(snapshot);
    FirestoreExporter exporter = new FirestoreExporter(firestore, settings.pageSize());
    List<BackupFile> files = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (BackupCollection collection : scope) {
      ExportFileWriter writer =
          new ExportFileWriter(
              collection, bucket.create(BackupReader.prefix(id) + collection.fileName()));
      try (writer) {
        exporter.export(collection, readTime, writer);
      }
      files.add(writer.describe());
      collection.excludedFields().forEach(field -> excluded.add(collection.name() + "." + field));
      if (!lease.extend(LEASE_TTL)) {
        throw new IllegalStateException(
            "the backup lease was lost (the run took longer than its lease)");
      }
    }
    BackupManifest manifest =
        new BackupManifest(id, snapshot, settings.codeVersion(), clock.instant(), files, excluded);
    try (OutputStream out = bucket.create(BackupReader.prefix(id) + BackupManifest.FILE)) {
      out.write(Json.writeBytes(manifest));
    }
    return manifest;
  }

  private static Map<String, Object> summary(BackupManifest manifest, Map<String, Long> durations) {
    Map<String, Object> counts = new LinkedHashMap<>();
    Map<String, Object> bytes = new LinkedHashMap<>();
    for (BackupFile file : manifest.files()) {
      counts.put(file.collection(), file.documents());
      bytes.put(file.collection(), file.bytes());
    }
    return Map.of(
        "documents",
        manifest.documents(),
        "bytes",
        manifest.bytes(),
        "counts",
        counts,
        "fileBytes",
        bytes,
        "durationsMs",
        new LinkedHashMap<String, Object>(durations));
  }

  /**
   * Deletes the files and records of backups older than the retention; the bucket's lifecycle rule
   * is the backstop.
   */
  int deleteExpired() {
    int deleted = 0;
    Instant cutoff = clock.instant().minus(settings.retention());
    List<String> expired;
    do {
      expired = catalog.olderThan(KIND, cutoff, 50);
      for (String old : expired) {
        try {
          for (String name : bucket.list(BackupReader.prefix(old))) {
            bucket.delete(name);
          }
          catalog.delete(old);
          deleted++;
        } catch (IOException | RuntimeException e) {
          LOG.warn(
              "could not delete an expired backup; the next run retries",
              "backupId",
              old,
              "cause",
              e.getMessage());
          return deleted;
        }
      }
    } while (!expired.isEmpty());
    if (deleted > 0) {
      LOG.info(
          "expired backups deleted",
          "count",
          deleted,
          "retentionDays",
          settings.retention().toDays());
    }
    return deleted;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
