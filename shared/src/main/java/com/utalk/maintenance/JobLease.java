package com.utalk.maintenance;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A lease on a background job ({@code jobLeases/{job}}): taken in a transaction, so of two runs
 * started at once only one gets it; it ends by itself, so a run that crashed never blocks the next
 * one for longer than the lease. Long jobs {@link Held#extend} it between steps.
 */
public final class JobLease {
  public static final String COLLECTION = "jobLeases";
  private final Firestore firestore;
  private final Clock clock;

  public JobLease(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  /** The lease, or empty while another holder's lease is live. */
  public Optional<Held> acquire(String job, Duration ttl) {
    String holder = UUID.randomUUID().toString();
    DocumentReference ref = firestore.collection(COLLECTION).document(job);
    boolean taken =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentSnapshot current = tx.get(ref).get();
                  if (live(current)) {
                    return false;
                  }
                  tx.set(
                      ref,
                      Map.of(
                          "holder",
                          holder,
                          "until",
                          Timestamps.of(clock.instant().plus(ttl)),
                          "since",
                          Timestamps.of(clock.instant())));
                  return true;
                }));
    return taken ? Optional.of(new Held(ref, holder)) : Optional.empty();
  }

  private boolean live(DocumentSnapshot lease) {
    Timestamp until = lease.exists() ? lease.getTimestamp("until") : null;
    return until != null && Timestamps.toInstant(until).isAfter(clock.instant());
  }

  /** A lease this process holds. */
  public final class Held implements AutoCloseable {
    private final DocumentReference ref;
    private final String holder;

    private Held(DocumentReference ref, String holder) {
      this.ref = ref;
      this.holder = holder;
    }

    /**
     * Pushes the end out to {@code ttl} from now; false when the lease was lost (expired and
     * taken).
     */
    public boolean extend(Duration ttl) {
      return FirestoreCalls.await(
          firestore.runTransaction(
              tx -> {
                DocumentSnapshot current = tx.get(ref).get();
                if (!holder.equals(current.getString("holder"))) {
                  return false;
                }
                tx.update(ref, "until", Timestamps.of(clock.instant().plus(ttl)));
                return true;
              }));
    }

    /** Releases the lease if still ours. */
    @Override
    public void close() {
      FirestoreCalls.await(
          firestore.runTransaction(
              tx -> {
                DocumentSnapshot current = tx.get(ref).get();
                if (holder.equals(current.getString("holder"))) {
                  tx.delete(ref);
                }
                return null;
              }));
    }
  }
}
