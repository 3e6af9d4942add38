package com.utalk.migrations;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.backup.DocumentPages;
import com.utalk.storage.FirestoreCalls;
import java.time.Duration;
import java.util.List;

/**
 * What a migration may touch: reads (pages of a collection, single documents) and {@link
 * #writes()}. It holds no Firestore handle the migration could write through.
 */
public final class MigrationContext {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private final Firestore firestore;
  private final MigrationWrites writes;

  MigrationContext(Firestore firestore, MigrationWrites writes) {
    this.firestore = firestore;
    this.writes = writes;
  }

  public MigrationWrites writes() {
    return writes;
  }

  @FunctionalInterface
  public interface PageHandler {
    void handle(List<QueryDocumentSnapshot> page) throws Exception;
  }

  /**
   * Every document of {@code collection}, a page at a time in id order; the writes are flushed
   * after each page.
   */
  public void scan(String collection, PageHandler handler) throws Exception {
    DocumentPages.forEach(
        firestore.collection(collection),
        page -> {
          handler.handle(page);
          writes.flush();
        });
  }

  public DocumentSnapshot get(String path) {
    return FirestoreCalls.await(firestore.document(path).get(), READ_TIMEOUT);
  }
}
