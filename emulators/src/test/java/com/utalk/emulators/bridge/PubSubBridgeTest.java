package com.utalk.emulators.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.emulators.testing.RecordingServer.Reply;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.testing.TestEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge against the real Pub/Sub emulator, delivering to a recording HTTP endpoint. */
class PubSubBridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private TestEnvironment env;
  private RecordingServer function;
  private PubSubBridge bridge;

  @BeforeEach
  void start() {
    env = TestEnvironment.create();
    function = new RecordingServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    function.close();
    env.close();
  }

  @Test
  void deliversABinaryCloudEventLikeEventarcAndRedeliversAfterA500() throws Exception {
    function.thenReply(Reply.of(500)).byDefault(Reply.of(204));
    BridgeRoute route =
        new BridgeRoute(
            "outbound-message-sender",
            Topics.OUTBOUND_MESSAGES,
            URI.create(function.baseUrl() + "/"));
    bridge = PubSubBridge.start(env.pubsub(), List.of(route), PubSubBridge.Options.forTests());

    String projectId = env.project().projectId();
    byte[] data = "{\"messageId\":\"m1\",\"text\":\"hola\"}".getBytes(StandardCharsets.UTF_8);
    String messageId;
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(env.pubsub())) {
      messageId =
          publisher
              .publish(
                  Topics.OUTBOUND_MESSAGES,
                  data,
                  Map.of("type", "message.outbound", "requestId", "req-1"),
                  "conv-42")
              .get(10, TimeUnit.SECONDS);
    }

    RecordingServer.Received first = function.take(WAIT);
    RecordingServer.Received second = function.take(WAIT);
    function.assertNoMore(Duration.ofMillis(1500)); // acked after the 204: no third delivery

    for (RecordingServer.Received delivery : List.of(first, second)) {
      assertEquals("POST", delivery.method());
      assertEquals("/", delivery.path());
      assertEquals("1.0", delivery.header("ce-specversion"));
      assertEquals(messageId, delivery.header("ce-id"));
      assertEquals(
          "//pubsub.googleapis.com/projects/" + projectId + "/topics/" + Topics.OUTBOUND_MESSAGES,
          delivery.header("ce-source"));
      assertEquals("google.cloud.pubsub.topic.v1.messagePublished", delivery.header("ce-type"));
      assertEquals("application/json", delivery.header("content-type"));
      Instant.parse(delivery.header("ce-time"));

      JsonNode body = Json.read(delivery.body());
      JsonNode message = body.path("message");
      assertEquals(
          "{\"messageId\":\"m1\",\"text\":\"hola\"}",
          new String(
              Base64.getDecoder().decode(message.path("data").asText()), StandardCharsets.UTF_8));
      assertEquals("message.outbound", message.path("attributes").path("type").asText());
      assertEquals("req-1", message.path("attributes").path("requestId").asText());
      assertEquals(messageId, message.path("messageId").asText());
      assertEquals(delivery.header("ce-time"), message.path("publishTime").asText());
      // The emulator's push envelope carries no orderingKey (production's does); no function reads
      // it.
      assertEquals(
          "projects/" + projectId + "/subscriptions/local-bridge-outbound-message-sender",
          body.path("subscription").asText());
    }
    assertEquals(first.bodyText(), second.bodyText(), "a redelivery is the same event");
  }

  @Test
  void subscriptionIsAnOrderedPushSubscriptionWithRetryPolicyAndStartIsIdempotent()
      throws Exception {
    BridgeRoute route =
        new BridgeRoute(
            "outbound-message-sender", Topics.OUTBOUND_MESSAGES, URI.create(function.baseUrl()));
    PubSubBridge.start(env.pubsub(), List.of(route), PubSubBridge.Options.forTests()).close();
    bridge =
        PubSubBridge.start(
            env.pubsub(),
            List.of(route),
            PubSubBridge.Options.forTests()); // subscription exists now

    try (SubscriptionAdminClient admin = env.pubsub().subscriptionAdmin()) {
      Subscription subscription =
          admin.getSubscription(
              SubscriptionName.of(env.project().projectId(), route.subscription()));
      assertTrue(subscription.getEnableMessageOrdering());
      assertEquals(30, subscription.getAckDeadlineSeconds());
      assertTrue(subscription.getTopic().endsWith("/topics/" + Topics.OUTBOUND_MESSAGES));
      assertEquals(
          bridge.endpoint(route),
          subscription.getPushConfig().getPushEndpoint(),
          "re-pointed at the running bridge");
      assertTrue(subscription.hasRetryPolicy());
    }
  }

  @Test
  void unreachableFunctionIsRetriedUntilItComesUp() throws Exception {
    int port;
    try (RecordingServer gone = new RecordingServer()) {
      port = gone.port();
    }
    // Deliveries fail (connection refused) until a server listens on the port: nothing is lost.
    BridgeRoute route =
        new BridgeRoute(
            "late-function",
            Topics.CONVERSATION_EVENTS,
            URI.create("http://127.0.0.1:" + port + "/"));
    bridge =
        PubSubBridge.start(
            env.pubsub(),
            List.of(route),
            new PubSubBridge.Options(
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Duration.ofMillis(200)));
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(env.pubsub())) {
      publisher
          .publish(Topics.CONVERSATION_EVENTS, "x".getBytes(StandardCharsets.UTF_8), Map.of(), null)
          .get(10, TimeUnit.SECONDS);
    }
    Thread.sleep(500);
    com.sun.net.httpserver.HttpServer late =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", port), 0);
    java.util.concurrent.CompletableFuture<JsonNode> received =
        new java.util.concurrent.CompletableFuture<>();
    late.createContext(
        "/",
        exchange -> {
          received.complete(Json.read(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    late.start();
    try {
      JsonNode body = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals("eA==", body.path("message").path("data").asText());
      assertFalse(body.path("message").has("orderingKey"), "no key, no field (as Eventarc)");
      assertFalse(body.path("message").has("attributes"), "no attributes, no field (as Eventarc)");
    } finally {
      late.stop(0);
    }
  }
}
