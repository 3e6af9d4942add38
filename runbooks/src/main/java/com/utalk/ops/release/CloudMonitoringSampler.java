package com.utalk.ops.release;

import com.google.api.Distribution;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.ProjectName;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The cloud watch's "scrape": every call asks Cloud Monitoring for the interval since the last call
 * — requests by status class and the request-duration distribution aligned with ALIGN_DELTA and
 * summed over every instance (REDUCE_SUM), heap with ALIGN_MIN and REDUCE_MAX — and adds it to
 * running totals, so the watch subtracts two samples exactly as it does two {@code /metrics}
 * scrapes. Each interval is shifted back by {@code lag}: the services export every 15 s and
 * Monitoring takes a while to ingest, so the newest seconds are not complete yet. The API wants
 * alignment periods of at least 60 s ({@code minPeriod}), hence the cloud watch's step of 60 s.
 */
final class CloudMonitoringSampler implements Supplier<MetricsSample> {
  private final MetricServiceClient client;
  private final String projectId;
  private final List<String> services;
  private final Clock clock;
  private final Duration lag;
  private final Duration minPeriod;
  private Instant last;
  private double requests;
  private double errors;
  private final TreeMap<Double, Double> buckets = new TreeMap<>();

  CloudMonitoringSampler(
      MetricServiceClient client,
      String projectId,
      List<String> services,
      Clock clock,
      Duration lag,
      Duration minPeriod) {
    this.client = client;
    this.projectId = projectId;
    this.services = List.copyOf(services);
    this.clock = clock;
    this.lag = lag;
    this.minPeriod = minPeriod;
  }

  @Override
  public MetricsSample get() {
    Instant end = clock.instant().minus(lag);
    if (last == null) {
      last = end; // the watch starts counting here
      return new MetricsSample(0, 0, new TreeMap<>(), 0);
    }
    Instant start = last;
    Duration period =
        Duration.ofSeconds(
            Math.max(
                minPeriod.toSeconds(),
                (long) Math.ceil(Duration.between(start, end).toNanos() / 1e9)));
    TimeInterval interval =
        TimeInterval.newBuilder().setStartTime(timestamp(start)).setEndTime(timestamp(end)).build();
    for (TimeSeries series :
        list(
            CloudMonitoringQueries.requests(services, null),
            interval,
            aggregation(
                period,
                Aggregation.Aligner.ALIGN_DELTA,
                Aggregation.Reducer.REDUCE_SUM,
                CloudMonitoringQueries.STATUS_CLASS))) {
      double count =
          series.getPointsList().stream().mapToDouble(CloudMonitoringSampler::number).sum();
      requests += count;
      if ("5xx".equals(series.getMetric().getLabelsMap().get("http_response_status_class"))) {
        errors += count;
      }
    }
    for (TimeSeries series :
        list(
            CloudMonitoringQueries.latency(services),
            interval,
            aggregation(
                period, Aggregation.Aligner.ALIGN_DELTA, Aggregation.Reducer.REDUCE_SUM, null))) {
      for (Point point : series.getPointsList()) {
        addCumulative(point.getValue().getDistributionValue());
      }
    }
    double heap = 0;
    for (TimeSeries series :
        list(
            CloudMonitoringQueries.heap(services),
            interval,
            aggregation(
                period, Aggregation.Aligner.ALIGN_MIN, Aggregation.Reducer.REDUCE_MAX, null))) {
      heap =
          Math.max(
              heap,
              series.getPointsList().stream()
                  .mapToDouble(CloudMonitoringSampler::number)
                  .max()
                  .orElse(0));
    }
    last = end;
    return new MetricsSample(requests, errors, new TreeMap<>(buckets), heap);
  }

  private List<TimeSeries> list(String filter, TimeInterval interval, Aggregation aggregation) {
    ListTimeSeriesRequest request =
        ListTimeSeriesRequest.newBuilder()
            .setName(ProjectName.of(projectId).toString())
            .setFilter(filter)
            .setInterval(interval)
            .setAggregation(aggregation)
            .setView(ListTimeSeriesRequest.TimeSeriesView.FULL)
            .build();
    List<TimeSeries> all = new java.util.ArrayList<>();
    client.listTimeSeries(request).iterateAll().forEach(all::add);
    return all;
  }

  private static Aggregation aggregation(
      Duration period, Aggregation.Aligner aligner, Aggregation.Reducer reducer, String groupBy) {
    Aggregation.Builder builder =
        Aggregation.newBuilder()
            .setAlignmentPeriod(
                com.google.protobuf.Duration.newBuilder().setSeconds(period.toSeconds()))
            .setPerSeriesAligner(aligner)
            .setCrossSeriesReducer(reducer);
    if (groupBy != null) {
      builder.addGroupByFields(groupBy);
    }
    return builder.build();
  }

  /**
   * Explicit buckets: bucket 0 is below the first bound, bucket i below bound i, the last one above
   * every bound; added to the running cumulative "le" counts the watch interpolates in.
   */
  private void addCumulative(Distribution distribution) {
    List<Double> bounds = distribution.getBucketOptions().getExplicitBuckets().getBoundsList();
    double cumulative = 0;
    for (int i = 0; i <= bounds.size(); i++) {
      cumulative += i < distribution.getBucketCountsCount() ? distribution.getBucketCounts(i) : 0;
      buckets.merge(
          i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY, cumulative, Double::sum);
    }
  }

  private static double number(Point point) {
    return switch (point.getValue().getValueCase()) {
      case INT64_VALUE -> point.getValue().getInt64Value();
      case DOUBLE_VALUE -> point.getValue().getDoubleValue();
      default -> 0;
    };
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
