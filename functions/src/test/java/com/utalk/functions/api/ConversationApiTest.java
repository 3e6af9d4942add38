package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.json.Json;
import com.utalk.messaging.InboundIngestService;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.PhoneNumber;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import com.utalk.workspace.Workspace;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agents' conversation API: isolation, idempotent sends, pagination, and the agent actions. */
class ConversationApiTest {
  private static final String WS = "ws-conv";
  private static final String OTHER_WS = "ws-other";
  private static final String NUMBER = "+14155550100";
  private static ApiHarness api;
  private static User agent;
  private static User admin;
  private static String agentToken;
  private static String adminToken;
  private static String outsiderToken;
  private static PubSubEventPublisher publisher;
  private static InboundIngestService ingest;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    agent = api.user(WS, Role.AGENT, "agent@conv.example.com");
    admin = api.user(WS, Role.ADMIN, "admin@conv.example.com");
    User outsider = api.user(OTHER_WS, Role.ADMIN, "admin@other.example.com");
    agentToken = api.login(agent.email(), ApiHarness.passwordFor(Role.AGENT));
    adminToken = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
    outsiderToken = api.login(outsider.email(), ApiHarness.passwordFor(Role.ADMIN));
    WorkspaceDirectory directory = new WorkspaceDirectory(api.firestore(), Clock.systemUTC());
    directory.save(new Workspace(WS, "Conversations", List.of(NUMBER)));
    publisher = new PubSubEventPublisher(api.env.pubsub());
    ingest =
        new InboundIngestService(
            api.firestore(),
            directory,
            new EventOutbox(api.firestore(), publisher, Clock.systemUTC()),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    publisher.close();
    api.close();
  }

  /** A real inbound message through the messaging domain (the webhook's service). */
  private static String inbound(String from, String body) {
    return ingest
        .ingest(
            new InboundMessage(
                "SM" + UUID.randomUUID().toString().replace("-", ""),
                "AC1",
                PhoneNumber.parse(from),
                PhoneNumber.parse(NUMBER),
                body,
                "Cliente",
                from.substring(1),
                List.of()),
            "req-test-inbound")
        .conversationId();
  }

  @Test
  void anotherWorkspacesConversationIsNotFoundNeverItsData() {
    String theirs =
        Fixtures.conversation(api.firestore(), OTHER_WS, Instant.now(), "open", null, 2);
    String missing = UUID.randomUUID().toString();
    Response missingAnswer = api.get("/api/conversations/" + missing, agentToken);
    for (String path : List.of("", "/messages")) {
      Response response = api.get("/api/conversations/" + theirs + path, agentToken);
      assertEquals(404, response.status(), response.body());
      assertEquals(
          missingAnswer.json().path("message"),
          response.json().path("message"),
          "same answer as a missing one");
      assertFalse(response.body().contains("mensaje"));
    }
    for (String action : List.of("/close", "/reopen")) {
      assertEquals(
          404, api.post("/api/conversations/" + theirs + action, adminToken, null).status());
    }
    assertEquals(
        404,
        api.post(
                "/api/conversations/" + theirs + "/assign",
                adminToken,
                Map.of("agentId", admin.id()))
            .status());
    Response send =
        api.post(
            "/api/conversations/" + theirs + "/messages",
            adminToken,
            Map.of("messageId", UUID.randomUUID().toString(), "body", "hola"));
    assertEquals(404, send.status(), send.body());

    Response list = api.get("/api/conversations?limit=100", agentToken);
    assertFalse(list.body().contains(theirs), "listings never show another workspace");
    assertEquals(
        200,
        api.get("/api/conversations/" + theirs, outsiderToken).status(),
        "its own workspace sees it");
    Response crossRole =
        api.put("/api/users/" + agent.id() + "/role", outsiderToken, Map.of("role", "admin"));
    assertEquals(404, crossRole.status(), "users are workspace-scoped too");
  }

