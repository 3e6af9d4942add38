package com.utalk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * A store (Firestore, Secret Manager) could not be reached, did not answer in time, or stayed
 * contended after its own retries: 503 with Retry-After, the caller repeats the request. Only this
 * kind of storage failure counts as a database error.
 */
public final class StorageUnavailableException extends ApiProblem {
  public StorageUnavailableException(String message, Throwable cause) {
    super(503, "unavailable", message);
    if (cause != null) {
      initCause(cause);
    }
  }

  /** What the caller is told; the detail (gRPC message, host) stays in the log. */
  @Override
  public String publicMessage() {
    return "storage is unavailable, retry later";
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(ServiceUnavailableException.RETRY_AFTER);
  }
}
