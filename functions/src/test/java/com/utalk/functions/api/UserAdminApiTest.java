package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiHarness.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin user management: creation, role changes and disabling are audited; emails are unique. */
class UserAdminApiTest {
  private static final String WS = "ws-users";
  private static ApiHarness api;
  private static User admin;
  private static String adminToken;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    admin = api.user(WS, Role.ADMIN, "admin@users.example.com");
    adminToken = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void createdUsersCanSignInAndTheCreationIsAudited() {
    Response created =
        api.post(
            "/api/users",
            adminToken,
            Map.of(
                "email",
                "New.Agent@Users.example.com",
                "name",
                "Nueva Agente",
                "role",
                "agent",
                "password",
                "una-clave-bien-larga"));
    assertEquals(201, created.status(), created.body());
    String id = created.json().path("id").asText();
    assertEquals("new.agent@users.example.com", created.json().path("email").asText());
    assertEquals(
        WS, created.json().path("workspaceId").asText(), "always the admin's own workspace");
    assertFalse(created.body().contains("una-clave"));
    assertEquals(
        200,
        api.post(
                "/api/auth/login",
                null,
                Map.of("email", "new.agent@users.example.com", "password", "una-clave-bien-larga"))
            .status());

    Response duplicate =
        api.post(
            "/api/users",
            adminToken,
            Map.of(
                "email",
                "new.agent@users.EXAMPLE.com",
                "name",
                "Again",
                "role",
                "agent",
                "password",
                "una-clave-bien-larga"));
    assertEquals(409, duplicate.status());
    assertEquals("email_taken", duplicate.json().path("error").asText());

    JsonNode entry = auditEntry("user.create", id);
    assertEquals(admin.id(), entry.path("actorUid").asText());
    assertEquals("admin", entry.path("actorRole").asText());
    assertEquals("agent", entry.path("after").path("role").asText());
    assertFalse(entry.toString().contains("una-clave"), "no password in the audit log");
    assertFalse(entry.toString().contains("argon2"), "no hash in the audit log");
  }

  @Test
  void badInputNamesTheField() {
    assertEquals(
        "password",
        api.post(
                "/api/users",
                adminToken,
                Map.of(
                    "email",
                    "short@users.example.com",
                    "name",
                    "S",
                    "role",
                    "agent",
                    "password",
                    "short"))
            .json()
            .path("field")
            .asText());
    assertEquals(
        "role",
        api.post(
                "/api/users",
                adminToken,
                Map.of(
                    "email",
                    "r@users.example.com",
                    "name",
                    "R",
                    "role",
                    "superuser",
                    "password",
                    "long-enough-password"))
            .json()
            .path("field")
            .asText());
    assertEquals(
        "email",
        api.post(
                "/api/users",
                adminToken,
                Map.of(
                    "email",
                    "not-an-email",
                    "name",
                    "E",
                    "role",
                    "agent",
                    "password",
                    "long-enough-password"))
            .json()
            .path("field")
            .asText());
  }

