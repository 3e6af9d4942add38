package com.utalk.migrations;

import com.google.cloud.firestore.Firestore;
import com.utalk.backup.BatchedWriter;
import java.util.Map;

/** Writes to Firestore in batches of at most 500 writes (the backup restore's writer). */
final class LiveWrites implements MigrationWrites {
  private final Firestore firestore;
  private final BatchedWriter writer;

  LiveWrites(Firestore firestore) {
    this.firestore = firestore;
    this.writer = new BatchedWriter(firestore);
  }

  @Override
  public void set(String path, Map<String, Object> fields) {
    writer.set(firestore.document(path), fields, 1000);
  }

  @Override
  public void update(String path, Map<String, Object> fields) {
    writer.update(firestore.document(path), fields);
  }

  @Override
  public void delete(String path) {
    writer.delete(firestore.document(path));
  }

  @Override
  public void flush() {
    writer.flush();
  }

  @Override
  public long count() {
    return writer.total();
  }
}
