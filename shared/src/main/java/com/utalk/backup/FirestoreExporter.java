package com.utalk.backup;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.TransactionOptions;
import com.utalk.storage.FirestoreCalls;
import java.io.IOException;
import java.time.Duration;

/**
 * Streams a collection in document-path order, one page at a time, every page read in a read-only
 * transaction at the same read time: the pages of all collections together are one consistent
 * snapshot, and memory holds one page whatever the collection's size.
 */
final class FirestoreExporter {
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
  private final Firestore firestore;
  private final int pageSize;

  FirestoreExporter(Firestore firestore, int pageSize) {
    this.firestore = firestore;
    this.pageSize = pageSize;
  }

  /**
   * {@code readTime} null reads the current data (the restore's check, while nothing else writes).
   */
  void export(BackupCollection collection, Timestamp readTime, DocumentSink sink)
      throws IOException {
    Query query =
        collection.subcollection()
            ? firestore.collectionGroup(collection.name())
            : firestore.collection(collection.name());
    DocumentPages.forEach(
        query,
        pageSize,
        page -> read(page, readTime),
        documents -> {
          for (DocumentSnapshot document : documents) {
            if (collection.holds(document.getReference().getPath())) {
              sink.accept(
                  document.getReference().getPath(),
                  FirestoreValueCodec.encodeFields(
                      FieldExclusions.without(document.getData(), collection.excludedFields())));
            }
          }
        });
  }

  private QuerySnapshot read(Query page, Timestamp readTime) {
    if (readTime == null) {
      return FirestoreCalls.await(page.get(), PAGE_TIMEOUT);
    }
    TransactionOptions options =
        TransactionOptions.createReadOnlyOptionsBuilder()
            .setReadTime(
                com.google.protobuf.Timestamp.newBuilder()
                    .setSeconds(readTime.getSeconds())
                    .setNanos(readTime.getNanos()))
            .build();
    return FirestoreCalls.await(
        firestore.runTransaction(transaction -> transaction.get(page).get(), options),
        PAGE_TIMEOUT);
  }
}
