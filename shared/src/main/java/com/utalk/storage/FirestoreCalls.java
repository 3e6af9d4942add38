package com.utalk.storage;

import com.google.api.core.ApiFuture;
import com.utalk.errors.InternalException;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.errors.ValidationException;
import com.utalk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Firestore future and classifies what went wrong, once for every caller: a slow or
 * unreachable store is a {@link StorageUnavailableException} (503, counted as a database error); a
 * value Firestore refuses is the caller's input (400, not counted); anything else is a bug (500,
 * not counted: the store itself answered). See {@link StorageFailure}.
 */
public final class FirestoreCalls {
  /** Bounds every call so a webhook can still answer 503 well inside Twilio's 15 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

  private FirestoreCalls() {}

  public static <T> T await(ApiFuture<T> future) {
    return await(future, DEFAULT_TIMEOUT);
  }

  public static <T> T await(ApiFuture<T> future, Duration timeout) {
    long started = System.nanoTime();
    String outage = null;
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      outage = "interrupted";
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while waiting for Firestore", e);
    } catch (TimeoutException e) {
      outage = "timeout";
      future.cancel(true);
      throw new StorageUnavailableException(
          "Firestore did not answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime && isDomainFailure(runtime)) {
        throw runtime;
      }
      StorageFailure failure = StorageFailure.of(cause);
      switch (failure.kind()) {
        case OUTAGE -> {
          outage = failure.code();
          throw new StorageUnavailableException(
              "Firestore call failed (" + failure.code() + "): " + cause.getMessage(), cause);
        }
        case LOST_RACE ->
            throw new StorageUnavailableException(
                "Firestore create lost a race: " + cause.getMessage(), cause);
        case REFUSED_INPUT ->
            throw new ValidationException(
                null, "a value in the request cannot be stored (" + failure.code() + ")");
        default ->
            throw new InternalException(
                "Firestore refused the call (" + failure.code() + "): " + cause.getMessage(),
                cause);
      }
    } finally {
      // The operations reference's database SLIs: latency as the caller waited for it, and real
      // outages by gRPC code.
      Metrics.get().dependencies().database(System.nanoTime() - started, outage);
    }
  }

  /**
   * True when {@code error} (or a cause) is Firestore's ALREADY_EXISTS: a create, or a batch with
   * one, lost to a write of the same document — for an idempotency marker, the work was done.
   */
  public static boolean lostRace(Throwable error) {
    return StorageFailure.of(error).kind() == StorageFailure.Kind.LOST_RACE;
  }

  /** Exceptions thrown on purpose inside a transaction body travel through unchanged. */
  private static boolean isDomainFailure(RuntimeException error) {
    return !(error instanceof com.google.cloud.firestore.FirestoreException)
        && !(error instanceof com.google.api.gax.rpc.ApiException)
        && !(error instanceof io.grpc.StatusRuntimeException);
  }
}
