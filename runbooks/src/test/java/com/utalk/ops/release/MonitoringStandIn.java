package com.utalk.ops.release;

import com.google.api.Distribution;
import com.google.api.Metric;
import com.google.api.MetricDescriptor;
import com.google.api.MonitoredResource;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import com.google.monitoring.v3.Aggregation;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.MetricServiceGrpc;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in of the Cloud Monitoring API (the real {@code MetricService} gRPC service, served
 * on a localhost port; the real client reaches it over a plaintext channel). It checks every {@code
 * ListTimeSeries} it receives — the project, the filter (one of the watch's three), the aligner and
 * reducer that filter needs, an interval that starts where the previous one of the same filter
 * ended and an alignment period covering it — and refuses anything else with INVALID_ARGUMENT, as
 * the API does. It answers with the traffic of a release: {@code rps} requests a second, {@code
 * errorShare} of them 5xx, 90% under 50 ms and the rest under 100 ms.
 */
final class MonitoringStandIn extends MetricServiceGrpc.MetricServiceImplBase
    implements AutoCloseable {
  private final String project;
  private final List<String> services;
  private final Server server;
  private final ManagedChannel channel;
  volatile double rps = 100;
  volatile double errorShare;
  final List<ListTimeSeriesRequest> received = new CopyOnWriteArrayList<>();
  final List<String> refused = new CopyOnWriteArrayList<>();

  MonitoringStandIn(String project, List<String> services) throws IOException {
    this.project = project;
    this.services = List.copyOf(services);
    server = ServerBuilder.forPort(0).addService(this).build().start();
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  /** The real client, pointed at this stand-in. */
  MetricServiceClient client() throws IOException {
    return MetricServiceClient.create(
        MetricServiceSettings.newBuilder()
            .setTransportChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build());
  }

  @Override
  public void listTimeSeries(
      ListTimeSeriesRequest request, StreamObserver<ListTimeSeriesResponse> answer) {
    String problem = problem(request);
    if (problem != null) {
      refused.add(problem);
      answer.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
      return;
    }
    received.add(request);
    double seconds =
        (toMillis(request.getInterval().getEndTime())
                - toMillis(request.getInterval().getStartTime()))
            / 1000.0;
    long total = Math.round(rps * seconds);
    long failed = Math.round(total * errorShare);
    ListTimeSeriesResponse.Builder response = ListTimeSeriesResponse.newBuilder();
    if (request.getFilter().equals(CloudMonitoringQueries.requests(services, null))) {
      response.addTimeSeries(counter(request, "2xx", total - failed));
      response.addTimeSeries(counter(request, "5xx", failed));
    } else if (request.getFilter().equals(CloudMonitoringQueries.latency(services))) {
      long fast = Math.round(total * 0.9);
      Distribution distribution =
          Distribution.newBuilder()
              .setCount(total)
              .setBucketOptions(
                  Distribution.BucketOptions.newBuilder()
                      .setExplicitBuckets(
                          Distribution.BucketOptions.Explicit.newBuilder()
                              .addAllBounds(List.of(0.05, 0.1, 0.25, 0.5, 1.0))))
              .addAllBucketCounts(List.of(fast, total - fast))
              .build(); // under 50 ms, under 100 ms; trailing empty buckets omitted
      response.addTimeSeries(
          series(
              request,
              MetricDescriptor.ValueType.DISTRIBUTION,
              TypedValue.newBuilder().setDistributionValue(distribution)));
    } else {
      response.addTimeSeries(
          series(
              request,
              MetricDescriptor.ValueType.DOUBLE,
              TypedValue.newBuilder().setDoubleValue(48_000_000)));
    }
    answer.onNext(response.build());
    answer.onCompleted();
  }

  private String problem(ListTimeSeriesRequest request) {
    if (!request.getName().equals("projects/" + project)) {
      return "name must be projects/" + project + ", was " + request.getName();
    }
    Aggregation aggregation = request.getAggregation();
    String filter = request.getFilter();
    if (filter.equals(CloudMonitoringQueries.requests(services, null))) {
      if (aggregation.getPerSeriesAligner() != Aggregation.Aligner.ALIGN_DELTA
          || aggregation.getCrossSeriesReducer() != Aggregation.Reducer.REDUCE_SUM
          || !aggregation
              .getGroupByFieldsList()
              .equals(List.of(CloudMonitoringQueries.STATUS_CLASS))) {
        return "requests are counted with ALIGN_DELTA, REDUCE_SUM by status class: " + aggregation;
      }
    } else if (filter.equals(CloudMonitoringQueries.latency(services))) {
      if (aggregation.getPerSeriesAligner() != Aggregation.Aligner.ALIGN_DELTA
          || aggregation.getCrossSeriesReducer() != Aggregation.Reducer.REDUCE_SUM) {
        return "the latency distribution is summed with ALIGN_DELTA, REDUCE_SUM: " + aggregation;
      }
    } else if (filter.equals(CloudMonitoringQueries.heap(services))) {
      if (aggregation.getPerSeriesAligner() != Aggregation.Aligner.ALIGN_MIN
          || aggregation.getCrossSeriesReducer() != Aggregation.Reducer.REDUCE_MAX) {
        return "heap is read with ALIGN_MIN, REDUCE_MAX: " + aggregation;
      }
    } else {
      return "not a filter of the watch: " + filter;
    }
    long start = toMillis(request.getInterval().getStartTime());
    long end = toMillis(request.getInterval().getEndTime());
    if (end <= start || end > System.currentTimeMillis() + 1_000) {
      return "interval must end after it starts, and not in the future: " + request.getInterval();
    }
    if (aggregation.getAlignmentPeriod().getSeconds() * 1000 < end - start) {
      return "the alignment period "
          + aggregation.getAlignmentPeriod().getSeconds()
          + " s does not cover the interval of "
          + (end - start)
          + " ms";
    }
    ListTimeSeriesRequest previous = null;
    for (ListTimeSeriesRequest earlier : received) {
      if (earlier.getFilter().equals(filter)) {
        previous = earlier;
      }
    }
    if (previous != null
        && !previous.getInterval().getEndTime().equals(request.getInterval().getStartTime())) {
      return "the interval must start where the previous one ended ("
          + previous.getInterval().getEndTime()
          + "): "
          + request.getInterval();
    }
    return null;
  }

  private TimeSeries counter(ListTimeSeriesRequest request, String statusClass, long count) {
    TimeSeries.Builder series =
        series(
            request, MetricDescriptor.ValueType.INT64, TypedValue.newBuilder().setInt64Value(count))
            .toBuilder();
    series.setMetric(
        series.getMetric().toBuilder().putLabels("http_response_status_class", statusClass));
    return series.build();
  }

  private static TimeSeries series(
      ListTimeSeriesRequest request, MetricDescriptor.ValueType type, TypedValue.Builder value) {
    String metricType =
        request
            .getFilter()
            .substring(
                request.getFilter().indexOf('"') + 1,
                request.getFilter().indexOf('"', request.getFilter().indexOf('"') + 1));
    return TimeSeries.newBuilder()
        .setMetric(Metric.newBuilder().setType(metricType))
        .setResource(MonitoredResource.newBuilder().setType("generic_task"))
        .setMetricKind(MetricDescriptor.MetricKind.DELTA)
        .setValueType(type)
        .addPoints(Point.newBuilder().setInterval(request.getInterval()).setValue(value))
        .build();
  }

  private static long toMillis(com.google.protobuf.Timestamp timestamp) {
    return timestamp.getSeconds() * 1000 + timestamp.getNanos() / 1_000_000;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
