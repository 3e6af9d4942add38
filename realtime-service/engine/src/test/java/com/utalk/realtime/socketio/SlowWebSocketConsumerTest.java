package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A WebSocket client that stops reading: once more than {@code maxBufferedBytes} wait to be written
 * to it, the server closes its session (a slow consumer) instead of buffering without limit.
 */
@Timeout(30)
class SlowWebSocketConsumerTest {
  @Test
  void aWebSocketThatStopsReadingIsClosedAsASlowConsumer() throws Exception {
    SocketServerConfig config =
        TestApp.testConfig()
            .pingInterval(Duration.ofSeconds(25))
            .pingTimeout(Duration.ofSeconds(20))
            .maxPayload(1024)
            .maxBufferedBytes(64 * 1024)
            .build();
    try (TestApp app = TestApp.start(config);
        java.net.Socket tcp = new java.net.Socket("127.0.0.1", app.server.port())) {
      CompletableFuture<Socket> connected = new CompletableFuture<>();
      app.whenConnected(connected::complete);
      tcp.setReceiveBufferSize(4096);
      OutputStream out = tcp.getOutputStream();
      out.write(
          ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = tcp.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
      out.write(maskedText("40{\"token\":\"good-slow-reader\"}"));
      out.flush();
      Socket socket = connected.get(5, TimeUnit.SECONDS);

      // from now on the client reads nothing
      String chunk = "z".repeat(256 * 1024);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!app.disconnects.contains(DisconnectReason.TRANSPORT_ERROR)
          && System.nanoTime() < deadline) {
        socket.emit("big", chunk);
        Thread.sleep(2);
      }
      assertEquals(java.util.List.of(DisconnectReason.TRANSPORT_ERROR), app.disconnects);
      assertEquals(0, app.server.connectionCount());
      EngineProtocolTest.awaitNoSession(app);
    }
  }

  /** A client text frame: clients must mask, and an all-zero mask leaves the payload as it is. */
  private static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81; // FIN, text
    frame[1] = (byte) (0x80 | payload.length); // masked, length < 126
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }
}
