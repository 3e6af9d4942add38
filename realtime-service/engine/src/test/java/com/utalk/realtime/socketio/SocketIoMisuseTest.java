package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Socket.IO packets that break the protocol close the connection ("parse error") without reaching a
 * handler; the ones the protocol allows but nobody listens for are passed over.
 */
@Timeout(30)
class SocketIoMisuseTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
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

  /** A WebSocket connected to the main namespace as {@code name}. */
  private static RawClients.Ws connected(String name) {
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
    ws.next();
    ws.send("40{\"token\":\"good-" + name + "\"}");
    assertTrue(ws.next().startsWith("40{\"sid\":\""));
    return ws;
  }

  private static void sendBinary(RawClients.Ws ws, int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    ws.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  private static void assertClosedWithoutHandling(RawClients.Ws ws, String name) {
    assertEquals(1000, ws.awaitClose(), "closed by the server");
    assertTrue(
        app.receivedSnapshot().stream().noneMatch(e -> e.startsWith(name + ":")),
        app.receivedSnapshot().toString());
  }

  @Test
  void anAttachmentNobodyAnnouncedClosesTheConnection() {
    RawClients.Ws ws = connected("stray");
    sendBinary(ws, 1, 2, 3);
    assertClosedWithoutHandling(ws, "stray");
  }

  @Test
  void aBinaryPacketWhileAnotherWaitsForItsAttachmentsClosesTheConnection() {
    RawClients.Ws ws = connected("overlap");
    ws.send("451-[\"binary\",{\"_placeholder\":true,\"num\":0}]");
    ws.send("451-[\"binary\",{\"_placeholder\":true,\"num\":0}]");
    assertClosedWithoutHandling(ws, "overlap");
  }

  @Test
  void aPlaceholderForAnAttachmentThatWasNotSentClosesTheConnection() {
    RawClients.Ws ws = connected("missing");
    ws.send("451-[\"binary\",{\"_placeholder\":true,\"num\":1}]");
    sendBinary(ws, 9);
    assertClosedWithoutHandling(ws, "missing");
  }

  @Test
  void aConnectErrorFromTheClientClosesTheConnection() {
    RawClients.Ws ws = connected("connect-error");
    ws.send("44{\"message\":\"from a client\"}");
    assertClosedWithoutHandling(ws, "connect-error");
  }

  @Test
  void aSecondConnectToTheSameNamespaceClosesTheConnection() {
    RawClients.Ws ws = connected("twice");
    ws.send("40{\"token\":\"good-twice\"}");
    assertClosedWithoutHandling(ws, "twice");
  }

  @Test
  void eventsNobodyListensForAndAcksNobodyAwaitsArePassedOver() {
    RawClients.Ws ws = connected("idle");
    ws.send("42[\"nobody-listens\",1]");
    ws.send("4399[\"an ack for nothing\"]");
    ws.send("421[\"echo\",\"still-here\"]");
    assertEquals("431[\"still-here\"]", ws.next());
    ws.abort();
  }

  @Test
  void leavingTheMainNamespaceAndComingBackGivesANewSocketOnTheSameSession() {
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
    ws.next();
    ws.send("40{\"token\":\"good-back\"}");
    String first = ws.next();
    ws.send("41");
    ws.send("40{\"token\":\"good-back\"}");
    String second = ws.next();
    assertTrue(second.startsWith("40{\"sid\":\""), second);
    assertNotEquals(first, second, "a new socket id");
    ws.send("421[\"echo\",\"again\"]");
    assertEquals("431[\"again\"]", ws.next());
    assertEquals(2, app.connected.stream().filter("back"::equals).count());
    ws.abort();
  }

  @Test
  void aBinaryAckFromTheClientReachesTheServersEmitWithAck() {
    RawClients.Ws ws = connected("binary-ack");
    ws.send("421[\"ask-me\",\"send me bytes\"]");
    assertEquals("420[\"question\",\"send me bytes\"]", ws.next());
    ws.send("461-0[{\"_placeholder\":true,\"num\":0},\"ignored\"]");
    sendBinary(ws, 4, 5);
    // ask-me acks with the first argument of the reply: the bytes, back as an attachment
    assertEquals("461-1[{\"_placeholder\":true,\"num\":0}]", ws.next());
    assertEquals("<binary 2 bytes>", ws.next());
    ws.abort();
  }

  @Test
  void theAuthenticatorFailingRefusesWithServerError() {
    Authenticator failing =
        handshake ->
            switch (handshake.token().orElse("")) {
              case "throws" -> throw new IllegalStateException("auth backend down");
              case "null-stage" -> null;
              case "null-result" -> CompletableFuture.completedFuture(null);
              default ->
                  CompletableFuture.failedFuture(
                      new CompletionException(new IllegalStateException("timeout")));
            };
    SocketServer server =
        SocketServer.create(
                TestApp.testConfig().pingInterval(Duration.ofSeconds(25)).build(), failing)
            .start();
    try {
      List<String> refused = new java.util.ArrayList<>();
      for (String token : List.of("throws", "null-stage", "null-result", "fails")) {
        RawClients.Ws ws = RawClients.Ws.open("http://127.0.0.1:" + server.port(), "");
        ws.next();
        ws.send("40{\"token\":\"" + token + "\"}");
        refused.add(ws.next());
        ws.awaitClose();
      }
      assertEquals(
          List.of(
              "44{\"message\":\"server error\"}",
              "44{\"message\":\"server error\"}",
              "44{\"message\":\"server error\"}",
              "44{\"message\":\"server error\"}"),
          refused);
      assertEquals(0, server.connectionCount());
    } finally {
      server.close(Duration.ofSeconds(2));
    }
  }
}
