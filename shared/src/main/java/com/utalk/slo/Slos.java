package com.utalk.slo;

import com.utalk.metrics.DependencyMetrics;
import com.utalk.metrics.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SLOs of the operations document ("SLOs por Servicio"), and the alerting rule of the Google
 * SRE workbook (multi-window, multi-burn-rate) — the one place these numbers live. The Terraform
 * alert policies must use these same objectives, burn rates and windows.
 */
public final class Slos {
  /** The SLO period: error budgets are over 30 days. */
  public static final Duration PERIOD = Duration.ofDays(30);

  /** Windows the SLI is reported over. */
  public static final List<Duration> REPORT_WINDOWS =
      List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3), PERIOD);

  public static final String API_ROUTES = "/api";

  /** How /metrics and Cloud Monitoring name {@code peer.service}. */
  public static final String PEER_SERVICE_LABEL = "peer_service";

  public static final List<Slo> ALL =
      List.of(
          new Slo(
              "api-availability",
              "api",
              "99.9% of REST requests do not fail with 5xx",
              0.999,
              new SliQuery.Ratio(
                  MetricNames.HTTP_REQUESTS_TOTAL,
                  "http_response_status_class",
                  "5xx",
                  null,
                  null,
                  API_ROUTES)),
          new Slo(
              "api-latency",
              "api",
              "95% of REST requests answer in under 400 ms",
              0.95,
              new SliQuery.Latency(MetricNames.HTTP_REQUEST_DURATION_SECONDS, 0.4, API_ROUTES)),
          new Slo(
              "api-error-rate",
              "api",
              "fewer than 1% of REST requests fail with 5xx",
              0.99,
              new SliQuery.Ratio(
                  MetricNames.HTTP_REQUESTS_TOTAL,
                  "http_response_status_class",
                  "5xx",
                  null,
                  null,
                  API_ROUTES)),
          new Slo(
              "ws-availability",
              "websocket",
              "99.9% of socket connection attempts succeed (auth refusals excluded)",
              0.999,
              new SliQuery.Ratio(
                  MetricNames.SOCKET_CONNECTIONS_TOTAL,
                  "outcome",
                  "failed",
                  "outcome",
                  "rejected",
                  null)),
          new Slo(
              "ws-latency",
              "websocket",
              "95% of socket events are handled in under 200 ms",
              0.95,
              new SliQuery.Latency(MetricNames.SOCKET_EVENT_DURATION_SECONDS, 0.2, null)),
          new Slo(
              "ws-error-rate",
              "websocket",
              "fewer than 2% of socket events fail",
              0.98,
              new SliQuery.Errors(
                  MetricNames.SOCKET_EVENTS_TOTAL, MetricNames.SOCKET_ERRORS_TOTAL)),
          // Database: every Firestore call as the code waited for it (FirestoreCalls). Availability
          // and error rate count the same failures against different targets, as the document does.
          new Slo(
              "db-availability",
              "database",
              "99.99% of database operations succeed",
              0.9999,
              new SliQuery.Outcomes(MetricNames.DB_OPERATIONS_TOTAL, null, null)),
          new Slo(
              "db-latency",
              "database",
              "95% of database operations answer in under 100 ms",
              0.95,
              new SliQuery.Latency(MetricNames.DB_OPERATION_DURATION_SECONDS, 0.1, null)),
          new Slo(
              "db-error-rate",
              "database",
              "fewer than 0.1% of database operations fail",
              0.999,
              new SliQuery.Outcomes(MetricNames.DB_OPERATIONS_TOTAL, null, null)),
          // External APIs: every call, by peer.service.
          new Slo(
              "twilio-availability",
              "twilio",
              "99% of Twilio API calls succeed",
              0.99,
              new SliQuery.Outcomes(
                  MetricNames.EXTERNAL_REQUESTS_TOTAL,
                  PEER_SERVICE_LABEL,
                  DependencyMetrics.TWILIO)),
          new Slo(
              "openai-availability",
              "openai",
              "99% of OpenAI API calls succeed",
              0.99,
              new SliQuery.Outcomes(
                  MetricNames.EXTERNAL_REQUESTS_TOTAL,
                  PEER_SERVICE_LABEL,
                  DependencyMetrics.OPENAI)),
          // Firebase (Firestore as Google serves it): Google's own request count, server-side
          // errors bad.
          new Slo(
              "firebase-availability",
              "firebase",
              "99.99% of Firestore API requests succeed as Google serves them",
              0.9999,
              new SliQuery.GoogleMetric(
                  "firestore.googleapis.com/api/request_count",
                  "firestore_instance",
                  "response_code",
                  List.of(
                      "UNAVAILABLE", "INTERNAL", "UNKNOWN", "DEADLINE_EXCEEDED", "DATA_LOSS"))));

  /**
   * The runbook (a file of runbooks/) an SLO's burn-rate alert links, by service; services without
   * a procedure of their own yet link the runbooks' index.
   */
  public static final Map<String, String> RUNBOOKS =
      Map.of("websocket", "eventos-rt-sin-acks.md", "twilio", "no-llegan-mensajes-de-whatsapp.md");

  public static String runbook(Slo slo) {
    return RUNBOOKS.getOrDefault(slo.service(), "README.md");
  }

  /** A burn-rate alert: fires when both windows burn faster than {@code burnRate}. */
  public record BurnRateRule(
      String severity, double burnRate, Duration longWindow, Duration shortWindow) {}

  /**
   * SRE workbook, 99.9%-style targets: 2% of the budget in 1 h or 5% in 6 h pages; 10% in 3 days
   * files a ticket.
   */
  public static final List<BurnRateRule> ALERT_RULES =
      List.of(
          new BurnRateRule("page", 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
          new BurnRateRule("page", 6, Duration.ofHours(6), Duration.ofMinutes(30)),
          new BurnRateRule("ticket", 1, Duration.ofDays(3), Duration.ofHours(6)));

  /**
   * The document's threshold alerts ("Alertas Automáticas" and "Configuración de Alertas"): fire
   * when {@code signal} crosses {@code threshold} for {@code duration}. Channels: slack
   * (#ops-alerts), pagerduty, sms. {@code runbook}: a file of runbooks/ (its README when no
   * procedure of its own exists yet).
   */
  public static final List<ThresholdAlert> THRESHOLD_ALERTS =
      List.of(
          new ThresholdAlert(
              "high-latency",
              "REST p95 latency above 400 ms for 5 minutes",
              ThresholdAlert.Severity.WARNING,
              ThresholdAlert.Signal.API_LATENCY_P95,
              0.4,
              Duration.ofMinutes(5),
              List.of("slack"),
              "README.md"),
          new ThresholdAlert(
              "high-error-rate",
              "more than 1% of REST requests fail with 5xx for 2 minutes",
              ThresholdAlert.Severity.CRITICAL,
              ThresholdAlert.Signal.API_ERROR_RATE,
              0.01,
              Duration.ofMinutes(2),
              List.of("slack", "pagerduty"),
              "README.md"),
          new ThresholdAlert(
              "low-availability",
              "the /health uptime check passes less than 99% for 1 minute",
              ThresholdAlert.Severity.CRITICAL,
              ThresholdAlert.Signal.HEALTH_CHECK_PASS_RATIO,
              0.99,
              Duration.ofMinutes(1),
              List.of("slack", "pagerduty", "sms"),
              "README.md"),
          new ThresholdAlert(
              "high-memory",
              "container memory above 85% for 10 minutes",
              ThresholdAlert.Severity.WARNING,
              ThresholdAlert.Signal.MEMORY_UTILIZATION,
              0.85,
              Duration.ofMinutes(10),
              List.of("slack"),
              "README.md"),
          new ThresholdAlert(
              "api-down",
              "the /health uptime check fails for 2 minutes",
              ThresholdAlert.Severity.CRITICAL,
              ThresholdAlert.Signal.HEALTH_CHECK_FAILING,
              0,
              Duration.ofMinutes(2),
              List.of("slack", "pagerduty", "sms"),
              "README.md"),
          new ThresholdAlert(
              "database-down",
              "the /health/database uptime check fails for 1 minute",
              ThresholdAlert.Severity.CRITICAL,
              ThresholdAlert.Signal.DATABASE_CHECK_FAILING,
              0,
              Duration.ofMinutes(1),
              List.of("slack", "pagerduty", "sms"),
              "README.md"),
          new ThresholdAlert(
              "very-high-error-rate",
              "more than 10% of REST requests fail with 5xx for 5 minutes",
              ThresholdAlert.Severity.CRITICAL,
              ThresholdAlert.Signal.API_ERROR_RATE,
              0.10,
              Duration.ofMinutes(5),
              List.of("slack", "pagerduty"),
              "README.md"),
          new ThresholdAlert(
              "sustained-high-latency",
              "REST p95 latency above 500 ms for 10 minutes",
              ThresholdAlert.Severity.WARNING,
              ThresholdAlert.Signal.API_LATENCY_P95,
              0.5,
              Duration.ofMinutes(10),
              List.of("slack"),
              "README.md"));

  private Slos() {}

  public static Slo byId(String id) {
    return ALL.stream()
        .filter(slo -> slo.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id));
  }
}
