package com.utalk.slo;

import java.util.List;
import java.util.Map;

/**
 * One SLO now: the SLI over each report window, the share of the 30-day error budget left, the burn
 * rate per window, and which alert the multi-window rule raises ({@code page}, {@code ticket} or
 * {@code none}) with the rules that fired.
 */
public record SloStatus(
    Slo slo,
    Map<String, Window> windows,
    double errorBudgetRemaining,
    Map<String, Double> burnRates,
    String alert,
    List<Slos.BurnRateRule> firing) {

  /** The SLI over one window: null when no event happened in it. */
  public record Window(Double sli, double good, double total) {}
}
