package com.utalk.ops.release;

import com.utalk.metrics.MetricNames;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the post-release watch needs from one {@code /metrics} scrape (Prometheus text, every
 * process merged by the gateway): HTTP requests in total and answered 5xx, the request-duration
 * histogram's cumulative buckets, and heap in use. Two scrapes subtract into one interval.
 */
record MetricsSample(
    double requests, double errors, TreeMap<Double, Double> buckets, double heapUsedBytes) {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  static MetricsSample parse(String text) {
    double requests = 0;
    double errors = 0;
    double heap = 0;
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.find()) {
        continue;
      }
      String name = m.group(1);
      String labels = m.group(2) == null ? "" : m.group(2);
      double value = parseValue(m.group(3));
      if (name.equals(MetricNames.HTTP_REQUESTS_TOTAL)) {
        requests += value;
        if (labels.contains("http_response_status_class=\"5xx\"")) {
          errors += value;
        }
      } else if (name.equals(MetricNames.HTTP_REQUEST_DURATION_SECONDS + "_bucket")) {
        Matcher le = LE.matcher(labels);
        if (le.find()) {
          buckets.merge(parseValue(le.group(1)), value, Double::sum);
        }
      } else if (name.equals(MetricNames.JVM_HEAP_SIZE_USED_BYTES)) {
        heap += value;
      }
    }
    return new MetricsSample(requests, errors, buckets, heap);
  }

  private static double parseValue(String text) {
    return text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
  }

  /**
   * This scrape minus an earlier one: the traffic of the interval between them (a restarted process
   * counts from zero).
   */
  Interval since(MetricsSample earlier) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    buckets.forEach(
        (le, count) -> delta.put(le, Math.max(0, count - earlier.buckets.getOrDefault(le, 0.0))));
    return new Interval(
        Math.max(0, requests - earlier.requests),
        Math.max(0, errors - earlier.errors),
        delta,
        heapUsedBytes);
  }

  /** One interval of the watch window. */
  record Interval(
      double requests, double errors, Map<Double, Double> buckets, double heapUsedBytes) {
    /** 5xx share (0 with no traffic: no traffic is not an outage of this release). */
    double errorRate() {
      return requests == 0 ? 0 : errors / requests;
    }

    /**
     * The 95th percentile in seconds, interpolated linearly inside the bucket that holds it (as
     * Prometheus' histogram_quantile does); null without traffic, +Inf when it lies past the last
     * bound.
     */
    Double p95Seconds() {
      double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, requests);
      if (total == 0) {
        return null;
      }
      double rank = 0.95 * total;
      double lowerBound = 0;
      double belowCount = 0;
      for (Map.Entry<Double, Double> bucket : new TreeMap<>(buckets).entrySet()) {
        if (bucket.getValue() >= rank) {
          if (bucket.getKey().isInfinite()) {
            return Double.POSITIVE_INFINITY;
          }
          double inBucket = bucket.getValue() - belowCount;
          return inBucket <= 0
              ? bucket.getKey()
              : lowerBound + (bucket.getKey() - lowerBound) * (rank - belowCount) / inBucket;
        }
        lowerBound = bucket.getKey();
        belowCount = bucket.getValue();
      }
      return Double.POSITIVE_INFINITY;
    }
  }
}
