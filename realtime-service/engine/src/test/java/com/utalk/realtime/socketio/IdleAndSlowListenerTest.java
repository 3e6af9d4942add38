package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections that hold the server's resources without using them: a TCP connection that never
 * sends a request, and a client that leaves while the application's connection listener is still
 * running.
 */
@Timeout(40)
class IdleAndSlowListenerTest {
  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTime() throws Exception {
    // idle time = pingInterval + pingTimeout + 10 s: here 10.6 s
    SocketServerConfig config =
        TestApp.testConfig()
            .pingInterval(Duration.ofMillis(300))
            .pingTimeout(Duration.ofMillis(300))
            .build();
    try (TestApp app = TestApp.start(config);
        java.net.Socket idle = new java.net.Socket("127.0.0.1", app.server.port())) {
      idle.setSoTimeout(20_000);
      long started = System.nanoTime();
      InputStream in = idle.getInputStream();
      assertEquals(-1, in.read(), "closed by the server, nothing written");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertTrue(seconds >= 9 && seconds <= 15, "closed after " + seconds + " s");
    }
  }

  @Test
  void aClientThatLeavesWhileTheConnectionListenerRunsIsReportedGoneOnce() throws Exception {
    ExecutorService handlers = Executors.newSingleThreadExecutor();
    SocketServerConfig config =
        TestApp.testConfig()
            .pingInterval(Duration.ofSeconds(25))
            .pingTimeout(Duration.ofSeconds(20))
            .handlerExecutor(handlers)
            .build();
    try (TestApp app = TestApp.start(config)) {
      app.whenConnected(
          socket -> {
            try {
              Thread.sleep(500); // e.g. loading the agent's state
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      RawClients.Ws ws = RawClients.Ws.open(app.url(), "");
      ws.next();
      ws.send("40{\"token\":\"good-impatient\"}");
      Thread.sleep(100); // the listener is running
      ws.abort();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((app.disconnects.isEmpty() || app.server.connectionCount() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(700); // the listener has finished: nothing more happens
      assertEquals(List.of(DisconnectReason.TRANSPORT_CLOSE), app.disconnects);
      assertEquals(0, app.server.connectionCount());
      assertEquals(0, app.server.sessionCount());
    } finally {
      handlers.shutdownNow();
    }
  }
}
