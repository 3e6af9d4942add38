package com.utalk.slo;

/** Good and total events of an SLI over some span. */
public record SliCounts(double good, double total) {
  public static final SliCounts ZERO = new SliCounts(0, 0);

  public SliCounts minus(SliCounts earlier) {
    return new SliCounts(good - earlier.good, total - earlier.total);
  }

  public SliCounts plus(SliCounts other) {
    return new SliCounts(good + other.good, total + other.total);
  }

  public double bad() {
    return total - good;
  }

  /** good / total; null without events (an idle window neither meets nor misses the objective). */
  public Double ratio() {
    return total <= 0 ? null : good / total;
  }

  /**
   * How many times faster than allowed the budget burns: bad ratio / (1 − objective); 0 without
   * events.
   */
  public double burnRate(double objective) {
    return total <= 0 ? 0 : (bad() / total) / (1 - objective);
  }
}
