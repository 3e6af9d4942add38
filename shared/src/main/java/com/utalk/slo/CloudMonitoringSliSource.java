package com.utalk.slo;

import com.google.api.Distribution;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.ProjectName;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SLI counts from Cloud Monitoring, where every instance exports the same series (as {@code
 * workload.googleapis.com/<name>}, attribute dots as underscores): each window is one ALIGN_DELTA +
 * REDUCE_SUM query grouped by the labels the SLI needs. Tested against a local stand-in of the
 * Monitoring API (there is no emulator) that checks each query it receives.
 */
public final class CloudMonitoringSliSource implements SliSource, AutoCloseable {
  private static final String PREFIX = "workload.googleapis.com/";

  private final MetricServiceClient client;
  private final String projectId;
  private final Clock clock;

  public CloudMonitoringSliSource(String projectId, Clock clock) {
    this(defaultClient(), projectId, clock);
  }

  /** On a client of one's own (another endpoint or credentials); closed with this source. */
  public CloudMonitoringSliSource(MetricServiceClient client, String projectId, Clock clock) {
    this.client = client;
    this.projectId = projectId;
    this.clock = clock;
  }

  private static MetricServiceClient defaultClient() {
    try {
      return MetricServiceClient.create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public SliCounts counts(Slo slo, Duration window) {
    SliQuery query = slo.sli();
    if (query instanceof SliQuery.Ratio ratio) {
      double total = 0;
      double bad = 0;
      // a set: the bad and the excluded label may be the same one (a group-by field once)
      Set<String> groupBy = new LinkedHashSet<>(List.of(ratio.badLabel(), "http_route"));
      if (ratio.excludeLabel() != null) {
        groupBy.add(ratio.excludeLabel());
      }
      for (TimeSeries series : series(PREFIX + ratio.metric(), window, groupBy)) {
        Map<String, String> labels = series.getMetric().getLabelsMap();
        if (!routeMatches(labels, ratio.routePrefix())
            || (ratio.excludeLabel() != null
                && ratio.excludeValue().equals(labels.get(ratio.excludeLabel())))) {
          continue;
        }
        double value = sum(series);
        total += value;
        if (ratio.badValue().equals(labels.get(ratio.badLabel()))) {
          bad += value;
        }
      }
      return new SliCounts(total - bad, total);
    }
    if (query instanceof SliQuery.Latency latency) {
      double total = 0;
      double good = 0;
      for (TimeSeries series :
          series(PREFIX + latency.histogram(), window, List.of("http_route"))) {
        if (!routeMatches(series.getMetric().getLabelsMap(), latency.routePrefix())) {
          continue;
        }
        for (Point point : series.getPointsList()) {
          Distribution distribution = point.getValue().getDistributionValue();
          total += distribution.getCount();
          List<Double> bounds =
              distribution.getBucketOptions().getExplicitBuckets().getBoundsList();
          // Bucket 0 is below bounds[0], bucket i is [bounds[i-1], bounds[i]): under the threshold
          // bounds[k] are buckets 0..k (the threshold is a bucket edge, see
          // MetricNames.LATENCY_BUCKETS).
          for (int i = 0;
              i < distribution.getBucketCountsCount()
                  && i < bounds.size()
                  && bounds.get(i) <= latency.thresholdSeconds() + 1e-12;
              i++) {
            good += distribution.getBucketCounts(i);
          }
        }
      }
      return new SliCounts(good, total);
    }
    if (query instanceof SliQuery.Outcomes outcomes) {
      List<String> groupBy = new ArrayList<>(List.of(SliQuery.Outcomes.OUTCOME_LABEL));
      if (outcomes.label() != null) {
        groupBy.add(outcomes.label());
      }
      double total = 0;
      double bad = 0;
      for (TimeSeries series : series(PREFIX + outcomes.counter(), window, groupBy)) {
        Map<String, String> labels = series.getMetric().getLabelsMap();
        if (outcomes.label() != null && !outcomes.value().equals(labels.get(outcomes.label()))) {
          continue;
        }
        double count = sum(series);
        total += count;
        if (SliQuery.Outcomes.ERROR.equals(labels.get(SliQuery.Outcomes.OUTCOME_LABEL))) {
          bad += count;
        }
      }
      return new SliCounts(total - bad, total);
    }
    if (query instanceof SliQuery.GoogleMetric google) {
      double total = 0;
      double bad = 0;
      for (TimeSeries series : series(google.metricType(), window, List.of(google.label()))) {
        double value = sum(series);
        total += value;
        if (google.badValues().contains(series.getMetric().getLabelsMap().get(google.label()))) {
          bad += value;
        }
      }
      return new SliCounts(total - bad, total);
    }
    SliQuery.Errors errors = (SliQuery.Errors) query;
    double total =
        series(PREFIX + errors.totalMetric(), window, List.of()).stream()
            .mapToDouble(CloudMonitoringSliSource::sum)
            .sum();
    double bad =
        series(PREFIX + errors.errorMetric(), window, List.of()).stream()
            .mapToDouble(CloudMonitoringSliSource::sum)
            .sum();
    return new SliCounts(total - bad, total);
  }

  /** {@code metricType}: the full type, {@code workload.googleapis.com/<name>} for ours. */
  private List<TimeSeries> series(
      String metricType, Duration window, java.util.Collection<String> groupBy) {
    Instant end = clock.instant();
    Aggregation.Builder aggregation =
        Aggregation.newBuilder()
            .setAlignmentPeriod(
                com.google.protobuf.Duration.newBuilder().setSeconds(window.toSeconds()))
            .setPerSeriesAligner(Aggregation.Aligner.ALIGN_DELTA)
            .setCrossSeriesReducer(Aggregation.Reducer.REDUCE_SUM);
    groupBy.forEach(label -> aggregation.addGroupByFields("metric.label." + label));
    ListTimeSeriesRequest request =
        ListTimeSeriesRequest.newBuilder()
            .setName(ProjectName.of(projectId).toString())
            .setFilter("metric.type=\"" + metricType + "\"")
            .setInterval(
                TimeInterval.newBuilder()
                    .setStartTime(timestamp(end.minus(window)))
                    .setEndTime(timestamp(end)))
            .setAggregation(aggregation)
            .setView(ListTimeSeriesRequest.TimeSeriesView.FULL)
            .build();
    List<TimeSeries> all = new ArrayList<>();
    client.listTimeSeries(request).iterateAll().forEach(all::add);
    return all;
  }

  private static double sum(TimeSeries series) {
    double total = 0;
    for (Point point : series.getPointsList()) {
      total +=
          point.getValue().hasInt64Value()
              ? point.getValue().getInt64Value()
              : point.getValue().getDoubleValue();
    }
    return total;
  }

  private static boolean routeMatches(Map<String, String> labels, String prefix) {
    if (prefix == null) {
      return true;
    }
    String route = labels.get("http_route");
    return route != null && (route.equals(prefix) || route.startsWith(prefix + "/"));
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  @Override
  public void close() {
    client.close();
  }
}
