package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Engine.IO requests a well-behaved client never sends: each gets the status and Engine.IO error
 * code the reference server answers with, and a session it concerns ends the way it does there.
 */
@Timeout(30)
class HttpMisuseTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    // long heartbeat: no ping shows up in the exchanges below
    app =
        TestApp.start(
            TestApp.testConfig()
                .pingInterval(Duration.ofSeconds(25))
                .pingTimeout(Duration.ofSeconds(20))
                .build());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String engine(String query) {
    return app.url() + "/socket.io/?EIO=4&" + query;
  }

  private static String raw(String requestLine, String headers) {
    return RawClients.rawHttpResponse(
        app.server.port(),
        requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n");
  }

  private static String webSocketRequest(String method, String query, String version) {
    return RawClients.rawHttpResponse(
        app.server.port(),
        method
            + " /socket.io/?EIO=4&transport=websocket"
            + query
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: "
            + version
            + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nContent-Length: 0\r\n\r\n");
  }

  private static int engineCode(String rawResponse) {
    String body = rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
    return TestJson.read(body).path("code").asInt(-1);
  }

  @Test
  void theEndpointAnswersWithoutItsTrailingSlashToo() {
    HttpResponse<String> open = RawClients.get(app.url() + "/socket.io?EIO=4&transport=polling");
    assertEquals(200, open.statusCode());
    assertTrue(open.body().startsWith("0{\"sid\":"), open.body());
  }

  @Test
  void aRequestNettyCannotParseGets400() {
    String response = raw("GET /socket.io/?EIO=4&transport=polling", "Content-Length: many\r\n");
    assertTrue(response.startsWith("HTTP/1.1 400"), response);
    assertTrue(response.contains("\"error\":\"bad_request\""), response);
  }

  @Test
  void aWebSocketUpgradeOtherThanGetIsABadRequest() {
    String response = webSocketRequest("POST", "", "13");
    assertTrue(response.startsWith("HTTP/1.1 400"), response);
    assertEquals(3, engineCode(response));
  }

  @Test
  void aWebSocketForAnUnknownSessionIsRefused() {
    String response = webSocketRequest("GET", "&sid=nope", "13");
    assertTrue(response.startsWith("HTTP/1.1 400"), response);
    assertEquals(1, engineCode(response));
  }

  @Test
  void anUnsupportedWebSocketVersionGets426AndNoSession() {
    int before = app.server.sessionCount();
    String response = webSocketRequest("GET", "", "99");
    assertTrue(response.startsWith("HTTP/1.1 426"), response);
    assertTrue(response.toLowerCase().contains("sec-websocket-version: 13"), response);
    assertEquals(before, app.server.sessionCount());
  }

  @Test
  void aSecondWebSocketOfAnUnsupportedVersionForAnUpgradedSessionGets426() throws Exception {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertTrue(polling.connect("good-upgraded").startsWith("40"));
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    ws.send("2probe");
    assertEquals("3probe", ws.next());
    ws.send("5");
    ws.send("421[\"echo\",\"upgraded\"]");
    assertEquals("431[\"upgraded\"]", ws.next());

    String second = webSocketRequest("GET", "&sid=" + polling.sid, "99");
    assertTrue(second.startsWith("HTTP/1.1 426"), second);
    // the POST of a client that missed the upgrade is refused; the WebSocket goes on
    EngineProtocolTest.assertError(polling.send("42[\"echo\",\"late\"]"), 400, 3);
    ws.send("422[\"echo\",\"still-upgraded\"]");
    assertEquals("432[\"still-upgraded\"]", ws.next());
    ws.abort();
  }

  @Test
  void anOctetStreamPostClosesTheSession() {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    HttpResponse<String> binary =
        RawClients.send(
            HttpRequest.newBuilder(URI.create(polling.url()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {4, 1, 2}))
                .build());
    EngineProtocolTest.assertError(binary, 400, 3);
    assertSessionGone(polling);
  }

  @Test
  void anotherMethodOnASessionIsABadRequestAndLeavesItOpen() {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    HttpResponse<String> put =
        RawClients.send(
            HttpRequest.newBuilder(URI.create(polling.url()))
                .PUT(HttpRequest.BodyPublishers.ofString("40"))
                .build());
    EngineProtocolTest.assertError(put, 400, 3);
    assertTrue(polling.connect("good-after-put").startsWith("40{\"sid\""));
  }

  @Test
  void malformedPostsCloseTheSessionWithParseError() {
    for (String bad : new String[] {"9", "b!!not-base64!!"}) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      EngineProtocolTest.assertError(polling.send(bad), 400, 3);
      assertSessionGone(polling);
    }
    // a valid Engine.IO message holding no Socket.IO packet: the POST was read, the session is gone
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertEquals("ok", polling.send("4\u001e40{\"token\":\"good-never\"}").body());
    assertSessionGone(polling);
    assertTrue(!app.connected.contains("never"), "the rest of the payload is not handled");
  }

  /**
   * The session was closed on the server's own initiative: the next GET gets "unknown session", or,
   * when it reached the server before the close took effect (the 400 is written first, and the GET
   * can come in on another connection), the close packet.
   */
  private static void assertSessionGone(RawClients.Polling polling) {
    HttpResponse<String> next = polling.poll();
    if (next.statusCode() == 200) {
      assertEquals("1", next.body());
      next = polling.poll();
    }
    EngineProtocolTest.assertError(next, 400, 1);
  }

  @Test
  void clientPingsNoopsAndEmptyPacketsArePassedOver() {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertEquals("ok", polling.send("2\u001e6\u001e\u001e5").body());
    assertTrue(polling.connect("good-noops").startsWith("40{\"sid\""));
  }

  @Test
  void aSecondParkedGetIsAnOverlapThatClosesTheSession() throws Exception {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertTrue(polling.connect("good-overlap").startsWith("40"));
    CompletableFuture<HttpResponse<String>> first = polling.pollAsync();
    Thread.sleep(200);
    EngineProtocolTest.assertError(polling.poll(), 400, 3);
    assertEquals("1", first.get(5, TimeUnit.SECONDS).body(), "the parked GET gets the close");
    EngineProtocolTest.assertError(polling.poll(), 400, 1);
  }

  @Test
  void binaryOverPollingTravelsAsBase64BothWays() {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertTrue(polling.connect("good-b64").startsWith("40"));
    // [1, 2, 3] as an attachment, and a second argument
    assertEquals(
        "ok",
        polling
            .send("451-1[\"binary\",{\"_placeholder\":true,\"num\":0},\"two\"]\u001ebAQID")
            .body());
    assertEquals(
        "461-1[{\"length\":3,\"sum\":6,\"second\":\"two\"},{\"_placeholder\":true,\"num\":0}]"
            + "\u001ebAwIB",
        sortedAck(polling.poll().body()));
  }

  /** The ack's map has no fixed key order: compares it with its keys sorted. */
  private static String sortedAck(String body) {
    int start = body.indexOf('{');
    int end = body.indexOf('}');
    String map = body.substring(start, end + 1);
    com.fasterxml.jackson.databind.JsonNode node = TestJson.read(map);
    String sorted =
        "{\"length\":"
            + node.path("length")
            + ",\"sum\":"
            + node.path("sum")
            + ",\"second\":"
            + node.path("second")
            + "}";
    return body.substring(0, start) + sorted + body.substring(end + 1);
  }

  @Test
  void aClientThatStopsPollingIsClosedOnceItsQueueIsOverTheLimit() throws Exception {
    SocketServerConfig small =
        TestApp.testConfig()
            .pingInterval(Duration.ofSeconds(25))
            .pingTimeout(Duration.ofSeconds(20))
            .maxPayload(1024)
            .maxBufferedBytes(4096)
            .build();
    try (TestApp slow = TestApp.start(small)) {
      RawClients.Polling polling = new RawClients.Polling(slow.url());
      assertTrue(polling.connect("good-slow").startsWith("40"));
      // the ack of send-big is queued behind 5000 bytes the client never collects
      assertEquals("ok", polling.send("421[\"send-big\",5000]").body());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (slow.disconnects.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(java.util.List.of(DisconnectReason.TRANSPORT_ERROR), slow.disconnects);
      EngineProtocolTest.assertError(polling.poll(), 400, 1);
    }
  }

  @Test
  void theErrorBodiesAreJson() {
    HttpResponse<String> error = RawClients.get(engine("transport=polling&sid=nope"));
    assertEquals("application/json", error.headers().firstValue("content-type").orElse(""));
    assertEquals(
        "Session ID unknown",
        TestJson.read(error.body().getBytes(StandardCharsets.UTF_8)).path("message").asText());
  }
}
