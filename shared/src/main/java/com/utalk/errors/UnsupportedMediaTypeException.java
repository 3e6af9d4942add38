package com.utalk.errors;

/** 415: the request body's content type is not accepted here. */
public final class UnsupportedMediaTypeException extends ApiProblem {
  public UnsupportedMediaTypeException(String message) {
    super(415, "unsupported_media_type", message);
  }

  public UnsupportedMediaTypeException(String code, String message) {
    super(415, code, message);
  }
}
