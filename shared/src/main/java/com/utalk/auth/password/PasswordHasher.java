package com.utalk.auth.password;

/** Hashes and checks passwords; the encoded hash carries its own algorithm and parameters. */
public interface PasswordHasher {
  String hash(char[] password);

  /** Constant-time comparison; a malformed {@code encoded} is simply a mismatch. */
  boolean verify(char[] password, String encoded);

  /** True when {@code encoded} was made with weaker parameters than today's. */
  boolean needsRehash(String encoded);
}
