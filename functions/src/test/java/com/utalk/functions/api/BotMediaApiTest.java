package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiHarness.Response;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot and media endpoints through the router: the runbook "Escalamiento no pausa bot" as an
 * admin runs it, the agent-takeover escalation on assign, and media scoped by the policy.
 */
class BotMediaApiTest {
  private static final String WS = "ws-botmedia";
  private static ApiHarness api;
  private static User agent;
  private static String admin;
  private static String agentToken;
  private static String otherAdmin;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    api.user(WS, Role.ADMIN, "admin@botmedia.example.com");
    agent = api.user(WS, Role.AGENT, "agent@botmedia.example.com");
    api.user("ws-botmedia-other", Role.ADMIN, "admin@other.example.com");
    admin = api.login("admin@botmedia.example.com", ApiHarness.passwordFor(Role.ADMIN));
    agentToken = api.login("agent@botmedia.example.com", ApiHarness.passwordFor(Role.AGENT));
    otherAdmin = api.login("admin@other.example.com", ApiHarness.passwordFor(Role.ADMIN));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static Set<String> ids(Response page) {
    Set<String> ids = new HashSet<>();
    page.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  @Test
  void theRunbookFlowAsAnAdminRunsIt() throws Exception {
    String broken =
        Fixtures.conversation(
            api.firestore(), WS, Instant.now(), "escalated", null, 1); // bot still on
    String open = Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);

    Response config =
        api.put("/api/ai/config", admin, Map.of("enabled", true, "autoEscalate", true));
    assertEquals(200, config.status(), config.toString());
    assertTrue(config.json().path("enabled").asBoolean());
    assertEquals(200, api.get("/api/ai/config", admin).status());
    Response typo = api.put("/api/ai/config", admin, Map.of("enable", false));
    assertEquals(400, typo.status());
    assertEquals("enable", typo.json().path("field").asText());

    assertFalse(
        ids(api.get("/api/conversations?status=escalated&botEnabled=false", admin))
            .contains(broken));
    // the runbook's bare curl: no body, no Content-Type
    Response fixed = api.post("/api/conversations/force-pause-bot", admin, null);
    assertEquals(200, fixed.status(), fixed.toString());
    assertEquals(1, fixed.json().path("fixed").asInt());
    assertEquals(broken, fixed.json().path("conversationIds").get(0).asText());
    assertEquals(
        0,
        api.post("/api/conversations/force-pause-bot", admin, null).json().path("fixed").asInt(),
        "idempotent");

    Set<String> paused =
        ids(api.get("/api/conversations?status=escalated&botEnabled=false", admin));
    assertTrue(paused.contains(broken), paused.toString());
    assertFalse(paused.contains(open));
    assertTrue(
        ids(api.get("/api/conversations?status=open&botEnabled=true", admin)).contains(open));
    assertEquals(400, api.get("/api/conversations?botEnabled=maybe", admin).status());
  }

  @Test
  void anAgentTakingABotConversationEscalatesItAndPausesTheBot() throws Exception {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 2);
    Response taken =
        api.post(
            "/api/conversations/" + conversation + "/assign",
            agentToken,
            Map.of("agentId", agent.id()));
    assertEquals(200, taken.status(), taken.toString());
    JsonNode view = taken.json();
    assertEquals("escalated", view.path("status").asText());
    assertFalse(view.path("botEnabled").asBoolean(true));
    assertEquals(agent.id(), view.path("assignedAgentId").asText());

    List<QueryDocumentSnapshot> escalations =
        api.firestore()
            .collection("escalations")
            .whereEqualTo("conversationId", conversation)
            .get()
            .get()
            .getDocuments();
    assertEquals(1, escalations.size());
    assertEquals("agent_takeover", escalations.get(0).getString("trigger"));
    assertEquals(agent.id(), escalations.get(0).getString("actorId"));

