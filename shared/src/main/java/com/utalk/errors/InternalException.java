package com.utalk.errors;

/**
 * 500: a bug on our side (never the caller's input, never an outage); the cause is logged, not
 * shown.
 */
public final class InternalException extends ApiProblem {
  public InternalException(String message, Throwable cause) {
    super(500, "internal", message);
    if (cause != null) {
      initCause(cause);
    }
  }

  @Override
  public String publicMessage() {
    return "internal error";
  }
}
