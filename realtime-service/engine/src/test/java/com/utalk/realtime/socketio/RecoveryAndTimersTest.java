package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection-state recovery at the wire level (which broadcasts a returning client gets, and when
 * it gets a new session instead), and the timers that end sessions that never get anywhere.
 */
@Timeout(30)
class RecoveryAndTimersTest {
  private static SocketServerConfig.Builder recovering() {
    return TestApp.testConfig()
        .pingInterval(Duration.ofSeconds(25))
        .pingTimeout(Duration.ofSeconds(20))
        .connectionStateRecovery(Duration.ofSeconds(5));
  }

  /** The CONNECT answer of a raw WebSocket: {sid, pid}. */
  private static JsonNode connect(RawClients.Ws ws, String auth) {
    ws.next();
    ws.send("40" + auth);
    String answer = ws.next();
    assertTrue(answer.startsWith("40{"), answer);
    return TestJson.read(answer.substring(2));
  }

  private static void join(RawClients.Ws ws, String room) {
    ws.send("421[\"join\",\"" + room + "\"]");
    assertEquals("431[true]", ws.next());
  }

  /** The offset a broadcast carries as its last argument. */
  private static String offsetOf(String packet) {
    JsonNode array = TestJson.read(packet.substring(2));
    return array.get(array.size() - 1).asText();
  }

