package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.realtime.socketio.Authenticator;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.realtime.socketio.SocketServerConfig;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release's socket smoke (its own small Engine.IO polling client) against the real realtime
 * engine: connect with a token, emit, read the ack — and each way it fails said plainly, since the
 * operator reads that line when a release stops there.
 */
class SocketSmokeTest {
  private SocketServer server;
  private String url;

  @BeforeEach
  void start() {
    Authenticator tokens =
        Authenticator.of(
            handshake ->
                handshake
                    .token()
                    .filter("good-token"::equals)
                    .map(token -> (Principal) () -> "agent-1"));
    server =
        SocketServer.create(
                SocketServerConfig.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .pingInterval(Duration.ofMillis(300))
                    .build(),
                tokens)
            .onConnection(
                socket -> {
                  socket.on(
                      "conversation:join",
                      (args, ack) ->
                          ack.send(
                              Map.of(
                                  "ok",
                                  true,
                                  "joined",
                                  args.get(0).path("conversationId").asText())));
                  socket.on("conversation:ignore", (args, ack) -> {});
                })
            .start();
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void connectsEmitsAndReturnsTheAck() throws Exception {
    JsonNode ack =
        SocketSmoke.connectAndAck(
            url,
            "good-token",
            "conversation:join",
            Map.of("conversationId", "c-1"),
            Duration.ofSeconds(5));
    assertEquals(true, ack.path("ok").asBoolean());
    assertEquals("c-1", ack.path("joined").asText());
  }

  @Test
  void aRefusedTokenIsTheServersConnectError() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                SocketSmoke.connectAndAck(
                    url, "stale-token", "conversation:join", Map.of(), Duration.ofSeconds(5)));
    assertTrue(refused.getMessage().startsWith("connect_error: "), refused.getMessage());
    assertTrue(refused.getMessage().contains("unauthorized"), refused.getMessage());
  }

  @Test
  void anEventNobodyAcksTimesOutSayingItConnected() {
    IllegalStateException silent =
        assertThrows(
            IllegalStateException.class,
            () ->
                SocketSmoke.connectAndAck(
                    url, "good-token", "conversation:ignore", Map.of(), Duration.ofSeconds(2)));
    assertEquals("connected, but no ack to conversation:ignore within 2 s", silent.getMessage());
  }

  @Test
  void aServerThatIsNotSocketIoIsNamedByItsAnswer() {
    IllegalStateException wrong =
        assertThrows(
            IllegalStateException.class,
            () ->
                SocketSmoke.connectAndAck(
                    url + "/not-here",
                    "good-token",
                    "conversation:join",
                    Map.of(),
                    Duration.ofSeconds(2)));
    assertTrue(
        wrong.getMessage().startsWith("GET " + url + "/not-here/socket.io/"), wrong.getMessage());
  }
}
