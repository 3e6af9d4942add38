package com.utalk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * 503: a dependency is down (or the system is in maintenance); the caller should retry
 * (Retry-After).
 */
public final class ServiceUnavailableException extends ApiProblem {
  /** Long enough for a blip to pass, short enough for Twilio's and the agents' retries. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final Duration retryAfter;

  public ServiceUnavailableException(String message) {
    this("unavailable", message);
  }

  public ServiceUnavailableException(String code, String message) {
    this(code, message, RETRY_AFTER);
  }

  /**
   * {@code retryAfter}: when the caller should try again (a maintenance window knows better than a
   * blip).
   */
  public ServiceUnavailableException(String code, String message, Duration retryAfter) {
    super(503, code, message);
    this.retryAfter = retryAfter == null ? RETRY_AFTER : retryAfter;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }
}
