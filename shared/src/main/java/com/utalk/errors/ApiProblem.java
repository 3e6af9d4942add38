package com.utalk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the caller should see as an HTTP status (or a socket ack) with a stable error code.
 * Each kind of failure has its own subclass; {@link Problems#of} turns any throwable into one, and
 * every adapter (HTTP, socket acks, framework refusals) renders them all the same way through
 * {@link ErrorBody}.
 */
public abstract sealed class ApiProblem extends RuntimeException
    permits ValidationException,
        UnauthenticatedException,
        ForbiddenException,
        NotFoundException,
        ConflictException,
        PayloadTooLargeException,
        RateLimitedException,
        UnsupportedMediaTypeException,
        ServiceUnavailableException,
        StorageUnavailableException,
        MethodNotAllowedException,
        InternalException,
        GoneException {
  private final int status;
  private final String code;

  protected ApiProblem(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The message the caller sees; subclasses whose detail is for the log only override it. */
  public String publicMessage() {
    return getMessage();
  }

  /** When set, the caller is told to retry after this long (the Retry-After header). */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