  @Test
  void sendingTwiceWithOneMessageIdSendsOnce() throws Exception {
    String conversation = inbound("+5215511110001", "necesito ayuda");
    String messageId = UUID.randomUUID().toString();
    try (EventTap outbound = EventTap.open(api.env.pubsub(), Topics.OUTBOUND_MESSAGES)) {
      Response first =
          api.post(
              "/api/conversations/" + conversation + "/messages",
              agentToken,
              Map.of("messageId", messageId, "body", "Con gusto"));
      Response second =
          api.post(
              "/api/conversations/" + conversation + "/messages",
              agentToken,
              Map.of("messageId", messageId, "body", "Con gusto"));
      assertEquals(202, first.status(), first.body());
      assertEquals(202, second.status(), second.body());
      JsonNode message = first.json();
      assertEquals(messageId, message.path("id").asText());
      assertEquals("queued", message.path("status").asText());
      assertEquals("agent:" + agent.id(), message.path("author").asText());
      assertEquals(
          withoutTimes(message), withoutTimes(second.json()), "the same message both times");
      assertEquals(
          Instant.parse(message.path("createdAt").asText())
              .truncatedTo(java.time.temporal.ChronoUnit.MICROS),
          Instant.parse(second.json().path("createdAt").asText()),
          "same instant at Firestore's precision");
      List<PubsubMessage> handed = outbound.await(1, Duration.ofSeconds(5));
      Thread.sleep(300);
      handed = outbound.await(1, Duration.ofMillis(1));
      long forThisMessage =
          handed.stream()
              .filter(m -> messageId.equals(m.getAttributesMap().get("messageId")))
              .count();
      assertTrue(forThisMessage >= 1, "handed to the sender");
    }
    List<QueryDocumentSnapshot> stored =
        api.firestore()
            .collection("messages")
            .whereEqualTo("conversationId", conversation)
            .whereEqualTo("direction", "outbound")
            .get()
            .get()
            .getDocuments();
    assertEquals(1, stored.size(), "stored once");
    assertNotNull(stored.get(0).getLong("responseTime"), "reply time for the ASA KPI");
    var after = api.get("/api/conversations/" + conversation, agentToken).json();
    assertNotNull(after.path("firstAgentReplyAt").asText(null));
    assertTrue(
        after.path("awaitingReplySince").isMissingNode()
            || after.path("awaitingReplySince").isNull());
  }

  @Test
  void messageIdIsRequiredSinceV120() {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
    Response missing =
        api.post(
            "/api/conversations/" + conversation + "/messages", agentToken, Map.of("body", "hola"));
    assertEquals(400, missing.status());
    assertEquals("messageId", missing.json().path("field").asText());
    assertTrue(missing.json().path("message").asText().contains("v1.2.0"), missing.body());
    Response notV4 =
        api.post(
            "/api/conversations/" + conversation + "/messages",
            agentToken,
            Map.of("messageId", "123", "body", "hola"));
    assertEquals(400, notV4.status());
    Response noBody =
        api.post(
            "/api/conversations/" + conversation + "/messages",
            agentToken,
            Map.of("messageId", UUID.randomUUID().toString()));
    assertEquals("body", noBody.json().path("field").asText());
  }

  @Test
  void messagePagesStayStableWhileNewMessagesArrive() {
    String phone = "+5215511110002";
    String conversation = inbound(phone, "m1");
    for (int i = 2; i <= 12; i++) {
      inbound(phone, "m" + i);
    }
    String base = "/api/conversations/" + conversation + "/messages?limit=5";
    JsonNode page1 = api.get(base, agentToken).json();
    List<String> seen = bodies(page1);
    assertEquals(List.of("m12", "m11", "m10", "m9", "m8"), seen);

    inbound(phone, "m13");
    inbound(phone, "m14");

    JsonNode page2 =
        api.get(base + "&before=" + page1.path("nextBefore").asLong(), agentToken).json();
    JsonNode page3 =
        api.get(base + "&before=" + page2.path("nextBefore").asLong(), agentToken).json();
    assertEquals(
        List.of("m7", "m6", "m5", "m4", "m3"),
        bodies(page2),
        "new arrivals do not shift older pages");
    assertEquals(List.of("m2", "m1"), bodies(page3));
    assertTrue(page3.path("nextBefore").isNull());
    assertEquals(
        List.of("m14", "m13", "m12"),
        bodies(
            api.get("/api/conversations/" + conversation + "/messages?limit=3", agentToken)
                .json()));
  }

