package com.utalk.errors;

/** 403: authenticated, but not allowed to do this. */
public final class ForbiddenException extends ApiProblem {
  public ForbiddenException(String message) {
    super(403, "forbidden", message);
  }

  public ForbiddenException(String code, String message) {
    super(403, code, message);
  }
}
