package com.utalk.realtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.metrics.MetricNames;
import com.utalk.metrics.Metrics;
import com.utalk.realtime.socketio.AuthResult;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.realtime.socketio.SocketServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The realtime service shows the same metric names as the functions, at /metrics on its own port.
 */
class MetricsRouteTest {
  @Test
  void metricsAreServedOnTheSocketPort() throws Exception {
    SocketServer server =
        SocketServer.create(
            SocketServerConfig.builder().host("127.0.0.1").port(0).ioThreads(1).build(),
            handshake -> CompletableFuture.completedFuture(AuthResult.reject()));
    server.route("/metrics", new MetricsRoute(Metrics.get()));
    server.start();
    try {
      Metrics.get().sockets().connectionAttempt("ok");
      Metrics.get().sockets().event("message:new", 3_000_000, false);
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(
          response
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/plain; version=0.0.4"));
      HttpResponse<String> post =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .POST(HttpRequest.BodyPublishers.ofString("x"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode(), "a scrape is a GET");
      assertTrue(post.body().contains("\"error\":\"method_not_allowed\""), post.body());
      for (String name :
          new String[] {
            MetricNames.SOCKET_CONNECTIONS_ACTIVE,
            MetricNames.SOCKET_EVENTS_TOTAL,
            MetricNames.SOCKET_EVENT_DURATION_SECONDS,
            MetricNames.JVM_HEAP_SIZE_USED_BYTES,
            MetricNames.JVM_THREADS_LIVE
          }) {
        assertTrue(response.body().contains("# TYPE " + name + " "), name + " missing");
      }
    } finally {
      server.close();
    }
  }
}
