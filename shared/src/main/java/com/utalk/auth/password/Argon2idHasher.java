package com.utalk.auth.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id through BouncyCastle, stored in the PHC string format ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). Defaults follow OWASP's first argon2id profile (19
 * MiB, 2 passes, 1 lane): about 90 ms on one core of our build machines, and small enough for a 256
 * MB function instance.
 */
public final class Argon2idHasher implements PasswordHasher {
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** A stored hash demanding more memory than this is refused rather than run. */
  private static final int MAX_MEMORY_KIB = 256 * 1024;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random;

  public Argon2idHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.random = random;
  }

  public static Argon2idHasher owaspDefaults() {
    return new Argon2idHasher(19_456, 2, 1, new SecureRandom());
  }

  @Override
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  @Override
  public boolean verify(char[] password, String encoded) {
    Matcher phc = encoded == null ? null : PHC.matcher(encoded);
    if (phc == null || !phc.matches()) {
      return false;
    }
    if (Integer.parseInt(phc.group(1)) > MAX_MEMORY_KIB) {
      return false;
    }
    byte[] salt;
    byte[] expected;
    try {
      salt = B64D.decode(phc.group(4));
      expected = B64D.decode(phc.group(5));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] actual =
        derive(
            password,
            salt,
            Integer.parseInt(phc.group(1)),
            Integer.parseInt(phc.group(2)),
            Integer.parseInt(phc.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public boolean needsRehash(String encoded) {
    Matcher phc = encoded == null ? null : PHC.matcher(encoded);
    if (phc == null || !phc.matches()) {
      return true;
    }
    return Integer.parseInt(phc.group(1)) < memoryKib
        || Integer.parseInt(phc.group(2)) < iterations
        || B64D.decode(phc.group(5)).length < HASH_BYTES;
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
