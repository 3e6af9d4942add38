package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application's side: what the engine does when the application emits to a socket that is gone,
 * uses a reserved name, fails in a callback, or calls the server at the wrong time.
 */
@Timeout(30)
class ServerApiTest {
  private static SocketServerConfig.Builder quiet() {
    return TestApp.testConfig()
        .pingInterval(Duration.ofSeconds(25))
        .pingTimeout(Duration.ofSeconds(20));
  }

  /** Connects a raw WebSocket as {@code name} and returns the server's socket for it. */
  private static Socket connect(TestApp app, RawClients.Ws ws, String name) throws Exception {
    CompletableFuture<Socket> socket = new CompletableFuture<>();
    app.whenConnected(
        s -> {
          if (s.principal(TestApp.User.class).name().equals(name)) {
            socket.complete(s);
          }
        });
    ws.next();
    ws.send("40{\"token\":\"good-" + name + "\"}");
    assertTrue(ws.next().startsWith("40{\"sid\":\""));
    return socket.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aSocketThatIsGoneIgnoresEmitsAndJoinsAndFailsAcksAtOnce() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      Socket socket = connect(app, ws, "gone");
      socket.join("room");
      ws.send("41"); // the client leaves the namespace
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (socket.connected() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertFalse(socket.connected());
      assertEquals(Set.of(), socket.rooms(), "left its rooms");
      assertEquals(0, app.server.to("room").emit("nobody", 1), "a room nobody is in");

      socket.emit("dropped", 1);
      socket.join("later");
      assertEquals(Set.of(), socket.rooms());
      socket.leave("never-joined");
      socket.disconnect(); // nothing to do any more
      CompletableFuture<Args> ack = socket.emitWithAck(Duration.ofSeconds(5), "q");
      CancellationException failed =
          assertThrows(CancellationException.class, () -> ack.get(1, TimeUnit.SECONDS));
      assertEquals("socket is disconnected", failed.getMessage());
      ws.send("421[\"echo\",\"session-lives\"]"); // dropped: not connected to "/" any more
      assertEquals(1, awaitDropped(app, 1));
      ws.abort();
    }
  }

