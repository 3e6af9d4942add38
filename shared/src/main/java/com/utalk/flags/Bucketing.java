package com.utalk.flags;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic rollout buckets: SHA-256 of {@code flagKey + ":" + targetingKey}, its first four
 * bytes read as an unsigned number, modulo 10,000. The same key always lands in the same bucket,
 * and a key is in a rollout of p% when its bucket is below p×100 — so raising the percentage only
 * adds keys, never swaps them. Salting with the flag key keeps two flags at 10% from hitting the
 * same 10% of users.
 */
public final class Bucketing {
  public static final int BUCKETS = 10_000;

  private Bucketing() {}

  public static int bucket(String flagKey, String targetingKey) {
    byte[] hash = sha256((flagKey + ":" + targetingKey).getBytes(StandardCharsets.UTF_8));
    long value =
        ((hash[0] & 0xFFL) << 24)
            | ((hash[1] & 0xFFL) << 16)
            | ((hash[2] & 0xFFL) << 8)
            | (hash[3] & 0xFFL);
    return (int) (value % BUCKETS);
  }

  public static boolean inRollout(String flagKey, String targetingKey, int percent) {
    return bucket(flagKey, targetingKey) < percent * (BUCKETS / 100);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
