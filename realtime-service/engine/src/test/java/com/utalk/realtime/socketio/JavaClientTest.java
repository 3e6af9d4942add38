package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java client io.socket:socket.io-client 2.1.x against our server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaClientTest {
  private TestApp app;

  @BeforeAll
  void start() {
    app = TestApp.start();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private Socket client(String token, String mode) {
    io.socket.client.SocketOptionBuilder options =
        IO.Options.builder().setForceNew(true).setReconnection(false);
    if (token != null) {
      options.setAuth(Map.of("token", token));
    }
    if (mode.equals("websocket")) {
      options.setTransports(new String[] {"websocket"});
    } else if (mode.equals("polling")) {
      options.setTransports(new String[] {"polling"});
    }
    return IO.socket(URI.create(app.url()), options.build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "websocket", "polling"})
  void connectsEmitsWithAckAndAnswersTheServer(String mode) throws Exception {
    Socket socket = client("good-java-" + mode, mode);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
    socket.on(
        Socket.EVENT_CONNECT_ERROR,
        args -> connected.completeExceptionally(new AssertionError(args[0])));
    socket.on(
        "question",
        args -> {
          JSONObject question = (JSONObject) args[0];
          try {
            ((Ack) args[args.length - 1])
                .call(new JSONObject(Map.of("answer", question.getInt("n") * 2)));
          } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
          }
        });
    socket.connect();
    try {
      connected.get(10, TimeUnit.SECONDS);

      CompletableFuture<Object[]> echo = new CompletableFuture<>();
      socket.emit(
          "echo", new Object[] {new JSONObject(Map.of("hello", "wörld")), 5}, echo::complete);
      Object[] reply = echo.get(5, TimeUnit.SECONDS);
      assertEquals("wörld", ((JSONObject) reply[0]).getString("hello"));
      assertEquals(5, ((Number) reply[1]).intValue());

      CompletableFuture<Object[]> asked = new CompletableFuture<>();
      socket.emit("ask-me", new Object[] {new JSONObject(Map.of("n", 4))}, asked::complete);
      assertEquals(8, ((JSONObject) asked.get(5, TimeUnit.SECONDS)[0]).getInt("answer"));

      CompletableFuture<Object[]> binary = new CompletableFuture<>();
      socket.emit("binary", new Object[] {new byte[] {9, 8, 7}, "java"}, binary::complete);
      Object[] binaryReply = binary.get(5, TimeUnit.SECONDS);
      assertEquals(24, ((JSONObject) binaryReply[0]).getInt("sum"));
      assertTrue(binaryReply[1] instanceof byte[], "binary ack arrives as bytes");
      assertEquals(7, ((byte[]) binaryReply[1])[0]);

      assertTrue(app.connected.contains("java-" + mode));
    } finally {
      socket.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "websocket", "polling"})
  void refusedWithUnauthorized(String mode) throws Exception {
    Socket socket = client("bad", mode);
    CompletableFuture<Object> error = new CompletableFuture<>();
    socket.on(
        Socket.EVENT_CONNECT, args -> error.completeExceptionally(new AssertionError("connected")));
    socket.on(Socket.EVENT_CONNECT_ERROR, args -> error.complete(args[0]));
    socket.connect();
    try {
      Object cause = error.get(10, TimeUnit.SECONDS);
      assertTrue(cause instanceof JSONObject, String.valueOf(cause));
      assertEquals("unauthorized", ((JSONObject) cause).getString("message"));
    } finally {
      socket.close();
    }
  }
}