  private static void awaitDisconnects(TestApp app, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (app.disconnects.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(count, app.disconnects.size(), app.disconnects.toString());
  }

  @Test
  void aReturningClientGetsOnlyTheBroadcastsMeantForIt() throws Exception {
    try (TestApp app = TestApp.start(recovering().build())) {
      CompletableFuture<Socket> first = new CompletableFuture<>();
      app.whenConnected(first::complete);
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      JsonNode session = connect(ws, "{\"token\":\"good-away\"}");
      join(ws, "r");
      Socket socket = first.get(5, TimeUnit.SECONDS);
      app.server.to("r").emit("seen", 0);
      String offset = offsetOf(ws.next());
      ws.abort(); // the transport closes: a reason the client comes back from
      awaitDisconnects(app, 1);

      app.server.to("r").emit("missed", 1);
      app.server.to("elsewhere").emit("not-its-room", 2);
      app.server.to("r").except(socket).emit("not-for-it", 3);
      app.server.to("elsewhere").to("r").emit("missed", 4);

      RawClients.Ws back = RawClients.Ws.open(app.url(), "");
      JsonNode again =
          connect(
              back,
              "{\"token\":\"good-away\",\"pid\":\""
                  + session.path("pid").asText()
                  + "\",\"offset\":\""
                  + offset
                  + "\"}");
      assertEquals(session.path("sid").asText(), again.path("sid").asText(), "the same socket");
      assertTrue(back.next().startsWith("42[\"missed\",1,"));
      assertTrue(back.next().startsWith("42[\"missed\",4,"));
      back.send("421[\"echo\",\"live\"]");
      assertEquals("431[\"live\"]", back.next(), "nothing else was replayed");
      back.abort();
    }
  }

  @Test
  void anUnknownOffsetOrALeaveOnPurposeGivesANewSession() throws Exception {
    try (TestApp app = TestApp.start(recovering().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      JsonNode session = connect(ws, "{\"token\":\"good-stale\"}");
      ws.abort();
      awaitDisconnects(app, 1);
      // a private id without an offset is not a recovery attempt
      RawClients.Ws noOffset = RawClients.Ws.open(app.url(), "");
      JsonNode other0 =
          connect(
              noOffset,
              "{\"token\":\"good-stale\",\"pid\":\"" + session.path("pid").asText() + "\"}");
      assertNotEquals(session.path("sid").asText(), other0.path("sid").asText());
      noOffset.send("41");
      awaitDisconnects(app, 2);
      RawClients.Ws stale = RawClients.Ws.open(app.url(), "");
      JsonNode fresh =
          connect(
              stale,
              "{\"token\":\"good-stale\",\"pid\":\""
                  + session.path("pid").asText()
                  + "\",\"offset\":\"never-sent\"}");
      assertNotEquals(session.path("sid").asText(), fresh.path("sid").asText());

      // the client leaves the namespace itself: it does not come back from that, nothing is kept
      join(stale, "any");
      app.server.to("any").emit("seen", 1);
      String offset = offsetOf(stale.next());
      stale.send("41");
      awaitDisconnects(app, 3);
      assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, app.disconnects.get(2));
      RawClients.Ws again = RawClients.Ws.open(app.url(), "");
      JsonNode other =
          connect(
              again,
              "{\"token\":\"good-stale\",\"pid\":\""
                  + fresh.path("pid").asText()
                  + "\",\"offset\":\""
                  + offset
                  + "\"}");
      assertNotEquals(fresh.path("sid").asText(), other.path("sid").asText());
      again.abort();
      stale.abort();
    }
  }

  @Test
  void aClientRefusedOnItsWayBackGetsNothingReplayed() throws Exception {
    try (TestApp app = TestApp.start(recovering().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      JsonNode session = connect(ws, "{\"token\":\"good-revoked\"}");
      join(ws, "r");
      app.server.to("r").emit("seen", 0);
      String offset = offsetOf(ws.next());
      ws.abort();
      awaitDisconnects(app, 1);
      app.server.to("r").emit("missed", 1);
      RawClients.Ws back = RawClients.Ws.open(app.url(), "");
      back.next();
      back.send(
          "40{\"token\":\"revoked\",\"pid\":\""
              + session.path("pid").asText()
              + "\",\"offset\":\""
              + offset
              + "\"}");
      assertEquals("44{\"message\":\"unauthorized\"}", back.next());
      assertEquals(1000, back.awaitClose());
    }
  }

  @Test
  void aSessionWhoseAuthenticationNeverEndsIsClosedAtTheConnectTimeout() {
    CompletableFuture<AuthResult> never = new CompletableFuture<>();
    CompletableFuture<AuthResult> refusedLate = new CompletableFuture<>();
    SocketServer server =
        SocketServer.create(
                TestApp.testConfig()
                    .pingInterval(Duration.ofSeconds(25))
                    .connectTimeout(Duration.ofMillis(300))
                    .build(),
                handshake -> handshake.token().orElse("").equals("late") ? refusedLate : never)
            .start();
    try {
      RawClients.Ws ws = RawClients.Ws.open("http://127.0.0.1:" + server.port(), "");
      ws.next();
      ws.send("40{\"token\":\"x\"}");
      assertEquals(1000, ws.awaitClose());
      assertEquals(0, server.sessionCount());
      assertEquals(0, server.connectionCount());
      RawClients.Ws late = RawClients.Ws.open("http://127.0.0.1:" + server.port(), "");
      late.next();
      late.send("40{\"token\":\"late\"}");
      assertEquals(1000, late.awaitClose());
      // decisions arriving after their session is gone change nothing
      never.complete(AuthResult.accept(new TestApp.User("late")));
      refusedLate.complete(AuthResult.reject());
      assertEquals(0, server.connectionCount());
      assertEquals(0, server.sessionCount());
    } finally {
      server.close(Duration.ofSeconds(1));
    }
  }

  @Test
  void inTheConnectionListenerTheSocketIsConnectedAndCanAskTheClient() throws Exception {
    try (TestApp app =
        TestApp.start(TestApp.testConfig().pingInterval(Duration.ofSeconds(25)).build())) {
      CompletableFuture<Boolean> connectedInListener = new CompletableFuture<>();
      CompletableFuture<Args> answer = new CompletableFuture<>();
      List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
      app.whenConnected(
          s -> {
            connectedInListener.complete(s.connected());
            s.join("a");
            s.join("a"); // once is enough
            s.onDisconnect(r -> reasons.add("first:" + r.wireName()));
            s.onDisconnect(r -> reasons.add("second:" + r.wireName()));
            s.emitWithAck(Duration.ofSeconds(5), "hello")
                .whenComplete((args, error) -> answer.complete(args));
          });
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-listener\"}");
      assertTrue(ws.next().startsWith("40{\"sid\":\""), "the CONNECT answer first");
      assertEquals("420[\"hello\"]", ws.next());
      ws.send("430[\"hi\"]");
      assertEquals("hi", answer.get(5, TimeUnit.SECONDS).text(0));
      assertTrue(connectedInListener.get());
      assertEquals(1, app.server.to("a").emit("once", 1));
      assertEquals("42[\"once\",1]", ws.next());
      ws.abort();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (reasons.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("first:transport close", "second:transport close"), reasons);
      assertFalse(app.disconnects.isEmpty());
    }
  }
}
