package com.utalk.maintenance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.MutableClock;
import com.utalk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A job whose process was killed holds its lease only until the lease runs out, and learns it lost
 * it if it wakes up.
 */
class JobLeaseTest {
  private static final Duration TTL = Duration.ofMinutes(30);

  @Test
  void aKilledHoldersLeaseBlocksUntilItExpiresThenTheNextRunTakesOver() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      MutableClock clock = new MutableClock(Instant.parse("2026-12-04T03:00:00Z"));
      JobLease leases = new JobLease(env.firestore(), clock);
      // the first run takes the lease and is killed: it never releases it
      JobLease.Held killed = leases.acquire("firestore-backup", TTL).orElseThrow();

      assertTrue(
          leases.acquire("firestore-backup", TTL).isEmpty(), "a live lease refuses a second run");
      clock.advance(TTL.minusSeconds(1));
      assertTrue(
          leases.acquire("firestore-backup", TTL).isEmpty(),
          "still live one second before it ends");
      clock.advance(Duration.ofSeconds(2));
      Optional<JobLease.Held> next = leases.acquire("firestore-backup", TTL);
      assertTrue(next.isPresent(), "the next run is not blocked past the lease");

      assertFalse(killed.extend(TTL), "a stalled holder that wakes up learns it lost the lease");
      killed.close(); // and releasing what is no longer its lease does not free the new holder's
      assertTrue(leases.acquire("firestore-backup", TTL).isEmpty());
      next.get().close();
      assertTrue(leases.acquire("firestore-backup", TTL).isPresent());
    }
  }
}
