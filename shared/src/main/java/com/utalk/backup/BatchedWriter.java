package com.utalk.backup;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.google.cloud.firestore.WriteResult;
import com.utalk.storage.FirestoreCalls;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes within Firestore's limits: at most 500 writes and about 8 MB (the limit is 10 MiB) per
 * commit, a few commits in flight for throughput. {@link #flush()} waits for all of them.
 */
public final class BatchedWriter implements AutoCloseable {
  static final int MAX_WRITES = 500;
  private static final long MAX_BYTES = 8L << 20;
  private static final int IN_FLIGHT = 4;
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

  private final Firestore firestore;
  private final Deque<ApiFuture<List<WriteResult>>> pending = new ArrayDeque<>();
  private WriteBatch batch;
  private int writes;
  private long bytes;
  private long total;

  public BatchedWriter(Firestore firestore) {
    this.firestore = firestore;
  }

  public void set(DocumentReference ref, Map<String, Object> fields, long approximateBytes) {
    next(approximateBytes).set(ref, fields);
  }

  public void update(DocumentReference ref, Map<String, Object> fields) {
    next(1000).update(ref, fields);
  }

  public void delete(DocumentReference ref) {
    next(100).delete(ref);
  }

  private WriteBatch next(long approximateBytes) {
    if (batch != null && (writes >= MAX_WRITES || bytes + approximateBytes > MAX_BYTES)) {
      commit();
    }
    if (batch == null) {
      batch = firestore.batch();
    }
    writes++;
    bytes += approximateBytes;
    total++;
    return batch;
  }

  private void commit() {
    if (batch == null) {
      return;
    }
    pending.add(batch.commit());
    batch = null;
    writes = 0;
    bytes = 0;
    while (pending.size() >= IN_FLIGHT) {
      FirestoreCalls.await(pending.poll(), COMMIT_TIMEOUT);
    }
  }

  public void flush() {
    commit();
    while (!pending.isEmpty()) {
      FirestoreCalls.await(pending.poll(), COMMIT_TIMEOUT);
    }
  }

  public long total() {
    return total;
  }

  @Override
  public void close() {
    flush();
  }
}
