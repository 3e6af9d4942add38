package com.utalk.metrics;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Metric names, as the operations document names them ("Configuración de Métricas"), the same in
 * every process (functions, realtime service, gateway). Instruments carry these exact names, so
 * Prometheus shows them as is and Cloud Monitoring as {@code workload.googleapis.com/<name>}. Units
 * are UCUM as OpenTelemetry wants them ({@code s}, {@code By}, {@code {request}}).
 */
public final class MetricNames {
  // Application (docs/operations.md: metricsConfig.application)
  public static final String HTTP_REQUESTS_TOTAL = "http_requests_total";
  public static final String HTTP_REQUEST_DURATION_SECONDS = "http_request_duration_seconds";
  public static final String HTTP_REQUESTS_IN_FLIGHT = "http_requests_in_flight";
  // The JVM's counterparts of nodejs_heap_size_*_bytes and nodejs_eventloop_lag_seconds.
  public static final String JVM_HEAP_SIZE_USED_BYTES = "jvm_heap_size_used_bytes";
  public static final String JVM_HEAP_SIZE_TOTAL_BYTES = "jvm_heap_size_total_bytes";
  public static final String JVM_GC_PAUSE_SECONDS_TOTAL = "jvm_gc_pause_seconds_total";
  public static final String JVM_THREADS_LIVE = "jvm_threads_live";
  // Database and external APIs (docs/operations.md: dbP50/P95/P99, dbErrorRate, twilioErrorRate,
  // openaiErrorRate)
  public static final String DB_OPERATION_DURATION_SECONDS = "db_operation_duration_seconds";
  public static final String DB_ERRORS_TOTAL = "db_errors_total";

  /**
   * Every database operation by outcome (ok | error): the counter the database SLOs are made of.
   */
  public static final String DB_OPERATIONS_TOTAL = "db_operations_total";

  public static final String EXTERNAL_REQUEST_DURATION_SECONDS =
      "external_request_duration_seconds";

  /**
   * Every external API call by peer.service and outcome: the counter the Twilio / OpenAI SLOs are
   * made of.
   */
  public static final String EXTERNAL_REQUESTS_TOTAL = "external_requests_total";

  public static final String EXTERNAL_ERRORS_TOTAL = "external_errors_total";
  // Business (docs/operations.md: metricsConfig.business)
  public static final String CONVERSATIONS_TOTAL = "conversations_total";
  public static final String MESSAGES_TOTAL = "messages_total";
  public static final String ESCALATIONS_TOTAL = "escalations_total";
  public static final String BOT_RESPONSES_TOTAL = "bot_responses_total";
  public static final String USER_SESSIONS_TOTAL = "user_sessions_total";
  // WebSocket (docs/operations.md: metricsConfig.websocket)
  public static final String SOCKET_CONNECTIONS_ACTIVE = "socket_connections_active";
  public static final String SOCKET_CONNECTIONS_TOTAL = "socket_connections_total";
  public static final String SOCKET_EVENTS_TOTAL = "socket_events_total";
  public static final String SOCKET_EVENT_DURATION_SECONDS = "socket_event_duration_seconds";
  public static final String SOCKET_ERRORS_TOTAL = "socket_errors_total";

  public static final List<String> ALL =
      List.of(
          HTTP_REQUESTS_TOTAL,
          HTTP_REQUEST_DURATION_SECONDS,
          HTTP_REQUESTS_IN_FLIGHT,
          JVM_HEAP_SIZE_USED_BYTES,
          JVM_HEAP_SIZE_TOTAL_BYTES,
          JVM_GC_PAUSE_SECONDS_TOTAL,
          JVM_THREADS_LIVE,
          DB_OPERATION_DURATION_SECONDS,
          DB_ERRORS_TOTAL,
          DB_OPERATIONS_TOTAL,
          EXTERNAL_REQUEST_DURATION_SECONDS,
          EXTERNAL_ERRORS_TOTAL,
          EXTERNAL_REQUESTS_TOTAL,
          CONVERSATIONS_TOTAL,
          MESSAGES_TOTAL,
          ESCALATIONS_TOTAL,
          BOT_RESPONSES_TOTAL,
          USER_SESSIONS_TOTAL,
          SOCKET_CONNECTIONS_ACTIVE,
          SOCKET_CONNECTIONS_TOTAL,
          SOCKET_EVENTS_TOTAL,
          SOCKET_EVENT_DURATION_SECONDS,
          SOCKET_ERRORS_TOTAL);

  // Attributes: OpenTelemetry semantic-convention keys (Prometheus shows dots as underscores).
  public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

  /** 2xx, 3xx, 4xx, 5xx: the class, not the code, keeps the series count small. */
  public static final AttributeKey<String> STATUS_CLASS =
      AttributeKey.stringKey("http.response.status_class");

  public static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  public static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("direction");
  public static final AttributeKey<String> GC_NAME = AttributeKey.stringKey("jvm.gc.name");
  public static final AttributeKey<String> SOCKET_EVENT = AttributeKey.stringKey("socket.event");

  /**
   * Latency buckets (s) with an edge at every seed threshold: REST 150/400/800 ms, WS 50/200/500,
   * DB 20/100/300.
   */
  public static final List<Double> LATENCY_BUCKETS =
      List.of(0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.8, 1.0, 2.0, 5.0, 10.0);

  private MetricNames() {}
}
