package com.utalk.functions.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.config.Settings;
import com.utalk.emulators.openai.OpenAiStandIn;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.messaging.OutboundMessageSender;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.functions.wiring.Backend;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The bot's whole path on the emulators: the real WhatsApp webhook function, the bot function
 * pointed at the OpenAI stand-in through the official SDK, the real outbound sender, the Twilio
 * stand-in, and taps on both topics so a test can hand each event to the next function exactly as
 * Eventarc would (and redeliver it).
 */
final class BotStack implements AutoCloseable {
  static final String API_KEY = "sk-test-standin-key";
  static final String MODEL = "gpt-test-mini";
  static final String SYSTEM_PROMPT = "Eres el asistente de pruebas de UTalk.";
  static final String FALLBACK = "Estamos con problemas técnicos; un agente te atenderá.";

  final StackUnderTest stack;
  final OpenAiStandIn model;
  final FunctionServer webhook;
  final EventTap events;
  final EventTap commands;
  final Backend backend;
  final BotReplier bot;
  final OutboundMessageSender sender;

  BotStack(Map<String, String> extraSettings) {
    stack = new StackUnderTest();
    model = OpenAiStandIn.start(OpenAiStandIn.Options.forTests(API_KEY, MODEL));
    webhook =
        FunctionServer.http(
            com.utalk.functions.messaging.WhatsAppInboundWebhook.class, stack.settings());
    events = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS);
    commands = EventTap.open(stack.env.pubsub(), Topics.OUTBOUND_MESSAGES);
    backend = new Backend(Settings.of(settings(extraSettings)), Clock.systemUTC());
    bot = new BotReplier(backend);
    sender = new OutboundMessageSender(backend);
  }

  Map<String, String> settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(stack.settings());
    values.put("OPENAI_API_KEY", API_KEY);
    values.put("OPENAI_BASE_URL", model.baseUrl());
    values.put("OPENAI_TIMEOUT_MS", "3000");
    values.put("BOT_MODEL", MODEL);
    values.put("BOT_SYSTEM_PROMPT", SYSTEM_PROMPT);
    values.put("BOT_FALLBACK_MESSAGE", FALLBACK);
    values.put("LOG_LEVEL", System.getProperty("bot.test.log", "warn"));
    values.putAll(extra);
    return values;
  }

  /**
   * A customer message as Twilio delivers it; returns the stored message id and its conversation.
   */
  Inbound customerWrites(String from, String body) {
    InboundWebhook webhookForm = stack.inbound(from, body);
    int status = stack.deliver(webhook.url(InboundWebhook.PATH), webhookForm).statusCode();
    if (status != 200) {
      throw new AssertionError("webhook answered " + status);
    }
    String messageId = "in_" + webhookForm.messageSid();
    PubsubMessage event =
        awaitEvent(
            e ->
                "message.received".equals(e.path("type").asText())
                    && messageId.equals(e.path("payload").path("id").asText()));
    return new Inbound(
        messageId, Json.read(event.getData().toByteArray()).path("conversationId").asText(), event);
  }

  record Inbound(String messageId, String conversationId, PubsubMessage event) {}

  /**
   * Hands the event to the bot as a fresh Eventarc delivery (a new CloudEvent id: a redelivery).
   */
  void runBot(Inbound inbound) throws Exception {
    runBot(inbound, "ce-" + UUID.randomUUID());
  }

  void runBot(Inbound inbound, String cloudEventId) throws Exception {
    bot.accept(
        PubSubEvents.messagePublished(
            cloudEventId,
            stack.env.project().projectId(),
            Topics.CONVERSATION_EVENTS,
            inbound.event()));
  }

  /**
   * Delivers to the sender the command of every outbound message still queued in Firestore, waiting
   * for the tap to have received each (the queueing call publishes it before returning).
   */
  void deliverOutbound() throws Exception {
    Set<String> queued =
        stack
            .env
            .firestore()
            .collection("messages")
            .whereEqualTo("status", "queued")
            .get()
            .get()
            .getDocuments()
            .stream()
            .map(d -> d.getId())
            .collect(Collectors.toSet());
    for (int i = 0; i < 1200; i++) {
      Set<String> seen =
          commands.messages().stream()
              .map(c -> c.getAttributesOrDefault("messageId", ""))
              .collect(Collectors.toSet());
      if (seen.containsAll(queued)) {
        break;
      }
      sleep(25);
    }
    for (PubsubMessage command : commands.messages()) {
      sender.accept(
          PubSubEvents.messagePublished(
              "ce-" + command.getMessageId(),
              stack.env.project().projectId(),
              Topics.OUTBOUND_MESSAGES,
              command));
    }
  }

  PubsubMessage awaitEvent(java.util.function.Predicate<JsonNode> matches) {
    for (int i = 0; i < 400; i++) {
      for (PubsubMessage message : events.messages()) {
        if (matches.test(Json.read(message.getData().toByteArray()))) {
          return message;
        }
      }
      sleep(25);
    }
    throw new AssertionError("no matching event on conversation-events");
  }

  List<JsonNode> eventsOf(String conversationId) {
    return events.messages().stream()
        .map(m -> Json.read(m.getData().toByteArray()))
        .filter(e -> conversationId.equals(e.path("conversationId").asText()))
        .toList();
  }

  DocumentSnapshot doc(String collection, String id) throws Exception {
    return stack.env.firestore().collection(collection).document(id).get().get();
  }

  List<QueryDocumentSnapshot> where(String collection, String field, Object value)
      throws Exception {
    return stack
        .env
        .firestore()
        .collection(collection)
        .whereEqualTo(field, value)
        .get()
        .get()
        .getDocuments();
  }

  /** Outbound messages of a conversation written by the bot. */
  List<QueryDocumentSnapshot> botMessages(String conversationId) throws Exception {
    return where("messages", "conversationId", conversationId).stream()
        .filter(m -> "bot".equals(m.getString("author")))
        .toList();
  }

  /** What the customer at {@code phone} received (other tests' customers are ignored). */
  List<com.utalk.emulators.twilio.SentMessage> sendsTo(String phone) {
    return stack.twilio.sends().stream().filter(s -> s.to().equals("whatsapp:" + phone)).toList();
  }

  long twilioSendsTo(String phone) {
    return sendsTo(phone).size();
  }

  /**
   * A second bot function instance with other settings (another key, timeout...), on the same
   * stack.
   */
  static final class Scoped implements AutoCloseable {
    private final BotStack stack;
    private final BotReplier replier;
    private final Backend backend;

    private Scoped(BotStack stack, Backend backend) {
      this.stack = stack;
      this.backend = backend;
      this.replier = new BotReplier(backend);
    }

    static Scoped botWith(BotStack stack, Map<String, String> overrides) {
      return new Scoped(
          stack, new Backend(Settings.of(stack.settings(overrides)), Clock.systemUTC()));
    }

    void run(Inbound inbound) throws Exception {
      replier.accept(
          PubSubEvents.messagePublished(
              "ce-" + UUID.randomUUID(),
              stack.stack.env.project().projectId(),
              Topics.CONVERSATION_EVENTS,
              inbound.event()));
    }

    @Override
    public void close() {
      backend.firestore().shutdownNow();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    commands.close();
    events.close();
    webhook.close();
    model.close();
    stack.close();
  }
}
