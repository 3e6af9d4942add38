package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.auth.Role;
import com.utalk.config.Settings;
import com.utalk.emulators.bridge.BridgeRoute;
import com.utalk.emulators.bridge.PubSubBridge;
import com.utalk.emulators.gateway.Gateway;
import com.utalk.emulators.gateway.Route;
import com.utalk.emulators.gateway.RouteTable;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.SentMessage;
import com.utalk.functions.messaging.OutboundMessageSender;
import com.utalk.functions.messaging.TwilioStatusCallback;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.logging.RequestContext;
import com.utalk.messaging.OutboundRequest;
import com.utalk.platform.Topics;
import com.utalk.realtime.RealtimeServer;
import com.utalk.testing.Emulators;
import com.utalk.testing.EventTap;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole messaging path as an agent sees it: the webhook, status-callback and sender functions
 * behind the gateway (which is also the PUBLIC_BASE_URL Twilio signs for and calls back), the
 * Pub/Sub bridge feeding the sender, the Twilio stand-in sending real status callbacks, and the
 * agent on the realtime service with the npm socket.io-client.
 */
class EndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static RealtimeHarness harness;
  private static String gatewayUrl;
  private static FunctionServer webhook;
  private static FunctionServer statusCallback;
  private static FunctionServer sender;
  private static Gateway gateway;
  private static PubSubBridge bridge;
  private static RealtimeServer realtime;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    int gatewayPort = Emulators.freePort();
    gatewayUrl = "http://127.0.0.1:" + gatewayPort;
    Map<String, String> settings = new HashMap<>(harness.settings);
    settings.put("PUBLIC_BASE_URL", gatewayUrl);
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, settings);
    statusCallback = FunctionServer.http(TwilioStatusCallback.class, settings);
    sender = FunctionServer.start(OutboundMessageSender.class, "cloudevent", settings);
    gateway =
        Gateway.start(
            new RouteTable(
                List.of(
                    new Route(
                        "twilio-whatsapp",
                        WhatsAppInboundWebhook.PATH,
                        false,
                        URI.create(webhook.url(""))),
                    new Route(
                        "twilio-status",
                        TwilioStatusCallback.PATH,
                        false,
                        URI.create(statusCallback.url(""))))),
            new Gateway.Options("127.0.0.1", gatewayPort, Duration.ofSeconds(30), Map.of()));
    bridge =
        PubSubBridge.start(
            harness.stack.env.pubsub(),
            List.of(
                new BridgeRoute(
                    "outbound-message-sender",
                    Topics.OUTBOUND_MESSAGES,
                    URI.create(sender.url("")))),
            PubSubBridge.Options.forTests());
    harness.stack.twilio.autoStatusCallbacks(true);
    Map<String, String> realtimeSettings =
        harness.realtimeSettings("e2e-" + UUID.randomUUID().toString().substring(0, 6));
    realtime = RealtimeServer.start(Settings.of(realtimeSettings), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    bridge.close();
    gateway.close();
    sender.close();
    statusCallback.close();
    webhook.close();
    harness.close();
  }

  @Test
  void theRequestIdOfASocketEventIsTheOneTheSenderFunctionReceives() {
    String conversationId = customerWritesThroughGateway("+5215511112222", "hola");
    try (EventTap commands = EventTap.open(harness.stack.env.pubsub(), Topics.OUTBOUND_MESSAGES);
        AgentClient agent =
            AgentClient.connect(
                RealtimeHarness.url(realtime), harness.token("agent-rid", Role.AGENT))) {
      String messageId = UUID.randomUUID().toString();
      JsonNode ack =
          agent.call(
              "message:send",
              Map.of("messageId", messageId, "conversationId", conversationId, "body", "hola"));
      String requestId = ack.path("requestId").asText();
      assertTrue(OutboundRequest.isUuidV4(requestId), ack.toString());
      PubsubMessage command =
          commands.await(1, WAIT).stream()
              .filter(m -> messageId.equals(m.getAttributesOrDefault("messageId", "")))
              .findFirst()
              .orElseThrow();
      // the sender sets this as its request context: its log lines carry the socket event's
      // requestId
      assertEquals(
          requestId, command.getAttributesOrDefault(RequestContext.REQUEST_ID_ATTRIBUTE, ""));
    }
  }

  @Test
  void customerMessageReachesTheAgentAndTheAgentsReplyComesBackAsDeliveryTicks() {
    try (AgentClient agent =
        AgentClient.connect(
            RealtimeHarness.url(realtime), harness.token("agent-e2e", Role.AGENT))) {
      InboundWebhook inbound = harness.stack.inbound("+5215512345678", "Hola, mi pedido no llegó");
      int status =
          harness
              .stack
              .post(
                  gatewayUrl + WhatsAppInboundWebhook.PATH,
                  inbound.params(),
                  inbound.signature(gatewayUrl),
                  Map.of())
              .statusCode();
      assertEquals(200, status);

      // the inbox (workspace room) hears of the new conversation's first message
      JsonNode received =
          agent.awaitEvent(
              "message:new",
              e -> e.path("data").path("twilioSid").asText().equals(inbound.messageSid()),
              WAIT);
      assertEquals("Hola, mi pedido no llegó", received.path("data").path("body").asText());
      String conversationId = received.path("conversationId").asText();
      assertTrue(
          agent
              .call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());

      String messageId = UUID.randomUUID().toString();
      JsonNode ack =
          agent.call(
              "message:send",
              Map.of(
                  "messageId",
                  messageId,
                  "conversationId",
                  conversationId,
                  "body",
                  "Lo reviso ahora mismo"));
      assertEquals(true, ack.path("ok").asBoolean(), ack.toString());
      assertEquals("queued", ack.path("status").asText());

      List<SentMessage> sent = harness.stack.twilio.awaitSends(1, WAIT);
      assertEquals("Lo reviso ahora mismo", sent.get(0).body());
      assertEquals("whatsapp:+5215512345678", sent.get(0).to());

      // Twilio's callbacks (through the gateway, signed) come back to the agent as message:status
      JsonNode delivered =
          agent.awaitEvent(
              "message:status",
              e ->
                  e.path("data").path("status").asText().equals("delivered")
                      && messageIdOf(e).equals(messageId),
              WAIT);
      assertEquals(conversationId, delivered.path("conversationId").asText());
      List<Long> seqs = RealtimeServiceTest.seqsOf(agent, conversationId);
      assertEquals(
          seqs.stream().sorted().distinct().toList(),
          seqs,
          "events of the conversation arrive once each, in order");
    }
  }

  /**
   * A signed webhook to the gateway (the in-process functions here read PUBLIC_BASE_URL = the
   * gateway); returns the conversation.
   */
  private static String customerWritesThroughGateway(String from, String body) {
    return harness.customerWritesTo(
        gatewayUrl + WhatsAppInboundWebhook.PATH, gatewayUrl, from, body);
  }

  private static String messageIdOf(JsonNode event) {
    JsonNode data = event.path("data");
    String id = data.path("messageId").asText(null);
    return id != null ? id : data.path("id").asText();
  }
}
