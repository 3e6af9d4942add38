package com.utalk.functions.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Real time plus an offset a test can push forward (15 minutes, 7 days) without waiting. */
public final class TestClock extends Clock {
  /**
   * The clock of {@link ClockedApiFunction}; tests run one at a time, so one instance is enough.
   */
  public static final TestClock SHARED = new TestClock();

  private volatile Duration offset = Duration.ZERO;

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
