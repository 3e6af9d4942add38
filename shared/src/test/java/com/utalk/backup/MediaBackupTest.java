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
      LocalMediaStore store =
          new LocalMediaStore(
              mediaDir,
              "media-backup-test-signing-key".getBytes(),
              "http://127.0.0.1:1",
              Clock.systemUTC());
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
      LocalMediaStore store =
          new LocalMediaStore(
              mediaDir,
              "media-backup-test-signing-key".getBytes(),
              "http://127.0.0.1:1",
              Clock.systemUTC());
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
