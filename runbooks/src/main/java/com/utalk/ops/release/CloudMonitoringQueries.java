package com.utalk.ops.release;

import com.utalk.metrics.MetricNames;

/**
 * The post-release watch's questions as Cloud Monitoring time-series filters and aggregations
 * (the metrics are exported as {@code workload.googleapis.com/<name>}, MetricNames), one per
 * target of the checklist. Only the queries are here and unit-tested; the cloud watch loop is not
 * wired to a Monitoring client in this tool.
 */
final class CloudMonitoringQueries {
  static final String PREFIX = "workload.googleapis.com/";

  private CloudMonitoringQueries() {}

  /** HTTP requests of one service revision, optionally only one status class ("5xx"). */
  static String requests(String service, String revision, String statusClass) {
    return "metric.type = \"" + PREFIX + MetricNames.HTTP_REQUESTS_TOTAL + "\""
        + " AND resource.labels.service_name = \"" + service + "\""
        + (revision == null ? "" : " AND resource.labels.revision_name = \"" + revision + "\"")
        + (statusClass == null ? "" : " AND metric.labels.http_response_status_class = \"" + statusClass + "\"");
  }

  /** The request-duration distribution; aligned with ALIGN_DELTA and reduced with REDUCE_PERCENTILE_95. */
  static String latency(String service, String revision) {
    return "metric.type = \"" + PREFIX + MetricNames.HTTP_REQUEST_DURATION_SECONDS + "\""
        + " AND resource.labels.service_name = \"" + service + "\""
        + (revision == null ? "" : " AND resource.labels.revision_name = \"" + revision + "\"");
  }

  static String heap(String service) {
    return "metric.type = \"" + PREFIX + MetricNames.JVM_HEAP_SIZE_USED_BYTES + "\" AND resource.labels.service_name = \"" + service + "\"";
  }

  /** Error rate = requests(5xx) / requests(all), each aligned ALIGN_DELTA over the step and summed (REDUCE_SUM). */
  static String errorRateExplained(String service, String revision) {
    return "(" + requests(service, revision, "5xx") + ") / (" + requests(service, revision, null) + ")";
  }
}
