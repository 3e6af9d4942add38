package com.utalk.auth.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {
  private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

  @Test
  void hashesAreSaltedPhcStringsThatVerify() {
    String first = hasher.hash("correct horse battery".toCharArray());
    String second = hasher.hash("correct horse battery".toCharArray());
    assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
    assertNotEquals(first, second);
    assertTrue(hasher.verify("correct horse battery".toCharArray(), first));
    assertFalse(hasher.verify("correct horse batterY".toCharArray(), first));
    assertFalse(hasher.needsRehash(first));
  }

  @Test
  void malformedOrWeakerHashes() {
    assertFalse(hasher.verify("x".toCharArray(), null));
    assertFalse(hasher.verify("x".toCharArray(), "$2a$12$abcdefghijklmnopqrstuv"));
    assertFalse(hasher.verify("x".toCharArray(), "$argon2id$v=19$m=9999999,t=2,p=1$AAAA$AAAA"));
    String weak = new Argon2idHasher(1024, 1, 1, new SecureRandom()).hash("pw".toCharArray());
    assertTrue(hasher.verify("pw".toCharArray(), weak), "old parameters still verify");
    assertTrue(hasher.needsRehash(weak), "and get upgraded at the next login");
  }
}
