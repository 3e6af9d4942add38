package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The raw Engine.IO server ({@link SocketServer#engineIo}) over long-polling: text and binary
 * messages both ways in one payload, a handler that fails, and a close from the application.
 */
@Timeout(30)
class RawEngineIoTest {
  private static SocketServer server;
  private static final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    server =
        SocketServer.engineIo(
            TestApp.testConfig()
                .pingInterval(Duration.ofSeconds(25))
                .pingTimeout(Duration.ofSeconds(20))
                .build(),
            new EngineHandler() {
              @Override
              public void onOpen(EngineConnection connection) {
                events.add("open " + connection.transport().wireName());
              }

              @Override
              public void onMessage(EngineConnection connection, String message) {
                switch (message) {
                  case "both" -> {
                    connection.send("text");
                    connection.send(new byte[] {1, 2});
                  }
                  case "fail" -> throw new IllegalStateException("handler bug");
                  case "bye" -> connection.close();
                  default -> connection.send("echo:" + message);
                }
              }

              @Override
              public void onBinary(EngineConnection connection, byte[] message) {
                connection.send(message);
              }

              @Override
              public void onClose(EngineConnection connection, DisconnectReason reason) {
                events.add("close " + reason.wireName());
              }
            });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close(Duration.ofSeconds(2));
  }

  private static String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void textAndBinaryTravelBothWaysAndALoneBinaryIsBase64() {
    RawClients.Polling polling = new RawClients.Polling(url());
    assertEquals("ok", polling.send("4both").body());
    assertEquals("4text\u001ebAQI=", polling.poll().body());
    assertEquals("ok", polling.send("bAwQF").body(), "[3, 4, 5]");
    assertEquals("bAwQF", polling.poll().body(), "echoed alone, still as base64");
    assertEquals("ok", polling.send("").body(), "an empty payload holds no packet");
  }

  @Test
  void aFailingHandlerLeavesTheSessionOpenAndTheApplicationCanClose() throws Exception {
    RawClients.Polling polling = new RawClients.Polling(url());
    assertEquals("ok", polling.send("4fail").body());
    assertEquals("ok", polling.send("4still").body());
    assertEquals("4echo:still", polling.poll().body());
    assertEquals("ok", polling.send("4bye").body());
    assertEquals("1", polling.poll().body(), "the application closed it: the close packet");
    EngineProtocolTest.assertError(polling.poll(), 400, 1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!events.contains("close server namespace disconnect") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(events.contains("open polling"), events.toString());
    assertTrue(events.contains("close server namespace disconnect"), events.toString());
  }
}
