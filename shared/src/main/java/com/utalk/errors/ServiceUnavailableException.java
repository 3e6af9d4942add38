package com.utalk.errors;

import java.time.Duration;

/** 503: a dependency is down (or the system is in maintenance); the caller should retry. */
public final class ServiceUnavailableException extends ApiProblem {
  private final Duration retryAfter;

  public ServiceUnavailableException(String message) {
    this("unavailable", message);
  }

  public ServiceUnavailableException(String code, String message) {
    this(code, message, null);
  }

  /** {@code retryAfter}, when known, becomes the Retry-After header. */
  public ServiceUnavailableException(String code, String message, Duration retryAfter) {
    super(503, code, message);
    this.retryAfter = retryAfter;
  }

  /** Null when unknown. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
