package com.utalk.auth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.utalk.auth.MutableClock;
import com.utalk.errors.RateLimitedException;
import com.utalk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failed-login limits on the Firestore emulator: per account and per address, counted exactly
 * even when guesses arrive together, refused with a Retry-After that is never too short, and
 * forgotten when the window ends, the password was right, or an operator clears the counter.
 */
class LoginThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
  private TestEnvironment env;
  private LoginThrottle throttle;

  @BeforeEach
  void emulator() {
    env = TestEnvironment.create();
    throttle = new LoginThrottle(env.firestore(), 5, 20, WINDOW, clock);
  }

  @AfterEach
  void close() throws Exception {
    env.close();
  }

  @Test
  void guessesFiredTogetherAreCountedOneByOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Callable<Boolean>> guesses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String ip = "203.0.113." + i;
        guesses.add(
            () -> {
              try {
                throttle.reserve("ana@example.com", ip);
                return true;
              } catch (RateLimitedException refused) {
                return false;
              }
            });
      }
      int counted = 0;
      for (Future<Boolean> guess : pool.invokeAll(guesses)) {
        counted += get(guess) ? 1 : 0;
      }
      assertEquals(5, counted, "exactly the account's five attempts, whatever the interleaving");
      assertEquals(5, throttle.state("email", "ana@example.com").failures());
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean get(Future<Boolean> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
  }

  @Test
  void aBlockedAccountIsToldWhenToRetryRoundedUpAndFreedWhenTheWindowEnds() {
    for (int i = 0; i < 5; i++) {
      throttle.reserve("ana@example.com", "198.51.100.7");
    }
    clock.advance(Duration.ofMinutes(10).plusMillis(500));
    RateLimitedException refused =
        assertThrows(
            RateLimitedException.class, () -> throttle.reserve("ana@example.com", "198.51.100.7"));
    assertEquals(429, refused.status());
    assertEquals(Duration.ofSeconds(300), refused.retryAfter().orElseThrow(), "299.5 s → 300 s");
    LoginThrottle.State blocked = throttle.state("email", "ana@example.com");
    assertEquals(5, blocked.failures(), "a refused attempt is not counted");
    assertEquals(Duration.ofSeconds(300), blocked.blockedFor());
    assertEquals(Instant.parse("2026-12-04T10:00:00Z"), blocked.windowStart());

    clock.advance(Duration.ofSeconds(300));
    throttle.reserve("ana@example.com", "198.51.100.7");
    LoginThrottle.State fresh = throttle.state("email", "ana@example.com");
    assertEquals(1, fresh.failures(), "a new window counts from one");
    assertEquals(clock.instant(), fresh.windowStart());
    assertEquals(Duration.ZERO, fresh.blockedFor());
  }

  @Test
  void oneAddressGuessingManyAccountsIsLimitedToo() {
    for (int i = 0; i < 20; i++) {
      throttle.reserve("user" + i + "@example.com", "192.0.2.50");
    }
    assertThrows(
        RateLimitedException.class, () -> throttle.reserve("new@example.com", "192.0.2.50"));
    assertEquals(20, throttle.state("ip", "192.0.2.50").failures());
    throttle.reserve("new@example.com", "192.0.2.51"); // another address is not blocked
  }

  @Test
  void aRightPasswordGivesTheAttemptBack() {
    throttle.reserve("ana@example.com", "198.51.100.7");
    throttle.reserve("ana@example.com", "198.51.100.7").succeeded().await();

    assertEquals(0, throttle.state("email", "ana@example.com").failures(), "account forgiven");
    assertEquals(1, throttle.state("ip", "198.51.100.7").failures(), "the address keeps one");
  }

  @Test
  void anOperatorClearsACounterAndRequestsWithoutAnAddressShareOne() {
    for (int i = 0; i < 5; i++) {
      throttle.reserve("ana@example.com", null);
    }
    assertEquals(5, throttle.state("ip", "unknown").failures());
    throttle.clear("email", "ana@example.com");

    LoginThrottle.State cleared = throttle.state("email", "ana@example.com");
    assertEquals(0, cleared.failures());
    assertNull(cleared.windowStart());
    assertEquals(Duration.ZERO, cleared.blockedFor());
    throttle.reserve("ana@example.com", null);
  }
}
