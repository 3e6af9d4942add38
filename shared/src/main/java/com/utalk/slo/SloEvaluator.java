package com.utalk.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes every SLO's status from an {@link SliSource}: pure arithmetic on counts. */
public final class SloEvaluator {
  private final SliSource source;

  public SloEvaluator(SliSource source) {
    this.source = source;
  }

  public List<SloStatus> evaluateAll() {
    return Slos.ALL.stream().map(this::evaluate).toList();
  }

  public SloStatus evaluate(Slo slo) {
    Map<String, SloStatus.Window> windows = new LinkedHashMap<>();
    for (Duration window : Slos.REPORT_WINDOWS) {
      SliCounts counts = source.counts(slo, window);
      windows.put(
          label(window), new SloStatus.Window(counts.ratio(), counts.good(), counts.total()));
    }
    SliCounts period = source.counts(slo, Slos.PERIOD);
    // Remaining = 1 − (bad share of the period / allowed bad share); below 0 once overspent.
    double remaining =
        period.total() <= 0 ? 1 : 1 - (period.bad() / period.total()) / slo.errorBudget();

    Set<Duration> burnWindows = new LinkedHashSet<>();
    Slos.ALERT_RULES.forEach(
        rule -> {
          burnWindows.add(rule.shortWindow());
          burnWindows.add(rule.longWindow());
        });
    Map<String, Double> burnRates = new LinkedHashMap<>();
    Map<Duration, Double> byWindow = new LinkedHashMap<>();
    burnWindows.stream()
        .sorted()
        .forEach(
            window -> {
              double rate = source.counts(slo, window).burnRate(slo.objective());
              byWindow.put(window, rate);
              burnRates.put(label(window), rate);
            });
    List<Slos.BurnRateRule> firing = new ArrayList<>();
    for (Slos.BurnRateRule rule : Slos.ALERT_RULES) {
      if (byWindow.get(rule.longWindow()) > rule.burnRate()
          && byWindow.get(rule.shortWindow()) > rule.burnRate()) {
        firing.add(rule);
      }
    }
    String alert =
        firing.stream().anyMatch(r -> r.severity().equals("page"))
            ? "page"
            : firing.isEmpty() ? "none" : "ticket";
    return new SloStatus(slo, windows, remaining, burnRates, alert, firing);
  }

  /** 5m, 30m, 1h, 6h, 3d, 30d. */
  public static String label(Duration window) {
    if (window.toDaysPart() > 0 && window.toHoursPart() == 0 && window.toMinutesPart() == 0) {
      return window.toDays() + "d";
    }
    if (window.toMinutes() % 60 == 0) {
      return window.toHours() + "h";
    }
    return window.toMinutes() + "m";
  }
}
