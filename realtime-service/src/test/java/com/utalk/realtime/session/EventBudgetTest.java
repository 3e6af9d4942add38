package com.utalk.realtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstThenTheSteadyRate() {
    EventBudget budget = new EventBudget(2, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertTrue(budget.tryTake(0), "event " + i + " of the burst");
    }
    assertFalse(budget.tryTake(0), "over the burst");
    assertEquals(Duration.ofMillis(500), budget.retryAfter(0), "one event every 1/2 s");
    assertTrue(budget.tryTake(SECOND / 2));
    assertFalse(budget.tryTake(SECOND / 2));
    assertTrue(budget.tryTake(10 * SECOND));
    int afterIdle = 0;
    while (budget.tryTake(10 * SECOND)) {
      afterIdle++;
    }
    assertEquals(4, afterIdle, "idle time refills up to the burst, never beyond");
  }

  @Test
  void aThousandEventsInThreeSecondsGetThroughAtTheConfiguredRateOnly() {
    EventBudget budget = new EventBudget(10, 30, 0);
    int allowed = 0;
    for (int i = 0; i < 1000; i++) {
      if (budget.tryTake(i * 3L * SECOND / 1000)) {
        allowed++;
      }
    }
    assertTrue(
        allowed >= 59 && allowed <= 61, allowed + " allowed: the burst of 30 plus 10/s for 3 s");
  }
}
