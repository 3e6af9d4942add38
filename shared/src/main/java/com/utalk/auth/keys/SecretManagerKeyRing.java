package com.utalk.auth.keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Versions of the Secret Manager secret named by JWT_SECRET_NAME. Version payloads are immutable,
 * so each is fetched once per instance; only the version list is re-read when the cache expires.
 */
public final class SecretManagerKeyRing implements SigningKeyRing {
  private final SecretManagerApi api;
  private final Map<String, byte[]> payloads = new ConcurrentHashMap<>();

  public SecretManagerKeyRing(SecretManagerApi api) {
    this.api = api;
  }

  @Override
  public List<SigningKey> versions() {
    List<SigningKey> keys = new ArrayList<>();
    for (SecretManagerApi.Version version : api.enabledVersions()) {
      byte[] payload = payloads.computeIfAbsent(version.name(), api::access);
      byte[] secret =
          SecretText.validated(
              new String(payload, StandardCharsets.UTF_8),
              "Secret Manager version " + version.name());
      keys.add(new SigningKey(kidOf(version), secret, version.createTime()));
    }
    return keys;
  }

  @Override
  public SigningKey addVersion(String secret) {
    byte[] bytes = SecretText.validated(secret, "the new signing key");
    SecretManagerApi.Version version = api.addVersion(bytes);
    payloads.put(version.name(), bytes);
    return new SigningKey(kidOf(version), bytes, version.createTime());
  }

  @Override
  public void retire(SigningKey key) {
    if (key.kid().startsWith("sm-")) {
      api.disable(api.secretName() + "/versions/" + key.kid().substring(3));
    }
  }

  @Override
  public boolean rotatable() {
    return true;
  }

  private static String kidOf(SecretManagerApi.Version version) {
    return "sm-" + version.number();
  }
}
