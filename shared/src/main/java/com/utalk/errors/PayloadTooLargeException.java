package com.utalk.errors;

/** 413: the request body exceeds the accepted size. */
public final class PayloadTooLargeException extends ApiProblem {
  public PayloadTooLargeException(String message) {
    super(413, "payload_too_large", message);
  }

  public PayloadTooLargeException(String code, String message) {
    super(413, code, message);
  }
}
