package com.utalk.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where backup files live: a Cloud Storage bucket in the cloud ({@link GcsBackupBucket}), a folder
 * of the local stack otherwise ({@link LocalBackupBucket}), like the media store. Object names are
 * {@code /}-separated paths such as {@code firestore/{backupId}/users.jsonl.gz}.
 */
public interface BackupBucket {
  /**
   * A stream to a new object; the object appears (whole) when the stream is closed. Backups are
   * streamed straight to the bucket: a Cloud Function's disk is its memory.
   */
  OutputStream create(String name) throws IOException;

  /** Throws {@link java.io.FileNotFoundException} when the object does not exist. */
  InputStream open(String name) throws IOException;

  boolean exists(String name) throws IOException;

  /** The names starting with {@code prefix}. */
  List<String> list(String prefix) throws IOException;

  void delete(String name) throws IOException;
}
