package com.utalk.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.Firestore;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot, the integrity checks before restore, the lease, retention, and a failed step. */
class BackupSafetyTest {
  private TestEnvironment env;
  private TestEnvironment empty;
  @TempDir Path dir;
  private Firestore db;

  @BeforeEach
  void start() throws Exception {
    env = TestEnvironment.create();
    empty = TestEnvironment.create();
    db = Datasets.jobClient(env);
    Datasets.load(db, 10, 3);
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
    env.close();
    empty.close();
  }

  private BackupSettings settings() {
    return new BackupSettings("local", "unused", dir, Duration.ofDays(30), 4, "test");
  }

  private FirestoreBackup backup(Clock clock, BackupBucket bucket) {
    return new FirestoreBackup(db, bucket, clock, settings());
  }

  private RestoreReport restoreIntoEmpty(String id) {
    return new FirestoreRestore(
            empty.firestore(),
            new LocalBackupBucket(dir),
            new MaintenanceMode(empty.firestore(), Clock.systemUTC(), Duration.ZERO),
            Clock.systemUTC(),
            List.of())
        .restore(id);
  }

  @Test
  void aRestoreIntoANewDatabaseServesTheBackupAndLeavesTheDamagedOneForThePostMortem()
      throws Exception {
    BackupOutcome taken = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
    assertTrue(taken.ok(), taken.reason());
    String lost = db.collection("conversations").limit(1).get().get().getDocuments().get(0).getId();
    db.document("conversations/" + lost).delete().get(); // the damage

    // what a deployment switched with FIRESTORE_DATABASE (Terraform's firestore_database) reads
    GcpProject switched =
        GcpProject.from(env.settings(Map.of("FIRESTORE_DATABASE", "restore-20261204")));
    assertEquals("restore-20261204", switched.firestoreDatabase());
    try (Firestore restored =
        FirestoreProvider.create(switched, Duration.ofSeconds(60), Duration.ofSeconds(120))) {
      RestoreReport report =
          new FirestoreRestore(
                  restored,
                  new LocalBackupBucket(dir),
                  new MaintenanceMode(restored, Clock.systemUTC(), Duration.ZERO),
                  Clock.systemUTC(),
                  List.of())
              .restore(taken.backupId());
      assertTrue(report.ok(), report.toString());
      assertTrue(
          restored.document("conversations/" + lost).get().get().exists(),
          "the new database has what the backup had");
      assertEquals(
          db.collection("messages").count().get().get().getCount(),
          restored.collection("messages").count().get().get().getCount());
    }
    assertFalse(
        db.document("conversations/" + lost).get().get().exists(),
        "the damaged database is left as it was");
  }

  @Test
  void everyCollectionIsReadAtTheSnapshotTime() throws Exception {
    Instant snapshot = Instant.now();
    Thread.sleep(50);
    // Written after the snapshot (while a long export runs): neither may be in the backup.
    env.firestore().document("conversations/late").set(Map.of("workspaceId", "ws1")).get();
    env.firestore().document("messages/late_1").set(Map.of("conversationId", "late")).get();
    BackupOutcome outcome =
        backup(Clock.fixed(snapshot, ZoneOffset.UTC), new LocalBackupBucket(dir)).run("test");
    assertTrue(outcome.ok(), outcome.reason());
    assertEquals(10, outcome.manifest().file("conversations").orElseThrow().documents());
    assertEquals(30, outcome.manifest().file("messages").orElseThrow().documents());
    assertEquals(
        snapshot.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
        outcome.manifest().snapshotTime());
  }

