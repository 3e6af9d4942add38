package com.utalk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.logging.Log;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Restores a backup, in the operations document's order: verify the backup's integrity (a bad file
 * stops everything before any write), maintenance on, clear the backed-up collections, write every
 * document back in batches, check consistency (per collection the count and content hash equal the
 * manifest's; every message's conversation exists), maintenance off, health checks. A consistency
 * failure leaves maintenance on: the data is not what it should be.
 */
public final class FirestoreRestore {
  private static final Log LOG = Log.get(FirestoreRestore.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(120);
  private final Firestore firestore;
  private final int pageSize;
  private final BackupBucket bucket;
  private final MaintenanceMode maintenance;
  private final Clock clock;
  private final List<HealthCheck> healthChecks;

  public FirestoreRestore(
      Firestore firestore,
      BackupBucket bucket,
      MaintenanceMode maintenance,
      Clock clock,
      List<HealthCheck> healthChecks) {
    this(firestore, bucket, maintenance, clock, healthChecks, DocumentPages.PAGE);
  }

  /**
   * {@code pageSize}: documents per read of the wipe and the consistency check, the backup's {@code
   * BACKUP_PAGE_SIZE} (the emulator scans the whole collection for every page, so on it the page
   * count, not the document count, sets the time; see docs/backups.md).
   */
  public FirestoreRestore(
      Firestore firestore,
      BackupBucket bucket,
      MaintenanceMode maintenance,
      Clock clock,
      List<HealthCheck> healthChecks,
      int pageSize) {
    this.firestore = firestore;
    this.pageSize = pageSize;
    this.bucket = bucket;
    this.maintenance = maintenance;
    this.clock = clock;
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(HealthCheck.of("firestore", this::probeFirestore));
    checks.add(
        HealthCheck.of(
            "maintenance-off",
            () -> {
              if (maintenance.current().active()) {
                throw new IllegalStateException("the maintenance flag is still on");
              }
            }));
    checks.addAll(healthChecks);
    this.healthChecks = List.copyOf(checks);
  }

  /**
   * Makes the backed-up collections equal to the backup: their current documents are deleted first
   * (nothing to delete in an empty database), so the result is the same whether the target is the
   * damaged database or a new one, and running it twice gives the same data.
   */
  public RestoreReport restore(String backupId) {
    List<RestoreReport.Step> steps = new ArrayList<>();
    BackupReader reader = new BackupReader(bucket);
    BackupManifest manifest;
    long t = System.nanoTime();
    try {
      manifest = reader.manifest(backupId);
      reader.verify(manifest);
    } catch (BackupIntegrityException e) {
      steps.add(new RestoreReport.Step("verify", millisSince(t), e.getMessage()));
      LOG.warn(
          "restore refused: the backup is not intact",
          "backupId",
          backupId,
          "reason",
          e.getMessage());
      return report(
          backupId, null, RestoreReport.INTEGRITY_FAILED, e.getMessage(), steps, Map.of(), 0);
    }
    steps.add(
        new RestoreReport.Step(
            "verify", millisSince(t), manifest.files().size() + " files intact"));
    Map<String, Long> counts = new LinkedHashMap<>();
    manifest.files().forEach(file -> counts.put(file.collection(), file.documents()));
    long[] users = {manifest.file(Collections.USERS).map(BackupFile::documents).orElse(0L)};

    t = System.nanoTime();
    maintenance.enter("restore of backup " + backupId, RETRY_AFTER);
    steps.add(
        new RestoreReport.Step(
            "maintenance-on", millisSince(t), "webhooks and API answer 503 with Retry-After"));
    try {
      t = System.nanoTime();
      Map<String, Map<String, Object>> kept = new HashMap<>();
      long deleted = wipe(manifest, kept);
      steps.add(new RestoreReport.Step("wipe", millisSince(t), deleted + " documents deleted"));
      t = System.nanoTime();
      long written = write(reader, manifest, kept, users);
      steps.add(new RestoreReport.Step("restore", millisSince(t), written + " documents written"));

      t = System.nanoTime();
      Optional<String> inconsistency = checkConsistency(manifest);
      steps.add(
          new RestoreReport.Step(
              "consistency",
              millisSince(t),
              inconsistency.orElse("counts, hashes and message → conversation links match")));
      if (inconsistency.isPresent()) {
        LOG.error(
            "restore inconsistent; maintenance stays on",
            null,
            "backupId",
            backupId,
            "reason",
            inconsistency.get());
        return report(
            backupId,
            manifest,
            RestoreReport.CONSISTENCY_FAILED,
            inconsistency.get(),
            steps,
            counts,
            users[0]);
      }
    } catch (IOException | RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.error("restore failed; maintenance stays on", e, "backupId", backupId);
      steps.add(new RestoreReport.Step("restore", millisSince(t), reason));
      return report(
          backupId, manifest, RestoreReport.CONSISTENCY_FAILED, reason, steps, counts, users[0]);
    }
    t = System.nanoTime();
    maintenance.leave();
    steps.add(new RestoreReport.Step("maintenance-off", millisSince(t), "traffic accepted again"));

    t = System.nanoTime();
    List<String> unhealthy = new ArrayList<>();
    for (HealthCheck check : healthChecks) {
      try {
        check.check();
      } catch (Exception e) {
        unhealthy.add(check.name() + ": " + e.getMessage());
      }
    }
    steps.add(
        new RestoreReport.Step(
            "health",
            millisSince(t),
            unhealthy.isEmpty()
                ? healthChecks.size() + " checks passed"
                : String.join("; ", unhealthy)));
    String status = unhealthy.isEmpty() ? RestoreReport.OK : RestoreReport.HEALTH_FAILED;
    LOG.info(
        "restore finished",
        "backupId",
        backupId,
        "status",
        status,
        "documents",
        manifest.documents());
    return report(
        backupId,
        manifest,
        status,
        unhealthy.isEmpty() ? null : String.join("; ", unhealthy),
        steps,
        counts,
        users[0]);
  }

  private RestoreReport report(
      String id,
      BackupManifest manifest,
      String status,
      String reason,
      List<RestoreReport.Step> steps,
      Map<String, Long> counts,
      long users) {
    String loss =
        manifest == null
            ? null
            : "everything written after the snapshot ("
                + manifest.snapshotTime()
                + ") is not in this backup";
    return new RestoreReport(
        id,
        manifest == null ? null : manifest.snapshotTime(),
        status,
        reason,
        List.copyOf(steps),
        counts,
        users,
        RestoreReport.PASSWORD_RESET,
        loss);
  }

  /**
   * Deletes the backed-up collections' documents; the excluded fields they still hold (password
   * hashes, refresh tokens) are kept aside in {@code kept} and put back on the same documents, so a
   * restore over a live database (a migration's rollback) does not log everybody out.
   */
  private long wipe(BackupManifest manifest, Map<String, Map<String, Object>> kept) {
    try (BatchedWriter writer = new BatchedWriter(firestore)) {
      for (BackupCollection collection : collectionsOf(manifest)) {
        Query query =
            (collection.subcollection()
                    ? firestore.collectionGroup(collection.name())
                    : firestore.collection(collection.name()))
                .select(collection.excludedFields().toArray(String[]::new));
        DocumentPages.forEach(
            query,
            pageSize,
            DocumentPages::read,
            page -> {
              for (QueryDocumentSnapshot doc : page) {
                if (collection.holds(doc.getReference().getPath())) {
                  Map<String, Object> excluded =
                      FieldExclusions.pick(doc, collection.excludedFields());
                  if (!excluded.isEmpty()) {
                    kept.put(doc.getReference().getPath(), excluded);
                  }
                  writer.delete(doc.getReference());
                }
              }
            });
      }
      writer.flush();
      return writer.total();
    }
  }

  /**
   * {@code usersWithoutPassword} ends as the number of restored users that got no password hash
   * back.
   */
  private long write(
      BackupReader reader,
      BackupManifest manifest,
      Map<String, Map<String, Object>> kept,
      long[] usersWithoutPassword)
      throws IOException {
    usersWithoutPassword[0] = 0;
    try (BatchedWriter writer = new BatchedWriter(firestore)) {
      for (BackupFile file : manifest.files()) {
        boolean users = file.collection().equals(Collections.USERS);
        reader.documents(
            manifest.backupId(),
            file,
            (line, node) -> {
              String path = node.get(JsonLines.PATH).textValue();
              Map<String, Object> fields =
                  FirestoreValueCodec.decodeFields(node.get(JsonLines.FIELDS), firestore);
              Map<String, Object> excluded = kept.getOrDefault(path, Map.of());
              FieldExclusions.putBack(fields, excluded);
              if (users && !excluded.containsKey(com.utalk.auth.users.UserDocument.PASSWORD_HASH)) {
                usersWithoutPassword[0]++;
              }
              writer.set(firestore.document(path), fields, line.length);
            });
      }
      writer.flush();
      return writer.total();
    }
  }

  private Optional<String> checkConsistency(BackupManifest manifest) throws IOException {
    FirestoreExporter exporter = new FirestoreExporter(firestore, pageSize);
    for (BackupCollection collection : collectionsOf(manifest)) {
      BackupFile expected = manifest.file(collection.label()).orElseThrow();
      ContentHash actual = new ContentHash();
      MessageLinks links =
          Collections.MESSAGES.equals(collection.name()) && !collection.subcollection()
              ? new MessageLinks()
              : null;
      exporter.export(
          collection,
          null,
          (path, fields) -> {
            actual.accept(path, fields);
            if (links != null) {
              links.add(fields);
            }
          });
      if (actual.documents() != expected.documents()) {
        return Optional.of(
            collection.label()
                + ": "
                + actual.documents()
                + " documents, the backup has "
                + expected.documents());
      }
      if (!actual.hex().equals(expected.contentSha256())) {
        return Optional.of(
            collection.label() + ": the restored documents differ from the backup's");
      }
      if (links != null) {
        links.flush();
        if (!links.missing.isEmpty()) {
          return Optional.of(
              links.missing.size()
                  + " messages point at a conversation that does not exist, e.g. "
                  + links.missing.iterator().next());
        }
      }
    }
    return Optional.empty();
  }

  /** Checks, a page of ids at a time, that every message's conversation exists. */
  private final class MessageLinks {
    private final Set<String> pending = new LinkedHashSet<>();
    private final Set<String> missing = new LinkedHashSet<>();

    void add(ObjectNode fields) {
      JsonNode conversation = fields.get("conversationId");
      if (conversation != null && conversation.isTextual()) {
        pending.add(conversation.textValue());
      } else {
        missing.add("(a message without conversationId)");
      }
      if (pending.size() >= DocumentPages.PAGE) { // one getAll of this many ids
        flush();
      }
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      DocumentReference[] refs =
          pending.stream()
              .map(id -> firestore.collection(Collections.CONVERSATIONS).document(id))
              .toArray(DocumentReference[]::new);
      for (DocumentSnapshot doc :
          FirestoreCalls.await(firestore.getAll(refs), Duration.ofSeconds(60))) {
        if (!doc.exists()) {
          missing.add(doc.getId());
        }
      }
      pending.clear();
    }
  }

  private static List<BackupCollection> collectionsOf(BackupManifest manifest) {
    return manifest.files().stream().map(file -> BackupScope.forLabel(file.collection())).toList();
  }

  private void probeFirestore() {
    DocumentReference probe = firestore.collection("_health").document("restore");
    FirestoreCalls.await(probe.set(Map.of("at", com.utalk.storage.Timestamps.of(clock.instant()))));
    FirestoreCalls.await(probe.get());
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
