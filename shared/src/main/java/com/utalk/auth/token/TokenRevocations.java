package com.utalk.auth.token;

/**
 * Users whose access tokens stop working before they expire (an admin disabled the account).
 * Checked by {@link AccessTokenVerifier} on every token, so it must answer from memory.
 */
@FunctionalInterface
public interface TokenRevocations {
  TokenRevocations NONE = uid -> false;

  boolean revoked(String uid);
}
