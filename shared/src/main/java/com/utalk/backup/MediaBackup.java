package com.utalk.backup;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.maintenance.JobLease;
import com.utalk.media.MediaPolicy;
import com.utalk.media.MediaStore;
import com.utalk.storage.Collections;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The daily media backup: every stored media object of an allowed type ({@code image/*}, {@code
 * audio/*}, {@code video/*}, {@code application/pdf}; never {@code application/octet-stream}) and
 * at most 100 MB is copied to the backups bucket under {@code media/objects/{sha256}}, so an object
 * already copied (same content) is never copied again. Each run writes a manifest ({@code
 * media/{id}/manifest.jsonl.gz}: media id, path, type, size, hash) and {@code backups/{id}} ({@code
 * kind: media}); runs older than 90 days are deleted, and copied objects no retained manifest
 * mentions with them.
 */
public final class MediaBackup {
  public static final String KIND = "media";
  public static final Duration RETENTION = Duration.ofDays(90);
  private static final String OBJECTS = "media/objects/";
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Log LOG = Log.get(MediaBackup.class);

  private final Firestore firestore;
  private final MediaStore media;
  private final BackupBucket bucket;
  private final Clock clock;
  private final BackupCatalog catalog;

  public MediaBackup(Firestore firestore, MediaStore media, BackupBucket bucket, Clock clock) {
    this.firestore = firestore;
    this.media = media;
    this.bucket = bucket;
    this.clock = clock;
    this.catalog = new BackupCatalog(firestore);
  }

  /** What a run copied, found already copied, and skipped (by reason). */
  public record Outcome(
      String backupId,
      String status,
      String reason,
      long copied,
      long alreadyCopied,
      long skippedType,
      long skippedSize,
      long failed,
      long bytesCopied) {}

  public Outcome run(String trigger) {
    Optional<JobLease.Held> lease =
        new JobLease(firestore, clock).acquire("media-backup", Duration.ofMinutes(30));
    if (lease.isEmpty()) {
      return new Outcome(
          null, BackupOutcome.SKIPPED, "another media backup is running", 0, 0, 0, 0, 0, 0);
    }
    try (JobLease.Held held = lease.get()) {
      Instant started = clock.instant();
      String id =
          "media-" + ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 6);
      catalog.started(id, KIND, started, started, "", trigger);
      try {
        Outcome outcome = copy(id, held);
        catalog.succeeded(
            id,
            clock.instant(),
            Map.of(
                "copied",
                outcome.copied(),
                "alreadyCopied",
                outcome.alreadyCopied(),
                "skippedType",
                outcome.skippedType(),
                "skippedSize",
                outcome.skippedSize(),
                "failed",
                outcome.failed(),
                "bytes",
                outcome.bytesCopied()));
        deleteExpired();
        return outcome;
      } catch (IOException | RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.error("media backup failed", e, "backupId", id);
        catalog.failed(id, clock.instant(), reason);
        return new Outcome(id, BackupCatalog.FAILED, reason, 0, 0, 0, 0, 0, 0);
      }
    }
  }

  private Outcome copy(String id, JobLease.Held lease) throws IOException {
    long[] n = new long[6];
    try (OutputStream manifest =
        new GZIPOutputStream(bucket.create("media/" + id + "/manifest.jsonl.gz"))) {
      DocumentPages.<IOException>forEach(
          firestore.collection(Collections.MEDIA),
          page -> {
            for (QueryDocumentSnapshot item : page) {
              String entry = copyOne(item, n);
              if (entry != null) {
                manifest.write(
                    Json.writeBytes(
                        Map.of(
                            "mediaId",
                            item.getId(),
                            "storagePath",
                            item.getString("storagePath"),
                            "contentType",
                            item.getString("contentType"),
                            "size",
                            item.getLong("size"),
                            "sha256",
                            entry)));
                manifest.write('\n');
              }
            }
            if (!lease.extend(Duration.ofMinutes(30))) {
              throw new IOException(
                  "the media backup lease was lost (the run took longer than its lease)");
            }
          });
    }
    LOG.info(
        "media backup ok",
        "backupId",
        id,
        "copied",
        n[0],
        "alreadyCopied",
        n[1],
        "skippedType",
        n[2],
        "skippedSize",
        n[3],
        "failed",
        n[4]);
    return new Outcome(id, BackupCatalog.OK, null, n[0], n[1], n[2], n[3], n[4], n[5]);
  }

  /**
   * The object's hash once it is in the bucket (copied now or before); null when skipped or failed.
   */
  private String copyOne(DocumentSnapshot item, long[] n) {
    if (!"stored".equals(item.getString("status"))) {
      return null;
    }
    String type = MediaPolicy.allowedType(item.getString("contentType"));
    Long size = item.getLong("size");
    String sha = item.getString("sha256");
    String path = item.getString("storagePath");
    if (type == null) {
      n[2]++;
      return null;
    }
    if (size == null || size > MediaPolicy.DEFAULT_MAX_BYTES) {
      n[3]++;
      return null;
    }
    try {
      if (sha != null && bucket.exists(OBJECTS + sha)) {
        n[1]++;
        return sha;
      }
      String copied = streamCopy(path, sha);
      n[0]++;
      n[5] += size;
      return copied;
    } catch (IOException | RuntimeException e) {
      n[4]++;
      LOG.warn("media object not backed up", "mediaId", item.getId(), "cause", e.getMessage());
      return null;
    }
  }

  /** Copies at most 100 MB, checking the content against the hash the media record holds. */
  private String streamCopy(String path, String expectedSha) throws IOException {
    if (expectedSha == null || !expectedSha.matches("[0-9a-f]{64}")) {
      throw new IOException("the media record has no sha256");
    }
    MessageDigest digest = Sha256.digest();
    String name = OBJECTS + expectedSha;
    try (InputStream in = media.open(path);
        OutputStream out = bucket.create(name)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int read;
      while ((read = in.read(buffer)) >= 0) {
        total += read;
        if (total > MediaPolicy.DEFAULT_MAX_BYTES) {
          throw new IOException("the object is larger than 100 MB");
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    } catch (FileNotFoundException e) {
      throw new IOException("the media object is missing: " + path);
    }
    String actual = Sha256.hex(digest);
    if (!actual.equals(expectedSha)) {
      bucket.delete(name);
      throw new IOException("the object's content does not match its recorded sha256");
    }
    return actual;
  }

  /** Runs older than 90 days: their manifests and records, then the objects only they mentioned. */
  private void deleteExpired() throws IOException {
    List<String> expired = catalog.olderThan(KIND, clock.instant().minus(RETENTION), 100);
    if (expired.isEmpty()) {
      return;
    }
    for (String old : expired) {
      for (String name : bucket.list("media/" + old + "/")) {
        bucket.delete(name);
      }
      catalog.delete(old);
    }
    // Mark and sweep: the hashes the retained manifests mention (32 bytes each) are kept.
    Set<String> kept = new HashSet<>();
    for (String name : bucket.list("media/")) {
      if (name.endsWith("/manifest.jsonl.gz")) {
        try (InputStream in = new GZIPInputStream(bucket.open(name))) {
          for (String line :
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
              kept.add(
                  Json.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                      .path("sha256")
                      .asText());
            }
          }
        }
      }
    }
    List<String> swept = new ArrayList<>();
    for (String name : bucket.list(OBJECTS)) {
      if (!kept.contains(name.substring(OBJECTS.length()))) {
        bucket.delete(name);
        swept.add(name);
      }
    }
    LOG.info("expired media backups deleted", "runs", expired.size(), "objects", swept.size());
  }
}
