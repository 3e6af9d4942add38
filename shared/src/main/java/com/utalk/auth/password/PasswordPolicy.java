package com.utalk.auth.password;

import com.utalk.errors.ValidationException;

/**
 * What a new password must be: long enough to resist guessing (NIST 800-63B style: length over
 * composition rules), short enough that hashing it is not a denial-of-service vector.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;

  /** Also the cap on login input, so an attacker cannot make us hash megabytes. */
  public static final int MAX_LENGTH = 256;

  private PasswordPolicy() {}

  public static void checkNew(String password, String field) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new ValidationException(
          field, field + " must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new ValidationException(
          field, field + " must be at most " + MAX_LENGTH + " characters");
    }
  }
}
