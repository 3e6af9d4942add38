package com.utalk.auth.token;

import java.time.Duration;
import java.time.Instant;

/** A signed access token and what a client needs to know about it. */
public record AccessToken(
    String value, String jti, String kid, Instant expiresAt, Duration lifetime) {
  @Override
  public String toString() {
    return "AccessToken[jti=" + jti + ", kid=" + kid + ", expiresAt=" + expiresAt + "]";
  }
}
