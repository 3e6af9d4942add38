package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.json.Json;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.realtime.RealtimeServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a load balancer and a connecting front end see around the instance's own state: {@code
 * /health} while serving and while draining, and maintenance announced to a socket that connects
 * while it is on.
 */
class RealtimeLifecycleTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static RealtimeHarness harness;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static RealtimeServer instance(String name) {
    return harness.startRealtime(name + "-" + UUID.randomUUID().toString().substring(0, 6));
  }

  @Test
  void healthIsOkWhileServingAnd503WhileDraining() throws Exception {
    RealtimeServer realtime = instance("drain");
    String url = RealtimeHarness.url(realtime);
    HttpResponse<String> ok =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ok.statusCode());
    assertEquals("ok", Json.read(ok.body().getBytes()).path("status").asText());

    // a polling client that will not come back for its close packet keeps the drain going
    HttpResponse<String> open =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/socket.io/?EIO=4&transport=polling")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, open.statusCode());
    try (java.net.Socket balancer = new java.net.Socket("127.0.0.1", realtime.port())) {
      Thread.sleep(100); // accepted before the listening socket closes
      CompletableFuture<Void> closing = CompletableFuture.runAsync(realtime::close);
      Thread.sleep(300);
      balancer.setSoTimeout(5000);
      balancer
          .getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(balancer.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("HTTP/1.1 503 Service Unavailable", in.readLine());
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // headers
      }
      char[] body = new char[256];
      int read = in.read(body);
      assertEquals(
          "draining", Json.read(new String(body, 0, read).getBytes()).path("status").asText());
      closing.get(15, TimeUnit.SECONDS);
    }
    realtime.close(); // a second close does nothing
  }

  @Test
  void aSocketConnectingDuringMaintenanceIsToldAtOnce() throws Exception {
    RealtimeServer realtime = instance("maint");
    MaintenanceMode flag =
        new MaintenanceMode(harness.stack.env.firestore(), Clock.systemUTC(), Duration.ZERO);
    flag.enter("restore of backup b-1", Duration.ofSeconds(60));
    try {
      // the instance reads the flag every 2 s; connect once it has
      Thread.sleep(MaintenanceMode.DEFAULT_CACHE.toMillis() + 1000);
      try (AgentClient agent =
          AgentClient.connect(
              RealtimeHarness.url(realtime), harness.token("agent-m", Role.AGENT))) {
        JsonNode told = agent.awaitEvent("system:maintenance", e -> true, Duration.ofSeconds(10));
        assertTrue(told.path("active").asBoolean(), told.toString());
        assertEquals("restore of backup b-1", told.path("reason").asText());
        assertEquals(60, told.path("retryAfterSeconds").asInt());
      }
    } finally {
      flag.leave();
      realtime.close();
    }
  }
}
