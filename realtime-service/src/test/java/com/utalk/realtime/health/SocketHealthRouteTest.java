package com.utalk.realtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import com.utalk.json.Json;
import com.utalk.realtime.delivery.EventFanout;
import com.utalk.realtime.delivery.EventLog;
import com.utalk.realtime.session.Connections;
import com.utalk.realtime.socketio.AuthResult;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.realtime.socketio.SocketServerConfig;
import com.utalk.realtime.subscription.InstanceSubscription;
import com.utalk.realtime.subscription.PullMode;
import com.utalk.testing.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health/socket} as a load balancer and the runbook see it: 200 only while the instance
 * can deliver live events; 503 {@code degraded} (with the reason) when its Pub/Sub subscription is
 * not pulling, 503 {@code draining} during shutdown; other methods 405.
 */
class SocketHealthRouteTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestEnvironment env;
  private static SocketServer server;
  private static InstanceSubscription active;
  private static InstanceSubscription failed;
  private static PubSubTransport noTopics;
  private static final AtomicBoolean draining = new AtomicBoolean();

  @BeforeAll
  static void start() {
    env = TestEnvironment.create();
    server =
        SocketServer.create(
            SocketServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .objectMapper(Json.mapper())
                .build(),
            handshake -> CompletableFuture.completedFuture(AuthResult.reject()));
    EventFanout fanout =
        new EventFanout(
            server, new Connections(), new EventLog(env.firestore()), Clock.systemUTC());
    active =
        new InstanceSubscription(
            env.pubsub(),
            "health-" + UUID.randomUUID().toString().substring(0, 8),
            PullMode.LONG_POLL,
            event -> {});
    active.start();
    noTopics =
        new PubSubTransport(
            new GcpProject(
                "no-topics-" + UUID.randomUUID().toString().substring(0, 8),
                env.project().firestoreEmulatorHost(),
                env.project().pubsubEmulatorHost()));
    failed = new InstanceSubscription(noTopics, "health-failed", PullMode.LONG_POLL, event -> {});
    try {
      failed.start();
    } catch (RuntimeException expected) {
      // the topic does not exist in that project: the subscription is FAILED
    }
    server.route(
        "/health/socket", new SocketHealthRoute(server, active, fanout, "i-1", draining::get));
    server.route(
        "/health/failed", new SocketHealthRoute(server, failed, fanout, "i-2", () -> false));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close(Duration.ofSeconds(1));
    active.close();
    noTopics.close();
    env.close();
  }

  private static HttpResponse<String> request(String method, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode body(HttpResponse<String> response) {
    return Json.read(response.body().getBytes());
  }

  @Test
  void okWhileTheSubscriptionPullsAndDrainingDuringShutdown() throws Exception {
    HttpResponse<String> ok = request("GET", "/health/socket");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("ok", body(ok).path("status").asText());
    assertEquals("long-poll", body(ok).path("subscription").path("pull").asText());
    assertTrue(body(ok).path("subscription").path("failure").isMissingNode());
    assertTrue(
        body(ok).path("events").path("lastEventLagMs").isMissingNode(), "no event yet: no lag");
    assertEquals(200, request("HEAD", "/health/socket").statusCode());

    draining.set(true);
    try {
      HttpResponse<String> drainingNow = request("GET", "/health/socket");
      assertEquals(503, drainingNow.statusCode());
      assertEquals("draining", body(drainingNow).path("status").asText());
    } finally {
      draining.set(false);
    }
  }

  @Test
  void degradedWithTheReasonWhenTheSubscriptionFailed() throws Exception {
    HttpResponse<String> degraded = request("GET", "/health/failed");
    assertEquals(503, degraded.statusCode());
    JsonNode health = body(degraded);
    assertEquals("degraded", health.path("status").asText());
    assertEquals("failed", health.path("subscription").path("state").asText());
    assertTrue(
        health.path("subscription").path("failure").asText().startsWith("NotFoundException"),
        health.toString());
  }

  @Test
  void otherMethodsGet405() throws Exception {
    HttpResponse<String> post = request("POST", "/health/socket");
    assertEquals(405, post.statusCode());
    assertEquals("method_not_allowed", body(post).path("error").asText());
  }
}
