package com.utalk.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.utalk.auth.Role;
import com.utalk.auth.token.Tokens;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.api.ApiHarness.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forged and damaged access tokens get 401 from the API, whatever was changed. */
class TokenTamperingTest {
  private static final byte[] KEY = ApiHarness.SECRET.getBytes(StandardCharsets.UTF_8);
  private static ApiHarness api;
  private static User admin;
  private static String good;
  private static String kid;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    admin = api.user("ws-tamper", Role.ADMIN, "admin@tamper.example.com");
    good = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
    kid = Tokens.kidOf(good);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static void refused(String token, String expectedError) {
    Response response = api.get("/api/conversations", token);
    assertEquals(401, response.status(), response.body());
    assertEquals(expectedError, response.json().path("error").asText());
  }

  @Test
  void theGenuineTokenWorks() {
    assertEquals(200, api.get("/api/conversations", good).status());
  }

  @Test
  void algNone() {
    Instant now = Instant.now();
    refused(
        Tokens.algNone(
            kid,
            Map.of(
                "sub",
                admin.id(),
                "role",
                "admin",
                "wid",
                "ws-tamper",
                "jti",
                "j1",
                "iat",
                now.getEpochSecond(),
                "exp",
                now.plusSeconds(600).getEpochSecond())),
        "invalid_token");
  }

  @Test
  void wrongKey() {
    Instant now = Instant.now();
    byte[] other = "an-attackers-own-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8);
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            kid,
            other,
            admin.id(),
            "admin",
            "ws-tamper",
            now,
            now.plusSeconds(600)),
        "invalid_token");
  }

  @Test
  void otherAlgorithmWithTheRightKey() {
    Instant now = Instant.now();
    byte[] longKey = (ApiHarness.SECRET + ApiHarness.SECRET).getBytes(StandardCharsets.UTF_8);
    refused(
        Tokens.signed(
            JWSAlgorithm.HS512,
            kid,
            longKey,
            admin.id(),
            "admin",
            "ws-tamper",
            now,
            now.plusSeconds(600)),
        "invalid_token");
  }

  @Test
  void expired() {
    Instant now = Instant.now();
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            kid,
            KEY,
            admin.id(),
            "admin",
            "ws-tamper",
            now.minusSeconds(1000),
            now.minusSeconds(5)),
        "token_expired");
  }

  @Test
  void workspaceOrRoleEditedInThePayload() {
    refused(Tokens.withClaim(good, "wid", "ws-someone-else"), "invalid_token");
    refused(Tokens.withClaim(good, "role", "agent"), "invalid_token");
  }

  @Test
  void unknownKid() {
    Instant now = Instant.now();
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            "env-00000000",
            KEY,
            admin.id(),
            "admin",
            "ws-tamper",
            now,
            now.plusSeconds(600)),
        "invalid_token");
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            null,
            KEY,
            admin.id(),
            "admin",
            "ws-tamper",
            now,
            now.plusSeconds(600)),
        "invalid_token");
  }

  @Test
  void garbageAndMissing() {
    refused("garbage", "invalid_token");
    refused(good.substring(0, good.length() - 3), "invalid_token");
    Response none = api.get("/api/conversations", null);
    assertEquals(401, none.status());
    assertEquals("missing_token", none.json().path("error").asText());
    Response basic =
        api.send(
            "GET", "/api/conversations", null, null, Map.of("Authorization", "Basic Zm9vOmJhcg=="));
    assertEquals(401, basic.status());
  }
}
