package com.utalk.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.utalk.config.Settings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** After some traffic, every seed metric name is served at /metrics in valid Prometheus text. */
class MetricsEndpointTest {
  @Test
  void seedMetricNamesArePresentAfterTraffic() throws Exception {
    Metrics metrics =
        Metrics.create(Settings.of(Map.of("APP_ENV", "development", "SERVICE_NAME", "test")));
    HttpServerMetrics.Request ok = metrics.http().start("GET");
    ok.end(
        Routes.normalize("/api/conversations/3f2a9c1e-77aa-4c1b-9d7e-0a1b2c3d4e5f/messages"), 200);
    metrics.http().start("POST").end("/webhooks/twilio/whatsapp", 503);
    metrics.http().start("GET"); // still in flight
    metrics.dependencies().database(12_000_000, null);
    metrics.dependencies().database(3_000_000_000L, "deadline_exceeded");
    metrics.dependencies().external(DependencyMetrics.TWILIO, 250_000_000, null);
    metrics.dependencies().external(DependencyMetrics.OPENAI, 900_000_000, "http_429");
    metrics.business().documentCreated("conversations", Map.of());
    metrics
        .business()
        .documentCreated("messages", Map.of("direction", "outbound", "botResponse", true));
    metrics.business().documentCreated("escalations", Map.of());
    metrics.business().userSessionStarted();
    metrics.sockets().connectionAttempt("ok");
    metrics.sockets().event("message:new", 40_000_000, false);
    metrics.sockets().event("message:send", 300_000_000, true);

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", new MetricsHttpHandler(metrics));
    server.start();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(
          response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/plain; version=0.0.4"));
      String text = response.body();
      for (String name : MetricNames.ALL) {
        assertTrue(
            Pattern.compile("(?m)^# TYPE " + name + " ").matcher(text).find(),
            name + " missing:\n" + text);
      }
      // OpenTelemetry's exporter: labels sorted, the meter's name as otel_scope_name, counters as
      // doubles
      assertTrue(
          text.contains(
              "http_requests_total{http_request_method=\"GET\",http_response_status_class=\"2xx\","
                  + "http_route=\"/api/conversations/{id}/messages\",otel_scope_name=\"com.utalk\"} 1.0"),
          text);
      assertTrue(
          text.contains(
              "http_request_duration_seconds_bucket{http_request_method=\"POST\",http_response_status_class=\"5xx\","
                  + "http_route=\"/webhooks/twilio/whatsapp\",otel_scope_name=\"com.utalk\",le=\"+Inf\"} 1"),
          text);
      assertTrue(
          text.contains(
              "http_requests_in_flight{http_request_method=\"GET\",otel_scope_name=\"com.utalk\"} 1"),
          text);
      assertTrue(
          text.contains(
              "external_errors_total{error_type=\"http_429\",otel_scope_name=\"com.utalk\",peer_service=\"openai\"} 1.0"),
          text);
      assertTrue(
          text.contains(
              "db_errors_total{db_system=\"firestore\",error_type=\"deadline_exceeded\",otel_scope_name=\"com.utalk\"} 1.0"),
          text);
      assertTrue(text.contains("# TYPE http_request_duration_seconds histogram"), text);
      assertTrue(text.contains("# TYPE jvm_heap_size_used_bytes gauge"), text);
      // Every sample line is "name{labels} value" with a number value.
      Matcher sample =
          Pattern.compile(
                  "(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)$")
              .matcher(text);
      int samples = 0;
      while (sample.find()) {
        String value = sample.group(5);
        assertTrue(
            value.matches("[-+]?(\\d+(\\.\\d+)?([eE][-+]?\\d+)?|Inf|NaN)"),
            "bad value in: " + sample.group());
        samples++;
      }
      long lines = text.lines().filter(line -> !line.startsWith("#")).count();
      assertEquals(lines, samples, "every non-comment line is a sample");
    } finally {
      server.stop(0);
      metrics.shutdown();
    }
  }

  @Test
  void routesMaskIdentifiers() {
    assertEquals(
        "/api/conversations/{id}",
        Routes.normalize("/api/conversations/8c1f0a2e-1111-4aaa-8bbb-123456789abc"));
    assertEquals("/webhooks/twilio/status", Routes.normalize("/webhooks/twilio/status?x=1"));
    assertEquals("/api/messages/{id}", Routes.normalize("/api/messages/in_SM0123456789abcdef"));
    assertEquals("/api/users/{id}", Routes.normalize("/api/users/42"));
    assertEquals("/", Routes.normalize(""));
  }
}
