package com.utalk.ops.release;

import com.utalk.metrics.MetricNames;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The post-release watch's questions as Cloud Monitoring time-series filters, one per target of the
 * checklist. The services export as OpenTelemetry's Cloud Monitoring exporter maps them ({@code
 * workload.googleapis.com/<name>} on {@code generic_task}, whose {@code job} label is the service
 * name, {@code K_SERVICE}) — the same resource the SLO filters of terraform/modules/monitoring use.
 * {@link CloudMonitoringSampler} sends them with their aggregations.
 */
final class CloudMonitoringQueries {
  static final String PREFIX = "workload.googleapis.com/";

  /** The status-class label requests are grouped by (ALIGN_DELTA, REDUCE_SUM). */
  static final String STATUS_CLASS = "metric.labels.http_response_status_class";

  private CloudMonitoringQueries() {}

  /** HTTP requests answered by the services, optionally only one status class ("5xx"). */
  static String requests(List<String> services, String statusClass) {
    return metric(MetricNames.HTTP_REQUESTS_TOTAL, services)
        + (statusClass == null ? "" : " AND " + STATUS_CLASS + " = \"" + statusClass + "\"");
  }

  /**
   * The request-duration distribution; aligned with ALIGN_DELTA and summed (REDUCE_SUM) into one
   * histogram.
   */
  static String latency(List<String> services) {
    return metric(MetricNames.HTTP_REQUEST_DURATION_SECONDS, services);
  }

  /**
   * Heap in use per instance; ALIGN_MIN over the step (the floor after collections), REDUCE_MAX
   * (the fullest instance).
   */
  static String heap(List<String> services) {
    return metric(MetricNames.JVM_HEAP_SIZE_USED_BYTES, services);
  }

  private static String metric(String name, List<String> services) {
    String job =
        services.size() == 1
            ? "\"" + services.get(0) + "\""
            : "one_of("
                + services.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "))
                + ")";
    return "metric.type = \""
        + PREFIX
        + name
        + "\" AND resource.type = \"generic_task\" AND resource.labels.job = "
        + job;
  }
}
