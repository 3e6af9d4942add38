package com.utalk.errors;

/** 404: no such resource (or not visible to the caller's workspace). */
public final class NotFoundException extends ApiProblem {
  public NotFoundException(String message) {
    super(404, "not_found", message);
  }

  public NotFoundException(String code, String message) {
    super(404, code, message);
  }
}
