package com.utalk.errors;

/** 401: no valid credentials. */
public final class UnauthenticatedException extends ApiProblem {
  public UnauthenticatedException(String message) {
    super(401, "unauthorized", message);
  }

  public UnauthenticatedException(String code, String message) {
    super(401, code, message);
  }
}
