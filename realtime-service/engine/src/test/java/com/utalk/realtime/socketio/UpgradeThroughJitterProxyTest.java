package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 100 socket.io-client connections with the default transports (long-polling, then upgrade) through
 * a proxy that delays each chunk by 0–20 ms: every upgrade must complete, quickly, and the
 * connection must work over the WebSocket afterwards.
 */
class UpgradeThroughJitterProxyTest {
  private static final int CLIENTS = 100;

  @Test
  void hundredUpgradesThroughJitterNeverGetStuck() throws Exception {
    try (TestApp app =
            TestApp.start(
                TestApp.testConfig()
                    .pingInterval(Duration.ofSeconds(25))
                    .pingTimeout(Duration.ofSeconds(20))
                    .build());
        JitterProxy proxy = new JitterProxy(app.server.port(), 20)) {
      JsonNode result =
          NodeClient.run(
              Duration.ofSeconds(90),
              "upgrades.js",
              "--url",
              "http://127.0.0.1:" + proxy.port(),
              "--count",
              String.valueOf(CLIENTS),
              "--stagger",
              "5",
              "--warmup",
              "10");
      String summary =
          "upgrades through jitter proxy: upgraded="
              + result.path("upgraded")
              + " stuck="
              + result.path("stuck")
              + " p50="
              + result.path("p50")
              + "ms p95="
              + result.path("p95")
              + "ms p99="
              + result.path("p99")
              + "ms max="
              + result.path("max")
              + "ms (proxied connections="
              + proxy.connections()
              + ", chunks="
              + proxy.chunks()
              + ")";
      System.out.println(summary);
      System.out.println("upgrade times (ms, open→upgrade): " + result.path("upgradeMs"));
      System.out.println("warm-up upgrade times (ms, not asserted): " + result.path("warmupMs"));
      assertEquals(0, result.path("warmupStuck").asInt(), "warm-up: " + result.path("warmupMs"));
      assertEquals(0, result.path("stuck").asInt(), summary + " " + result.path("failures"));
      assertEquals(
          CLIENTS, result.path("upgraded").asInt(), summary + " " + result.path("failures"));
      assertEquals(
          CLIENTS,
          result.path("acksOk").asInt(),
          "ack over the upgraded WebSocket: " + result.path("failures"));
      assertTrue(result.path("max").asLong() < 2000, "an upgrade took over 2 s: " + summary);
      assertTrue(proxy.chunks() > CLIENTS * 4, "traffic went through the proxy");
    }
  }
}
