package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollbackRuleTest {
  private static final Instant T0 = Instant.parse("2026-12-04T02:00:00Z");

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void firesOnlyWhenTheErrorRateStaysAboveFivePercentForTwoMinutes() {
    RollbackRule rule = new RollbackRule(RollbackRule.THRESHOLD, RollbackRule.SUSTAINED);
    assertFalse(rule.fires(at(0), at(15), 0.20));
    assertFalse(rule.fires(at(15), at(90), 0.20));
    assertFalse(rule.fires(at(90), at(119), 0.06));
    assertTrue(rule.fires(at(119), at(120), 0.06), "above 5% from 0 s to 120 s");
  }

  @Test
  void anIntervalAtOrUnderTheThresholdStartsTheCountAgain() {
    RollbackRule rule = new RollbackRule(0.05, Duration.ofMinutes(2));
    assertFalse(rule.fires(at(0), at(60), 0.5));
    assertFalse(rule.fires(at(60), at(75), 0.05), "exactly 5% is not above it");
    assertFalse(rule.fires(at(75), at(150), 0.5));
    assertFalse(rule.fires(at(150), at(194), 0.5));
    assertTrue(rule.fires(at(194), at(195), 0.5), "two minutes counted from 75 s");
  }

  @Test
  void oneBadMinuteIsNotARollback() {
    RollbackRule rule = new RollbackRule(0.05, Duration.ofMinutes(2));
    for (int s = 0; s < 60; s += 15) {
      assertFalse(rule.fires(at(s), at(s + 15), 0.9));
    }
    assertFalse(rule.fires(at(60), at(75), 0.0));
  }
}
