package com.utalk.emulators.bench;

import com.utalk.auth.password.Argon2idHasher;

/**
 * How long one login's password hash takes with the parameters the service uses (Argon2id, OWASP's
 * m=19456 KiB, t=2, p=1): {@code emulators/dev bench-password-hash [RUNS]}. The figure bounds the
 * login rate per core; it needs no stack.
 */
public final class PasswordHashBenchmark {
  private PasswordHashBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Argon2idHasher hasher = Argon2idHasher.owaspDefaults();
    hasher.hash("warm-up".toCharArray());
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      hasher.hash("measure".toCharArray());
      millis[i] = (System.nanoTime() - started) / 1_000_000;
    }
    java.util.Arrays.sort(millis);
    System.out.printf(
        "argon2id m=19456,t=2,p=1 hash over %d runs: median %d ms, range %d–%d ms%n",
        runs, millis[runs / 2], millis[0], millis[runs - 1]);
  }
}
