package com.utalk.functions.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.functions.api.ApiHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The front end's flags and the admin routes, through HTTP. */
class FlagsApiTest {
  private static final String WS = "ws-flags";
  private static ApiHarness api;
  private static String admin;
  private static String agent;
  private static String beta;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    admin = api.signedIn(WS, Role.ADMIN, "admin@flags.example.com");
    agent = api.signedIn(WS, Role.AGENT, "agent@flags.example.com");
    // the operations reference's allow-list names user1@example.com
    beta = api.signedIn(WS, Role.AGENT, "user1@example.com");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static JsonNode flags(String token) {
    ApiHarness.Response response = api.get("/api/flags", token);
    assertEquals(200, response.status(), response.toString());
    return response.json().path("flags");
  }

  @Test
  void everyCallerGetsTheSeededFlagsEvaluatedForThem() {
    JsonNode mine = flags(agent);
    assertTrue(mine.path("new-ui").asBoolean(), "new-ui is at 100%");
    assertFalse(mine.path("ai-enhancements").asBoolean(true), "ai-enhancements is at 0%");
    assertFalse(mine.path("beta-features").asBoolean(true), "not on the allow-list");
    assertTrue(flags(beta).path("beta-features").asBoolean(), "allow-listed by e-mail");
    assertEquals(
        "TARGETING_MATCH",
        api.get("/api/flags", beta)
            .json()
            .path("details")
            .path("beta-features")
            .path("reason")
            .asText());
  }

  @Test
  void anAdminsChangeIsSeenAtOnceAndAuditedAndAnAgentsIsRefused() {
    ApiHarness.Response refused =
        api.put("/api/admin/flags/beta-features", agent, Map.of("rolloutPercent", 100));
    assertEquals(403, refused.status());
    assertEquals("forbidden", refused.json().path("error").asText());
    assertFalse(
        flags(agent).path("beta-features").asBoolean(true), "the refused change changed nothing");

    ApiHarness.Response created =
        api.put(
            "/api/admin/flags/agent-inbox-v2",
            admin,
            Map.of(
                "targeting",
                "user",
                "rolloutPercent",
                0,
                "allowList",
                List.of("agent@flags.example.com"),
                "description",
                "inbox"));
    assertEquals(200, created.status(), created.toString());
    assertTrue(
        flags(agent).path("agent-inbox-v2").asBoolean(),
        "this instance sees its own change at once");

    assertEquals(
        200,
        api.put("/api/admin/flags/agent-inbox-v2", admin, Map.of("killSwitch", true)).status());
    assertFalse(flags(agent).path("agent-inbox-v2").asBoolean(true), "kill switch");

    // the seeded flags stay as seeded for the other test: roll out a flag of this test's own
    assertEquals(
        200,
        api.put(
                "/api/admin/flags/workspace-probe",
                admin,
                Map.of("targeting", "workspace", "rolloutPercent", 0))
            .status());
    assertFalse(flags(agent).path("workspace-probe").asBoolean(true));
    ApiHarness.Response rollout =
        api.post("/api/admin/flags/workspace-probe/rollout", admin, Map.of("rolloutPercent", 100));
    assertEquals(100, rollout.json().path("rolloutPercent").asInt());
    assertTrue(flags(agent).path("workspace-probe").asBoolean());

    JsonNode audit = api.get("/api/audit-logs", admin).json().path("items");
    List<String> actions = new java.util.ArrayList<>();
    audit.forEach(
        entry ->
            actions.add(entry.path("action").asText() + " " + entry.path("targetId").asText()));
    assertTrue(actions.contains("feature_flag.rollout workspace-probe"), actions.toString());
    assertTrue(actions.contains("feature_flag.change agent-inbox-v2"), actions.toString());
    assertFalse(
        actions.stream().anyMatch(a -> a.endsWith("beta-features")),
        "the refused change left no entry");
  }

  @Test
  void badChangesAre400sNamingTheField() {
    assertEquals(
        "rolloutPercent",
        api.post("/api/admin/flags/new-ui/rollout", admin, Map.of("rolloutPercent", 101))
            .json()
            .path("field")
            .asText());
    assertEquals(
        "rolloutPercent",
        api.post("/api/admin/flags/new-ui/rollout", admin, Map.of()).json().path("field").asText());
    assertEquals(
        "targeting",
        api.put("/api/admin/flags/new-ui", admin, Map.of("targeting", "planet"))
            .json()
            .path("field")
            .asText());
    assertEquals(
        404,
        api.post("/api/admin/flags/no-such-flag/rollout", admin, Map.of("rolloutPercent", 5))
            .status());
    assertEquals(
        400, api.put("/api/admin/flags/Bad_Key", admin, Map.of("rolloutPercent", 5)).status());
  }
}