  @Test
  void conversationPagesNeitherRepeatNorSkipWhileConversationsMove() {
    String ws = "ws-paging";
    User reader = api.user(ws, Role.READONLY, "reader@paging.example.com");
    String token = api.login(reader.email(), ApiHarness.passwordFor(Role.READONLY));
    Instant base = Instant.now().minusSeconds(3600);
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      newestFirst.add(0, Fixtures.conversation(api.firestore(), ws, base.plusSeconds(i * 10L)));
    }
    JsonNode page1 = api.get("/api/conversations?limit=5", token).json();
    assertEquals(newestFirst.subList(0, 5), ids(page1));

    // a conversation on a later page gets a new message and jumps to the top; a new one appears
    String moved = newestFirst.get(8);
    touch(moved);
    String created = Fixtures.conversation(api.firestore(), ws, Instant.now());

    Set<String> seen = new LinkedHashSet<>(ids(page1));
    String cursor = page1.path("nextCursor").asText();
    while (cursor != null) {
      JsonNode page = api.get("/api/conversations?limit=5&cursor=" + cursor, token).json();
      for (String id : ids(page)) {
        assertTrue(seen.add(id), "repeated " + id);
      }
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    }
    Set<String> expected = new HashSet<>(newestFirst);
    expected.remove(moved);
    seen.remove(moved);
    assertEquals(expected, seen, "every conversation that did not move is listed exactly once");
    assertFalse(
        seen.contains(created),
        "newer than the first page: shown by a reload or the realtime feed");
    assertEquals(List.of(created, moved), ids(api.get("/api/conversations?limit=2", token).json()));
  }

  @Test
  void filtersAndValidation() {
    String ws = "ws-filters";
    User reader = api.user(ws, Role.AGENT, "agent@filters.example.com");
    String token = api.login(reader.email(), ApiHarness.passwordFor(Role.AGENT));
    String mine = Fixtures.conversation(api.firestore(), ws, Instant.now(), "open", reader.id(), 1);
    String closed =
        Fixtures.conversation(
            api.firestore(), ws, Instant.now().minusSeconds(5), "closed", null, 1);
    assertEquals(List.of(mine), ids(api.get("/api/conversations?assignedTo=me", token).json()));
    assertEquals(List.of(closed), ids(api.get("/api/conversations?status=closed", token).json()));
    assertEquals(2, ids(api.get("/api/conversations?botEnabled=true", token).json()).size());
    assertEquals(
        "status", api.get("/api/conversations?status=nope", token).json().path("field").asText());
    assertEquals(
        "limit", api.get("/api/conversations?limit=1000", token).json().path("field").asText());
    assertEquals(
        "botEnabled",
        api.get("/api/conversations?botEnabled=maybe", token).json().path("field").asText());
    assertEquals(
        "cursor", api.get("/api/conversations?cursor=Zm9v", token).json().path("field").asText());
  }

  @Test
  void assignCloseReopenAndTheFirstContactRule() throws Exception {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 2);
    // bot off: assigning a bot-handled conversation also escalates it (BotMediaApiTest); here only
    // the assign mechanics
    api.firestore()
        .collection("conversations")
        .document(conversation)
        .update("botEnabled", false)
        .get();
    String path = "/api/conversations/" + conversation;
    try (EventTap events = EventTap.open(api.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      JsonNode assigned =
          api.post(path + "/assign", agentToken, Map.of("agentId", agent.id())).json();
      assertEquals(agent.id(), assigned.path("assignedAgentId").asText());
      assertEquals(3, assigned.path("seq").asLong(), "took the next sequence number");
      assertEquals(
          200,
          api.post(path + "/assign", agentToken, Map.of("agentId", agent.id())).status(),
          "repeat is a no-op");

      Response takeOver = api.post(path + "/assign", adminToken, Map.of("agentId", admin.id()));
      assertEquals(409, takeOver.status());
      assertEquals("already_assigned", takeOver.json().path("error").asText());
      Response forced =
          api.post(path + "/assign", adminToken, Map.of("agentId", admin.id(), "force", true));
      assertEquals(200, forced.status(), forced.body());

      JsonNode closed = api.post(path + "/close", agentToken, null).json();
      assertEquals("closed", closed.path("status").asText());
      assertNotNull(closed.path("closedAt").asText(null));
      assertTrue(
          closed.path("resolvedInFirstContact").asBoolean(), "closed without ever being reopened");
      assertEquals(
          409,
          api.post(path + "/assign", agentToken, Map.of("agentId", agent.id())).status(),
          "closed");

      JsonNode reopened = api.post(path + "/reopen", agentToken, null).json();
      assertEquals("open", reopened.path("status").asText());
      assertTrue(reopened.path("closedAt").isMissingNode() || reopened.path("closedAt").isNull());
      JsonNode closedAgain = api.post(path + "/close", agentToken, null).json();
      assertFalse(
          closedAgain.path("resolvedInFirstContact").asBoolean(),
          "a reopened conversation was not resolved in first contact");

      List<PubsubMessage> published = events.await(5, Duration.ofSeconds(10));
      List<String> actions = new ArrayList<>();
      for (PubsubMessage message : published) {
        JsonNode event = Json.read(message.getData().toByteArray());
        if (conversation.equals(event.path("conversationId").asText())) {
          assertEquals("conversation.updated", event.path("type").asText());
          actions.add(event.path("payload").path("action").asText());
        }
      }
      assertEquals(List.of("assign", "assign", "close", "reopen", "close"), actions);
    }
    var stored = api.firestore().collection("conversations").document(conversation).get().get();
    assertEquals(Boolean.FALSE, stored.getBoolean("resolvedInFirstContact"));
    assertEquals(7L, stored.getLong("seq"));

    Response audit = api.get("/api/audit-logs", adminToken);
    JsonNode entry = null;
    for (JsonNode item : audit.json().path("items")) {
      if ("conversation.force_reassign".equals(item.path("action").asText())
          && conversation.equals(item.path("targetId").asText())) {
        entry = item;
      }
    }
    assertNotNull(entry, audit.body());
    assertEquals(admin.id(), entry.path("actorUid").asText());
    assertEquals(agent.id(), entry.path("before").path("assignedAgentId").asText());
    assertEquals(admin.id(), entry.path("after").path("assignedAgentId").asText());
    assertFalse(entry.path("requestId").asText().isEmpty());
    assertNotNull(entry.path("at").asText(null));
  }

  @Test
  void reopeningIsRefusedWhenTheCustomerAlreadyStartedANewConversation() {
    String phone = "+5215511110003";
    String first = inbound(phone, "hola");
    assertEquals(
        200, api.post("/api/conversations/" + first + "/close", agentToken, null).status());
    String second = inbound(phone, "otra vez");
    assertFalse(first.equals(second));
    Response reopen = api.post("/api/conversations/" + first + "/reopen", agentToken, null);
    assertEquals(409, reopen.status());
    assertEquals("conversation_superseded", reopen.json().path("error").asText());
  }

  @Test
  void assigneeMustBeAnAgentOfTheWorkspace() {
    String conversation =
        Fixtures.conversation(api.firestore(), WS, Instant.now(), "open", null, 1);
    User readonly = api.user(WS, Role.READONLY, "ro@conv.example.com");
    Response toReadonly =
        api.post(
            "/api/conversations/" + conversation + "/assign",
            adminToken,
            Map.of("agentId", readonly.id()));
    assertEquals(400, toReadonly.status());
    assertEquals("agentId", toReadonly.json().path("field").asText());
    Response toNobody =
        api.post(
            "/api/conversations/" + conversation + "/assign",
            adminToken,
            Map.of("agentId", "nobody"));
    assertEquals(400, toNobody.status());
    Response noAgent =
        api.post("/api/conversations/" + conversation + "/assign", adminToken, Map.of());
    assertEquals("agentId", noAgent.json().path("field").asText());
    assertNull(
        api.get("/api/conversations/" + conversation, adminToken)
            .json()
            .path("assignedAgentId")
            .textValue());
  }

  private static JsonNode withoutTimes(JsonNode message) {
    var copy = message.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
        .remove(List.of("createdAt", "statusUpdatedAt"));
    return copy;
  }

  private static void touch(String conversationId) {
    try {
      Instant now = Instant.now();
      api.firestore()
          .collection("conversations")
          .document(conversationId)
          .update(
              "lastMessageAt",
              com.google.cloud.Timestamp.ofTimeSecondsAndNanos(now.getEpochSecond(), now.getNano()))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static List<String> bodies(JsonNode page) {
    List<String> bodies = new ArrayList<>();
    page.path("items").forEach(item -> bodies.add(item.path("body").asText()));
    return bodies;
  }
}
