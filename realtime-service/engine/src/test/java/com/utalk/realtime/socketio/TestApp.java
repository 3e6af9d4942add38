package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The application the client tests talk to. Tokens: "good-NAME" is accepted as NAME,
 * "slow-good-NAME" too after 100 ms, "slow-bad" is refused after 100 ms, anything else (or none) is
 * refused at once. Every handled event is recorded as "NAME:event".
 */
final class TestApp implements AutoCloseable {
  record User(String name) implements Principal {
    @Override
    public String getName() {
      return name;
    }
  }

  final SocketServer server;
  final List<String> received = Collections.synchronizedList(new ArrayList<>());
  final List<String> connected = Collections.synchronizedList(new ArrayList<>());
  final List<DisconnectReason> disconnects = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger authCalls = new AtomicInteger();
  final AtomicInteger refusals = new AtomicInteger();

  static SocketServerConfig.Builder testConfig() {
    return SocketServerConfig.builder()
        .host("127.0.0.1")
        .port(0)
        .pingInterval(Duration.ofMillis(1000))
        .pingTimeout(Duration.ofMillis(2000))
        .ioThreads(2);
  }

  static TestApp start() {
    return start(testConfig().build());
  }

  static TestApp start(SocketServerConfig config) {
    return new TestApp(config);
  }

  private TestApp(SocketServerConfig config) {
    server = SocketServer.create(config, this::authenticate);
    server.onConnection(this::setUp);
    server.onDisconnect((socket, reason) -> disconnects.add(reason));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private CompletionStage<AuthResult> authenticate(Handshake handshake) {
    authCalls.incrementAndGet();
    String token = handshake.token().orElse("");
    if (token.startsWith("good-")) {
      return CompletableFuture.completedFuture(AuthResult.accept(new User(token.substring(5))));
    }
    if (token.startsWith("slow-good-")) {
      return later(AuthResult.accept(new User(token.substring(10))));
    }
    refusals.incrementAndGet();
    return token.equals("slow-bad")
        ? later(AuthResult.reject())
        : CompletableFuture.completedFuture(AuthResult.reject());
  }

  private static CompletionStage<AuthResult> later(AuthResult result) {
    return CompletableFuture.supplyAsync(
        () -> result, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
  }

  private void setUp(Socket socket) {
    String user = socket.principal(User.class).name();
    connected.add(user);
    on(socket, "echo", (args, ack) -> ack.send(args.asList().toArray()));
    on(
        socket,
        "ask-me",
        (args, ack) ->
            socket
                .emitWithAck(Duration.ofSeconds(5), "question", args.get(0))
                .whenComplete(
                    (reply, error) ->
                        ack.send(
                            error == null ? reply.get(0) : Map.of("error", error.toString()))));
    on(
        socket,
        "join",
        (args, ack) -> {
          socket.join(args.text(0));
          ack.send(true);
        });
    on(
        socket,
        "leave",
        (args, ack) -> {
          socket.leave(args.text(0));
          ack.send(true);
        });
    on(
        socket,
        "broadcast",
        (args, ack) -> {
          JsonNode request = args.get(0);
          ack.send(
              server
                  .to(request.path("room").asText())
                  .emit("room-message", request.path("payload")));
        });
    on(
        socket,
        "send-big",
        (args, ack) -> {
          socket.emit("big", "y".repeat(args.get(0).asInt()));
          ack.send(true);
        });
    on(
        socket,
        "binary",
        (args, ack) -> {
          byte[] bytes = args.bytes(0);
          int sum = 0;
          byte[] reversed = new byte[bytes.length];
          for (int i = 0; i < bytes.length; i++) {
            sum += bytes[i] & 0xff;
            reversed[bytes.length - 1 - i] = bytes[i];
          }
          ack.send(
              Map.of("length", bytes.length, "sum", sum, "second", String.valueOf(args.text(1))),
              reversed);
        });
    on(socket, "after-refusal", (args, ack) -> {});
  }

  private void on(Socket socket, String event, EventHandler handler) {
    String user = socket.principal(User.class).name();
    socket.on(
        event,
        (args, ack) -> {
          received.add(user + ":" + event);
          handler.onEvent(args, ack);
        });
  }

  List<String> receivedSnapshot() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  void whenConnected(Consumer<Socket> listener) {
    server.onConnection(listener);
  }

  @Override
  public void close() {
    server.close(Duration.ofSeconds(2));
  }
}
