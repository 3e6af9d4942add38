package com.utalk.errors;

/** 410: what was asked for existed and is retired for good (an API version past its sunset). */
public final class GoneException extends ApiProblem {
  public GoneException(String code, String message) {
    super(410, code, message);
  }
}
