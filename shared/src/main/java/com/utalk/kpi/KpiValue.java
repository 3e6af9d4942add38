package com.utalk.kpi;

import java.util.LinkedHashMap;
import java.util.Map;

/** One KPI over one period: its value, the two sums it came from, the target and the verdict. */
public record KpiValue(
    Kpi kpi, double value, long numerator, long denominator, double target, KpiStatus status) {
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("value", value);
    map.put("numerator", numerator);
    map.put("denominator", denominator);
    map.put("target", target);
    map.put("comparison", kpi.comparison() == Kpi.Comparison.BELOW ? "<" : ">");
    map.put("unit", kpi.unit());
    map.put("status", status.wire());
    return map;
  }
}
