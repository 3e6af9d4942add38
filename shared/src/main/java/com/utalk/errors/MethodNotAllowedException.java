package com.utalk.errors;

/** 405: the path exists but not for this HTTP method. */
public final class MethodNotAllowedException extends ApiProblem {
  public MethodNotAllowedException(String message) {
    super(405, "method_not_allowed", message);
  }
}
