package com.utalk.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code manifest.json} of a backup: what it holds, at which read time, written by which code. */
public record BackupManifest(
    String backupId,
    Instant snapshotTime,
    String codeVersion,
    Instant createdAt,
    List<BackupFile> files,
    List<String> excludedFields) {
  public static final String FILE = "manifest.json";

  public BackupManifest {
    files = List.copyOf(files);
    excludedFields = List.copyOf(excludedFields);
  }

  public Optional<BackupFile> file(String collection) {
    return files.stream().filter(f -> f.collection().equals(collection)).findFirst();
  }

  public long documents() {
    return files.stream().mapToLong(BackupFile::documents).sum();
  }

  public long bytes() {
    return files.stream().mapToLong(BackupFile::bytes).sum();
  }
}
