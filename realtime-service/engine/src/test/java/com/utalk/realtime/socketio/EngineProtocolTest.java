package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Engine.IO v4 at the wire level: handshake, errors, CORS, limits, heartbeat, the upgrade dance.
 */
@Timeout(30)
class EngineProtocolTest {
  private static SocketServerConfig.Builder quiet() {
    // long heartbeat so no ping shows up in the exchanges below
    return TestApp.testConfig()
        .pingInterval(Duration.ofSeconds(25))
        .pingTimeout(Duration.ofSeconds(20));
  }

  @Test
  void pollingHandshake() {
    try (TestApp app = TestApp.start()) {
      HttpResponse<String> open =
          RawClients.get(app.url() + "/socket.io/?EIO=4&transport=polling&t=abc");
      assertEquals(200, open.statusCode());
      assertEquals(
          "text/plain; charset=UTF-8", open.headers().firstValue("content-type").orElse(null));
      JsonNode handshake = TestJson.read(open.body().substring(1).getBytes(StandardCharsets.UTF_8));
      assertEquals('0', open.body().charAt(0));
      assertEquals(20, handshake.path("sid").asText().length());
      assertEquals("[\"websocket\"]", handshake.path("upgrades").toString());
      assertEquals(1000, handshake.path("pingInterval").asInt());
      assertEquals(2000, handshake.path("pingTimeout").asInt());
      assertEquals(1_000_000, handshake.path("maxPayload").asInt());
      assertEquals(1, app.server.sessionCount());
      assertEquals(0, app.server.connectionCount(), "not a socket until CONNECT is authenticated");
    }
  }

