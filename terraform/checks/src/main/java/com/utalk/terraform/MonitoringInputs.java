package com.utalk.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import com.utalk.slo.SliQuery;
import com.utalk.slo.Slo;
import com.utalk.slo.SloEvaluator;
import com.utalk.slo.Slos;
import com.utalk.slo.ThresholdAlert;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * The monitoring module's inputs, generated from the code's one catalog ({@link Slos}): SLOs with
 * their Cloud Monitoring SLI filters, the burn-rate rules, and the threshold alerts. The module
 * reads the committed slos.generated.json; a test fails when it differs from this output.
 *
 * <p>Cloud Monitoring's SLO objects count good and bad events from INT64/DOUBLE counters or cut a
 * distribution by value: every SLO of the catalog is one of those, the dependency calls ({@link
 * SliQuery.Outcomes}) through their counters by outcome.
 */
public final class MonitoringInputs {
  /** OpenTelemetry metrics from Cloud Run and Cloud Functions land on this monitored resource. */
  static final String WORKLOAD_RESOURCE = "generic_task";

  static final String WORKLOAD_PREFIX = "workload.googleapis.com/";

  /** Placeholders the module replaces with its uptime checks' ids. */
  static final String HEALTH_CHECK_ID = "__UPTIME_CHECK_health__";

  static final String DATABASE_CHECK_ID = "__UPTIME_CHECK_database__";

  private MonitoringInputs() {}

