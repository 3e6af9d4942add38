package com.utalk.slo;

/** A service level objective: the SLI must be at least {@code objective} over the 30-day period. */
public record Slo(String id, String service, String description, double objective, SliQuery sli) {
  /** The fraction of events allowed to be bad: 1 − objective. */
  public double errorBudget() {
    return 1 - objective;
  }
}
