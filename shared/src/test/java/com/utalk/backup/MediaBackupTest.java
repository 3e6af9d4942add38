package com.utalk.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.Firestore;
import com.utalk.media.LocalMediaStore;
import com.utalk.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allowed types only, at most 100 MB, each content copied once, a second run copies nothing, and a
 * restore puts lost objects back.
 */
class MediaBackupTest {
  @TempDir Path mediaDir;
  @TempDir Path backups;

  @Test
  void copiesAllowedObjectsOnceAndSkipsExcludedTypesAndOversizeOnes() throws Exception {
    try (TestEnvironment env = TestEnvironment.create();
        Firestore db = Datasets.jobClient(env)) {
      LocalMediaStore store = store();
      String photo = put(db, store, "m1", "image/jpeg", "a photo");
      put(db, store, "m2", "image/jpeg", "a photo"); // the same content again: one copy
      put(db, store, "m3", "application/pdf", "an invoice");
      put(db, store, "m4", "application/octet-stream", "an executable?");
      Map<String, Object> huge = item("video/mp4", 150L * 1024 * 1024, "0".repeat(64), "ws/c/m5");
      db.document("media/m5").set(huge).get();
      db.document("media/m6").set(Map.of("status", "failed", "contentType", "image/png")).get();

      BackupBucket bucket = new LocalBackupBucket(backups);
      MediaBackup.Outcome first = new MediaBackup(db, store, bucket, Clock.systemUTC()).run("test");

      assertEquals("ok", first.status(), first.reason());
      assertEquals(2, first.copied());
      assertEquals(1, first.alreadyCopied());
      assertEquals(1, first.skippedType());
      assertEquals(1, first.skippedSize());
      assertEquals(0, first.failed());
      assertEquals(2, bucket.list("media/objects/").size());
      assertEquals("a photo", Files.readString(backups.resolve("media/objects/" + photo)));
      assertTrue(bucket.exists("media/" + first.backupId() + "/manifest.jsonl.gz"));
      assertEquals("ok", new BackupCatalog(db).find(first.backupId()).orElseThrow().get("status"));

      MediaBackup.Outcome second =
          new MediaBackup(db, store, bucket, Clock.systemUTC()).run("test");
      assertEquals(0, second.copied());
      assertEquals(3, second.alreadyCopied());
    }
  }

