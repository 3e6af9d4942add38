package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket.IO v5 at the wire level: CONNECT/auth, refusals, events, acks, rooms, disconnects. */
@Timeout(30)
class SocketIoProtocolTest {
  private static SocketServerConfig.Builder quiet() {
    return TestApp.testConfig()
        .pingInterval(Duration.ofSeconds(25))
        .pingTimeout(Duration.ofSeconds(20));
  }

  @Test
  void refusalOverPollingDropsEventsInTheSamePayload() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertEquals(
          "ok",
          polling.send("40{\"token\":\"bad\"}\u001e42[\"after-refusal\",\"same-post\"]").body());
      assertEquals("44{\"message\":\"unauthorized\"}\u001e1", polling.poll().body());
      EngineProtocolTest.assertError(polling.poll(), 400, 1);
      assertTrue(app.received.isEmpty(), app.received.toString());
      assertEquals(0, app.server.sessionCount());
    }
  }

  @Test
  void aPostRacingAnImmediateRefusalIsAnsweredOkSoTheClientStillReadsUnauthorized() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertEquals("ok", polling.send("40{\"token\":\"bad\"}").body());
      // the refusal has closed the session, but the client has not collected it yet: a second POST
      // (socket.io-client sends buffered packets this way) must not fail with "xhr post error"
      assertEquals("ok", polling.send("42[\"after-refusal\",\"racing\"]").body());
      assertEquals("44{\"message\":\"unauthorized\"}\u001e1", polling.poll().body());
      EngineProtocolTest.assertError(polling.send("42[\"after-refusal\",\"after-close\"]"), 400, 1);
      assertTrue(app.received.isEmpty(), app.received.toString());
    }
  }

  @Test
  void eventsDuringASlowRefusalAreDropped() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Polling polling = new RawClients.Polling(app.url());
      assertEquals("ok", polling.send("40{\"token\":\"slow-bad\"}").body());
      assertEquals("ok", polling.send("42[\"after-refusal\",\"while-deciding\"]").body());
      assertEquals("44{\"message\":\"unauthorized\"}\u001e1", polling.poll().body());
      assertTrue(app.received.isEmpty(), app.received.toString());
      assertEquals(1, app.server.droppedPacketCount());
    }
  }

  @Test
  void refusalOverWebSocketDropsFollowingFramesAndCloses() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"slow-bad\"}");
      ws.send("42[\"after-refusal\",\"early\"]");
      assertEquals("44{\"message\":\"unauthorized\"}", ws.next());
      ws.awaitClose();
      assertTrue(app.received.isEmpty(), app.received.toString());
      assertEquals(1, app.server.droppedPacketCount());
      assertEquals(0, app.connected.size());
    }
  }

  @Test
  void eventsBeforeConnectAreDropped() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("42[\"echo\",\"too-early\"]");
      ws.send("40{\"token\":\"good-early\"}");
      assertTrue(ws.next().startsWith("40{\"sid\""));
      ws.send("421[\"echo\",\"in-time\"]");
      assertEquals("431[\"in-time\"]", ws.next());
      assertEquals(List.of("early:echo"), app.receivedSnapshot());
      assertEquals(1, app.server.droppedPacketCount());
      ws.abort();
    }
  }

  @Test
  void tokenFromTheQueryString() {
    try (TestApp app = TestApp.start(quiet().build())) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "&token=good-query");
      ws.next();
      ws.send("40");
      assertTrue(ws.next().startsWith("40{\"sid\""));
      assertEquals(List.of("query"), app.connected);
      ws.abort();
    }
  }

  @Test
  void malformedPacketsCloseTheConnection() {
    try (TestApp app = TestApp.start(quiet().build())) {
      for (String bad :
          List.of(
              "4", "49", "42{\"not\":\"an array\"}", "42[]", "42[1]", "43[]", "42[\"x\"", "9")) {
        RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
        ws.next();
        ws.send("40{\"token\":\"good-m\"}");
        ws.next();
        ws.send(bad);
        ws.awaitClose();
      }
      assertEquals(0, app.server.sessionCount());
      assertEquals(0, app.server.connectionCount());
    }
  }

  @Test
  void serverDisconnectTellsTheClient() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      CompletableFuture<Socket> connected = new CompletableFuture<>();
      CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
      app.whenConnected(
          socket -> {
            socket.onDisconnect(reason::complete);
            connected.complete(socket);
          });
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-d\"}");
      ws.next();
      Socket socket = connected.get(5, TimeUnit.SECONDS);
      socket.join("r");
      assertEquals(1, app.server.roomCount());
      socket.disconnect();
      assertEquals("41", ws.next());
      ws.awaitClose();
      assertEquals(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, reason.get(5, TimeUnit.SECONDS));
      assertFalse(socket.connected());
      assertEquals(0, app.server.roomCount());
      assertEquals(0, app.server.connectionCount());
      socket.emit("dropped", 1); // no effect, no error
    }
  }

  @Test
  void clientDisconnectReason() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
      app.whenConnected(socket -> socket.onDisconnect(reason::complete));
      RawClients.Polling polling = new RawClients.Polling(app.url());
      polling.connect("good-c");
      polling.send("41\u001e1");
      assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, reason.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void emitWithAckTimesOutAndFailsOnDisconnect() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      CompletableFuture<Socket> connected = new CompletableFuture<>();
      app.whenConnected(connected::complete);
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-a\"}");
      ws.next();
      Socket socket = connected.get(5, TimeUnit.SECONDS);

      CompletableFuture<Args> answered = socket.emitWithAck(Duration.ofSeconds(5), "q", 1);
      assertEquals("42" + "0[\"q\",1]", ws.next());
      ws.send("430[\"a\",{\"b\":true}]");
      Args args = answered.get(5, TimeUnit.SECONDS);
      assertEquals("a", args.text(0));
      assertTrue(args.get(1).path("b").asBoolean());

      CompletableFuture<Args> unanswered = socket.emitWithAck(Duration.ofMillis(200), "q", 2);
      ExecutionException timeout =
          assertThrows(ExecutionException.class, () -> unanswered.get(5, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, timeout.getCause());

      CompletableFuture<Args> pending = socket.emitWithAck(Duration.ofSeconds(10), "q", 3);
      ws.abort();
      assertThrows(
          java.util.concurrent.CancellationException.class, () -> pending.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void clientsThatNeverConnectAreClosed() throws Exception {
    SocketServerConfig config = quiet().connectTimeout(Duration.ofMillis(300)).build();
    try (TestApp app = TestApp.start(config)) {
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      assertEquals(1000, ws.awaitClose());
      assertEquals(0, app.server.sessionCount());
    }
  }

  @Test
  void broadcastReachesEveryMemberOnceAndOnlyMembers() throws Exception {
    try (TestApp app = TestApp.start(quiet().build())) {
      List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
      app.whenConnected(sockets::add);
      List<RawClients.Ws> members = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
        ws.next();
        ws.send("40{\"token\":\"good-m" + i + "\"}");
        ws.next();
        members.add(ws);
      }
      List<RawClients.Polling> pollers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        RawClients.Polling polling = new RawClients.Polling(app.url());
        polling.connect("good-p" + i);
        pollers.add(polling);
      }
      RawClients.Ws outsider = RawClients.Ws.open(app.url(), "");
      outsider.next();
      outsider.send("40{\"token\":\"good-outsider\"}");
      outsider.next();
      waitFor(() -> sockets.size() == 46);
      for (Socket socket : sockets) {
        if (!socket.principal().getName().equals("outsider")) {
          socket.join("room");
          socket.join("other");
        }
      }
      assertEquals(2, app.server.roomCount());
      int count = app.server.to("room").to("other").emit("news", "héllo", 42);
      assertEquals(45, count, "a socket in both rooms gets it once");
      for (RawClients.Ws ws : members) {
        assertEquals("42[\"news\",\"héllo\",42]", ws.next());
      }
      for (RawClients.Polling polling : pollers) {
        assertEquals("42[\"news\",\"héllo\",42]", polling.poll().body());
      }
      Socket first =
          sockets.stream()
              .filter(s -> s.principal().getName().equals("m0"))
              .findFirst()
              .orElseThrow();
      assertEquals(44, app.server.to("room").except(first).emit("news", 2));
      assertEquals(0, app.server.to("nobody").emit("news", 3));
      assertTrue(outsider.messages.isEmpty(), outsider.messages.toString());
      members.forEach(RawClients.Ws::abort);
      waitFor(() -> app.server.connectionCount() == 6);
      assertEquals(2, app.server.roomCount(), "pollers still in the rooms");
    }
  }

  @Test
  void handlersOfOneSocketRunInOrderOnTheEventLoopByDefault() throws Exception {
    checkOrdering(null);
  }

  @Test
  void handlersOfOneSocketRunInOrderOnAHandlerExecutor() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      checkOrdering(executor);
    } finally {
      executor.shutdownNow();
    }
  }

  private void checkOrdering(ExecutorService executor) throws Exception {
    SocketServerConfig config = quiet().handlerExecutor(executor).build();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    try (TestApp app = TestApp.start(config)) {
      app.whenConnected(
          socket ->
              socket.on(
                  "n",
                  (args, ack) -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread().getName());
                    seen.add(args.get(0).asInt());
                    Thread.sleep(1);
                    concurrent.decrementAndGet();
                    ack.send(args.get(0).asInt());
                  }));
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-order\"}");
      ws.next();
      for (int i = 0; i < 200; i++) {
        ws.socket.sendText("42" + i + "[\"n\"," + i + "]", true);
      }
      for (int i = 0; i < 200; i++) {
        assertEquals("43" + i + "[" + i + "]", ws.nextNonPing());
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        expected.add(i);
      }
      assertEquals(expected, seen);
      assertEquals(1, maxConcurrent.get(), "never two handlers of one socket at once");
      if (executor == null) {
        assertTrue(threads.stream().allMatch(t -> t.startsWith("socketio-io")), threads.get(0));
      } else {
        assertTrue(threads.stream().noneMatch(t -> t.startsWith("socketio-io")), threads.get(0));
      }
      ws.abort();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 5 s");
      }
      Thread.sleep(10);
    }
  }
}
