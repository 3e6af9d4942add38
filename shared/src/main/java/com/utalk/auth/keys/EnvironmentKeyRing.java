package com.utalk.auth.keys;

import com.utalk.config.ConfigurationException;
import java.time.Instant;
import java.util.List;

/**
 * A single version from the JWT_SECRET setting; rotating it means changing the setting and
 * redeploying.
 */
public final class EnvironmentKeyRing implements SigningKeyRing {
  private final SigningKey key;

  public EnvironmentKeyRing(String secret) {
    byte[] bytes = SecretText.validated(secret, "JWT_SECRET");
    this.key = new SigningKey("env-" + SecretText.fingerprint(bytes), bytes, Instant.EPOCH);
  }

  public SigningKey key() {
    return key;
  }

  @Override
  public List<SigningKey> versions() {
    return List.of(key);
  }

  @Override
  public SigningKey addVersion(String secret) {
    throw new ConfigurationException(
        "the JWT secret comes from JWT_SECRET and cannot be rotated by the application; configure JWT_SECRET_NAME (Secret Manager)");
  }

  @Override
  public void retire(SigningKey key) {
    // nothing to retire: there is only the one version
  }

  @Override
  public boolean rotatable() {
    return false;
  }
}
