package com.utalk.slo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shape of {@code GET /api/slo}. */
public final class SloReport {
  private SloReport() {}

  public static Map<String, Object> toJson(
      Instant generatedAt, String source, List<SloStatus> statuses) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generatedAt", generatedAt.toString());
    json.put("source", source);
    json.put("slos", statuses.stream().map(SloReport::status).toList());
    json.put("alertRules", Slos.ALERT_RULES.stream().map(SloReport::rule).toList());
    return json;
  }

  private static Map<String, Object> status(SloStatus status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", status.slo().id());
    json.put("service", status.slo().service());
    json.put("description", status.slo().description());
    json.put("objective", status.slo().objective());
    Map<String, Object> windows = new LinkedHashMap<>();
    status
        .windows()
        .forEach(
            (label, window) -> {
              Map<String, Object> w = new LinkedHashMap<>();
              w.put("sli", window.sli());
              w.put("good", window.good());
              w.put("total", window.total());
              windows.put(label, w);
            });
    json.put("sli", windows);
    json.put("errorBudgetRemaining", status.errorBudgetRemaining());
    json.put("burnRate", status.burnRates());
    json.put("alert", status.alert());
    json.put("firing", status.firing().stream().map(SloReport::rule).toList());
    return json;
  }

  private static Map<String, Object> rule(Slos.BurnRateRule rule) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("severity", rule.severity());
    json.put("burnRate", rule.burnRate());
    json.put("longWindow", SloEvaluator.label(rule.longWindow()));
    json.put("shortWindow", SloEvaluator.label(rule.shortWindow()));
    return json;
  }
}