    // repeating the request changes nothing more
    assertEquals(
        200,
        api.post(
                "/api/conversations/" + conversation + "/assign",
                agentToken,
                Map.of("agentId", agent.id()))
            .status());
    assertEquals(
        1,
        api.firestore()
            .collection("escalations")
            .whereEqualTo("conversationId", conversation)
            .get()
            .get()
            .size());

    // a conversation whose bot is already off is only assigned
    String quiet = Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
    api.firestore().collection("conversations").document(quiet).update("botEnabled", false).get();
    JsonNode assigned =
        api.post(
                "/api/conversations/" + quiet + "/assign",
                agentToken,
                Map.of("agentId", agent.id()))
            .json();
    assertEquals("open", assigned.path("status").asText());
    assertEquals(
        0,
        api.firestore()
            .collection("escalations")
            .whereEqualTo("conversationId", quiet)
            .get()
            .get()
            .size());
  }

  @Test
  void mediaUrlsFollowTheConversationsWorkspaceAndPermissions() {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
    String mediaId = Fixtures.storedMedia(api.firestore(), WS, conversation);
    Response signed = api.get("/api/media/" + mediaId, agentToken);
    assertEquals(200, signed.status(), signed.toString());
    assertTrue(signed.json().path("url").asText().contains("signature="));
    assertTrue(signed.json().hasNonNull("expiresAt"));
    assertEquals(
        404,
        api.get("/api/media/" + mediaId, otherAdmin).status(),
        "another workspace learns nothing");
    assertEquals(404, api.get("/api/media/no-such-media", admin).status());

    Response upload =
        api.post(
            "/api/media/uploads",
            agentToken,
            Map.of("conversationId", conversation, "contentType", "application/zip", "size", 10));
    assertEquals(415, upload.status(), upload.toString());
    assertEquals(
        404,
        api.post(
                "/api/media/uploads",
                otherAdmin,
                Map.of("conversationId", conversation, "contentType", "image/png", "size", 10))
            .status());

    Response bare = api.post("/api/media/regenerate-urls", admin, null);
    assertEquals(400, bare.status(), bare.toString());
    assertEquals("conversationId", bare.json().path("field").asText());
    Response regenerated =
        api.post("/api/media/regenerate-urls", admin, Map.of("conversationId", conversation));
    assertEquals(200, regenerated.status(), regenerated.toString());
    assertEquals(1, regenerated.json().path("regenerated").asInt());
  }

  @Test
  void anUploadedFileCanBeAttachedToAnAgentMessage() throws Exception {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
    Response ticket =
        api.post(
            "/api/media/uploads",
            agentToken,
            Map.of("conversationId", conversation, "contentType", "image/png", "size", 2048));
    assertEquals(201, ticket.status(), ticket.toString());
    String mediaId = ticket.json().path("mediaId").asText();
    assertTrue(ticket.json().path("uploadUrl").asText().contains("signature="));

    String messageId = java.util.UUID.randomUUID().toString();
    Response sent =
        api.post(
            "/api/conversations/" + conversation + "/messages",
            agentToken,
            Map.of(
                "messageId",
                messageId,
                "body",
                "aquí está la foto",
                "mediaIds",
                java.util.List.of(mediaId)));
    assertEquals(202, sent.status(), sent.toString());
    assertEquals(mediaId, sent.json().path("mediaIds").path(0).asText(), sent.toString());
    assertEquals(
        java.util.List.of(mediaId),
        api.firestore().collection("messages").document(messageId).get().get().get("mediaIds"));

    Response wrongShape =
        api.post(
            "/api/conversations/" + conversation + "/messages",
            agentToken,
            Map.of(
                "messageId",
                java.util.UUID.randomUUID().toString(),
                "body",
                "x",
                "mediaIds",
                "not-a-list"));
    assertEquals(400, wrongShape.status());
    assertEquals("mediaIds", wrongShape.json().path("field").asText());
  }
}
