package com.utalk.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.functions.api.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login, refresh rotation, reuse detection, logout and brute-force limits, all over HTTP. */
class LoginApiTest {
  private static final String WS = "ws-login";
  private static ApiHarness api;
  private static int ipCounter;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static Map<String, String> fromIp(String ip) {
    return Map.of("X-Forwarded-For", ip);
  }

  /** A fresh client IP per test, so per-IP counters of one test do not affect another. */
  private static synchronized String freshIp() {
    ipCounter++;
    return "198.51.100." + ipCounter;
  }

  private static Response login(String email, String password, String ip) {
    return api.send(
        "POST", "/api/auth/login", null, Map.of("email", email, "password", password), fromIp(ip));
  }

  private static Response refresh(String refreshToken) {
    return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
  }

  @Test
  void loginReturnsTokensAndTheUser() throws Exception {
    User user = api.user(WS, Role.AGENT, "Agent.One@Example.com");
    Response response =
        login("  agent.one@example.COM ", ApiHarness.passwordFor(Role.AGENT), freshIp());
    assertEquals(200, response.status(), response.body());
    JsonNode body = response.json();
    assertEquals(900, body.path("expiresIn").asInt());
    assertEquals("Bearer", body.path("tokenType").asText());
    assertEquals(user.id(), body.path("user").path("id").asText());
    assertEquals("agent.one@example.com", body.path("user").path("email").asText());
    assertEquals("agent", body.path("user").path("role").asText());
    assertEquals(WS, body.path("user").path("workspaceId").asText());
    assertFalse(response.body().contains("argon2"), "no hash in the response");

    String access = body.path("accessToken").asText();
    JsonNode header = json(access.split("\\.")[0]);
    JsonNode claims = json(access.split("\\.")[1]);
    assertEquals("HS256", header.path("alg").asText());
    assertTrue(header.path("kid").asText().startsWith("env-"));
    assertEquals(user.id(), claims.path("sub").asText());
    assertEquals("agent", claims.path("role").asText());
    assertEquals(WS, claims.path("wid").asText());
    assertEquals(900, claims.path("exp").asLong() - claims.path("iat").asLong());
    assertFalse(claims.path("jti").asText().isEmpty());

    Response me = api.get("/api/auth/me", access);
    assertEquals(200, me.status(), me.body());
    assertEquals(user.id(), me.json().path("id").asText());

    // stored: argon2id hash, refresh token only as a hash
    String refreshToken = body.path("refreshToken").asText();
    DocumentSnapshot stored = api.firestore().collection("users").document(user.id()).get().get();
    assertTrue(stored.getString("passwordHash").startsWith("$argon2id$"));
    Map<?, ?> families = (Map<?, ?>) stored.get("refreshTokens");
    assertEquals(1, families.size());
    assertFalse(
        stored
            .getData()
            .toString()
            .contains(refreshToken.substring(refreshToken.lastIndexOf('.') + 1)));
  }

  @Test
  void wrongPasswordAndUnknownEmailLookAlikeInBodyAndTime() {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      users.add(api.user(WS, Role.READONLY, "timing" + i + "@example.com"));
    }
    // warm both paths
    login("timing0@example.com", "wrong-password-x", freshIp());
    login("nobody-warm@example.com", "wrong-password-x", freshIp());

    List<Long> wrongPassword = new ArrayList<>();
    List<Long> unknownEmail = new ArrayList<>();
    Response wrong = null;
    Response unknown = null;
    for (int round = 0; round < 6; round++) {
      long started = System.nanoTime();
      wrong = login(users.get(round % 4).email(), "wrong-password-" + round, freshIp());
      wrongPassword.add(System.nanoTime() - started);
      started = System.nanoTime();
      unknown = login("nobody" + round + "@example.com", "wrong-password-" + round, freshIp());
      unknownEmail.add(System.nanoTime() - started);
      assertEquals(401, wrong.status(), wrong.body());
      assertEquals(401, unknown.status(), unknown.body());
    }
    assertEquals(withoutRequestId(wrong), withoutRequestId(unknown), "same body");
    assertEquals("invalid_credentials", wrong.json().path("error").asText());

