package com.utalk.errors;

import java.time.Duration;
import java.util.Optional;

/** 429: too many attempts; {@code retryAfter} becomes the Retry-After header. */
public final class RateLimitedException extends ApiProblem {
  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(429, "rate_limited", message);
    this.retryAfter = retryAfter;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }
}
