package com.utalk.conversations;

import com.utalk.errors.ValidationException;

/** Page sizes: a default when absent, a cap so one request cannot read a whole collection. */
public final class Limits {
  public static final int DEFAULT = 50;
  public static final int MAX = 100;

  private Limits() {}

  public static int of(Integer requested) {
    if (requested == null) {
      return DEFAULT;
    }
    if (requested < 1 || requested > MAX) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX);
    }
    return requested;
  }
}
