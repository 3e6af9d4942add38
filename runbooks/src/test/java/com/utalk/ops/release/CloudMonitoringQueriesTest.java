package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CloudMonitoringQueriesTest {
  @Test
  void theWatchsQuestionsAsMonitoringFilters() {
    assertEquals("metric.type = \"workload.googleapis.com/http_requests_total\" AND resource.labels.service_name = \"api\""
            + " AND resource.labels.revision_name = \"api-00042\" AND metric.labels.http_response_status_class = \"5xx\"",
        CloudMonitoringQueries.requests("api", "api-00042", "5xx"));
    assertEquals("metric.type = \"workload.googleapis.com/http_request_duration_seconds\" AND resource.labels.service_name = \"api\"",
        CloudMonitoringQueries.latency("api", null));
    assertEquals("metric.type = \"workload.googleapis.com/jvm_heap_size_used_bytes\" AND resource.labels.service_name = \"realtime\"",
        CloudMonitoringQueries.heap("realtime"));
  }
}
