package com.utalk.auth.token;

/** Claim names of the access token beyond the registered ones (sub, iat, exp, jti). */
final class Claims {
  static final String ROLE = "role";
  static final String WORKSPACE = "wid";

  private Claims() {}
}
