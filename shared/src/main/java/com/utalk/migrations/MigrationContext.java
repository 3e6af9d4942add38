package com.utalk.migrations;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.storage.FirestoreCalls;
import java.time.Duration;
import java.util.List;

/**
 * What a migration may touch: reads (pages of a collection, single documents) and
 * {@link #writes()}. It holds no Firestore handle the migration could write through.
 */
public final class MigrationContext {
  public static final int PAGE = 500;
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

  /** Every document of {@code collection}, a page at a time in id order; the writes are flushed after each page. */
  public void scan(String collection, PageHandler handler) throws Exception {
    Query base = firestore.collection(collection).orderBy(FieldPath.documentId()).limit(PAGE);
    DocumentSnapshot last = null;
    List<QueryDocumentSnapshot> page;
    do {
      page = FirestoreCalls.await((last == null ? base : base.startAfter(last)).get(), READ_TIMEOUT).getDocuments();
      handler.handle(page);
      writes.flush();
      last = page.isEmpty() ? null : page.get(page.size() - 1);
    } while (page.size() == PAGE);
  }

  public DocumentSnapshot get(String path) {
    return FirestoreCalls.await(firestore.document(path).get(), READ_TIMEOUT);
  }
}
