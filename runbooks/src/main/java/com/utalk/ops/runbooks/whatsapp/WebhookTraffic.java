package com.utalk.ops.runbooks.whatsapp;

import com.utalk.ops.environment.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the webhook function's own log lines say about the last minutes: requests by status class,
 * refusals by error code ({@code invalid_signature}, {@code unknown_number}…), and the request IDs
 * of the latest failures (to look up in the logs, or to hand to Twilio support).
 */
record WebhookTraffic(
    int requests,
    Map<String, Integer> byStatusClass,
    Map<String, Integer> refusals,
    List<String> lastFailures) {
  static final String REQUEST_LINE = "http request";
  static final String REFUSED_LINE = "request refused";
  static final String FAILED_LINE = "request failed";
  private static final int FAILURES_SHOWN = 5;

  static WebhookTraffic of(List<LogEntry> entries) {
    // Twilio only POSTs: a GET is a probe (the stack's readiness check, a load balancer), not
    // traffic
    java.util.Set<String> probes = new java.util.HashSet<>();
    for (LogEntry entry : entries) {
      if (REQUEST_LINE.equals(entry.message())
          && !"POST".equals(entry.field("method"))
          && entry.requestId() != null) {
        probes.add(entry.requestId());
      }
    }
    int requests = 0;
    Map<String, Integer> classes = new TreeMap<>();
    Map<String, Integer> refusals = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (LogEntry entry : entries) {
      if (entry.requestId() != null && probes.contains(entry.requestId())) {
        continue;
      }
      switch (entry.message()) {
        case REQUEST_LINE -> {
          requests++;
          classes.merge(entry.status() / 100 + "xx", 1, Integer::sum);
          if (entry.status() >= 400 && entry.requestId() != null) {
            failures.add(entry.requestId() + " " + entry.status() + " at " + entry.time());
          }
        }
        case REFUSED_LINE, FAILED_LINE -> {
          String error = entry.field("error");
          refusals.merge(error == null ? "unknown" : error, 1, Integer::sum);
        }
        default -> {
          // other lines (stored, duplicates) are not traffic counts
        }
      }
    }
    return new WebhookTraffic(
        requests,
        classes,
        refusals,
        List.copyOf(
            failures.subList(Math.max(0, failures.size() - FAILURES_SHOWN), failures.size())));
  }

  int count(String statusClass) {
    return byStatusClass.getOrDefault(statusClass, 0);
  }

  int refused(String error) {
    return refusals.getOrDefault(error, 0);
  }
}
