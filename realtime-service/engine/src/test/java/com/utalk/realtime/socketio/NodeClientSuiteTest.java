package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The functional checks with the real npm socket.io-client, once per transport mode (see the
 * subclasses). The client script (src/test/node/suite.js) runs once; each test asserts one part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeClientSuiteTest {
  private TestApp app;
  private JsonNode result;

  /** "default" (polling, then upgrade), "websocket" or "polling". */
  abstract String mode();

  @BeforeAll
  void runSuite() {
    app = TestApp.start();
    result =
        NodeClient.run(Duration.ofSeconds(60), "suite.js", "--url", app.url(), "--mode", mode());
    String printable = result.toString().replaceAll("x{100,}|y{100,}", "…");
    System.out.println("suite.js " + mode() + " result: " + printable);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void connectsWithAValidToken() {
    assertTrue(result.path("connected").asBoolean(), result.toString());
    assertEquals(20, result.path("socketId").asText().length());
    assertTrue(app.connected.containsAll(List.of("alice", "bob")), app.connected.toString());
  }

  @Test
  void usesTheExpectedTransport() {
    String expected = mode().equals("polling") ? "polling" : "websocket";
    assertEquals(expected, result.path("transport").asText(), result.toString());
    assertEquals(expected, result.path("bobTransport").asText(), result.toString());
  }

  @Test
  void clientEmitWithAck() {
    JsonNode echo = result.path("echo");
    assertEquals(2, echo.size(), echo.toString());
    assertEquals("héllo ☃", echo.get(0).path("text").asText());
    assertEquals(1, echo.get(0).path("n").asInt());
    assertEquals(7, echo.get(1).asInt());
  }

  @Test
  void serverEmitWithAck() {
    assertEquals(42, result.path("serverAck").path("answer").asInt(), result.toString());
  }

  @Test
  void roomBroadcastReachesMembersOnly() {
    assertTrue(result.path("joined").asBoolean());
    assertEquals(1, result.path("broadcastCount").asInt(), result.toString());
    assertEquals("hello room", result.path("aliceReceived").path(0).asText(), result.toString());
    assertTrue(result.path("bobReceived").isNull(), "bob is not in the room: " + result);
  }

  @Test
  void largeMessagesBothWays() {
    assertTrue(
        result.path("bigEchoOk").asBoolean(), "200 KB echo length " + result.path("bigEchoLength"));
    assertEquals(200 * 1024, result.path("bigFromServerLength").asInt());
  }

  @Test
  void binaryFromTheClientAndBinaryAck() {
    JsonNode reply = result.path("binaryReply");
    assertEquals(4, reply.path("info").path("length").asInt(), reply.toString());
    assertEquals(256, reply.path("info").path("sum").asInt());
    assertEquals("tail", reply.path("info").path("second").asText());
    assertEquals(List.of(250, 3, 2, 1), toInts(reply.path("bytes")));
    assertTrue(result.path("stillConnectedAfterBinary").asBoolean());
  }

  @Test
  void refusedClientsGetUnauthorizedAndNeverReachAHandler() {
    for (String name : List.of("refusedMissing", "refusedBad", "refusedSlow", "refusedPlain")) {
      JsonNode refused = result.path(name);
      assertEquals("unauthorized", refused.path("error").asText(), name + ": " + refused);
      assertFalse(refused.path("connected").asBoolean(), name + ": " + refused);
    }
    for (String name : List.of("refusedMissing", "refusedBad", "refusedSlow")) {
      assertTrue(result.path(name).path("injectedEarly").asBoolean(), name + " did not inject");
    }
    assertTrue(
        app.receivedSnapshot().stream().noneMatch(e -> e.endsWith(":after-refusal")),
        "an event of a refused client reached a handler: " + app.receivedSnapshot());
    // the slow refusal's early event arrives while the authenticator is still deciding
    assertTrue(
        app.server.droppedPacketCount() >= 1, "the injected events never reached the server");
    assertEquals(List.of("alice", "bob"), app.connected.stream().sorted().toList());
    assertTrue(app.refusals.get() >= 4);
  }

  @Test
  void refusedSessionsAreClosed() throws InterruptedException {
    // only alice and bob ever connected, and both disconnected at the end of the script
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (app.server.sessionCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, app.server.sessionCount());
    assertEquals(0, app.server.connectionCount());
    assertEquals(0, app.server.roomCount());
  }

  @Test
  void otherNamespacesAreInvalid() {
    assertEquals("Invalid namespace", result.path("adminNamespace").asText());
  }

  @Test
  void reconnectsWithAuthAfterARestartOnTheSamePort() {
    TestApp first = TestApp.start();
    int port = first.server.port();
    TestApp second = null;
    try (NodeClient client =
        NodeClient.start("reconnect.js", "--url", first.url(), "--mode", mode())) {
      client.await("connected", Duration.ofSeconds(10));
      assertEquals(1, first.authCalls.get());
      first.close();
      JsonNode disconnected = client.await("disconnected", Duration.ofSeconds(10));
      // "transport close" when the close packet / frame reached the client; a polling client that
      // was between two requests finds the listener gone: "transport error". Both reconnect.
      assertTrue(
          List.of("transport close", "transport error")
              .contains(disconnected.path("reason").asText()),
          disconnected.toString());
      second = TestApp.start(TestApp.testConfig().port(port).build());
      JsonNode done = client.await("done", Duration.ofSeconds(20));
      assertEquals("after-restart", done.path("echo").asText(), done.toString());
      assertEquals(1, second.authCalls.get(), "the client authenticated again on the new server");
      assertEquals(List.of("dora"), second.connected);
      assertTrue(done.path("authCalls").asInt() >= 2, done.toString());
    } finally {
      if (second != null) {
        second.close();
      }
    }
  }

  private static List<Integer> toInts(JsonNode array) {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }
}
