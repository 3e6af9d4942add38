package com.utalk.functions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.testing.ProjectVersion;
import com.utalk.testing.TcpProxy;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runbooks' health checks, with Firestore behind a proxy the test can cut. */
class HealthApiTest {
  private static TcpProxy firestore;
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    firestore = new TcpProxy(com.utalk.testing.Emulators.firestoreHost());
    api =
        ApiHarness.start(
            Map.of("FIRESTORE_EMULATOR_HOST", firestore.hostPort(), "APP_ENV", "staging"));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    firestore.close();
  }

  @Test
  void livenessTellsVersionAndEnvironment() {
    Response response = api.get("/health", null);
    assertEquals(200, response.status());
    JsonNode body = response.json();
    assertEquals("ok", body.path("status").asText());
    assertEquals(
        ProjectVersion.fromRootPom(),
        body.path("version").asText(),
        "the root pom's version, the one version");
    assertEquals("staging", body.path("environment").asText());
    assertFalse(response.header("X-Request-ID").isEmpty());
  }

  @Test
  void databaseCheckMakesARealRoundTripAnd503sWhenFirestoreIsGone() {
    Response healthy = api.get("/health/database", null);
    assertEquals(200, healthy.status(), healthy.body());
    assertTrue(healthy.json().path("latencyMs").asDouble() > 0);

    firestore.cut();
    try {
      long started = System.nanoTime();
      Response down = api.get("/health/database", null);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertEquals(503, down.status(), down.body());
      assertEquals("database_unavailable", down.json().path("error").asText());
      assertFalse(down.json().path("requestId").asText().isEmpty());
      assertTrue(tookMs < 6_000, "answers within the probe's budget, took " + tookMs + " ms");
      assertEquals(200, api.get("/health", null).status(), "liveness does not depend on Firestore");
    } finally {
      firestore.restore();
    }
    Response back = null;
    for (int i = 0; i < 50 && (back == null || back.status() != 200); i++) {
      back = api.get("/health/database", null);
    }
    assertEquals(200, back.status(), "recovers once Firestore is back");
  }
}