  @Test
  void roleChangesAreAuditedAndReachTokensAtTheNextRefresh() {
    User user = api.user(WS, Role.READONLY, "promote@users.example.com");
    Response login =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", user.email(), "password", ApiHarness.passwordFor(Role.READONLY)));
    String refreshToken = login.json().path("refreshToken").asText();

    Response changed =
        api.put("/api/users/" + user.id() + "/role", adminToken, Map.of("role", "agent"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals("agent", changed.json().path("role").asText());

    JsonNode entry = auditEntry("user.role_change", user.id());
    assertEquals("readonly", entry.path("before").path("role").asText());
    assertEquals("agent", entry.path("after").path("role").asText());
    assertFalse(entry.path("requestId").asText().isEmpty());

    Response refreshed = api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    assertEquals("agent", refreshed.json().path("user").path("role").asText());
    String access = refreshed.json().path("accessToken").asText();
    assertEquals("agent", api.get("/api/auth/me", access).json().path("role").asText());

    Response own =
        api.put("/api/users/" + admin.id() + "/role", adminToken, Map.of("role", "readonly"));
    assertEquals(409, own.status());
    assertEquals(
        404, api.put("/api/users/nobody/role", adminToken, Map.of("role", "agent")).status());
  }

  @Test
  void usersAreListedByEmailWithinTheWorkspace() {
    api.user("ws-elsewhere", Role.AGENT, "elsewhere@users.example.com");
    JsonNode page = api.get("/api/users?limit=100", adminToken).json();
    assertTrue(page.path("items").size() >= 1);
    for (JsonNode user : page.path("items")) {
      assertEquals(WS, user.path("workspaceId").asText());
      assertFalse(user.has("passwordHash"));
    }
  }

  @Test
  void disablingAUserEndsTheirSessionsAtOnceAndEnablingLetsThemBackIn()
      throws InterruptedException {
    User user = api.user(WS, Role.AGENT, "leaver@users.example.com");
    String password = ApiHarness.passwordFor(Role.AGENT);
    Response login =
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", password));
    String access = login.json().path("accessToken").asText();
    String refreshToken = login.json().path("refreshToken").asText();
    assertEquals(200, api.get("/api/auth/me", access).status());

    Response byAgent =
        api.put("/api/users/" + admin.id() + "/status", access, Map.of("status", "disabled"));
    assertEquals(403, byAgent.status(), "only admins disable accounts");

    Response disabled =
        api.put("/api/users/" + user.id() + "/status", adminToken, Map.of("status", "disabled"));
    assertEquals(200, disabled.status(), disabled.body());
    assertEquals("disabled", disabled.json().path("status").asText());
    assertEquals(
        200,
        api.put("/api/users/" + user.id() + "/status", adminToken, Map.of("status", "disabled"))
            .status(),
        "asking again is a no-op");

    Response me = awaitStatus(401, "/api/auth/me", access);
    assertEquals(
        "account_disabled",
        me.json().path("error").asText(),
        "the token already issued stops working");
    Response refreshed = api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    assertEquals(401, refreshed.status());
    assertEquals("invalid_refresh_token", refreshed.json().path("error").asText());
    Response rightPassword =
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", password));
    assertEquals(403, rightPassword.status());
    assertEquals("account_disabled", rightPassword.json().path("error").asText());
    Response wrongPassword =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", user.email(), "password", "not-the-password-at-all"));
    assertEquals(401, wrongPassword.status());
    assertEquals(
        "invalid_credentials",
        wrongPassword.json().path("error").asText(),
        "a guesser learns nothing");
    assertTrue(listed(user.id()).path("status").asText().equals("disabled"));

    JsonNode entry = auditEntry("user.disable", user.id());
    assertEquals("active", entry.path("before").path("status").asText());
    assertEquals("disabled", entry.path("after").path("status").asText());
    assertEquals(
        1, auditCount("user.disable", user.id()), "the repeated request wrote no second entry");

    Response enabled =
        api.put("/api/users/" + user.id() + "/status", adminToken, Map.of("status", "active"));
    assertEquals("active", enabled.json().path("status").asText());
    auditEntry("user.enable", user.id());
    Response again =
        api.post("/api/auth/login", null, Map.of("email", user.email(), "password", password));
    assertEquals(200, again.status(), again.body());
    assertEquals(200, api.get("/api/auth/me", again.json().path("accessToken").asText()).status());
  }

  @Test
  void accountStatusRefusesBadRequests() {
    Response own =
        api.put("/api/users/" + admin.id() + "/status", adminToken, Map.of("status", "disabled"));
    assertEquals(409, own.status());
    assertEquals("own_account", own.json().path("error").asText());
    assertEquals(200, api.get("/api/auth/me", adminToken).status(), "the admin is still signed in");
    User other = api.user(WS, Role.AGENT, "status-other@users.example.com");
    Response bad =
        api.put("/api/users/" + other.id() + "/status", adminToken, Map.of("status", "banned"));
    assertEquals(400, bad.status());
    assertEquals("status", bad.json().path("field").asText());
    User elsewhere = api.user("ws-elsewhere", Role.AGENT, "status-elsewhere@users.example.com");
    assertEquals(
        404,
        api.put(
                "/api/users/" + elsewhere.id() + "/status",
                adminToken,
                Map.of("status", "disabled"))
            .status(),
        "another workspace's user looks like no user");
    assertEquals(
        404,
        api.put("/api/users/nobody/status", adminToken, Map.of("status", "disabled")).status());
  }

  private static Response awaitStatus(int status, String path, String token)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    Response response = api.get(path, token);
    while (response.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = api.get(path, token);
    }
    assertEquals(status, response.status(), response.body());
    return response;
  }

  private static JsonNode listed(String id) {
    for (JsonNode user : api.get("/api/users?limit=100", adminToken).json().path("items")) {
      if (id.equals(user.path("id").asText())) {
        return user;
      }
    }
    throw new AssertionError("user " + id + " is not listed");
  }

  private static long auditCount(String action, String targetId) {
    long count = 0;
    for (JsonNode item : api.get("/api/audit-logs?limit=100", adminToken).json().path("items")) {
      if (action.equals(item.path("action").asText())
          && targetId.equals(item.path("targetId").asText())) {
        count++;
      }
    }
    return count;
  }

  private static JsonNode auditEntry(String action, String targetId) {
    Response audit = api.get("/api/audit-logs?limit=100", adminToken);
    assertEquals(200, audit.status(), audit.body());
    for (JsonNode item : audit.json().path("items")) {
      if (action.equals(item.path("action").asText())
          && targetId.equals(item.path("targetId").asText())) {
        return item;
      }
    }
    throw new AssertionError("no " + action + " entry for " + targetId + " in " + audit.body());
  }
}
