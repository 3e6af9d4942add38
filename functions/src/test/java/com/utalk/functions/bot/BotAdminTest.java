package com.utalk.functions.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.bot.Actor;
import com.utalk.bot.AiConfig;
import com.utalk.errors.ForbiddenException;
import com.utalk.errors.ValidationException;
import com.utalk.escalation.EscalationRequest;
import com.utalk.escalation.EscalationTrigger;
import com.utalk.escalation.ForcePauseBotService;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbook "Escalamiento no pausa bot": force-pause-bot and the AI configuration endpoints'
 * handlers.
 */
class BotAdminTest {
  private static final Actor ADMIN = new Actor("admin-1", StackUnderTest.WORKSPACE, "admin");
  private static final Actor AGENT = new Actor("agent-1", StackUnderTest.WORKSPACE, "agent");
  private static BotStack bot;

  @BeforeAll
  static void start() {
    bot = new BotStack(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    bot.close();
  }

  private static JsonNode json(String text) {
    return Json.read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void forcePauseBotFixesEveryEscalatedConversationThatStillHasTheBotOnAndIsIdempotent()
      throws Exception {
    BotStack.Inbound broken = bot.customerWrites("+5215530000001", "hola");
    BotStack.Inbound escalated = bot.customerWrites("+5215530000002", "hola");
    BotStack.Inbound open = bot.customerWrites("+5215530000003", "hola");
    // The admin trigger: escalated properly, bot off.
    BotWiring.escalations(bot.backend)
        .escalate(
            new EscalationRequest(
                StackUnderTest.WORKSPACE,
                escalated.conversationId(),
                EscalationTrigger.ADMIN,
                "VIP customer",
                "admin-1"),
            "req-admin-esc");
    assertEquals(
        "admin",
        bot.where("escalations", "conversationId", escalated.conversationId())
            .get(0)
            .getString("trigger"));
    // The state the runbook is about: escalated by an older code path that left the bot on.
    bot.stack
        .env
        .firestore()
        .collection("conversations")
        .document(broken.conversationId())
        .update("status", "escalated", "botEnabled", true)
        .get();

    ForcePauseBotHandler handler = new ForcePauseBotHandler(BotWiring.forcePause(bot.backend));
    assertThrows(ForbiddenException.class, () -> handler.handle(AGENT, "req-fp-agent"));
    ForcePauseBotService.Result first = handler.handle(ADMIN, "req-fp-00001");
    assertEquals(1, first.fixed());
    assertEquals(List.of(broken.conversationId()), first.conversationIds());
    assertEquals(
        0, handler.handle(ADMIN, "req-fp-00002").fixed(), "a second call has nothing left to fix");

    assertEquals(
        Boolean.FALSE, bot.doc("conversations", broken.conversationId()).getBoolean("botEnabled"));
    assertEquals(
        Boolean.TRUE,
        bot.doc("conversations", open.conversationId()).getBoolean("botEnabled"),
        "open ones are left alone");
    // The runbook's check: GET /api/conversations?status=escalated&botEnabled=false lists both.
    Set<String> pausedEscalated =
        bot
            .stack
            .env
            .firestore()
            .collection("conversations")
            .whereEqualTo("workspaceId", StackUnderTest.WORKSPACE)
            .whereEqualTo("status", "escalated")
            .whereEqualTo("botEnabled", false)
            .get()
            .get()
            .getDocuments()
            .stream()
            .map(QueryDocumentSnapshot::getId)
            .collect(Collectors.toSet());
    assertTrue(
        pausedEscalated.containsAll(Set.of(broken.conversationId(), escalated.conversationId())),
        pausedEscalated.toString());
    assertFalse(pausedEscalated.contains(open.conversationId()));

    JsonNode update =
        Json.read(
            bot.awaitEvent(
                    e ->
                        "conversation.updated".equals(e.path("type").asText())
                            && broken.conversationId().equals(e.path("conversationId").asText()))
                .getData()
                .toByteArray());
    assertFalse(update.path("payload").path("botEnabled").asBoolean(true));
    List<QueryDocumentSnapshot> audit =
        bot.where("auditLogs", "action", "conversation.force_pause_bot");
    assertEquals(1, audit.size());
    assertEquals("admin-1", audit.get(0).getString("actorId"));
    assertEquals("req-fp-00001", audit.get(0).getString("requestId"));

    // And the fixed conversation really stays quiet.
    BotStack.Inbound after = bot.customerWrites("+5215530000001", "¿hay alguien?");
    bot.runBot(after);
    assertEquals("skipped", bot.doc("botRuns", after.messageId()).getString("outcome"));
  }

  @Test
  void aiConfigChangesAreAuditedAndTakeEffectOnTheNextMessage() throws Exception {
    AiConfigHandler handler = new AiConfigHandler(BotWiring.aiConfig(bot.backend));
    AiConfig defaults = handler.get(ADMIN);
    assertTrue(defaults.enabled());
    assertTrue(defaults.autoEscalate());
    assertEquals(BotStack.MODEL, defaults.model());
    assertTrue(
        defaults
            .escalationPhrases()
            .containsAll(List.of("agente", "humano", "asesor", "human", "agent")));

    assertThrows(
        ForbiddenException.class,
        () -> handler.put(AGENT, json("{\"enabled\":false}"), "req-cfg-agent"));
    assertThrows(ForbiddenException.class, () -> handler.get(AGENT));
    ValidationException typo =
        assertThrows(
            ValidationException.class,
            () -> handler.put(ADMIN, json("{\"enable\":false}"), "req-cfg-typo"));
    assertEquals("enable", typo.field());
    assertThrows(
        ValidationException.class,
        () -> handler.put(ADMIN, json("{\"escalateAfterFailures\":0}"), "req-cfg-zero"));

    AiConfig updated =
        handler.put(
            ADMIN,
            json("{\"escalationPhrases\":[\"supervisor\"],\"fallbackMessage\":\"Un momento\"}"),
            "req-cfg-00001");
    assertEquals(List.of("supervisor"), updated.escalationPhrases());
    assertEquals(BotStack.MODEL, updated.model(), "fields not sent keep their value");
    assertEquals(updated, handler.get(ADMIN));
    QueryDocumentSnapshot entry = bot.where("auditLogs", "requestId", "req-cfg-00001").get(0);
    assertEquals("ai_config.update", entry.getString("action"));
    assertEquals("admin-1", entry.getString("actorId"));
    assertTrue(
        ((List<?>) ((Map<?, ?>) entry.get("before")).get("escalationPhrases")).contains("agente"));
    assertEquals(List.of("supervisor"), ((Map<?, ?>) entry.get("after")).get("escalationPhrases"));
    assertTrue(entry.getTimestamp("at") != null);

    bot.model.reset();
    bot.model.whenIdle(com.utalk.emulators.openai.ScriptedStep.text("claro"));
    BotStack.Inbound oldPhrase = bot.customerWrites("+5215530000004", "quiero un agente");
    bot.runBot(oldPhrase);
    assertEquals(
        "replied",
        bot.doc("botRuns", oldPhrase.messageId()).getString("outcome"),
        "'agente' is no longer a trigger");
    BotStack.Inbound newPhrase = bot.customerWrites("+5215530000005", "pásame con tu supervisor");
    bot.runBot(newPhrase);
    assertEquals(
        "escalated", bot.doc("conversations", newPhrase.conversationId()).getString("status"));

    handler.put(ADMIN, json("{\"enabled\":false}"), "req-cfg-00002");
    BotStack.Inbound disabled = bot.customerWrites("+5215530000006", "hola");
    bot.runBot(disabled);
    DocumentSnapshot run = bot.doc("botRuns", disabled.messageId());
    assertEquals("skipped", run.getString("outcome"));
    assertEquals("bot_disabled", run.getString("reason"));
    handler.put(ADMIN, json("{\"enabled\":true,\"autoEscalate\":true}"), "req-cfg-00003");
    assertTrue(handler.get(ADMIN).enabled());
  }
}