    long wrongMedian = median(wrongPassword);
    long unknownMedian = median(unknownEmail);
    System.out.printf(
        "login failure medians: wrong password %d ms, unknown email %d ms%n",
        wrongMedian / 1_000_000, unknownMedian / 1_000_000);
    // both verify a full argon2id hash; a skipped hash would make the unknown path several times
    // faster
    double ratio =
        (double) Math.min(wrongMedian, unknownMedian) / Math.max(wrongMedian, unknownMedian);
    assertTrue(
        ratio > 0.6,
        "timing shape differs: wrong " + wrongMedian + " ns vs unknown " + unknownMedian + " ns");
  }

  @Test
  void refreshRotatesAndAReusedTokenRevokesTheFamily() {
    User user = api.user(WS, Role.DEVELOPER, "refresh@example.com");
    Response login = login(user.email(), ApiHarness.passwordFor(Role.DEVELOPER), freshIp());
    String first = login.json().path("refreshToken").asText();

    Response rotated = refresh(first);
    assertEquals(200, rotated.status(), rotated.body());
    String second = rotated.json().path("refreshToken").asText();
    assertNotEquals(first, second);
    assertEquals(
        200, api.get("/api/auth/me", rotated.json().path("accessToken").asText()).status());

    Response third = refresh(second);
    assertEquals(200, third.status());
    String current = third.json().path("refreshToken").asText();

    // the first token again: a replay, so the whole family goes
    Response replay = refresh(first);
    assertEquals(401, replay.status());
    assertEquals("invalid_refresh_token", replay.json().path("error").asText());
    assertEquals(401, refresh(current).status(), "the legitimate latest token is revoked too");

    assertEquals(401, refresh("garbage").status());
    assertEquals(400, api.post("/api/auth/refresh", null, Map.of()).status());
  }

  @Test
  void logoutRevokesOnlyThatSession() {
    User user = api.user(WS, Role.OPERATOR, "logout@example.com");
    String password = ApiHarness.passwordFor(Role.OPERATOR);
    String laptop = login(user.email(), password, freshIp()).json().path("refreshToken").asText();
    String phone = login(user.email(), password, freshIp()).json().path("refreshToken").asText();
    String laptopNext = refresh(laptop).json().path("refreshToken").asText();

    Response logout = api.post("/api/auth/logout", null, Map.of("refreshToken", laptopNext));
    assertEquals(204, logout.status(), logout.body());
    assertEquals(401, refresh(laptopNext).status());
    assertEquals(200, refresh(phone).status(), "the other session survives");
    assertEquals(
        204,
        api.post("/api/auth/logout", null, Map.of("refreshToken", laptopNext)).status(),
        "idempotent");
  }

  @Test
  void fiveFailuresForOneEmailLockItForFifteenMinutes() {
    User user = api.user(WS, Role.AGENT, "locked@example.com");
    String password = ApiHarness.passwordFor(Role.AGENT);
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login(user.email(), "wrong-" + i, freshIp()).status());
    }
    Response limited = login(user.email(), password, freshIp());
    assertEquals(429, limited.status(), "even the right password, from another IP");
    assertEquals("rate_limited", limited.json().path("error").asText());
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retryAfter > 800 && retryAfter <= 900, "Retry-After " + retryAfter);
    assertNotNull(limited.json().path("requestId").asText(null));

    TestClock.SHARED.advance(Duration.ofMinutes(15));
    assertEquals(200, login(user.email(), password, freshIp()).status(), "window over: reset");
  }

  /** Not an assertion on speed (shared CI machines vary); prints the figures the report quotes. */
  @Test
  void loginLatencyThroughTheInvoker() {
    User user = api.user(WS, Role.AGENT, "latency@example.com");
    String password = ApiHarness.passwordFor(Role.AGENT);
    login(user.email(), password, freshIp());
    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long started = System.nanoTime();
      assertEquals(200, login(user.email(), password, freshIp()).status());
      samples.add((System.nanoTime() - started) / 1_000_000);
    }
    Collections.sort(samples);
    System.out.printf(
        "login latency over %d sequential logins: p50 %d ms, p95 %d ms, max %d ms%n",
        samples.size(),
        samples.get(samples.size() / 2),
        samples.get((int) Math.ceil(samples.size() * 0.95) - 1),
        samples.get(samples.size() - 1));
  }

  @Test
  void parallelGuessesCannotSlipPastTheLimit() throws Exception {
    User user = api.user(WS, Role.AGENT, "parallel@example.com");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
    try {
      List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        answers.add(pool.submit(() -> login(user.email(), "parallel-guess-" + n, freshIp())));
      }
      int unauthorized = 0;
      int limited = 0;
      for (var answer : answers) {
        int status = answer.get().status();
        if (status == 401) unauthorized++;
        else if (status == 429) limited++;
        else throw new AssertionError("unexpected " + answer.get());
      }
      assertEquals(5, unauthorized, "exactly five guesses get their password checked");
      assertEquals(5, limited);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSuccessfulLoginResetsTheEmailCounter() {
    User user = api.user(WS, Role.AGENT, "reset@example.com");
    String password = ApiHarness.passwordFor(Role.AGENT);
    for (int i = 0; i < 4; i++) {
      assertEquals(401, login(user.email(), "wrong-" + i, freshIp()).status());
    }
    assertEquals(200, login(user.email(), password, freshIp()).status());
    for (int i = 0; i < 4; i++) {
      assertEquals(401, login(user.email(), "wrong-again-" + i, freshIp()).status());
    }
    assertEquals(200, login(user.email(), password, freshIp()).status());
  }

  @Test
  void twentyFailuresFromOneIpBlockThatIpOnly() {
    User user = api.user(WS, Role.AGENT, "victim-of-ip@example.com");
    String ip = "203.0.113.77";
    for (int i = 0; i < 20; i++) {
      assertEquals(
          401, login("spray" + i + "@example.com", "guess-" + i, "10.1.1.1, " + ip).status());
    }
    Response blocked = login(user.email(), ApiHarness.passwordFor(Role.AGENT), "10.9.9.9, " + ip);
    assertEquals(429, blocked.status(), "the spoofable left part of X-Forwarded-For does not help");
    assertEquals(
        200,
        login(user.email(), ApiHarness.passwordFor(Role.AGENT), freshIp()).status(),
        "other IPs are fine");
  }

  @Test
  void badRequestsNameTheProblem() {
    Response missing =
        api.send(
            "POST", "/api/auth/login", null, Map.of("email", "a@example.com"), fromIp(freshIp()));
    assertEquals(400, missing.status());
    assertEquals("password", missing.json().path("field").asText());
    assertEquals("validation_failed", missing.json().path("error").asText());

    Response notJson = api.send("POST", "/api/auth/login", null, "{nope".getBytes(), Map.of());
    assertEquals(400, notJson.status());
    Response form =
        api.send(
            "POST",
            "/api/auth/login",
            null,
            "email=a".getBytes(),
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(415, form.status());
    Response huge = api.send("POST", "/api/auth/login", null, new byte[70 * 1024], Map.of());
    assertEquals(413, huge.status());
    Response wrongType =
        api.send("POST", "/api/auth/login", null, Map.of("email", 5, "password", "x"), Map.of());
    assertEquals("email", wrongType.json().path("field").asText());
    Response method = api.get("/api/auth/login", null);
    assertEquals(405, method.status());
    assertEquals(404, api.get("/api/nothing-here", null).status());
    for (Response r : List.of(missing, notJson, form, huge, method)) {
      assertFalse(r.json().path("requestId").asText().isEmpty(), r.body());
      assertFalse(r.json().path("message").asText().isEmpty(), r.body());
    }
  }

  private static JsonNode json(String base64url) {
    return com.utalk.json.Json.read(Base64.getUrlDecoder().decode(base64url));
  }

  private static JsonNode withoutRequestId(Response response) {
    ObjectNode body = (ObjectNode) response.json();
    body.remove("requestId");
    return body;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
