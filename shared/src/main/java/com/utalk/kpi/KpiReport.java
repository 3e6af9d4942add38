package com.utalk.kpi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KPI values per period over a range, plus the range as a whole (its counters summed). */
public record KpiReport(
    String workspaceId,
    Period period,
    Instant from,
    Instant to,
    List<Row> rows,
    Map<Kpi, KpiValue> overall) {
  /** One period: its key, bounds and the nine KPI values. */
  public record Row(String key, Instant start, Instant end, Map<Kpi, KpiValue> kpis) {}

  public static Map<Kpi, KpiValue> evaluate(Tally tally) {
    Map<Kpi, KpiValue> values = new LinkedHashMap<>();
    for (Kpi kpi : Kpi.values()) {
      values.put(kpi, kpi.evaluate(tally));
    }
    return values;
  }

  /** JSON shape of {@code GET /api/kpis}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workspaceId", workspaceId);
    json.put("period", period.wire());
    json.put("from", from.toString());
    json.put("to", to.toString());
    json.put(
        "periods",
        rows.stream()
            .map(
                row -> {
                  Map<String, Object> r = new LinkedHashMap<>();
                  r.put("key", row.key());
                  r.put("start", row.start().toString());
                  r.put("end", row.end().toString());
                  r.put("kpis", values(row.kpis()));
                  return r;
                })
            .toList());
    json.put("overall", values(overall));
    return json;
  }

  private static Map<String, Object> values(Map<Kpi, KpiValue> kpis) {
    Map<String, Object> map = new LinkedHashMap<>();
    kpis.forEach((kpi, value) -> map.put(kpi.id(), value.toMap()));
    return map;
  }

  /** CSV export: one line per period and KPI (long format, easy to pivot in a spreadsheet). */
  public String toCsv() {
    StringBuilder csv =
        new StringBuilder(
            "period,start,end,kpi,value,numerator,denominator,target,comparison,unit,status\n");
    for (Row row : rows) {
      for (KpiValue value : row.kpis().values()) {
        csv.append(row.key())
            .append(',')
            .append(row.start())
            .append(',')
            .append(row.end())
            .append(',')
            .append(value.kpi().id())
            .append(',')
            .append(value.value())
            .append(',')
            .append(value.numerator())
            .append(',')
            .append(value.denominator())
            .append(',')
            .append(value.target())
            .append(',')
            .append(value.kpi().comparison() == Kpi.Comparison.BELOW ? "<" : ">")
            .append(',')
            .append(value.kpi().unit())
            .append(',')
            .append(value.status().wire())
            .append('\n');
      }
    }
    return csv.toString();
  }
}
