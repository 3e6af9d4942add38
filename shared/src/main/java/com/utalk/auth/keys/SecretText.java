package com.utalk.auth.keys;

import com.utalk.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signing secret is text (what an operator pastes, what `openssl rand -base64 32` prints); its
 * UTF-8 bytes are the HMAC key. HS256 needs at least 32 of them, which is also what the "Login
 * falla 401" runbook checks with {@code wc -c}.
 */
public final class SecretText {
  public static final int MIN_BYTES = 32;
  private static final int GENERATED_BYTES = 48;

  private SecretText() {}

  /** The key bytes of {@code secret}, or a ConfigurationException naming {@code source}. */
  public static byte[] validated(String secret, String source) {
    if (secret == null || secret.isEmpty()) {
      throw new ConfigurationException(
          source
              + " is not set: the JWT signing secret is required (generate one with `openssl rand -base64 32`)");
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new ConfigurationException(
          source
              + " is too short: the JWT signing secret must be at least "
              + MIN_BYTES
              + " bytes, got "
              + bytes.length
              + " (generate one with `openssl rand -base64 32`)");
    }
    return bytes;
  }

  /** A fresh random secret: 48 random bytes, base64url-encoded (64 characters). */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short public fingerprint, so that a kid tells an operator which secret a token used. */
  public static String fingerprint(byte[] secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
