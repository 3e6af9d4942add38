package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark commands as {@code emulators/dev} runs them (each in a JVM of its own: they hand
 * the stack's settings to the benchmark as system properties): the one that needs no stack prints
 * its figure, and a benchmark that fails says so with the hint and exits 1, without a stack trace.
 */
class BenchCommandsTest {
  private TestStackFolder stack;

  @BeforeEach
  void folder() throws Exception {
    stack = new TestStackFolder();
  }

  @AfterEach
  void clean() throws Exception {
    stack.close();
  }

  @Test
  void thePasswordHashBenchmarkNeedsNoStackAndPrintsTheLoginsHashTime() throws Exception {
    DevCliRun run = stack.devInItsOwnJvm("bench-password-hash", "1");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out().matches("(?s)argon2id m=19456,t=2,p=1 hash over 1 runs: median \\d+ ms.*"),
        run.out());
  }

  @Test
  void aBenchmarkThatFailsSaysSoWithTheHintAndExits1() throws Exception {
    // a variable the shell set wins over the stack's default
    stack.with("GATEWAY_URL", "http://127.0.0.1:1");

    DevCliRun run = stack.devInItsOwnJvm("bench-password-hash", "many");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err().contains("benchmark failed (is the stack up? emulators/dev up --detach): ")
            && run.err().contains("NumberFormatException"),
        run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
  }
}
