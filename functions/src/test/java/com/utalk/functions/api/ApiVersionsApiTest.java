package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.Role;
import com.utalk.functions.api.ApiHarness.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * X-API-Version through HTTP, with the API's clock moved to before v1.0's deprecation, into its
 * deprecation window, and past its sunset (the catalogue's real dates), plus the versioned
 * difference: messageId required from v1.2 only.
 */
class ApiVersionsApiTest {
  private static final String WS = "ws-versions";
  private static ApiHarness api;
  private static String conversation;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    conversation = Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @AfterEach
  void realTime() {
    TestClock.SHARED.reset();
  }

  /** Moves the API's (and the token issuer's) clock to {@code instant}, then signs in there. */
  private static String at(String instant) {
    TestClock.SHARED.reset();
    TestClock.SHARED.advance(Duration.between(Instant.now(), Instant.parse(instant)));
    return api.signedIn(WS, Role.AGENT, "agent-" + UUID.randomUUID() + "@versions.example.com");
  }

  private static Response me(String token, String version) {
    return api.send(
        "GET",
        "/api/auth/me",
        token,
        null,
        version == null ? Map.of() : Map.of("X-API-Version", version));
  }

  private static Response send(String token, String version, Map<String, Object> body) {
    return api.send(
        "POST",
        "/api/conversations/" + conversation + "/messages",
        token,
        body,
        Map.of("X-API-Version", version));
  }

  @Test
  void noVersionMeansTheCurrentOneWithoutDeprecationHeaders() {
    Response response = me(at("2025-03-01T12:00:00Z"), null);
    assertEquals(200, response.status());
    assertEquals("v1.2", response.header("X-API-Version"));
    assertNull(response.header("Deprecation"));
    assertNull(response.header("Sunset"));
  }

  @Test
  void beforeItsDeprecationV10IsPlain() {
    Response response = me(at("2024-12-15T12:00:00Z"), "v1.0");
    assertEquals(200, response.status());
    assertEquals("v1.0", response.header("X-API-Version"));
    assertNull(response.header("Deprecation"));
  }

  @Test
  void duringItsDeprecationV10WorksAndIsToldWhenItEndsAndWhereToGo() {
    Response response = me(at("2025-03-01T12:00:00Z"), "v1.0");
    assertEquals(200, response.status());
    assertEquals("@1735689600", response.header("Deprecation"));
    assertEquals("Tue, 01 Jul 2025 00:00:00 GMT", response.header("Sunset"));
    assertEquals(
        "<https://docs.utalk.com/migrations/v1.0-to-v1.1>; rel=\"deprecation\"",
        response.header("Link"));
  }

  @Test
  void afterItsSunsetV10IsGoneWithTheErrorShapeAndTheGuide() {
    String token = at("2025-07-01T00:00:01Z");
    Response gone = me(token, "v1.0");
    assertEquals(410, gone.status());
    assertEquals("api_version_sunset", gone.json().path("error").asText());
    assertTrue(
        gone.json()
            .path("message")
            .asText()
            .contains("https://docs.utalk.com/migrations/v1.0-to-v1.1"));
    assertTrue(gone.json().hasNonNull("requestId"));
    assertEquals(
        "<https://docs.utalk.com/migrations/v1.0-to-v1.1>; rel=\"deprecation\"",
        gone.header("Link"));
    // refused before authentication: a retired client learns where to go even without a token
    assertEquals(410, me(null, "v1.0").status());
    // v1.1 is still in its window
    assertEquals(200, me(token, "v1.1").status());
    assertEquals(200, me(token, "v1.2").status());
  }

  @Test
  void anUnknownVersionIsA400NamingTheHeader() {
    Response response = me(at("2025-03-01T12:00:00Z"), "v3.1");
    assertEquals(400, response.status());
    assertEquals("X-API-Version", response.json().path("field").asText());
  }

  @Test
  void messageIdIsRequiredFromV12AndMintedForOlderClients() {
    String token = at("2025-08-01T12:00:00Z");
    Response current = send(token, "v1.2", Map.of("body", "hola"));
    assertEquals(400, current.status());
    assertEquals("messageId", current.json().path("field").asText());

    Response older = send(token, "v1.1", Map.of("body", "hola desde v1.1"));
    assertEquals(202, older.status(), older.toString());
    String minted = older.json().path("id").asText();
    assertTrue(minted.matches("[0-9a-f-]{36}"), minted);
    assertEquals("@1743465600", older.header("Deprecation"), "v1.1 is deprecated since 2025-04-01");

    String own = UUID.randomUUID().toString();
    assertEquals(
        own,
        send(token, "v1.1", Map.of("messageId", own, "body", "con id")).json().path("id").asText());
  }
}
