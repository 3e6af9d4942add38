package com.utalk.auth.keys;

import java.time.Instant;

/**
 * One version of the JWT signing secret. {@code kid} goes into every token's header so a verifier
 * knows which version to check against; the secret bytes never leave this record.
 */
public record SigningKey(String kid, byte[] secret, Instant createdAt) {
  public SigningKey {
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningKey key && key.kid.equals(kid);
  }

  @Override
  public int hashCode() {
    return kid.hashCode();
  }
}
