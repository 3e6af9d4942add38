package com.utalk.slo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.Collection;
import java.util.List;

/** Cumulative SLI counts read from this process's metric data (what /metrics shows). */
public final class MetricSli {
  private MetricSli() {}

  public static SliCounts cumulative(SliQuery query, Collection<MetricData> metrics) {
    if (query instanceof SliQuery.Ratio ratio) {
      double total = 0;
      double bad = 0;
      for (LongPointData point : longPoints(metrics, ratio.metric())) {
        if (!routeMatches(point, ratio.routePrefix())
            || (ratio.excludeLabel() != null
                && ratio.excludeValue().equals(label(point, ratio.excludeLabel())))) {
          continue;
        }
        total += point.getValue();
        if (ratio.badValue().equals(label(point, ratio.badLabel()))) {
          bad += point.getValue();
        }
      }
      return new SliCounts(total - bad, total);
    }
    if (query instanceof SliQuery.Latency latency) {
      double total = 0;
      double good = 0;
      for (HistogramPointData point : histogramPoints(metrics, latency.histogram())) {
        if (!routeMatches(point, latency.routePrefix())) {
          continue;
        }
        total += point.getCount();
        List<Double> bounds = point.getBoundaries();
        for (int i = 0;
            i < bounds.size() && bounds.get(i) <= latency.thresholdSeconds() + 1e-12;
            i++) {
          good += point.getCounts().get(i);
        }
      }
      return new SliCounts(good, total);
    }
    if (query instanceof SliQuery.Outcomes outcomes) {
      double total = 0;
      double bad = 0;
      for (LongPointData point : longPoints(metrics, outcomes.counter())) {
        if (outcomes.label() != null && !outcomes.value().equals(label(point, outcomes.label()))) {
          continue;
        }
        total += point.getValue();
        if (SliQuery.Outcomes.ERROR.equals(label(point, SliQuery.Outcomes.OUTCOME_LABEL))) {
          bad += point.getValue();
        }
      }
      return new SliCounts(total - bad, total);
    }
    if (query instanceof SliQuery.GoogleMetric) {
      return SliCounts.ZERO; // written by Google for its managed service, never by this process
    }
    SliQuery.Errors errors = (SliQuery.Errors) query;
    double total =
        longPoints(metrics, errors.totalMetric()).stream().mapToLong(LongPointData::getValue).sum();
    double bad =
        longPoints(metrics, errors.errorMetric()).stream().mapToLong(LongPointData::getValue).sum();
    return new SliCounts(total - bad, total);
  }

  private static List<LongPointData> longPoints(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> metric.getLongSumData().getPoints().stream())
        .toList();
  }

  private static List<HistogramPointData> histogramPoints(
      Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(metric -> metric.getName().equals(name))
        .flatMap(metric -> metric.getHistogramData().getPoints().stream())
        .toList();
  }

  private static boolean routeMatches(PointData point, String prefix) {
    if (prefix == null) {
      return true;
    }
    String route = point.getAttributes().get(AttributeKey.stringKey("http.route"));
    return route != null && (route.equals(prefix) || route.startsWith(prefix + "/"));
  }

  /** Labels are named as Prometheus shows them (dots as underscores); attributes use dots. */
  private static String label(PointData point, String promLabel) {
    Attributes attributes = point.getAttributes();
    String[] found = {null};
    attributes.forEach(
        (key, value) -> {
          if (key.getKey().replace('.', '_').equals(promLabel)) {
            found[0] = String.valueOf(value);
          }
        });
    return found[0];
  }
}
