package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders OpenTelemetry metric data in the Prometheus text exposition format (version 0.0.4):
 * counters as {@code counter} (name ending in {@code _total}), up-down counters and gauges as
 * {@code gauge}, histograms as {@code _bucket{le=...}}, {@code _sum} and {@code _count}.
 * Attribute keys become labels with dots as underscores.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String render(Collection<MetricData> metrics) {
    StringBuilder out = new StringBuilder();
    Map<String, List<MetricData>> families = new TreeMap<>();
    Resource resource = null;
    for (MetricData metric : metrics) {
      families.computeIfAbsent(familyName(metric), name -> new ArrayList<>()).add(metric);
      resource = resource == null ? metric.getResource() : resource;
    }
    if (resource != null) {
      out.append("# TYPE target_info gauge\n").append("target_info").append(labels(resource.getAttributes(), null, null)).append(" 1\n");
    }
    for (Map.Entry<String, List<MetricData>> family : families.entrySet()) {
      MetricData first = family.getValue().get(0);
      String name = family.getKey();
      if (!first.getDescription().isEmpty()) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(first.getDescription())).append('\n');
      }
      out.append("# TYPE ").append(name).append(' ').append(type(first)).append('\n');
      for (MetricData metric : family.getValue()) {
        writePoints(out, name, metric);
      }
    }
    return out.toString();
  }

  private static void writePoints(StringBuilder out, String name, MetricData metric) {
    switch (metric.getType()) {
      case LONG_SUM, LONG_GAUGE -> sorted(metric.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.LONG_SUM
          ? metric.getLongSumData().getPoints() : metric.getLongGaugeData().getPoints())
          .forEach(p -> out.append(name).append(labels(p.getAttributes(), null, null)).append(' ')
              .append(((LongPointData) p).getValue()).append('\n'));
      case DOUBLE_SUM, DOUBLE_GAUGE -> sorted(metric.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.DOUBLE_SUM
          ? metric.getDoubleSumData().getPoints() : metric.getDoubleGaugeData().getPoints())
          .forEach(p -> out.append(name).append(labels(p.getAttributes(), null, null)).append(' ')
              .append(number(((DoublePointData) p).getValue())).append('\n'));
      case HISTOGRAM -> sorted(metric.getHistogramData().getPoints()).forEach(p -> {
        HistogramPointData point = (HistogramPointData) p;
        long cumulative = 0;
        List<Double> bounds = point.getBoundaries();
        List<Long> counts = point.getCounts();
        for (int i = 0; i < counts.size(); i++) {
          cumulative += counts.get(i);
          String le = i < bounds.size() ? number(bounds.get(i)) : "+Inf";
          out.append(name).append("_bucket").append(labels(point.getAttributes(), "le", le)).append(' ').append(cumulative).append('\n');
        }
        out.append(name).append("_sum").append(labels(point.getAttributes(), null, null)).append(' ').append(number(point.getSum())).append('\n');
        out.append(name).append("_count").append(labels(point.getAttributes(), null, null)).append(' ').append(point.getCount()).append('\n');
      });
      default -> { } // summaries and exponential histograms are not used here
    }
  }

  private static List<PointData> sorted(Collection<? extends PointData> points) {
    List<PointData> list = new ArrayList<>(points);
    list.sort(Comparator.comparing(p -> p.getAttributes().toString()));
    return list;
  }

  static String familyName(MetricData metric) {
    String name = sanitize(metric.getName());
    boolean counter = switch (metric.getType()) {
      case LONG_SUM -> metric.getLongSumData().isMonotonic();
      case DOUBLE_SUM -> metric.getDoubleSumData().isMonotonic();
      default -> false;
    };
    return counter && !name.endsWith("_total") ? name + "_total" : name;
  }

  private static String type(MetricData metric) {
    return switch (metric.getType()) {
      case LONG_SUM -> metric.getLongSumData().isMonotonic() ? "counter" : "gauge";
      case DOUBLE_SUM -> metric.getDoubleSumData().isMonotonic() ? "counter" : "gauge";
      case HISTOGRAM -> "histogram";
      default -> "gauge";
    };
  }

  private static String labels(Attributes attributes, String extraKey, String extraValue) {
    if (attributes.isEmpty() && extraKey == null) {
      return "";
    }
    StringBuilder labels = new StringBuilder("{");
    Map<String, Object> sorted = new TreeMap<>();
    attributes.forEach((key, value) -> sorted.put(sanitize(key.getKey()), value));
    sorted.forEach((key, value) -> labels.append(key).append("=\"").append(escapeValue(String.valueOf(value))).append("\","));
    if (extraKey != null) {
      labels.append(extraKey).append("=\"").append(extraValue).append("\",");
    }
    labels.setLength(labels.length() - 1);
    return labels.append('}').toString();
  }

  static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (i > 0 && c >= '0' && c <= '9');
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  private static String escapeValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
