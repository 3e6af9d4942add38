package com.utalk.functions.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.bot.BotReplyIds;
import com.utalk.emulators.openai.RecordedRequest;
import com.utalk.emulators.openai.ScriptedStep;
import com.utalk.emulators.twilio.SentMessage;
import com.utalk.escalation.EscalationService;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.platform.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotReplierTest {
  private static BotStack bot;

  @BeforeAll
  static void start() {
    bot = new BotStack(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    bot.close();
  }

  @BeforeEach
  void reset() {
    bot.model.reset();
    bot.stack.twilio.reset();
  }

  @Test
  void theModelsAnswerReachesTheCustomerAsABotReplyWithItsResponseTime() throws Exception {
    String phone = "+5215520000001";
    bot.model.replyWith("Abrimos de 9 a 18 h.").replyWith("Sí, también los sábados.");
    BotStack.Inbound first = bot.customerWrites(phone, "¿A qué hora abren?");
    bot.runBot(first);
    bot.deliverOutbound();

    RecordedRequest request = bot.model.requests().get(0);
    assertEquals(List.of(), bot.model.problems(), "the stand-in found the request well formed");
    assertEquals("Bearer " + BotStack.API_KEY, request.authorization());
    assertEquals(BotStack.MODEL, request.model());
    assertEquals(BotStack.SYSTEM_PROMPT, request.lastContent("system"));
    assertEquals("¿A qué hora abren?", request.lastContent("user"));
    assertEquals(List.of("escalate_to_human"), request.toolNames());

    List<SentMessage> sent = bot.sendsTo(phone);
    assertEquals(1, sent.size());
    assertEquals("whatsapp:" + phone, sent.get(0).to());
    assertEquals("Abrimos de 9 a 18 h.", sent.get(0).body());

    DocumentSnapshot reply = bot.doc("messages", BotReplyIds.forInbound(first.messageId()));
    assertEquals("bot", reply.getString("author"));
    assertEquals(Boolean.TRUE, reply.getBoolean("botResponse"));
    long responseTime = reply.getLong("botResponseTime");
    assertTrue(
        responseTime >= 0 && responseTime < 2000,
        "TMO target is < 2 s against the stand-in, got " + responseTime);

    DocumentSnapshot run = bot.doc("botRuns", first.messageId());
    assertEquals("replied", run.getString("outcome"));
    assertEquals("openai", run.getString("responder"));
    assertEquals(BotStack.MODEL, run.getString("model"));
    assertTrue(run.getLong("totalTokens") > 0);
    assertNotNull(run.getLong("latencyMs"));
    assertEquals(reply.getId(), run.getString("replyMessageId"));
    System.out.printf(
        "bot reply latency against the stand-in: model %d ms, botResponseTime %d ms%n",
        run.getLong("latencyMs"), responseTime);

    // The next turn carries the conversation so far: customer, bot, customer.
    BotStack.Inbound second = bot.customerWrites(phone, "¿Y los sábados?");
    assertEquals(first.conversationId(), second.conversationId());
    bot.runBot(second);
    RecordedRequest followUp = bot.model.requests().get(1);
    assertEquals(List.of("system", "user", "assistant", "user"), followUp.roles());
    assertEquals("¿Y los sábados?", followUp.lastContent("user"));
    assertEquals("Abrimos de 9 a 18 h.", followUp.lastContent("assistant"));
  }

  @Test
  void theModelsToolCallEscalatesAndPausesTheBot() throws Exception {
    String phone = "+5215520000002";
    bot.model.callTool("escalate_to_human", "{\"reason\":\"pide un reembolso\"}");
    BotStack.Inbound inbound = bot.customerWrites(phone, "Quiero que me devuelvan el dinero");
    bot.runBot(inbound);
    bot.deliverOutbound();

    DocumentSnapshot conversation = bot.doc("conversations", inbound.conversationId());
    assertEquals("escalated", conversation.getString("status"));
    assertEquals(Boolean.FALSE, conversation.getBoolean("botEnabled"));
    assertNotNull(conversation.getTimestamp("escalatedAt"));
    List<QueryDocumentSnapshot> escalations =
        bot.where("escalations", "conversationId", inbound.conversationId());
    assertEquals(1, escalations.size());
    assertEquals("tool_call", escalations.get(0).getString("trigger"));
    assertEquals("pide un reembolso", escalations.get(0).getString("reason"));
    assertEquals(
        conversation.getTimestamp("createdAt"),
        escalations.get(0).getTimestamp("conversationCreatedAt"));
    assertEquals(
        conversation.getTimestamp("escalatedAt"), escalations.get(0).getTimestamp("escalatedAt"));
    assertEquals("escalated", bot.doc("botRuns", inbound.messageId()).getString("outcome"));
    assertEquals(0, bot.twilioSendsTo(phone), "the bot says nothing once it hands over");
    assertEquals(List.of(), bot.botMessages(inbound.conversationId()));

    JsonNode escalated =
        com.utalk.json.Json.read(
            bot.awaitEvent(
                    e ->
                        "conversation.escalated".equals(e.path("type").asText())
                            && inbound.conversationId().equals(e.path("conversationId").asText()))
                .getData()
                .toByteArray());
    long receivedSeq =
        bot.eventsOf(inbound.conversationId()).stream()
            .filter(e -> "message.received".equals(e.path("type").asText()))
            .mapToLong(e -> e.path("seq").asLong())
            .max()
            .orElseThrow();
    assertEquals(
        receivedSeq + 1,
        escalated.path("seq").asLong(),
        "the escalation takes the conversation's next seq");
    assertEquals(conversation.getLong("seq"), escalated.path("seq").asLong());
    assertEquals("tool_call", escalated.path("payload").path("trigger").asText());
    assertFalse(escalated.path("payload").path("botEnabled").asBoolean(true));

    // The customer writes again: the bot stays silent and does not even ask the model.
    BotStack.Inbound next = bot.customerWrites(phone, "¿Hola?");
    bot.runBot(next);
    bot.deliverOutbound();
    assertEquals(1, bot.model.requests().size());
    assertEquals("skipped", bot.doc("botRuns", next.messageId()).getString("outcome"));
    assertEquals(List.of(), bot.botMessages(inbound.conversationId()));
    assertEquals(0, bot.twilioSendsTo(phone));
  }

  @Test
  void askingForAHumanInSpanishOrEnglishEscalatesWithoutAskingTheModel() throws Exception {
    Map<String, String> cases =
        Map.of(
            "+5215520000003", "¿Puedo hablar con un AGENTE, por favor?",
            "+5215520000004", "I want to talk to a human",
            "+5215520000005", "Necesito un asesor");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      BotStack.Inbound inbound = bot.customerWrites(c.getKey(), c.getValue());
      bot.runBot(inbound);
      DocumentSnapshot conversation = bot.doc("conversations", inbound.conversationId());
      assertEquals("escalated", conversation.getString("status"), c.getValue());
      assertEquals(Boolean.FALSE, conversation.getBoolean("botEnabled"), c.getValue());
      QueryDocumentSnapshot escalation =
          bot.where("escalations", "conversationId", inbound.conversationId()).get(0);
      assertEquals("customer_request", escalation.getString("trigger"), c.getValue());
    }
    assertEquals(
        0,
        bot.model.requests().size(),
        "a customer who asks for a human is not made to talk to the model");

    // Whole words only: "humanidades" is not "humano", "agentes" is not "agente"/"agent".
    bot.model.replyWith("Claro, te ayudo.");
    BotStack.Inbound notARequest =
        bot.customerWrites("+5215520000006", "Estudio humanidades y soy de agentes aduanales");
    bot.runBot(notARequest);
    assertEquals(
        "open", bot.doc("conversations", notARequest.conversationId()).getString("status"));
    assertEquals("replied", bot.doc("botRuns", notARequest.messageId()).getString("outcome"));
  }

  @Test
  void aReplyComputedWhileAnAgentTakesTheConversationIsNeverSent() throws Exception {
    String phone = "+5215520000007";
    bot.model.then(ScriptedStep.text("respuesta tardía del bot").after(Duration.ofMillis(1500)));
    BotStack.Inbound inbound = bot.customerWrites(phone, "Tengo un problema con mi pedido");
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            () -> {
              try {
                bot.runBot(inbound);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    for (int i = 0; i < 200 && bot.model.requests().isEmpty(); i++) {
      BotStack.sleep(10);
    }
    assertEquals(1, bot.model.requests().size(), "the model is thinking");
    EscalationService escalations = BotWiring.escalations(bot.backend);
    escalations.takeOver(
        com.utalk.functions.testing.StackUnderTest.WORKSPACE,
        inbound.conversationId(),
        "agent-7",
        "req-takeover-1");
    running.get(20, TimeUnit.SECONDS);
    bot.deliverOutbound();

    assertEquals(0, bot.twilioSendsTo(phone), "the late bot reply never reaches the customer");
    assertFalse(
        bot.doc("messages", BotReplyIds.forInbound(inbound.messageId())).exists(),
        "and is not stored either");
    DocumentSnapshot run = bot.doc("botRuns", inbound.messageId());
    assertEquals("skipped", run.getString("outcome"));
    assertEquals("bot_paused_before_reply", run.getString("reason"));
    DocumentSnapshot conversation = bot.doc("conversations", inbound.conversationId());
    assertEquals("escalated", conversation.getString("status"));
    assertEquals("agent-7", conversation.getString("assignedAgentId"));
    assertEquals(
        "agent_takeover",
        bot.where("escalations", "conversationId", inbound.conversationId())
            .get(0)
            .getString("trigger"));
  }

  @Test
  void whenTheModelIsDownTheCustomerGetsTheFallbackAndAHuman() throws Exception {
    String phone = "+5215520000008";
    bot.model.failNext(2, 500);
    BotStack.Inbound inbound = bot.customerWrites(phone, "¿Tienen envíos a Monterrey?");
    bot.runBot(inbound);
    bot.deliverOutbound();

    assertEquals(2, bot.model.requests().size(), "one retry, no more");
    List<SentMessage> sent = bot.sendsTo(phone);
    assertEquals(1, sent.size());
    assertEquals(BotStack.FALLBACK, sent.get(0).body());
    DocumentSnapshot conversation = bot.doc("conversations", inbound.conversationId());
    assertEquals("escalated", conversation.getString("status"));
    assertEquals(Boolean.FALSE, conversation.getBoolean("botEnabled"));
    assertEquals(
        "bot_failures",
        bot.where("escalations", "conversationId", inbound.conversationId())
            .get(0)
            .getString("trigger"));
    DocumentSnapshot run = bot.doc("botRuns", inbound.messageId());
    assertEquals("failed", run.getString("outcome"));
    assertEquals("http_500", run.getString("error"));
    assertEquals(2L, run.getLong("attempts"));
    assertNotNull(run.getString("escalationId"));
  }

  @Test
  void aModelThatIsTooSlowCountsAsAFailureAfterOneRetry() throws Exception {
    String phone = "+5215520000009";
    try (BotStack.Scoped impatient =
        BotStack.Scoped.botWith(bot, Map.of("OPENAI_TIMEOUT_MS", "400"))) {
      bot.model.then(
          ScriptedStep.text("too late").after(Duration.ofMillis(1200)),
          ScriptedStep.text("too late").after(Duration.ofMillis(1200)));
      BotStack.Inbound inbound = bot.customerWrites(phone, "hola, ¿siguen abiertos?");
      impatient.run(inbound);
      DocumentSnapshot run = bot.doc("botRuns", inbound.messageId());
      assertEquals("failed", run.getString("outcome"));
      assertEquals("timeout", run.getString("error"));
      assertEquals(
          "escalated", bot.doc("conversations", inbound.conversationId()).getString("status"));
      assertTrue(
          run.getLong("latencyMs") < 2500,
          "two attempts of 400 ms, got " + run.getLong("latencyMs"));
    }
  }

  @Test
  void aRedeliveredEventNeverProducesASecondReply() throws Exception {
    String phone = "+5215520000010";
    bot.model.whenIdle(ScriptedStep.text("una sola vez"));
    BotStack.Inbound inbound = bot.customerWrites(phone, "hola");
    bot.runBot(inbound, "ce-original");
    bot.runBot(inbound, "ce-original");
    bot.runBot(inbound, "ce-redelivered-with-a-new-id");
    // A crash after the reply was queued but before the run was recorded: the run is repeated,
    // the model asked again, and still the same message id is queued, so nothing new is sent.
    bot.stack.env.firestore().collection("botRuns").document(inbound.messageId()).delete().get();
    bot.runBot(inbound, "ce-after-crash");
    bot.deliverOutbound();
    bot.deliverOutbound();

    assertEquals(1, bot.twilioSendsTo(phone));
    assertEquals(1, bot.botMessages(inbound.conversationId()).size());
    assertEquals(
        2, bot.model.requests().size(), "asked once, and once more only after the simulated crash");
  }

  @Test
  void eventsTheBotDoesNotActOnCostNoFirestoreWrite() throws Exception {
    BotStack.Inbound inbound = bot.customerWrites("+5215520000012", "hola");
    com.google.pubsub.v1.PubsubMessage statusEvent =
        inbound.event().toBuilder().putAttributes("type", "message.status").build();
    bot.bot.accept(
        PubSubEvents.messagePublished(
            "ce-status-event",
            bot.stack.env.project().projectId(),
            Topics.CONVERSATION_EVENTS,
            statusEvent));
    assertTrue(
        !bot.doc(
                com.utalk.storage.Collections.PROCESSED_EVENTS,
                BotReplier.FUNCTION + "_ce-status-event")
            .exists(),
        "an ignored event is not recorded as processed (no read or write for it)");
    assertEquals(0, bot.model.requests().size(), "and the model is not asked");
  }

  @Test
  void withoutAnApiKeyTheOfflineResponderAnswersAndSaysSo() throws Exception {
    String phone = "+5215520000011";
    try (BotStack.Scoped offline = BotStack.Scoped.botWith(bot, Map.of("OPENAI_API_KEY", ""))) {
      BotStack.Inbound inbound = bot.customerWrites(phone, "¿Cuál es su horario?");
      offline.run(inbound);
      bot.deliverOutbound();
      assertEquals(0, bot.model.requests().size());
      List<SentMessage> sent = bot.sendsTo(phone);
      assertEquals(1, sent.size());
      assertTrue(sent.get(0).body().contains("9:00"), sent.get(0).body());
      DocumentSnapshot run = bot.doc("botRuns", inbound.messageId());
      assertEquals("replied", run.getString("outcome"));
      assertEquals("offline", run.getString("responder"));
      assertEquals(Boolean.TRUE, run.getBoolean("offline"));
      assertNull(run.getLong("totalTokens"));
    }
  }
}