  public static String json() {
    ObjectNode root = Json.object();
    root.put(
        "_generated",
        "from shared/src/main/java/com/utalk/slo/Slos.java by terraform/checks MonitoringInputs;"
            + " regenerate, do not edit (terraform/README.md)");
    root.put("period_days", Slos.PERIOD.toDays());
    ObjectNode services = root.putObject("services");
    ObjectNode requestSlos = root.putObject("request_slos");
    for (Slo slo : Slos.ALL) {
      services.put(slo.service(), "UTalk " + slo.service());
      requestSlos.set(slo.id(), requestBased(slo));
    }
    ArrayNode rules = root.putArray("burn_rate_rules");
    for (Slos.BurnRateRule rule : Slos.ALERT_RULES) {
      ObjectNode json = rules.addObject();
      json.put("name", rule.severity() + "-" + label(rule.longWindow()));
      json.put("severity", rule.severity());
      json.put("burn_rate", rule.burnRate());
      json.put("long_window", seconds(rule.longWindow()));
      json.put("short_window", seconds(rule.shortWindow()));
    }
    ObjectNode alerts = root.putObject("threshold_alerts");
    for (ThresholdAlert alert : Slos.THRESHOLD_ALERTS) {
      alerts.set(alert.id(), threshold(alert));
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode requestBased(Slo slo) {
    ObjectNode json = Json.object();
    json.put("service", slo.service());
    json.put("display_name", slo.description());
    json.put("goal", slo.objective());
    json.put("runbook", Slos.runbook(slo));
    SliQuery query = slo.sli();
    if (query instanceof SliQuery.Ratio ratio) {
      String total =
          workload(ratio.metric())
              + route(ratio.routePrefix())
              + (ratio.excludeLabel() == null
                  ? ""
                  : " metric.labels."
                      + ratio.excludeLabel()
                      + "!=\""
                      + ratio.excludeValue()
                      + "\"");
      json.put("kind", "ratio");
      json.put("total_filter", total);
      json.put(
          "bad_filter",
          total + " metric.labels." + ratio.badLabel() + "=\"" + ratio.badValue() + "\"");
    } else if (query instanceof SliQuery.Latency latency) {
      json.put("kind", "distribution");
      json.put("distribution_filter", workload(latency.histogram()) + route(latency.routePrefix()));
      json.put("range_max", latency.thresholdSeconds());
    } else if (query instanceof SliQuery.Outcomes outcomes) {
      String total =
          workload(outcomes.counter())
              + (outcomes.label() == null
                  ? ""
                  : " metric.labels." + outcomes.label() + "=\"" + outcomes.value() + "\"");
      json.put("kind", "ratio");
      json.put("total_filter", total);
      json.put(
          "bad_filter",
          total
              + " metric.labels."
              + SliQuery.Outcomes.OUTCOME_LABEL
              + "=\""
              + SliQuery.Outcomes.ERROR
              + "\"");
    } else if (query instanceof SliQuery.Errors errors) {
      json.put("kind", "ratio");
      json.put("total_filter", workload(errors.totalMetric()));
      json.put("bad_filter", workload(errors.errorMetric()));
    } else {
      SliQuery.GoogleMetric google = (SliQuery.GoogleMetric) query;
      String total =
          "metric.type=\""
              + google.metricType()
              + "\" resource.type=\""
              + google.resourceType()
              + "\"";
      json.put("kind", "ratio");
      json.put("total_filter", total);
      json.put(
          "bad_filter",
          total
              + " metric.labels."
              + google.label()
              + "=one_of("
              + String.join(",", google.badValues().stream().map(v -> "\"" + v + "\"").toList())
              + ")");
    }
    return json;
  }

  private static ObjectNode threshold(ThresholdAlert alert) {
    ObjectNode json = Json.object();
    json.put("display_name", alert.summary());
    json.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
    json.putPOJO("channels", alert.channels());
    json.put("runbook", alert.runbook());
    json.put("duration", seconds(alert.duration()));
    String requests = workload("http_requests_total") + route(Slos.API_ROUTES);
    switch (alert.signal()) {
      case API_LATENCY_P95 ->
          metric(
              json,
              workload("http_request_duration_seconds") + route(Slos.API_ROUTES),
              "ALIGN_DELTA",
              "REDUCE_PERCENTILE_95",
              "COMPARISON_GT",
              alert.threshold());
      case API_ERROR_RATE -> {
        metric(
            json,
            requests + " metric.labels.http_response_status_class=\"5xx\"",
            "ALIGN_RATE",
            "REDUCE_SUM",
            "COMPARISON_GT",
            alert.threshold());
        json.put("denominator_filter", requests);
      }
      case MEMORY_UTILIZATION ->
          metric(
              json,
              "metric.type=\"run.googleapis.com/container/memory/utilizations\" resource.type=\"cloud_run_revision\"",
              "ALIGN_PERCENTILE_99",
              "REDUCE_MAX",
              "COMPARISON_GT",
              alert.threshold());
      case HEALTH_CHECK_PASS_RATIO ->
          metric(
              json,
              uptime(HEALTH_CHECK_ID),
              "ALIGN_FRACTION_TRUE",
              "REDUCE_MEAN",
              "COMPARISON_LT",
              alert.threshold());
      // Failing: more than one checker region reports a failure, as Cloud Monitoring recommends.
      case HEALTH_CHECK_FAILING ->
          metric(
              json,
              uptime(HEALTH_CHECK_ID),
              "ALIGN_NEXT_OLDER",
              "REDUCE_COUNT_FALSE",
              "COMPARISON_GT",
              1);
      case DATABASE_CHECK_FAILING ->
          metric(
              json,
              uptime(DATABASE_CHECK_ID),
              "ALIGN_NEXT_OLDER",
              "REDUCE_COUNT_FALSE",
              "COMPARISON_GT",
              1);
    }
    return json;
  }

  private static void metric(
      ObjectNode json,
      String filter,
      String aligner,
      String reducer,
      String comparison,
      double threshold) {
    json.put("filter", filter);
    json.put("aligner", aligner);
    json.put("reducer", reducer);
    json.put("comparison", comparison);
    json.put("threshold", threshold);
  }

  private static String uptime(String checkId) {
    return "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" resource.type=\"uptime_url\" metric.labels.check_id=\""
        + checkId
        + "\"";
  }

  private static String workload(String metric) {
    return "metric.type=\""
        + WORKLOAD_PREFIX
        + metric
        + "\" resource.type=\""
        + WORKLOAD_RESOURCE
        + "\"";
  }

  private static String route(String prefix) {
    return prefix == null ? "" : " metric.labels.http_route=starts_with(\"" + prefix + "\")";
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }

  /** 5m, 1h, 3d: the notation PromQL and the rule names share. */
  private static String label(Duration window) {
    return SloEvaluator.label(window);
  }

  /** 0.0001 rather than 9.999999999998899E-5 (1 − 0.9999 in doubles). */
  private static String number(double value) {
    return BigDecimal.valueOf(value)
        .round(new MathContext(10))
        .stripTrailingZeros()
        .toPlainString();
  }
}
