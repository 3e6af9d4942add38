package com.utalk.errors;

/** 400: the input is malformed; {@code field} names what is wrong when one field is to blame. */
public final class ValidationException extends ApiProblem {
  private final String field;

  public ValidationException(String field, String message) {
    super(400, "validation_failed", message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
