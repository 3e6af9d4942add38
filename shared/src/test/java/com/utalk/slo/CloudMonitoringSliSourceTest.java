package com.utalk.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.Distribution;
import com.google.api.Metric;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.ApiException;
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
import com.utalk.metrics.MetricNames;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SLIs as Cloud Monitoring reports them: the real Monitoring client against a local stand-in of
 * its {@code MetricService} (a localhost gRPC server) that refuses, as the API does, any query that
 * is not for this project, not ALIGN_DELTA + REDUCE_SUM, or whose interval is not the window ending
 * now, and answers with the series each test gives it — the labels already grouped the way the
 * query asked, as Monitoring would.
 */
class CloudMonitoringSliSourceTest {
  private static final String PROJECT = "utalk-test";
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private final Map<String, List<TimeSeries>> seriesByType = new ConcurrentHashMap<>();
  private final List<ListTimeSeriesRequest> received = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;
  private CloudMonitoringSliSource source;

  @BeforeEach
  void standIn() throws IOException {
    server =
        ServerBuilder.forPort(0)
            .addService(
                new MetricServiceGrpc.MetricServiceImplBase() {
                  @Override
                  public void listTimeSeries(
                      ListTimeSeriesRequest request,
                      StreamObserver<ListTimeSeriesResponse> answer) {
                    String problem = problem(request);
                    if (problem != null) {
                      answer.onError(
                          Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
                      return;
                    }
                    received.add(request);
                    String type = request.getFilter().replaceAll("^metric\\.type=\"(.*)\"$", "$1");
                    answer.onNext(
                        ListTimeSeriesResponse.newBuilder()
                            .addAllTimeSeries(seriesByType.getOrDefault(type, List.of()))
                            .build());
                    answer.onCompleted();
                  }
                })
            .build()
            .start();
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    MetricServiceClient client =
        MetricServiceClient.create(
            MetricServiceSettings.newBuilder()
                .setTransportChannelProvider(
                    FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    source = new CloudMonitoringSliSource(client, PROJECT, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws InterruptedException {
    source.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static String problem(ListTimeSeriesRequest request) {
    if (!request.getName().equals("projects/" + PROJECT)) {
      return "name must be projects/" + PROJECT + ", was " + request.getName();
    }
    if (!request.getFilter().matches("^metric\\.type=\"[a-z.]+googleapis\\.com/[a-z_/]+\"$")) {
      return "not a metric type filter: " + request.getFilter();
    }
    Aggregation aggregation = request.getAggregation();
    if (aggregation.getPerSeriesAligner() != Aggregation.Aligner.ALIGN_DELTA
        || aggregation.getCrossSeriesReducer() != Aggregation.Reducer.REDUCE_SUM) {
      return "counts are read with ALIGN_DELTA and REDUCE_SUM: " + aggregation;
    }
    if (aggregation.getGroupByFieldsList().stream().distinct().count()
        != aggregation.getGroupByFieldsCount()) {
      return "a group-by field named twice: " + aggregation.getGroupByFieldsList();
    }
    long start = request.getInterval().getStartTime().getSeconds();
    long end = request.getInterval().getEndTime().getSeconds();
    if (end != NOW.getEpochSecond()
        || aggregation.getAlignmentPeriod().getSeconds() != end - start) {
      return "one alignment period over the window ending now: " + request.getInterval();
    }
    return null;
  }

  private static Slo slo(String id) {
    return Slos.ALL.stream().filter(slo -> slo.id().equals(id)).findFirst().orElseThrow();
  }

  private void answer(String type, TimeSeries... series) {
    seriesByType.put(type, List.of(series));
  }

  private static TimeSeries counter(double value, String... labels) {
    TimeSeries.Builder series =
        TimeSeries.newBuilder()
            .addPoints(Point.newBuilder().setValue(TypedValue.newBuilder().setDoubleValue(value)));
    return series.setMetric(metric(labels)).build();
  }

  private static TimeSeries intCounter(long value, String... labels) {
    return TimeSeries.newBuilder()
        .setMetric(metric(labels))
        .addPoints(Point.newBuilder().setValue(TypedValue.newBuilder().setInt64Value(value)))
        .build();
  }

  private static Metric metric(String... labels) {
    Metric.Builder metric = Metric.newBuilder();
    for (int i = 0; i < labels.length; i += 2) {
      metric.putLabels(labels[i], labels[i + 1]);
    }
    return metric.build();
  }

  /** Buckets of {@link MetricNames#LATENCY_BUCKETS}-style explicit bounds. */
  private static TimeSeries histogram(String route, List<Double> bounds, List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    Distribution distribution =
        Distribution.newBuilder()
            .setCount(total)
            .setBucketOptions(
                Distribution.BucketOptions.newBuilder()
                    .setExplicitBuckets(
                        Distribution.BucketOptions.Explicit.newBuilder().addAllBounds(bounds)))
            .addAllBucketCounts(counts)
            .build();
    Metric.Builder metric = Metric.newBuilder();
    if (route != null) {
      metric.putLabels("http_route", route);
    }
    return TimeSeries.newBuilder()
        .setMetric(metric)
        .addPoints(
            Point.newBuilder().setValue(TypedValue.newBuilder().setDistributionValue(distribution)))
        .build();
  }

  private List<String> groupBy() {
    return received.get(received.size() - 1).getAggregation().getGroupByFieldsList();
  }

  @Test
  void apiAvailabilityCountsOnlyApiRoutesAndFiveHundredsAsBad() {
    answer(
        "workload.googleapis.com/" + MetricNames.HTTP_REQUESTS_TOTAL,
        intCounter(990, "http_response_status_class", "2xx", "http_route", "/api/conversations"),
        intCounter(6, "http_response_status_class", "4xx", "http_route", "/api"),
        intCounter(4, "http_response_status_class", "5xx", "http_route", "/api/messages"),
        // not the REST API: a webhook's 5xx and a route that only shares the prefix's letters
        intCounter(50, "http_response_status_class", "5xx", "http_route", "/webhooks/twilio"),
        intCounter(50, "http_response_status_class", "5xx", "http_route", "/apiary"),
        intCounter(50, "http_response_status_class", "5xx"));

    SliCounts counts = source.counts(slo("api-availability"), HOUR);

    assertEquals(new SliCounts(996, 1000), counts);
    assertEquals(
        List.of("metric.label.http_response_status_class", "metric.label.http_route"), groupBy());
  }

  @Test
  void socketAvailabilityLeavesAuthRefusalsOutAndGroupsByTheSharedLabelOnce() {
    answer(
        "workload.googleapis.com/" + MetricNames.SOCKET_CONNECTIONS_TOTAL,
        counter(197, "outcome", "accepted"),
        counter(3, "outcome", "failed"),
        counter(40, "outcome", "rejected")); // a wrong token is the client's, not an outage

    assertEquals(new SliCounts(197, 200), source.counts(slo("ws-availability"), HOUR));
    assertEquals(List.of("metric.label.outcome", "metric.label.http_route"), groupBy());
  }

  @Test
  void latencyIsTheShareOfObservationsInTheBucketsUpToTheThreshold() {
    List<Double> bounds = List.of(0.05, 0.1, 0.25, 0.4, 0.5, 1.0);
    answer(
        "workload.googleapis.com/" + MetricNames.HTTP_REQUEST_DURATION_SECONDS,
        // ≤ 50 ms, ≤ 100, ≤ 250, ≤ 400 (the threshold), ≤ 500, ≤ 1 s, above
        histogram("/api/conversations", bounds, List.of(500L, 300L, 100L, 50L, 30L, 15L, 5L)),
        histogram("/webhooks/twilio", bounds, List.of(0L, 0L, 0L, 0L, 0L, 0L, 900L)));

    SliCounts counts = source.counts(slo("api-latency"), HOUR);

    assertEquals(new SliCounts(950, 1000), counts);
    assertEquals(List.of("metric.label.http_route"), groupBy());
  }

  @Test
  void latencyOfAHistogramWhoseTrailingEmptyBucketsAreOmitted() {
    // Monitoring drops trailing empty buckets: two counts for six bounds
    answer(
        "workload.googleapis.com/" + MetricNames.SOCKET_EVENT_DURATION_SECONDS,
        histogram(null, List.of(0.05, 0.1, 0.2, 0.5, 1.0, 2.0), List.of(90L, 10L)));

    assertEquals(new SliCounts(100, 100), source.counts(slo("ws-latency"), HOUR));
  }

  @Test
  void socketErrorRateIsTheErrorCounterOverTheEventCounter() {
    answer(
        "workload.googleapis.com/" + MetricNames.SOCKET_EVENTS_TOTAL,
        counter(600, "event", "message:send"),
        counter(400, "event", "conversation:join"));
    answer("workload.googleapis.com/" + MetricNames.SOCKET_ERRORS_TOTAL, counter(25));

    assertEquals(new SliCounts(975, 1000), source.counts(slo("ws-error-rate"), HOUR));
    assertEquals(List.of(), groupBy());
  }

  @Test
  void dependencyAvailabilityCountsOnlyThatPeersCallsAndTheirErrors() {
    answer(
        "workload.googleapis.com/" + MetricNames.EXTERNAL_REQUESTS_TOTAL,
        intCounter(97, "outcome", "ok", "peer_service", "twilio"),
        intCounter(3, "outcome", "error", "peer_service", "twilio"),
        intCounter(500, "outcome", "error", "peer_service", "openai"));

    assertEquals(new SliCounts(97, 100), source.counts(slo("twilio-availability"), HOUR));
    assertEquals(List.of("metric.label.outcome", "metric.label.peer_service"), groupBy());
    assertEquals(new SliCounts(0, 500), source.counts(slo("openai-availability"), HOUR));
  }

  @Test
  void databaseAvailabilityCountsEveryOperation() {
    answer(
        "workload.googleapis.com/" + MetricNames.DB_OPERATIONS_TOTAL,
        intCounter(9_999, "outcome", "ok"),
        intCounter(1, "outcome", "error"));

    assertEquals(new SliCounts(9_999, 10_000), source.counts(slo("db-availability"), HOUR));
    assertEquals(List.of("metric.label.outcome"), groupBy());
  }

  @Test
  void firebaseAvailabilityReadsGooglesOwnRequestCountAndOnlyServerErrorsAreBad() {
    answer(
        "firestore.googleapis.com/api/request_count",
        intCounter(9_000, "response_code", "OK"),
        intCounter(900, "response_code", "NOT_FOUND"), // the caller's, not Google's
        intCounter(60, "response_code", "UNAVAILABLE"),
        intCounter(40, "response_code", "DEADLINE_EXCEEDED"));

    assertEquals(new SliCounts(9_900, 10_000), source.counts(slo("firebase-availability"), HOUR));
    assertEquals(List.of("metric.label.response_code"), groupBy());
  }

  @Test
  void anIdleWindowHasNoEventsRatherThanAPerfectScore() {
    SliCounts counts = source.counts(slo("api-availability"), Duration.ofDays(30));
    assertEquals(SliCounts.ZERO, counts);
    assertEquals(null, counts.ratio());
  }

  @Test
  void aRefusedQueryIsTheApisErrorNotAnEmptyAnswer() throws Exception {
    source.close();
    source =
        new CloudMonitoringSliSource(
            MetricServiceClient.create(
                MetricServiceSettings.newBuilder()
                    .setTransportChannelProvider(
                        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build()),
            "another-project",
            Clock.fixed(NOW, ZoneOffset.UTC));
    ApiException refused =
        assertThrows(ApiException.class, () -> source.counts(slo("api-availability"), HOUR));
    assertTrue(
        refused.getMessage().contains("name must be projects/utalk-test"), refused.getMessage());
  }

  @Test
  void everySloOfTheCatalogIsAQueryTheApiAccepts() {
    List<String> refused = new ArrayList<>();
    for (Slo slo : Slos.ALL) {
      for (Duration window : Slos.REPORT_WINDOWS) {
        try {
          source.counts(slo, window);
        } catch (ApiException e) {
          refused.add(slo.id() + " over " + window + ": " + e.getMessage());
        }
      }
    }
    assertEquals(List.of(), refused);
  }
}