  @Test
  void restoringOverTheDamagedDatabaseGivesTheBackupBack() throws Exception {
    db.document("elsewhere/x/events/2").set(Map.of("seq", 2L)).get();
    String id = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    db.document("conversations/c00001").update("status", "damaged").get();
    db.document("messages/c00002_1").delete().get();
    db.document("messages/after_snapshot").set(Map.of("conversationId", "c00001")).get();
    RestoreReport report =
        new FirestoreRestore(
                db,
                new LocalBackupBucket(dir),
                new MaintenanceMode(db, Clock.systemUTC(), Duration.ZERO),
                Clock.systemUTC(),
                List.of())
            .restore(id);
    assertTrue(report.ok(), report.reason());
    assertEquals("open", db.document("conversations/c00001").get().get().getString("status"));
    assertTrue(db.document("messages/c00002_1").get().get().exists());
    assertFalse(
        db.document("messages/after_snapshot").get().get().exists(),
        "a write after the snapshot is lost, by definition");
    assertTrue(
        db.document("elsewhere/x/events/2").get().get().exists(),
        "outside the backup's scope: untouched");
    assertFalse(new MaintenanceMode(db, Clock.systemUTC(), Duration.ZERO).current().active());
  }

  @Test
  void aCorruptedFileStopsTheRestoreBeforeAnyWrite() throws Exception {
    String id = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    Path file = dir.resolve("firestore/" + id + "/messages.jsonl.gz");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);
    assertRefusedWithNothingWritten(id, "messages.jsonl.gz");
  }

  @Test
  void aTruncatedFileStopsTheRestoreBeforeAnyWrite() throws Exception {
    String id = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    Path file = dir.resolve("firestore/" + id + "/conversations.jsonl.gz");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertRefusedWithNothingWritten(id, "conversations.jsonl.gz");
  }

  @Test
  void aHashMismatchStopsTheRestoreBeforeAnyWrite() throws Exception {
    BackupOutcome outcome = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
    Path manifest = dir.resolve("firestore/" + outcome.backupId() + "/manifest.json");
    String sha = outcome.manifest().file("users").orElseThrow().sha256();
    Files.writeString(manifest, Files.readString(manifest).replace(sha, "0".repeat(64)));
    assertRefusedWithNothingWritten(
        outcome.backupId(), "users.jsonl.gz does not match its SHA-256");
  }

  @Test
  void aMissingFileStopsTheRestoreBeforeAnyWrite() throws Exception {
    String id = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    Files.delete(dir.resolve("firestore/" + id + "/messages.jsonl.gz"));
    assertRefusedWithNothingWritten(id, "messages.jsonl.gz is missing from backup " + id);
  }

  @Test
  void aManifestThatDisagreesWithItsFilesStopsTheRestore() throws Exception {
    BackupOutcome outcome = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
    Path manifest = dir.resolve("firestore/" + outcome.backupId() + "/manifest.json");
    String original = Files.readString(manifest);
    BackupFile messages = outcome.manifest().file("messages").orElseThrow();

    Files.writeString(
        manifest,
        original.replace(
            "\"documents\":" + messages.documents() + ",",
            "\"documents\":" + (messages.documents() + 1) + ","));
    assertRefusedWithNothingWritten(
        outcome.backupId(), "messages.jsonl.gz holds 30 documents, the manifest says 31");

    Files.writeString(manifest, original.replace(messages.contentSha256(), "f".repeat(64)));
    assertRefusedWithNothingWritten(
        outcome.backupId(), "messages.jsonl.gz content does not match its hash");

    Files.writeString(manifest, "{\"backupId\": ");
    assertRefusedWithNothingWritten(outcome.backupId(), "cannot be read");
  }

  @Test
  void aFileOfSomethingElseThanDocumentsStopsTheRestore() throws Exception {
    BackupOutcome outcome = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
    Path file = dir.resolve("firestore/" + outcome.backupId() + "/users.jsonl.gz");
    java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
      out.write("{\"not\": \"a document\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.write(file, gzipped.toByteArray());
    // the manifest made to match the new bytes: only the content gives it away
    BackupFile users = outcome.manifest().file("users").orElseThrow();
    Path manifest = dir.resolve("firestore/" + outcome.backupId() + "/manifest.json");
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace(users.sha256(), Sha256.hex(sha256(gzipped.toByteArray())))
            .replace("\"bytes\":" + users.bytes() + ",", "\"bytes\":" + gzipped.size() + ","));
    assertRefusedWithNothingWritten(
        outcome.backupId(),
        "users.jsonl.gz is truncated or corrupted: a line is not a backed-up document");
  }

  private static java.security.MessageDigest sha256(byte[] bytes) {
    java.security.MessageDigest digest = Sha256.digest();
    digest.update(bytes);
    return digest;
  }

  @Test
  void somethingThatIsNotABackupIdIsRefused() throws Exception {
    assertRefusedWithNothingWritten("../../etc", "not a backup id");
    assertFalse(new BackupReader(new LocalBackupBucket(dir)).exists("../../etc"));
  }

  @Test
  void aMissingBackupIsRefused() throws Exception {
    assertRefusedWithNothingWritten("20260101T000000Z-abcdef", "has no manifest");
  }

  private void assertRefusedWithNothingWritten(String id, String reason) throws Exception {
    RestoreReport report = restoreIntoEmpty(id);
    assertEquals(RestoreReport.INTEGRITY_FAILED, report.status());
    assertTrue(report.reason().contains(reason), report.reason());
    for (String collection : List.of("users", "conversations", "messages", "system")) {
      assertTrue(
          empty.firestore().collection(collection).limit(1).get().get().isEmpty(),
          collection + " was written");
    }
  }

  @Test
  void twoBackupsStartedAtOnceDoNotBothRun() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<BackupOutcome>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(
          pool.submit(
              () -> {
                go.await();
                return backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
              }));
    }
    go.countDown();
    List<String> statuses = new ArrayList<>();
    for (Future<BackupOutcome> run : runs) {
      statuses.add(run.get().status());
    }
    pool.shutdown();
    assertEquals(List.of("ok", BackupOutcome.SKIPPED), statuses.stream().sorted().toList());
    // The lease is released: the next scheduled run works.
    assertTrue(backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").ok());
  }

  @Test
  void retentionDeletesOnlyBackupsOlderThanThirtyDays() throws Exception {
    Instant now = Instant.now();
    String old = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    String recent = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test").backupId();
    age(old, now.minus(Duration.ofDays(31)));
    age(recent, now.minus(Duration.ofDays(29)));
    BackupOutcome today = backup(Clock.systemUTC(), new LocalBackupBucket(dir)).run("test");
    assertTrue(today.ok(), today.status() + " " + today.reason());
    assertEquals(1, today.expiredDeleted());
    BackupCatalog catalog = new BackupCatalog(env.firestore());
    assertFalse(catalog.find(old).isPresent());
    assertTrue(catalog.find(recent).isPresent());
    assertFalse(Files.exists(dir.resolve("firestore/" + old)));
    assertTrue(Files.exists(dir.resolve("firestore/" + recent + "/manifest.json")));
    assertTrue(restoreIntoEmpty(recent).ok());
  }

  /**
   * Makes a real backup's record say it was made at {@code createdAt} (Firestore refuses reads that
   * far back).
   */
  private void age(String id, Instant createdAt) throws Exception {
    env.firestore()
        .collection(BackupCatalog.COLLECTION)
        .document(id)
        .update("createdAt", com.utalk.storage.Timestamps.of(createdAt))
        .get();
  }

  @Test
  void aFailedUploadLeavesTheBackupFailedWithTheReason() throws Exception {
    BackupBucket local = new LocalBackupBucket(dir);
    BackupBucket failing =
        new BackupBucket() {
          @Override
          public OutputStream create(String name) throws IOException {
            if (name.endsWith("messages.jsonl.gz")) {
              throw new IOException("bucket quota exceeded");
            }
            return local.create(name);
          }

          @Override
          public InputStream open(String name) throws IOException {
            return local.open(name);
          }

          @Override
          public boolean exists(String name) throws IOException {
            return local.exists(name);
          }

          @Override
          public List<String> list(String prefix) throws IOException {
            return local.list(prefix);
          }

          @Override
          public void delete(String name) throws IOException {
            local.delete(name);
          }
        };
    BackupOutcome outcome = backup(Clock.systemUTC(), failing).run("test");
    assertEquals("failed", outcome.status());
    Map<String, Object> record =
        new BackupCatalog(env.firestore()).find(outcome.backupId()).orElseThrow();
    assertEquals("failed", record.get("status"));
    assertTrue(record.get("reason").toString().contains("bucket quota exceeded"));
    assertEquals(RestoreReport.INTEGRITY_FAILED, restoreIntoEmpty(outcome.backupId()).status());
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
