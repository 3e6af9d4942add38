package com.utalk.errors;

import java.time.Duration;

/** 429: too many attempts; {@code retryAfter} becomes the Retry-After header. */
public final class RateLimitedException extends ApiProblem {
  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(429, "rate_limited", message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
