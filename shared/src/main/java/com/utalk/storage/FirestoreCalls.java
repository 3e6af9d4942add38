package com.utalk.storage;

import com.google.api.core.ApiFuture;
import com.utalk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a Firestore future; any failure or a slow store becomes a {@link StorageUnavailableException}. */
public final class FirestoreCalls {
  /** Bounds every call so a webhook can still answer 503 well inside Twilio's 15 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

  private FirestoreCalls() {}

  public static <T> T await(ApiFuture<T> future) {
    return await(future, DEFAULT_TIMEOUT);
  }

  public static <T> T await(ApiFuture<T> future, Duration timeout) {
    long started = System.nanoTime();
    String failure = null;
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      failure = "interrupted";
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while waiting for Firestore", e);
    } catch (TimeoutException e) {
      failure = "timeout";
      future.cancel(true);
      throw new StorageUnavailableException("Firestore did not answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime && isDomainFailure(runtime)) {
        throw runtime;
      }
      failure = errorType(cause);
      throw new StorageUnavailableException("Firestore call failed: " + cause.getMessage(), cause);
    } finally {
      // The seed's database SLIs: latency as the caller waited for it, and failures by gRPC code.
      Metrics.get().dependencies().database(System.nanoTime() - started, failure);
    }
  }

  private static String errorType(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof com.google.api.gax.rpc.ApiException api) {
        return api.getStatusCode().getCode().name().toLowerCase(java.util.Locale.ROOT);
      }
      if (t instanceof com.google.cloud.firestore.FirestoreException firestore && firestore.getStatus() != null) {
        return firestore.getStatus().getCode().name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return cause == null ? "unknown" : cause.getClass().getSimpleName();
  }

  /** Exceptions thrown on purpose inside a transaction body travel through unchanged. */
  private static boolean isDomainFailure(RuntimeException error) {
    return !(error instanceof com.google.cloud.firestore.FirestoreException)
        && !(error instanceof com.google.api.gax.rpc.ApiException);
  }
}
