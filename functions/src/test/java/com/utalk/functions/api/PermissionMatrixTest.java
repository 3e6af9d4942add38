package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiHarness.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cell of docs/permissions.md through HTTP: each role (and an anonymous caller) against each
 * protected endpoint. An allowed cell must get the endpoint's success status on valid input; a
 * denied one 403 (anonymous: 401).
 */
class PermissionMatrixTest {
  private static final String WS = "ws-matrix";
  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.AGENT);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

  private static ApiHarness api;
  private static final Map<Role, User> users = new EnumMap<>(Role.class);
  private static final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private static User otherAgent;
  private static String shared;
  private static String sharedMedia;

  /**
   * One matrix row: an endpoint case, who may do it, its success status, and a fresh request per
   * caller.
   */
  private record Row(String name, Set<Role> allowed, int success, Function<Role, Call> call) {}

  private record Call(String method, String path, Object body) {}

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    for (Role role : Role.values()) {
      users.put(role, api.user(WS, role, role.wire() + "@matrix.example.com"));
      tokens.put(
          role, api.login(role.wire() + "@matrix.example.com", ApiHarness.passwordFor(role)));
    }
    otherAgent = api.user(WS, Role.AGENT, "agent2@matrix.example.com");
    shared = Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 3);
    sharedMedia = Fixtures.storedMedia(api.firestore(), WS, shared);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static String fresh(String status, String assignee) {
    return Fixtures.conversation(api.firestore(), WS, Instant.now(), status, assignee, 1);
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "GET /api/conversations", ALL, 200, r -> new Call("GET", "/api/conversations", null)));
    rows.add(
        new Row(
            "GET /api/conversations (status=escalated&botEnabled=false)",
            ALL,
            200,
            r -> new Call("GET", "/api/conversations?status=escalated&botEnabled=false", null)));
    rows.add(
        new Row(
            "GET /api/conversations/{id}",
            ALL,
            200,
            r -> new Call("GET", "/api/conversations/" + shared, null)));
    rows.add(
        new Row(
            "GET /api/conversations/{id}/messages",
            ALL,
            200,
            r -> new Call("GET", "/api/conversations/" + shared + "/messages", null)));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/messages",
            WRITERS,
            202,
            r ->
                new Call(
                    "POST",
                    "/api/conversations/" + shared + "/messages",
                    Map.of(
                        "messageId",
                        UUID.randomUUID().toString(),
                        "body",
                        "hola de " + r.wire()))));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/assign (self)",
            WRITERS,
            200,
            r ->
                new Call(
                    "POST",
                    "/api/conversations/" + fresh("open", null) + "/assign",
                    Map.of("agentId", users.get(r).id()))));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/assign (another agent)",
            EnumSet.of(Role.ADMIN, Role.DEVELOPER),
            200,
            r ->
                new Call(
                    "POST",
                    "/api/conversations/" + fresh("open", null) + "/assign",
                    Map.of("agentId", otherAgent.id()))));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/assign (force, take over)",
            EnumSet.of(Role.ADMIN),
            200,
            r ->
                new Call(
                    "POST",
                    "/api/conversations/" + fresh("open", otherAgent.id()) + "/assign",
                    Map.of("agentId", users.get(r).id(), "force", true))));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/close",
            WRITERS,
            200,
            r -> new Call("POST", "/api/conversations/" + fresh("open", null) + "/close", null)));
    rows.add(
        new Row(
            "POST /api/conversations/{id}/reopen",
            WRITERS,
            200,
            r ->
                new Call("POST", "/api/conversations/" + fresh("closed", null) + "/reopen", null)));
    rows.add(new Row("GET /api/users", ALL, 200, r -> new Call("GET", "/api/users", null)));
    rows.add(
        new Row(
            "POST /api/users",
            EnumSet.of(Role.ADMIN),
            201,
            r ->
                new Call(
                    "POST",
                    "/api/users",
                    Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@matrix.example.com",
                        "name",
                        "New",
                        "role",
                        "agent",
                        "password",
                        "a-long-enough-password"))));
    rows.add(
        new Row(
            "PUT /api/users/{id}/role",
            EnumSet.of(Role.ADMIN),
            200,
            r ->
                new Call(
                    "PUT", "/api/users/" + otherAgent.id() + "/role", Map.of("role", "agent"))));
    // "active" for an active user: allowed callers get the no-op 200, others are refused first
    rows.add(
        new Row(
            "PUT /api/users/{id}/status",
            EnumSet.of(Role.ADMIN),
            200,
            r ->
                new Call(
                    "PUT",
                    "/api/users/" + otherAgent.id() + "/status",
                    Map.of("status", "active"))));
    rows.add(
        new Row(
            "GET /api/audit-logs",
            EnumSet.of(Role.ADMIN, Role.OPERATOR),
            200,
            r -> new Call("GET", "/api/audit-logs", null)));
    rows.add(
        new Row(
            "POST /api/admin/jwt-secret/rotate",
            EnumSet.of(Role.ADMIN),
            200,
            r -> new Call("POST", "/api/admin/jwt-secret/rotate", null)));
    // Admin only; an unknown backup id is a 404 (the restore itself is BackupApiTest's).
    rows.add(
        new Row(
            "POST /api/admin/backups/{id}/restore",
            EnumSet.of(Role.ADMIN),
            404,
            r -> new Call("POST", "/api/admin/backups/no-such-backup/restore", null)));
    rows.add(
        new Row("GET /api/ai/config", ADMIN, 200, r -> new Call("GET", "/api/ai/config", null)));
    rows.add(
        new Row(
            "PUT /api/ai/config",
            ADMIN,
            200,
            r -> new Call("PUT", "/api/ai/config", Map.of("enabled", true, "autoEscalate", true))));
    rows.add(
        new Row(
            "POST /api/conversations/force-pause-bot",
            ADMIN,
            200,
            r -> new Call("POST", "/api/conversations/force-pause-bot", null)));
    rows.add(
        new Row(
            "GET /api/media/{id}",
            ALL,
            200,
            r -> new Call("GET", "/api/media/" + sharedMedia, null)));
    rows.add(
        new Row(
            "POST /api/media/regenerate-urls",
            ADMIN,
            200,
            r -> new Call("POST", "/api/media/regenerate-urls", Map.of("conversationId", shared))));
    rows.add(
        new Row(
            "POST /api/media/uploads",
            WRITERS,
            201,
            r ->
                new Call(
                    "POST",
                    "/api/media/uploads",
                    Map.of("conversationId", shared, "contentType", "image/png", "size", 10))));
    rows.add(new Row("GET /api/auth/me", ALL, 200, r -> new Call("GET", "/api/auth/me", null)));
    rows.add(
        new Row(
            "GET /api/kpis",
            EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.OPERATOR, Role.READONLY),
            200,
            r -> new Call("GET", "/api/kpis?period=day", null)));
    rows.add(
        new Row(
            "GET /api/slo",
            EnumSet.of(Role.ADMIN, Role.OPERATOR),
            200,
            r -> new Call("GET", "/api/slo", null)));
    rows.add(new Row("GET /api/flags", ALL, 200, r -> new Call("GET", "/api/flags", null)));
    rows.add(
        new Row(
            "GET /api/admin/flags",
            EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.OPERATOR),
            200,
            r -> new Call("GET", "/api/admin/flags", null)));
    rows.add(
        new Row(
            "PUT /api/admin/flags/{key}",
            ADMIN,
            200,
            r ->
                new Call(
                    "PUT",
                    "/api/admin/flags/matrix-flag",
                    Map.of("targeting", "user", "rolloutPercent", 10))));
    // the seeded flag's own value: the matrix changes nothing other tests see
    rows.add(
        new Row(
            "POST /api/admin/flags/{key}/rollout",
            ADMIN,
            200,
            r ->
                new Call(
                    "POST", "/api/admin/flags/new-ui/rollout", Map.of("rolloutPercent", 100))));
    return rows;
  }

  @Test
  void everyRoleAgainstEveryEndpoint() throws Exception {
    List<String> mismatches = new ArrayList<>();
    StringBuilder table = new StringBuilder("| endpoint | anonymous |");
    for (Role role : Role.values()) {
      table.append(' ').append(role.wire()).append(" |");
    }
    table.append('\n');
    for (Row row : rows()) {
      table.append("| ").append(row.name()).append(" | ");
      Response anonymous = send(row.call().apply(Role.READONLY), null);
      table.append(anonymous.status()).append(" |");
      if (anonymous.status() != 401) {
        mismatches.add(row.name() + " × anonymous: " + anonymous);
      }
      for (Role role : Role.values()) {
        Response response = send(row.call().apply(role), tokens.get(role));
        int expected = row.allowed().contains(role) ? row.success() : 403;
        table.append(' ').append(response.status()).append(" |");
        if (response.status() != expected) {
          mismatches.add(
              row.name() + " × " + role.wire() + ": expected " + expected + ", got " + response);
        }
      }
      table.append('\n');
    }
    System.out.println(table);
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  @Test
  void publicRoutesNeedNoToken() {
    assertEquals(200, api.get("/health", null).status());
    assertEquals(200, api.get("/health/database", null).status());
    assertEquals(200, api.get("/api/openapi.json", null).status());
    assertEquals(
        401,
        api.post("/api/auth/login", null, Map.of("email", "x@example.com", "password", "nope"))
            .status());
    assertEquals(401, api.post("/api/auth/refresh", null, Map.of("refreshToken", "nope")).status());
    assertEquals(204, api.post("/api/auth/logout", null, Map.of("refreshToken", "nope")).status());
  }

  @Test
  void permissionsDocumentListsEveryRoute() throws Exception {
    Path doc = Path.of("..", "docs", "permissions.md");
    String text = Files.readString(doc);
    for (Row row : rows()) {
      String endpoint = row.name().replaceAll(" \\(.*\\)$", "");
      assertTrue(
          text.contains("`" + endpoint + "`"), "docs/permissions.md lacks `" + endpoint + "`");
    }
  }

  private static Response send(Call call, String token) {
    return api.send(call.method(), call.path(), token, call.body(), Map.of());
  }
}
