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

/** Allowed types only, at most 100 MB, each content copied once, and a second run copies nothing. */
class MediaBackupTest {
  @TempDir Path mediaDir;
  @TempDir Path backups;

  @Test
  void copiesAllowedObjectsOnceAndSkipsExcludedTypesAndOversizeOnes() throws Exception {
    try (TestEnvironment env = TestEnvironment.create(); Firestore db = Datasets.jobClient(env)) {
      LocalMediaStore store = new LocalMediaStore(mediaDir, "media-backup-test-signing-key".getBytes(), "http://127.0.0.1:1", Clock.systemUTC());
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

      MediaBackup.Outcome second = new MediaBackup(db, store, bucket, Clock.systemUTC()).run("test");
      assertEquals(0, second.copied());
      assertEquals(3, second.alreadyCopied());
    }
  }

  private static String put(Firestore db, LocalMediaStore store, String id, String type, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
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
