package com.utalk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Reads a backup back from the bucket: its manifest, the proof that every file is whole, and the
 * documents.
 */
public final class BackupReader {
  private final BackupBucket bucket;

  public BackupReader(BackupBucket bucket) {
    this.bucket = bucket;
  }

  static String prefix(String backupId) {
    return "firestore/" + backupId + "/";
  }

  /** Whether the bucket holds a backup of this id (its manifest). */
  public boolean exists(String backupId) throws IOException {
    return backupId.matches("[A-Za-z0-9_-]{1,100}")
        && !bucket.list(prefix(backupId) + BackupManifest.FILE).isEmpty();
  }

  public BackupManifest manifest(String backupId) {
    if (!backupId.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new BackupIntegrityException("not a backup id: " + backupId);
    }
    try (InputStream in = bucket.open(prefix(backupId) + BackupManifest.FILE)) {
      return Json.read(in.readAllBytes(), BackupManifest.class);
    } catch (FileNotFoundException e) {
      throw new BackupIntegrityException("backup " + backupId + " has no manifest");
    } catch (IOException | Json.MalformedJsonException e) {
      throw new BackupIntegrityException(
          "the manifest of backup " + backupId + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every file whole: stored hash and size, then every line parsed, counted and hashed as at
   * export.
   */
  public void verify(BackupManifest manifest) {
    for (BackupFile file : manifest.files()) {
      MessageDigest fileDigest = Sha256.digest();
      ContentHash content = new ContentHash();
      long[] bytes = {0};
      try {
        read(manifest.backupId(), file, fileDigest, bytes, (line, node) -> content.add(line));
      } catch (FileNotFoundException e) {
        throw new BackupIntegrityException(
            file.file() + " is missing from backup " + manifest.backupId());
      } catch (IOException | RuntimeException e) {
        throw new BackupIntegrityException(
            file.file() + " is truncated or corrupted: " + e.getMessage(), e);
      }
      String problem =
          bytes[0] != file.bytes()
              ? "has " + bytes[0] + " bytes, the manifest says " + file.bytes()
              : !Sha256.hex(fileDigest).equals(file.sha256())
                  ? "does not match its SHA-256"
                  : content.documents() != file.documents()
                      ? "holds "
                          + content.documents()
                          + " documents, the manifest says "
                          + file.documents()
                      : !content.hex().equals(file.contentSha256())
                          ? "content does not match its hash"
                          : null;
      if (problem != null) {
        throw new BackupIntegrityException(file.file() + " " + problem);
      }
    }
  }

  /** The documents of one file, in order. Call only after {@link #verify}. */
  public void documents(String backupId, BackupFile file, LineHandler handler) throws IOException {
    read(backupId, file, Sha256.digest(), new long[1], handler);
  }

  @FunctionalInterface
  public interface LineHandler {
    /** {@code node} has {@code path} and {@code fields}. */
    void handle(byte[] line, JsonNode node) throws IOException;
  }

  private void read(
      String backupId, BackupFile file, MessageDigest digest, long[] bytes, LineHandler handler)
      throws IOException {
    try (InputStream raw = bucket.open(prefix(backupId) + file.file());
        InputStream counted = new CountingInput(new DigestInputStream(raw, digest), bytes);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(counted, 1 << 16), StandardCharsets.UTF_8),
                1 << 16)) {
      String text;
      while ((text = reader.readLine()) != null) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        JsonNode node = JsonLines.parse(line, 0, line.length);
        if (node == null
            || !node.path(JsonLines.PATH).isTextual()
            || !node.path(JsonLines.FIELDS).isObject()) {
          throw new IOException("a line is not a backed-up document");
        }
        handler.handle(line, node);
      }
      // Bytes after the gzip stream (or a reader that stopped early) still count towards size and
      // hash.
      counted.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static final class CountingInput extends FilterInputStream {
    private final long[] bytes;

    CountingInput(InputStream in, long[] bytes) {
      super(in);
      this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        bytes[0]++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        bytes[0] += n;
      }
      return n;
    }
  }
}
