package com.utalk.errors;

/**
 * A failure the caller should see as an HTTP status (or a socket ack) with a stable error code.
 * Each kind of failure has its own subclass; adapters render them all the same way.
 */
public abstract sealed class ApiProblem extends RuntimeException
    permits ValidationException, UnauthenticatedException, ForbiddenException, NotFoundException,
        ConflictException, PayloadTooLargeException, RateLimitedException, UnsupportedMediaTypeException,
        ServiceUnavailableException, MethodNotAllowedException {
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
}
