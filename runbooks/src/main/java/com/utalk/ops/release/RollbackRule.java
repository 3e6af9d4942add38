package com.utalk.ops.release;

import java.time.Duration;
import java.time.Instant;

/**
 * The operations document's rule: roll back when the error rate stays above 5% for 2 minutes. Fed
 * one interval at a time; it fires once the rate has been above the threshold in every interval for
 * {@code sustained} (an interval at or under it starts the count again).
 */
final class RollbackRule {
  static final double THRESHOLD = 0.05;
  static final Duration SUSTAINED = Duration.ofMinutes(2);

  private final double threshold;
  private final Duration sustained;
  private Instant badSince;

  RollbackRule(double threshold, Duration sustained) {
    this.threshold = threshold;
    this.sustained = sustained;
  }

  /**
   * @param intervalStart when the interval began; @param now when it ended
   */
  boolean fires(Instant intervalStart, Instant now, double errorRate) {
    if (errorRate <= threshold) {
      badSince = null;
      return false;
    }
    if (badSince == null) {
      badSince = intervalStart;
    }
    return !Duration.between(badSince, now).minus(sustained).isNegative();
  }

  Instant badSince() {
    return badSince;
  }
}
