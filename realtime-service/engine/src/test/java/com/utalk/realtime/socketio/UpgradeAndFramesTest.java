package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket frames and upgrade probes a client can send out of turn: the probe is dropped and
 * polling goes on, control frames are answered, a client's close ends the session cleanly.
 */
@Timeout(30)
class UpgradeAndFramesTest {
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

  private static RawClients.Polling connectedPolling(String name) {
    RawClients.Polling polling = new RawClients.Polling(app.url());
    assertTrue(polling.connect("good-" + name).startsWith("40"));
    return polling;
  }

  private static void assertStillPolling(RawClients.Polling polling, String text) {
    assertEquals("ok", polling.send("421[\"echo\",\"" + text + "\"]").body());
    assertEquals("431[\"" + text + "\"]", polling.poll().body());
  }

  @Test
  void aProbeThatDoesNotStartWithTheProbePingIsDropped() {
    RawClients.Polling polling = connectedPolling("bad-probe");
    RawClients.Ws probe = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    probe.send("42[\"echo\",\"too soon\"]");
    probe.awaitClose();
    assertStillPolling(polling, "after-bad-probe");
  }

  @Test
  void aSecondProbePingOrABinaryFrameOnTheProbeDropsIt() {
    RawClients.Polling polling = connectedPolling("probe-twice");
    RawClients.Ws probe = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    probe.send("2probe");
    assertEquals("3probe", probe.next());
    assertEquals("6", polling.poll().body(), "the client may pause polling");
    probe.send("2probe");
    probe.awaitClose();
    assertStillPolling(polling, "after-second-ping");

    RawClients.Ws binary = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    binary.socket.sendBinary(ByteBuffer.wrap(new byte[] {1}), true).join();
    binary.awaitClose();
    assertStillPolling(polling, "after-binary-probe");
  }

  @Test
  void aSecondProbeWhileOneIsUnderWayIsAcceptedAndClosed() {
    RawClients.Polling polling = connectedPolling("two-probes");
    RawClients.Ws first = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    RawClients.Ws second = RawClients.Ws.open(app.url(), "&sid=" + polling.sid);
    assertEquals(1000, second.awaitClose());
    first.send("2probe");
    assertEquals("3probe", first.next());
    first.send("5");
    first.send("421[\"echo\",\"upgraded\"]");
    assertEquals("431[\"upgraded\"]", first.next());
    first.abort();
  }

  @Test
  void controlFramesAndStrayEngineIoPacketsAreHandled() throws Exception {
    CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
    app.whenConnected(
        s -> {
          if (s.principal(TestApp.User.class).name().equals("frames")) {
            s.onDisconnect(reason::complete);
          }
        });
    RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
    ws.next();
    ws.send("40{\"token\":\"good-frames\"}");
    ws.next();
    ws.socket.sendPing(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8))).join();
    assertEquals("<pong hi>", ws.next(), "a WebSocket ping is answered with its payload");
    ws.send("3"); // a pong nobody asked for
    ws.send("6"); // a noop
    ws.send("5"); // an upgrade on a session that is not upgrading
    ws.send("421[\"echo\",\"still\"]");
    assertEquals("431[\"still\"]", ws.next());
    ws.socket.sendClose(1000, "bye").join();
    assertEquals(1000, ws.awaitClose(), "the server answers the close");
    assertEquals(DisconnectReason.TRANSPORT_CLOSE, reason.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aBinaryBroadcastReachesEveryMemberWithItsAttachments() {
    RawClients.Ws a = RawClients.Ws.open(app.url(), "");
    RawClients.Ws b = RawClients.Ws.open(app.url(), "");
    RawClients.Polling c = connectedPolling("files-polling");
    for (RawClients.Ws ws : new RawClients.Ws[] {a, b}) {
      ws.next();
      ws.send("40{\"token\":\"good-files\"}");
      ws.next();
      ws.send("421[\"join\",\"files\"]");
      assertEquals("431[true]", ws.next());
    }
    c.send("421[\"join\",\"files\"]");
    assertEquals("431[true]", c.poll().body());
    assertEquals(3, app.server.to("files").emit("file", "name.bin", new byte[] {7, 8, 9}));
    for (RawClients.Ws ws : new RawClients.Ws[] {a, b}) {
      assertEquals("451-[\"file\",\"name.bin\",{\"_placeholder\":true,\"num\":0}]", ws.next());
      assertEquals("<binary 3 bytes>", ws.next());
      ws.abort();
    }
    assertEquals(
        "451-[\"file\",\"name.bin\",{\"_placeholder\":true,\"num\":0}]\u001ebBwgJ",
        c.poll().body(),
        "over polling the attachment follows as base64");
  }
}
