package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloudMonitoringQueriesTest {
  @Test
  void theWatchsQuestionsAsMonitoringFilters() {
    assertEquals(
        "metric.type = \"workload.googleapis.com/http_requests_total\" AND resource.type = \"generic_task\""
            + " AND resource.labels.job = \"api\" AND metric.labels.http_response_status_class = \"5xx\"",
        CloudMonitoringQueries.requests(List.of("api"), "5xx"));
    assertEquals(
        "metric.type = \"workload.googleapis.com/http_request_duration_seconds\" AND resource.type = \"generic_task\""
            + " AND resource.labels.job = one_of(\"api\", \"whatsapp-inbound-webhook\")",
        CloudMonitoringQueries.latency(List.of("api", "whatsapp-inbound-webhook")));
    assertEquals(
        "metric.type = \"workload.googleapis.com/jvm_heap_size_used_bytes\" AND resource.type = \"generic_task\""
            + " AND resource.labels.job = \"realtime-service\"",
        CloudMonitoringQueries.heap(List.of("realtime-service")));
  }
}
