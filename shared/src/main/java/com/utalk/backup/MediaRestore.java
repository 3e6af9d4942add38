package com.utalk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.media.MediaStore;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Puts the media objects of one media backup back into the media store ("Falla de Storage"): for
 * each line of the run's manifest, an object that is missing from the store, or whose size differs
 * from the manifest's, is copied back from {@code media/objects/{sha256}}, its content checked
 * against the hash before it is put. Objects already in place are left alone, so the command is
 * safe to run again, and the media records in Firestore are not touched (they still name the same
 * paths). The manifest is read line by line and each object goes through a temporary file: memory
 * stays flat however large the run.
 */
public final class MediaRestore {
  private static final Log LOG = Log.get(MediaRestore.class);

  private final MediaStore media;
  private final BackupBucket bucket;

  public MediaRestore(MediaStore media, BackupBucket bucket) {
    this.media = media;
    this.bucket = bucket;
  }

  /**
   * How many objects were put back, were already in place, or could not be restored (and why, in
   * the log).
   */
  public record Outcome(
      String backupId,
      String status,
      String reason,
      long restored,
      long alreadyPresent,
      long failed,
      long bytes) {
    public boolean ok() {
      return BackupCatalog.OK.equals(status);
    }
  }

  public Outcome restore(String backupId) {
    String manifest = "media/" + backupId + "/manifest.jsonl.gz";
    long[] n = new long[4];
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(bucket.open(manifest)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          restoreOne(Json.read(line.getBytes(StandardCharsets.UTF_8)), n);
        }
      }
    } catch (FileNotFoundException e) {
      return new Outcome(
          backupId,
          BackupCatalog.FAILED,
          "no media backup " + backupId + " (no " + manifest + ")",
          0,
          0,
          0,
          0);
    } catch (IOException | RuntimeException e) {
      LOG.error("media restore failed", e, "backupId", backupId);
      return new Outcome(
          backupId,
          BackupCatalog.FAILED,
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          n[0],
          n[1],
          n[2],
          n[3]);
    }
    String status = n[2] == 0 ? BackupCatalog.OK : BackupCatalog.FAILED;
    String reason = n[2] == 0 ? null : n[2] + " objects could not be restored (see the log)";
    LOG.info(
        "media restore finished",
        "backupId",
        backupId,
        "restored",
        n[0],
        "alreadyPresent",
        n[1],
        "failed",
        n[2]);
    return new Outcome(backupId, status, reason, n[0], n[1], n[2], n[3]);
  }

  private void restoreOne(JsonNode entry, long[] n) {
    String path = entry.path("storagePath").asText();
    String sha = entry.path("sha256").asText();
    long size = entry.path("size").asLong(-1);
    try {
      if (media.stat(path).filter(object -> object.size() == size).isPresent()) {
        n[1]++;
        return;
      }
      Path copy = Files.createTempFile("media-restore", ".bin");
      try {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = bucket.open("media/objects/" + sha);
            OutputStream out = Files.newOutputStream(copy)) {
          byte[] buffer = new byte[1 << 16];
          int read;
          while ((read = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
          }
        }
        if (!Sha256.hex(digest).equals(sha)) {
          throw new IOException("the backed-up copy does not match its sha256");
        }
        media.put(path, entry.path("contentType").asText(), copy);
        n[0]++;
        n[3] += Files.size(copy);
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException | RuntimeException e) {
      n[2]++;
      LOG.warn(
          "media object not restored",
          "mediaId",
          entry.path("mediaId").asText(),
          "cause",
          e.getMessage());
    }
  }
}
