package com.utalk.errors;

import java.time.Duration;
import java.util.Optional;

/** 503: a dependency is down; the caller should retry (Retry-After). */
public final class ServiceUnavailableException extends ApiProblem {
  /** Long enough for a blip to pass, short enough for Twilio's and the agents' retries. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  public ServiceUnavailableException(String message) {
    super(503, "unavailable", message);
  }

  public ServiceUnavailableException(String code, String message) {
    super(503, code, message);
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(RETRY_AFTER);
  }
}
