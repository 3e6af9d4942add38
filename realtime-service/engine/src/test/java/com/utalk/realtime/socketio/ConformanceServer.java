package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The servers the official protocol suites expect, built on the engine's public API and configured
 * as each suite's README configures the Node reference: ping interval 300 ms, ping timeout 200 ms,
 * max payload 1,000,000 bytes, any origin; for Socket.IO also a connect timeout of 1 s, a socket
 * that emits its handshake {@code auth} on connection, echoes {@code message} as {@code
 * message-back} and acknowledges {@code message-with-ack} with its arguments, and a {@code /custom}
 * namespace that emits its {@code auth}; for Engine.IO a connection that sends back every message.
 */
final class ConformanceServer {
  private ConformanceServer() {}

  /** What the suite's reference server keeps of the CONNECT: its auth payload. */
  record HandshakeAuth(JsonNode auth) implements Principal {
    @Override
    public String getName() {
      return "conformance";
    }
  }

  static SocketServerConfig.Builder config(int port) {
    return SocketServerConfig.builder()
        .host("127.0.0.1")
        .port(port)
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxPayload(1_000_000)
        .allowedOrigins(Set.of("*"));
  }

  static SocketServer socketIo(int port) {
    Authenticator anyone =
        handshake ->
            CompletableFuture.completedFuture(
                AuthResult.accept(new HandshakeAuth(handshake.auth())));
    SocketServer server =
        SocketServer.create(config(port).connectTimeout(Duration.ofMillis(1000)).build(), anyone);
    server.onConnection(
        socket -> {
          socket.emit("auth", socket.principal(HandshakeAuth.class).auth());
          socket.on("message", (args, ack) -> socket.emit("message-back", plain(args)));
          socket.on("message-with-ack", (args, ack) -> ack.send(plain(args)));
        });
    server
        .of("/custom", anyone)
        .onConnection(socket -> socket.emit("auth", socket.principal(HandshakeAuth.class).auth()));
    server.start();
    return server;
  }

  static SocketServer engineIo(int port) {
    // the engine.io suite addresses /engine.io/, the Node engine.io server's default path
    SocketServer server =
        SocketServer.engineIo(
            config(port).path("/engine.io/").build(),
            new EngineHandler() {
              @Override
              public void onMessage(EngineConnection connection, String message) {
                connection.send(message);
              }

              @Override
              public void onBinary(EngineConnection connection, byte[] message) {
                connection.send(message);
              }
            });
    server.start();
    return server;
  }

  /** The arguments as they came: JSON values, and bytes where the client sent binary. */
  private static Object[] plain(Args args) {
    List<Object> values = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      JsonNode value = args.get(i);
      values.add(value.isBinary() ? args.bytes(i) : value);
    }
    return values.toArray();
  }

  /** {@code java ... ConformanceServer socket.io|engine.io [port]}: for running a suite by hand. */
  public static void main(String[] argv) throws InterruptedException {
    int port = argv.length > 1 ? Integer.parseInt(argv[1]) : 3000;
    SocketServer server =
        argv.length > 0 && argv[0].equals("engine.io") ? engineIo(port) : socketIo(port);
    System.out.println("listening on " + server.port());
    Thread.currentThread().join();
  }
}
