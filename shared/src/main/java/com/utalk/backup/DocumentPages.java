package com.utalk.backup;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.utalk.storage.FirestoreCalls;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Walks a query in document-id order, a page at a time (cursor after the last document), so a
 * collection of any size is read with one page in memory. The one paging loop of backups, restores,
 * media backups and migrations.
 */
public final class DocumentPages {
  public static final int PAGE = 500;
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

  private DocumentPages() {}

  @FunctionalInterface
  public interface Handler<E extends Exception> {
    void handle(List<QueryDocumentSnapshot> page) throws E;
  }

  /** Every page of {@code query}, read with a plain get. */
  public static <E extends Exception> void forEach(Query query, Handler<E> handler) throws E {
    forEach(query, PAGE, DocumentPages::read, handler);
  }

  /** One page read with a plain get (no read time). */
  public static QuerySnapshot read(Query page) {
    return FirestoreCalls.await(page.get(), PAGE_TIMEOUT);
  }

  /**
   * Every page of {@code query}, each read by {@code read} (a read-only transaction at a read time,
   * for the backup).
   */
  public static <E extends Exception> void forEach(
      Query query, int pageSize, Function<Query, QuerySnapshot> read, Handler<E> handler) throws E {
    Query base = query.orderBy(FieldPath.documentId()).limit(pageSize);
    DocumentSnapshot last = null;
    List<QueryDocumentSnapshot> page;
    do {
      page = read.apply(last == null ? base : base.startAfter(last)).getDocuments();
      handler.handle(page);
      last = page.isEmpty() ? null : page.get(page.size() - 1);
    } while (page.size() == pageSize);
  }
}
