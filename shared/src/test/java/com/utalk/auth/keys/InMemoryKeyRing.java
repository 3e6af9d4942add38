package com.utalk.auth.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A key ring in memory, stamped with a test clock. */
public final class InMemoryKeyRing implements SigningKeyRing {
  private final List<SigningKey> versions = new CopyOnWriteArrayList<>();
  private final Clock clock;
  public int reads;

  public InMemoryKeyRing(Clock clock, String firstSecret) {
    this.clock = clock;
    addVersion(firstSecret);
  }

  @Override
  public List<SigningKey> versions() {
    reads++;
    return new ArrayList<>(versions);
  }

  @Override
  public SigningKey addVersion(String secret) {
    SigningKey key =
        new SigningKey(
            "v" + (versions.size() + 1), SecretText.validated(secret, "test"), clock.instant());
    versions.add(key);
    return key;
  }

  @Override
  public void retire(SigningKey key) {
    versions.remove(key);
  }

  @Override
  public boolean rotatable() {
    return true;
  }

  public static byte[] bytes(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
