package com.utalk.slo;

import com.utalk.metrics.MetricNames;
import java.time.Duration;
import java.util.List;

/**
 * The SLOs of the operations document ("SLOs por Servicio"), and the alerting rule of the Google
 * SRE workbook (multi-window, multi-burn-rate) — the one place these numbers live. The Terraform
 * alert policies must use these same objectives, burn rates and windows.
 */
public final class Slos {
  /** The SLO period: error budgets are over 30 days. */
  public static final Duration PERIOD = Duration.ofDays(30);
  /** Windows the SLI is reported over. */
  public static final List<Duration> REPORT_WINDOWS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3), PERIOD);

  public static final String API_ROUTES = "/api";

  public static final List<Slo> ALL = List.of(
      new Slo("api-availability", "api", "99.9% of REST requests do not fail with 5xx", 0.999,
          new SliQuery.Ratio(MetricNames.HTTP_REQUESTS_TOTAL, "http_response_status_class", "5xx", null, null, API_ROUTES)),
      new Slo("api-latency", "api", "95% of REST requests answer in under 400 ms", 0.95,
          new SliQuery.Latency(MetricNames.HTTP_REQUEST_DURATION_SECONDS, 0.4, API_ROUTES)),
      new Slo("api-error-rate", "api", "fewer than 1% of REST requests fail with 5xx", 0.99,
          new SliQuery.Ratio(MetricNames.HTTP_REQUESTS_TOTAL, "http_response_status_class", "5xx", null, null, API_ROUTES)),
      new Slo("ws-availability", "websocket", "99.9% of socket connection attempts succeed (auth refusals excluded)", 0.999,
          new SliQuery.Ratio(MetricNames.SOCKET_CONNECTIONS_TOTAL, "outcome", "failed", "outcome", "rejected", null)),
      new Slo("ws-latency", "websocket", "95% of socket events are handled in under 200 ms", 0.95,
          new SliQuery.Latency(MetricNames.SOCKET_EVENT_DURATION_SECONDS, 0.2, null)),
      new Slo("ws-error-rate", "websocket", "fewer than 2% of socket events fail", 0.98,
          new SliQuery.Errors(MetricNames.SOCKET_EVENTS_TOTAL, MetricNames.SOCKET_ERRORS_TOTAL)));

  /** A burn-rate alert: fires when both windows burn faster than {@code burnRate}. */
  public record BurnRateRule(String severity, double burnRate, Duration longWindow, Duration shortWindow) {}

  /** SRE workbook, 99.9%-style targets: 2% of the budget in 1 h or 5% in 6 h pages; 10% in 3 days files a ticket. */
  public static final List<BurnRateRule> ALERT_RULES = List.of(
      new BurnRateRule("page", 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
      new BurnRateRule("page", 6, Duration.ofHours(6), Duration.ofMinutes(30)),
      new BurnRateRule("ticket", 1, Duration.ofDays(3), Duration.ofHours(6)));

  private Slos() {}

  public static Slo byId(String id) {
    return ALL.stream().filter(slo -> slo.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(id));
  }
}
