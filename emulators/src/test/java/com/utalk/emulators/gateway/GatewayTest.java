package com.utalk.emulators.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.emulators.testing.RecordingServer.Reply;
import com.utalk.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewayTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static RecordingServer webhook;
  private static RecordingServer api;
  private static int deadPort;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    webhook = new RecordingServer();
    api = new RecordingServer();
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort(); // closed again: nothing listens there
    }
    gateway =
        Gateway.start(
            new RouteTable(
                List.of(
                    new Route(
                        "whatsapp-inbound-webhook",
                        "/webhooks/twilio/whatsapp",
                        false,
                        URI.create(webhook.baseUrl())),
                    new Route("api", "/api", true, URI.create(api.baseUrl())),
                    new Route(
                        "down-function",
                        "/down",
                        false,
                        URI.create("http://127.0.0.1:" + deadPort)))));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    webhook.close();
    api.close();
  }

  @Test
  void proxiesMethodPathHeadersAndBodyBothWays() throws Exception {
    webhook.thenReply(
        new Reply(201, Map.of("Content-Type", "text/xml", "X-Upstream", "yes"), "<Response/>"));
    String form = "From=whatsapp%3A%2B5215512345678&Body=hola+%C2%BFqu%C3%A9%3F";
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/webhooks/twilio/whatsapp?x=1&y=a%20b"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "abc123+/=")
                .header("X-Request-ID", "req-12345678")
                .header("Authorization", "Bearer token-xyz")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(201, response.statusCode());
    assertEquals("<Response/>", response.body());
    assertEquals("yes", response.headers().firstValue("x-upstream").orElseThrow());
    assertEquals("text/xml", response.headers().firstValue("content-type").orElseThrow());

    RecordingServer.Received upstream = webhook.take(WAIT);
    assertEquals("POST", upstream.method());
    assertEquals("/webhooks/twilio/whatsapp", upstream.path());
    assertEquals("x=1&y=a%20b", upstream.rawQuery());
    assertEquals(form, upstream.bodyText());
    assertEquals("abc123+/=", upstream.header("x-twilio-signature"));
    assertEquals("req-12345678", upstream.header("x-request-id"));
    assertEquals("Bearer token-xyz", upstream.header("authorization"));
    assertEquals("application/x-www-form-urlencoded", upstream.header("content-type"));
    assertEquals("127.0.0.1", upstream.header("x-forwarded-for"));
  }

  @Test
  void prefixRouteServesEverythingBelowIt() throws Exception {
    api.thenReply(new Reply(204, Map.of(), ""));
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(gateway.baseUrl() + "/api/v1/conversations/c1?limit=10"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, response.statusCode());
    RecordingServer.Received upstream = api.take(WAIT);
    assertEquals("DELETE", upstream.method());
    assertEquals("/api/v1/conversations/c1", upstream.path());
    assertEquals("limit=10", upstream.rawQuery());
  }

  @Test
  void unknownPathIsAJson404WithARequestId() throws Exception {
    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/apix"))
                .header("X-Request-ID", "caller-chosen-id")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(404, response.statusCode());
    assertTrue(
        response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.read(response.body());
    assertEquals("not_found", body.path("error").asText());
    assertTrue(body.path("message").asText().contains("/apix"));
    assertEquals("caller-chosen-id", body.path("requestId").asText());
    assertEquals("caller-chosen-id", response.headers().firstValue("x-request-id").orElseThrow());

    HttpResponse<byte[]> minted =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/nope")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(
        minted.headers().firstValue("x-request-id").orElseThrow(),
        Json.read(minted.body()).path("requestId").asText());
  }

  @Test
  void unreachableUpstreamIsAJson502() throws Exception {
    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/down")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(502, response.statusCode());
    JsonNode body = Json.read(response.body());
    assertEquals("bad_gateway", body.path("error").asText());
    assertTrue(body.path("message").asText().contains("down-function"));
    assertFalse(body.path("requestId").asText().isEmpty());
  }

  @Test
  void healthReportsEachUpstream() throws Exception {
    HttpResponse<byte[]> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = Json.read(response.body());
    assertEquals(503, response.statusCode());
    assertEquals("degraded", body.path("status").asText());
    assertTrue(
        body.path("functions").path("whatsapp-inbound-webhook").path("reachable").asBoolean());
    assertTrue(body.path("functions").path("api").path("reachable").asBoolean());
    assertFalse(body.path("functions").path("down-function").path("reachable").asBoolean());
  }

  @Test
  void healthIsOkOnlyWhenEveryUpstreamIsReachable() throws Exception {
    try (Gateway allUp =
        Gateway.start(
            new RouteTable(List.of(new Route("api", "/api", true, URI.create(api.baseUrl())))))) {
      HttpResponse<byte[]> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(allUp.baseUrl() + "/health")).build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertEquals(200, response.statusCode());
      assertEquals("ok", Json.read(response.body()).path("status").asText());
    }
  }

  @Test
  void aClientsForwardedForChainIsExtendedAndItsHostPassedOn() throws Exception {
    CLIENT.send(
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/conversations"))
            .header("X-Forwarded-For", "203.0.113.7")
            .build(),
        HttpResponse.BodyHandlers.discarding());

    RecordingServer.Received upstream = api.take(WAIT);
    assertEquals("203.0.113.7, 127.0.0.1", upstream.header("x-forwarded-for"));
    assertEquals(URI.create(gateway.baseUrl()).getAuthority(), upstream.header("x-forwarded-host"));
    assertEquals("http", upstream.header("x-forwarded-proto"));
  }

  @Test
  void addsLittleLatency() throws Exception {
    int rounds = 200;
    long[] direct = new long[rounds];
    long[] proxied = new long[rounds];
    HttpRequest viaGateway =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/ping")).build();
    HttpRequest straight = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/ping")).build();
    for (int i = 0; i < 200; i++) { // warm up both paths (JIT, connection pools)
      CLIENT.send(viaGateway, HttpResponse.BodyHandlers.discarding());
      CLIENT.send(straight, HttpResponse.BodyHandlers.discarding());
    }
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      CLIENT.send(straight, HttpResponse.BodyHandlers.discarding());
      long t1 = System.nanoTime();
      CLIENT.send(viaGateway, HttpResponse.BodyHandlers.discarding());
      long t2 = System.nanoTime();
      direct[i] = t1 - t0;
      proxied[i] = t2 - t1;
    }
    Arrays.sort(direct);
    Arrays.sort(proxied);
    double addedMedianMs = (proxied[rounds / 2] - direct[rounds / 2]) / 1e6;
    System.out.printf(
        "gateway latency: direct median %.3f ms, via gateway median %.3f ms, added %.3f ms%n",
        direct[rounds / 2] / 1e6, proxied[rounds / 2] / 1e6, addedMedianMs);
    // Generous bound so a loaded CI machine does not flake; a Nagle/delayed-ACK stall would be ~40
    // ms.
    assertTrue(addedMedianMs < 10, "gateway added " + addedMedianMs + " ms");
    while (true) { // drain what the loop sent to the recording upstream
      try {
        api.take(Duration.ofMillis(50));
      } catch (AssertionError drained) {
        break;
      }
    }
  }
}