  @Test
  void lostObjectsComeBackFromTheBackupAndObjectsInPlaceAreLeftAlone() throws Exception {
    try (TestEnvironment env = TestEnvironment.create();
        Firestore db = Datasets.jobClient(env)) {
      LocalMediaStore store = store();
      put(db, store, "r1", "image/png", "a screenshot");
      put(db, store, "r2", "audio/ogg", "a voice note");
      put(db, store, "r3", "application/pdf", "a contract");
      BackupBucket bucket = new LocalBackupBucket(backups);
      MediaBackup.Outcome backup =
          new MediaBackup(db, store, bucket, Clock.systemUTC()).run("test");
      assertEquals("ok", backup.status(), backup.reason());

      Files.delete(mediaDir.resolve("ws/c/r1"));
      Files.delete(mediaDir.resolve("ws/c/r3"));
      MediaRestore.Outcome restored = new MediaRestore(store, bucket).restore(backup.backupId());
      assertTrue(restored.ok(), restored.toString());
      assertEquals(2, restored.restored());
      assertEquals(1, restored.alreadyPresent());
      assertEquals(
          "a screenshot", new String(store.open("ws/c/r1").readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(
          "a contract", new String(store.open("ws/c/r3").readAllBytes(), StandardCharsets.UTF_8));
      assertEquals("application/pdf", store.stat("ws/c/r3").orElseThrow().contentType());

      MediaRestore.Outcome again = new MediaRestore(store, bucket).restore(backup.backupId());
      assertEquals(0, again.restored(), "running it again changes nothing");
      assertEquals(3, again.alreadyPresent());

      Files.delete(mediaDir.resolve("ws/c/r2"));
      String copyName =
          bucket.list("media/objects/").stream()
              .filter(
                  name -> {
                    try (var in = bucket.open(name)) {
                      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                          .equals("a voice note");
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .findFirst()
              .orElseThrow();
      Files.writeString(backups.resolve(copyName), "tampered");
      MediaRestore.Outcome tampered = new MediaRestore(store, bucket).restore(backup.backupId());
      assertEquals(
          "failed", tampered.status(), "a copy that does not match its hash is not put back");
      assertEquals(1, tampered.failed());
      assertTrue(store.stat("ws/c/r2").isEmpty());
      assertEquals("failed", new MediaRestore(store, bucket).restore("media-no-such-run").status());
    }
  }

  @Test
  void runsOlderThanNinetyDaysGoWithTheCopiesOnlyTheyMentioned() throws Exception {
    try (TestEnvironment env = TestEnvironment.create();
        Firestore db = Datasets.jobClient(env)) {
      LocalMediaStore store = store();
      String kept = put(db, store, "k1", "image/png", "still in the chat");
      String gone = put(db, store, "g1", "image/png", "deleted since");
      BackupBucket bucket = new LocalBackupBucket(backups);
      java.time.Instant start = java.time.Instant.parse("2026-01-01T03:00:00Z");
      MediaBackup.Outcome old =
          new MediaBackup(db, store, bucket, Clock.fixed(start, java.time.ZoneOffset.UTC))
              .run("test");
      assertEquals("ok", old.status(), old.reason());
      db.document("media/g1").delete().get(); // the media record is gone: later runs skip it

      MediaBackup.Outcome recent =
          new MediaBackup(
                  db, store, bucket, Clock.fixed(start.plus(Duration.ofDays(89)), ZoneOffset.UTC))
              .run("test");
      assertEquals(1, recent.alreadyCopied());
      assertTrue(
          bucket.exists("media/objects/" + gone),
          "an 89-day-old run is kept, and the copies it mentions");

      MediaBackup.Outcome later =
          new MediaBackup(
                  db, store, bucket, Clock.fixed(start.plus(Duration.ofDays(91)), ZoneOffset.UTC))
              .run("test");
      assertEquals("ok", later.status(), later.reason());
      assertTrue(bucket.list("media/" + old.backupId() + "/").isEmpty(), "the old manifest");
      assertTrue(new BackupCatalog(db).find(old.backupId()).isEmpty(), "the old run's record");
      assertEquals(
          java.util.List.of("media/objects/" + kept),
          bucket.list("media/objects/"),
          "swept: the copy only the expired run mentioned; kept: the one newer runs mention");
      assertTrue(bucket.exists("media/" + recent.backupId() + "/manifest.jsonl.gz"));
    }
  }

  @Test
  void anObjectThatIsMissingOrDoesNotMatchItsHashIsCountedFailedAndNotCopied() throws Exception {
    try (TestEnvironment env = TestEnvironment.create();
        Firestore db = Datasets.jobClient(env)) {
      LocalMediaStore store = store();
      put(db, store, "f1", "image/png", "fine");
      put(db, store, "f2", "image/png", "lost from the bucket");
      Files.delete(mediaDir.resolve("ws/c/f2"));
      put(db, store, "f3", "image/png", "changed after the upload");
      Files.writeString(mediaDir.resolve("ws/c/f3"), "not what was hashed");
      Map<String, Object> unhashed = item("image/png", 4, null, "ws/c/f1");
      db.document("media/f4").set(unhashed).get();
      BackupBucket bucket = new LocalBackupBucket(backups);

      MediaBackup.Outcome outcome =
          new MediaBackup(db, store, bucket, Clock.systemUTC()).run("test");

      assertEquals(1, outcome.copied());
      assertEquals(3, outcome.failed(), outcome.toString());
      assertEquals(1, bucket.list("media/objects/").size(), "no partial or mismatched copy left");
    }
  }

  private LocalMediaStore store() {
    return new LocalMediaStore(
        mediaDir,
        "media-backup-test-signing-key".getBytes(),
        "http://127.0.0.1:1",
        Clock.systemUTC());
  }

  private static String put(
      Firestore db, LocalMediaStore store, String id, String type, String content)
      throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String sha =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    Path file = Files.createTempFile("media", ".bin");
    Files.write(file, bytes);
    String path = "ws/c/" + id;
    store.put(path, type, file);
    db.document("media/" + id).set(item(type, bytes.length, sha, path)).get();
    return sha;
  }

  private static Map<String, Object> item(String type, long size, String sha, String path) {
    Map<String, Object> item = new HashMap<>();
    item.put("status", "stored");
    item.put("contentType", type);
    item.put("size", size);
    item.put("sha256", sha);
    item.put("storagePath", path);
    return item;
  }
}
