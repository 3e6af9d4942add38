package com.utalk.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.nimbusds.jose.JWSAlgorithm;
import com.utalk.auth.AuthCollections;
import com.utalk.auth.Role;
import com.utalk.auth.keys.SigningKey;
import com.utalk.auth.token.Tokens;
import com.utalk.auth.users.User;
import com.utalk.config.Settings;
import com.utalk.functions.api.ApiFunction;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.functions.api.TestClock;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.wiring.Backend;
import com.utalk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations reference's rotation policy through the running API, on an injected clock: a token
 * signed with the previous secret version works before the rotation and inside the 7-day grace, and
 * gets 401 after it. The rotation itself comes from the admin endpoint and from the SECRET_ROTATE
 * function.
 */
class KeyRotationApiTest {
  private static final String WS = "ws-rotation";
  private static ApiHarness api;
  private static User admin;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    admin = api.user(WS, Role.ADMIN, "admin@rotation.example.com");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  /**
   * A token signed with the version in force now that outlives the grace period, so that once the
   * version is rotated out only the grace check can refuse it.
   */
  private static String longLivedTokenWithTheCurrentVersion() {
    Instant now = TestClock.SHARED.instant();
    SigningKey current = api.auth.keys().signingKey();
    return Tokens.signed(
        JWSAlgorithm.HS256,
        current.kid(),
        current.secret(),
        admin.id(),
        "admin",
        WS,
        now,
        now.plus(Duration.ofDays(30)));
  }

  @Test
  void previousVersionBeforeRotationInsideGraceAndAfterGrace() {
    TestClock.SHARED.advance(
        Duration.ofHours(2)); // clear of any rotation another test of this class made
    String firstAccess = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
    String oldKid = Tokens.kidOf(firstAccess);
    String old = longLivedTokenWithTheCurrentVersion();
    assertEquals(oldKid, Tokens.kidOf(old));
    assertEquals(200, api.get("/api/auth/me", old).status(), "before rotation");

    Response rotated = api.post("/api/admin/jwt-secret/rotate", firstAccess, Map.of());
    assertEquals(200, rotated.status(), rotated.body());
    String newKid = rotated.json().path("kid").asText();
    assertEquals(oldKid, rotated.json().path("previousKid").asText());
    assertNotEquals(oldKid, newKid);
    assertEquals(
        409,
        api.post("/api/admin/jwt-secret/rotate", firstAccess, Map.of()).status(),
        "twice within the hour");

    String freshAccess = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
    assertEquals(newKid, Tokens.kidOf(freshAccess), "new tokens use the new version");
    assertEquals(200, api.get("/api/auth/me", old).status(), "right after rotation");

    TestClock.SHARED.advance(Duration.ofDays(7).minusMinutes(1));
    assertEquals(200, api.get("/api/auth/me", old).status(), "inside grace");

    TestClock.SHARED.advance(Duration.ofMinutes(2));
    Response after = api.get("/api/auth/me", old);
    assertEquals(401, after.status(), "after grace");
    assertEquals("invalid_token", after.json().path("error").asText());
    String newest = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
    assertEquals(200, api.get("/api/auth/me", newest).status());

    var audit = api.get("/api/audit-logs", newest).json().path("items");
    assertTrue(audit.toString().contains("jwt_secret.rotate"), audit.toString());
    assertTrue(!audit.toString().contains(ApiHarness.SECRET), "no secret in the audit log");
  }

  @Test
  void secretRotateNotificationAddsOneVersion() throws Exception {
    Map<String, String> settings = new HashMap<>(ApiHarness.defaults(api.env));
    JwtSecretRotationFunction function =
        new JwtSecretRotationFunction(new Backend(Settings.of(settings), TestClock.SHARED));
    int before = versions();

    String project = api.env.project().projectId();
    function.accept(
        PubSubEvents.messagePublished(
            "evt-1", project, "secret-rotations", notification("SECRET_VERSION_ADD")));
    assertEquals(before, versions(), "other event types are ignored");

    TestClock.SHARED.advance(Duration.ofDays(90));
    function.accept(
        PubSubEvents.messagePublished(
            "evt-2", project, "secret-rotations", notification("SECRET_ROTATE")));
    assertEquals(before + 1, versions());

    function.accept(
        PubSubEvents.messagePublished(
            "evt-2", project, "secret-rotations", notification("SECRET_ROTATE")));
    function.accept(
        PubSubEvents.messagePublished(
            "evt-3", project, "secret-rotations", notification("SECRET_ROTATE")));
    assertEquals(
        before + 1, versions(), "a redelivery (same or new id) within the hour rotates nothing");
  }

  @Test
  void aShortSecretStopsStartUp() {
    TestEnvironment env = api.env;
    Map<String, String> settings = new HashMap<>(ApiHarness.defaults(env));
    settings.put("JWT_SECRET", "only-20-bytes-secret");
    Throwable failure =
        assertThrows(
            IllegalStateException.class, () -> FunctionServer.http(ApiFunction.class, settings));
    String messages = chain(failure);
    assertTrue(
        messages.contains("JWT_SECRET is too short")
            && messages.contains("at least 32 bytes, got 20"),
        messages);
    ApiHarness.defaults(env).keySet().forEach(System::clearProperty);
    // the harness's own settings are still needed by the running function
    ApiHarness.defaults(env).forEach(System::setProperty);
  }

  private static PubsubMessage notification(String eventType) {
    return PubsubMessage.newBuilder()
        .setMessageId(UUID.randomUUID().toString())
        .putAttributes("eventType", eventType)
        .putAttributes("secretId", "projects/p/secrets/jwt-signing-key")
        .setData(ByteString.copyFromUtf8("{\"name\":\"projects/p/secrets/jwt-signing-key\"}"))
        .build();
  }

  private static int versions() throws Exception {
    return api.firestore().collection(AuthCollections.SIGNING_KEYS).get().get().size();
  }

  private static String chain(Throwable error) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return out.toString();
  }
}
