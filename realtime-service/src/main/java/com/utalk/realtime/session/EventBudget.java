package com.utalk.realtime.session;

import java.time.Duration;

/**
 * A token bucket of client events for one socket: {@code burst} events at once, refilled at {@code
 * perSecond}. One socket cannot relay a flood of typing indicators to other agents, nor queue a
 * flood of Firestore work. Thread-safe; time is passed in (nanoTime) so it is testable.
 */
public final class EventBudget {
  /**
   * The budget every socket starts with ({@code REALTIME_SOCKET_EVENTS_PER_SECOND}, {@code
   * REALTIME_SOCKET_EVENT_BURST}).
   */
  public record Policy(double perSecond, int burst) {
    public Policy {
      if (perSecond <= 0 || burst < 1) {
        throw new IllegalArgumentException(
            "a socket event budget needs a positive rate and a burst of at least 1");
      }
    }

    public EventBudget newBudget() {
      return new EventBudget(perSecond, burst, System.nanoTime());
    }
  }

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long refilledAt;

  EventBudget(double perSecond, int burst, long nowNanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** Takes one event from the budget; false when the socket is over its rate. */
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until one more event is allowed. */
  public synchronized Duration retryAfter(long nowNanos) {
    refill(nowNanos);
    double missing = Math.max(0, 1 - tokens);
    return Duration.ofNanos((long) Math.ceil(missing / perSecond * 1e9));
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - refilledAt);
    tokens = Math.min(burst, tokens + elapsed / 1e9 * perSecond);
    refilledAt = nowNanos;
  }
}