  private static long awaitDropped(TestApp app, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (app.server.droppedPacketCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return app.server.droppedPacketCount();
  }

  @Test
  void reservedEventNamesAreRefused() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      Socket socket = connect(app, ws, "reserved");
      IllegalArgumentException on =
          assertThrows(IllegalArgumentException.class, () -> socket.on("disconnect", (a, b) -> {}));
      assertEquals("'disconnect' is reserved; use onDisconnect", on.getMessage());
      IllegalArgumentException emit =
          assertThrows(IllegalArgumentException.class, () -> socket.emit("connect"));
      assertEquals("'connect' is a reserved event name", emit.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> app.server.to("r").emit("disconnecting"),
          "broadcasts too");
      assertThrows(
          IllegalArgumentException.class,
          () -> socket.emitWithAck(Duration.ofSeconds(1), "connect_error"));
      ws.abort();
    }
  }

  @Test
  void aFailingHandlerOrListenerLeavesTheSocketWorking() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      CompletableFuture<DisconnectReason> serverSaw = new CompletableFuture<>();
      app.server.onDisconnect((s, reason) -> serverSaw.complete(reason));
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      Socket socket = connect(app, ws, "failing");
      socket.on(
          "explode",
          (args, ack) -> {
            throw new IllegalStateException("handler bug");
          });
      socket.on(
          "ack-twice",
          (args, ack) -> {
            ack.send("first");
            ack.send("second");
          });
      socket.onDisconnect(
          reason -> {
            throw new IllegalStateException("listener bug");
          });
      ws.send("42[\"explode\"]");
      ws.send("421[\"ack-twice\"]");
      assertEquals("431[\"first\"]", ws.next(), "one ack per request");
      ws.send("422[\"echo\",\"after\"]");
      assertEquals("432[\"after\"]", ws.next());
      ws.abort();
      assertEquals(DisconnectReason.TRANSPORT_CLOSE, serverSaw.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void anEmitWithAckThatCannotBeSerializedFailsAndTheSocketGoesOn() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      Socket socket = connect(app, ws, "unserializable");
      assertThrows(
          UncheckedIOException.class,
          () -> socket.emitWithAck(Duration.ofSeconds(1), "q", new Object()));
      CompletableFuture<Args> next = socket.emitWithAck(Duration.ofSeconds(5), "q", 2);
      String question = ws.next();
      assertTrue(question.matches("42\\d+\\[\"q\",2]"), question);
      String id = question.substring(2, question.indexOf('['));
      ws.send("43" + id + "[\"a\",3,{\"b\":true}]");
      Args answer = next.get(5, TimeUnit.SECONDS);
      assertEquals(3, answer.size(), "every argument of the client's ack");
      assertEquals(3, answer.get(1).asInt());
      ws.abort();
    }
  }

  @Test
  void disconnectingInTheConnectionListenerSendsConnectThenDisconnect() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      app.whenConnected(
          s -> {
            if (s.principal(TestApp.User.class).name().equals("bounced")) {
              s.emit("welcome", 1);
              s.disconnect();
            }
          });
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-bounced\"}");
      assertTrue(ws.next().startsWith("40{\"sid\":\""));
      assertEquals("42[\"welcome\",1]", ws.next());
      assertEquals("41", ws.next());
      assertEquals(1000, ws.awaitClose(), "its last socket: the session closes");
      EngineProtocolTest.awaitNoSession(app);
    }
  }

  @Test
  void serverLifecycleMisuseIsRefused() throws Exception {
    SocketServer server =
        SocketServer.create(quiet().build(), h -> CompletableFuture.completedFuture(null));
    assertEquals(
        "not started", assertThrows(IllegalStateException.class, server::address).getMessage());
    assertEquals(
        "path is the Socket.IO endpoint: /socket.io",
        assertThrows(IllegalArgumentException.class, () -> server.route("/socket.io", r -> null))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> server.route("/socket.io/", r -> null));
    server.start();
    try {
      assertEquals(
          "already started", assertThrows(IllegalStateException.class, server::start).getMessage());
      assertEquals(server.port(), server.address().getPort());
    } finally {
      server.close(Duration.ofSeconds(1));
    }
    server.close(Duration.ofSeconds(1)); // a second close does nothing

    SocketServer neverStarted =
        SocketServer.create(quiet().build(), h -> CompletableFuture.completedFuture(null));
    neverStarted.close(Duration.ofSeconds(1));

    SocketServer raw =
        SocketServer.engineIo(
            quiet().build(),
            new EngineHandler() {
              @Override
              public void onMessage(EngineConnection connection, String message) {}

              @Override
              public void onBinary(EngineConnection connection, byte[] message) {}
            });
    assertEquals(
        "a raw Engine.IO server has no Socket.IO namespaces",
        assertThrows(IllegalStateException.class, () -> raw.onConnection(s -> {})).getMessage());
    assertThrows(IllegalStateException.class, raw::mainNamespace);
    assertEquals(0, raw.droppedPacketCount());
  }

  @Test
  void closingFromAnIoThreadIsRefused() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      Socket socket = connect(app, ws, "closer");
      socket.on(
          "close-server",
          (args, ack) -> {
            try {
              app.server.close(Duration.ofSeconds(1));
              ack.send("closed");
            } catch (IllegalStateException e) {
              ack.send(e.getMessage());
            }
          });
      ws.send("421[\"close-server\"]");
      assertEquals(
          "431[\"close() called on an I/O thread; call it from another thread\"]", ws.next());
      ws.abort();
    }
  }

  @Test
  void aNewSessionDuringShutdownGets503() throws Exception {
    TestApp app = TestApp.start(quiet().build());
    // a polling client that does not come back for its close packet keeps the drain going
    RawClients.Polling lingering = new RawClients.Polling(app.url());
    assertTrue(lingering.connect("good-lingering").startsWith("40"));
    try (java.net.Socket early = new java.net.Socket("127.0.0.1", app.server.port());
        java.net.Socket earlyWs = new java.net.Socket("127.0.0.1", app.server.port())) {
      Thread.sleep(100); // both accepted before the listening socket closes
      CompletableFuture<Void> closing =
          CompletableFuture.runAsync(() -> app.server.close(Duration.ofSeconds(2)));
      Thread.sleep(300);
      assertTrue(
          send(early, "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n")
              .startsWith("HTTP/1.1 503"));
      assertTrue(
          send(
                  earlyWs,
                  "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                      + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .startsWith("HTTP/1.1 503"));
      closing.get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of(DisconnectReason.SERVER_SHUTTING_DOWN), app.disconnects);
  }

  private static String send(java.net.Socket socket, String request) throws Exception {
    socket.setSoTimeout(5000);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    return in.readLine();
  }
}
