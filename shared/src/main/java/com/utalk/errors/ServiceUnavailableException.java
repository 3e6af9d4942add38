package com.utalk.errors;

/** 503: a dependency is down; the caller should retry. */
public final class ServiceUnavailableException extends ApiProblem {
  public ServiceUnavailableException(String message) {
    super(503, "unavailable", message);
  }

  public ServiceUnavailableException(String code, String message) {
    super(503, code, message);
  }
}