  @Test
  void webSocketOnlyHandshake() {
    try (TestApp app = TestApp.start()) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      String open = ws.next();
      JsonNode handshake = TestJson.read(open.substring(1).getBytes(StandardCharsets.UTF_8));
      assertEquals("[]", handshake.path("upgrades").toString());
      ws.send("40{\"token\":\"good-ws\"}");
      assertTrue(ws.nextNonPing().startsWith("40{\"sid\":\""));
      ws.send("421[\"echo\",\"x\",{\"a\":[1,2]}]");
      assertEquals("431[\"x\",{\"a\":[1,2]}]", ws.nextNonPing());
      ws.abort();
    }
  }

  @Test
  void protocolErrors() {
    try (TestApp app = TestApp.start()) {
      String base = app.url() + "/socket.io/";
      assertError(RawClients.get(base + "?EIO=3&transport=polling"), 400, 5);
      assertError(RawClients.get(base + "?transport=polling"), 400, 5);
      assertError(RawClients.get(base + "?EIO=4&transport=carrier-pigeon"), 400, 0);
      assertError(RawClients.get(base + "?EIO=4&transport=polling&sid=nope"), 400, 1);
      assertError(RawClients.post(base + "?EIO=4&transport=polling", "40"), 400, 2);
      assertError(RawClients.get(base + "?EIO=4&transport=websocket"), 400, 3); // no Upgrade header
      HttpResponse<String> unknown = RawClients.get(app.url() + "/elsewhere");
      assertEquals(404, unknown.statusCode());
      assertEquals("application/json", unknown.headers().firstValue("content-type").orElse(""));
      assertEquals(
          "not_found",
          TestJson.read(unknown.body().getBytes(StandardCharsets.UTF_8)).path("error").asText());
    }
  }

  @Test
  void corsEchoesAllowedOriginsWithCredentialsAndRejectsOthers() {
    SocketServerConfig config = quiet().allowedOrigins(Set.of("https://app.utalk.test")).build();
    try (TestApp app = TestApp.start(config)) {
      String url = app.url() + "/socket.io/?EIO=4&transport=polling";
      HttpResponse<String> allowed = RawClients.get(url, "Origin", "https://app.utalk.test");
      assertEquals(200, allowed.statusCode());
      assertEquals(
          "https://app.utalk.test",
          allowed.headers().firstValue("access-control-allow-origin").orElse(null));
      assertEquals(
          "true", allowed.headers().firstValue("access-control-allow-credentials").orElse(null));
      assertError(RawClients.get(url, "Origin", "https://evil.test"), 403, 4);

      HttpResponse<String> preflight =
          RawClients.send(
              HttpRequest.newBuilder(URI.create(url))
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .header("Origin", "https://app.utalk.test")
                  .header("Access-Control-Request-Method", "POST")
                  .header("Access-Control-Request-Headers", "content-type")
                  .build());
      assertEquals(204, preflight.statusCode());
      assertEquals(
          "https://app.utalk.test",
          preflight.headers().firstValue("access-control-allow-origin").orElse(null));
      assertEquals(
          "content-type",
          preflight.headers().firstValue("access-control-allow-headers").orElse(null));
    }
  }

  @Test
  void payloadOverMaxPayloadGets413AndClosesTheSession() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      HttpResponse<String> tooBig = polling.send("4" + "x".repeat(1_000_001));
      assertEquals(413, tooBig.statusCode());
      assertError(polling.poll(), 400, 1);

      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.socket.sendText("4" + "y".repeat(1_000_001), true);
      int status = ws.awaitClose();
      // 1009 when the client reads our close frame; 1006 when the TCP reset caused by its unread
      // upload overtakes it
      assertTrue(status == 1009 || status == 1006 || status == -1, "closed, status " + status);
      awaitNoSession(app);
    }
  }

  @Test
  void heartbeatPingsAndClosesSilentClients() throws Exception {
    SocketServerConfig config =
        TestApp.testConfig()
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(500))
            .build();
    try (TestApp app = TestApp.start(config)) {
      // warm up: a cold JVM (server classes, SecureRandom, HTTP client) can be slower than
      // pingTimeout
      new RawClients.Polling(app.url()).poll();
      RawClients.Polling polling = new RawClients.Polling(app.url());
      long start = System.nanoTime();
      assertEquals("2", polling.poll().body(), "the parked GET returns with a ping");
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited < 1500, "ping after ~pingInterval, was " + waited + " ms");
      assertEquals("ok", polling.send("3").body());
      assertEquals("2", polling.poll().body(), "next ping after the pong");
      // no pong this time: the session is closed after pingTimeout
      Thread.sleep(1000);
      assertError(polling.poll(), 400, 1);

      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      assertEquals("2", ws.next());
      ws.send("3");
      assertEquals("2", ws.next());
      assertEquals(1000, ws.awaitClose(), "closed after a missed pong");
      assertEquals(0, app.server.sessionCount());
    }
  }

  @Test
  void upgradeDance() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      Socket[] server = new Socket[1];
      app.whenConnected(s -> server[0] = s);
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertTrue(polling.connect("good-raw").startsWith("40{\"sid\":"));
      CompletableFuture<HttpResponse<String>> parked = polling.pollAsync();
      Thread.sleep(100);
      assertTrue(!parked.isDone(), "GET is parked while there is nothing to send");

      RawClients.Ws ws = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      assertEquals(
          "6", parked.get(2, TimeUnit.SECONDS).body(), "the parked GET is released with a noop");
      assertEquals(Transport.POLLING, server[0].transport());
      server[0].emit("queued-during-upgrade", 1);
      ws.send("5");
      assertEquals(
          "42[\"queued-during-upgrade\",1]",
          ws.next(),
          "what was queued for polling goes over the WebSocket");
      assertEquals(Transport.WEBSOCKET, server[0].transport());
      server[0].emit("after", 2);
      assertEquals("42[\"after\",2]", ws.next());
      ws.send("421[\"echo\",\"over-ws\"]");
      assertEquals("431[\"over-ws\"]", ws.next());
      assertError(polling.poll(), 400, 3);
      // a second WebSocket for an upgraded session is accepted and closed at once, as engine.io
      // does, and the session goes on on the first one
      String second =
          RawClients.rawHttp(
              app.server.port(),
              "GET /socket.io/?EIO=4&transport=websocket&sid="
                  + polling.sid
                  + " HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
      assertTrue(second.startsWith("HTTP/1.1 101"), second);
      ws.send("422[\"echo\",\"still-here\"]");
      assertEquals("432[\"still-here\"]", ws.next());
      ws.abort();
    }
  }

  @Test
  void aGetArrivingAfterTheProbeIsAnsweredAtOnce() throws Exception {
    // the classic stuck upgrade: the client's GET reaches the server only after the probe
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertTrue(polling.connect("good-late").startsWith("40"));
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      long start = System.nanoTime();
      assertEquals("6", polling.poll().body());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "not held until the next ping");
      ws.send("5");
      ws.send("421[\"echo\",1]");
      assertEquals("431[1]", ws.next());
      ws.abort();
    }
  }

  @Test
  void aProbeThatNeverCompletesLeavesPollingWorking() throws Exception {
    SocketServerConfig config = quiet().upgradeTimeout(Duration.ofMillis(300)).build();
    try (TestApp app = TestApp.start(config)) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertTrue(polling.connect("good-probe").startsWith("40"));
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      ws.awaitClose(); // upgrade timeout
      assertEquals("ok", polling.send("421[\"echo\",\"still-polling\"]").body());
      assertEquals("431[\"still-polling\"]", polling.poll().body());
    }
  }

  @Test
  void gracefulShutdownClosesEveryTransportSoClientsReconnect() throws Exception {
    TestApp app = TestApp.start(quiet().build());
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
    ws.next();
    ws.send("40{\"token\":\"good-ws\"}");
    ws.next();
    RawClients.Polling polling = new RawClients.Polling(app.url());
    polling.connect("good-polling");
    CompletableFuture<HttpResponse<String>> parked = polling.pollAsync();
    Thread.sleep(100);
    long start = System.nanoTime();
    app.close();
    long took = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1001, ws.awaitClose(), "going away");
    assertEquals("1", parked.get(2, TimeUnit.SECONDS).body(), "Engine.IO close packet");
    assertTrue(took < 3000, "drained quickly: " + took + " ms");
    assertEquals(
        2,
        app.disconnects.stream().filter(r -> r == DisconnectReason.SERVER_SHUTTING_DOWN).count());
    assertTrue(DisconnectReason.SERVER_SHUTTING_DOWN.clientReconnects());
  }

  @Test
  void shutdownDuringAnUpgradeLetsTheClientFinishItAndClosesTheWebSocket() throws Exception {
    TestApp app = TestApp.start(quiet().build());
    RawClients.Polling polling = new RawClients.Polling(app.url());
    polling.connect("good-mid-upgrade");
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    ws.send("2probe");
    assertEquals("3probe", ws.next());
    assertEquals("6", polling.poll().body()); // the client has now paused polling
    CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
    Thread.sleep(200);
    ws.send("5"); // what engine.io-client does next
    assertEquals(
        1001,
        ws.awaitClose(),
        "a clean close on the upgraded transport, so the client reconnects at once");
    closing.get(5, TimeUnit.SECONDS);
  }

  @Test
  void httpRoutesShareThePort() {
    try (TestApp app = TestApp.start()) {
      app.server.route(
          "/healthz", request -> HttpRoute.Response.text(200, "ok " + request.method()));
      HttpResponse<String> health = RawClients.get(app.url() + "/healthz");
      assertEquals(200, health.statusCode());
      assertEquals("ok GET", health.body());
    }
  }

  /** Waits for the server-side cleanup that follows a close the client may have seen first. */
  static void awaitNoSession(TestApp app) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (app.server.sessionCount() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(0, app.server.sessionCount());
  }

  static void assertError(HttpResponse<String> response, int status, int code) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode body = TestJson.read(response.body().getBytes(StandardCharsets.UTF_8));
    assertEquals(code, body.path("code").asInt(), response.body());
  }
}
