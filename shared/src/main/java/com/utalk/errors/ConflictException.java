package com.utalk.errors;

/** 409: the request conflicts with the resource's current state. */
public final class ConflictException extends ApiProblem {
  public ConflictException(String message) {
    super(409, "conflict", message);
  }

  public ConflictException(String code, String message) {
    super(409, code, message);
  }
}
