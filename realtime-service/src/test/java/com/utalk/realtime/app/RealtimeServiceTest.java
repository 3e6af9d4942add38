package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.Subscription;
import com.utalk.auth.Role;
import com.utalk.auth.token.AccessTokenIssuer;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventDocument;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.realtime.RealtimeServer;
import com.utalk.realtime.subscription.InstanceSubscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent-facing behaviour of one realtime instance, driven with the real npm socket.io-client.
 */
class RealtimeServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static String url;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    realtime = harness.startRealtime("test-" + UUID.randomUUID().toString().substring(0, 6));
    url = RealtimeHarness.url(realtime);
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    harness.close();
  }

  private static String phone() {
    return "+52155" + (10_000_000 + (int) (Math.random() * 89_999_999));
  }

  @Test
  void tokensTheRestApiWouldRefuseAreRefusedWithUnauthorized() {
    String expired =
        new AccessTokenIssuer(
                harness.auth.keys(),
                Duration.ofMinutes(15),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
            .issue("agent-x", Role.AGENT, "ws-test")
            .value();
    for (String token :
        List.of("", "not-a-jwt", expired, harness.token("agent-x", Role.AGENT) + "x")) {
      try (AgentClient client = AgentClient.start(url, token, "websocket", false)) {
        JsonNode line = client.awaitLine(l -> l.path("type").asText().startsWith("connect"), WAIT);
        assertEquals(
            "connect_error", line.path("type").asText(), "token " + token.length() + " chars");
        assertEquals("unauthorized", line.path("message").asText());
      }
    }
  }

  @Test
  void joinsOnlyConversationsOfItsOwnWorkspace() {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient own = AgentClient.connect(url, harness.token("agent-1", Role.AGENT));
        AgentClient other =
            AgentClient.connect(url, harness.token("agent-9", Role.AGENT, "another-workspace"))) {
      JsonNode joined = own.call("conversation:join", Map.of("conversationId", conversationId));
      assertTrue(joined.path("ok").asBoolean(), joined.toString());
      assertEquals(1, joined.path("seq").asLong());
      JsonNode refused = other.call("conversation:join", Map.of("conversationId", conversationId));
      assertFalse(refused.path("ok").asBoolean());
      assertEquals("not_found", refused.path("error").asText());
      JsonNode missing = own.call("conversation:join", Map.of());
      assertEquals("validation_failed", missing.path("error").asText());
      assertEquals("conversationId", missing.path("field").asText());

      // a later customer message reaches the joined agent, not the other workspace
      harness.stack.deliver(
          harness.webhook.url("/webhooks/twilio/whatsapp"),
          harness.stack.inbound(phoneOf(conversationId), "segundo"));
      JsonNode event =
          own.awaitEvent(
              "message:new",
              e ->
                  e.path("conversationId").asText().equals(conversationId)
                      && e.path("seq").asLong() == 2,
              WAIT);
      assertEquals("message.received", event.path("type").asText());
      assertNotNull(event.path("eventId").textValue());
      assertEquals("segundo", event.path("data").path("body").asText());
      assertTrue(
          other.events("message:new").isEmpty(),
          "another workspace saw " + other.events("message:new"));
    }
  }

  @Test
  void messageSendQueuesThroughTheOutboundServiceAndAcks() throws Exception {
    String conversationId = harness.customerWrites(phone(), "necesito ayuda");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-2", Role.AGENT))) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
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
                  "¿En qué le ayudo?"));
      assertTrue(ack.path("ok").asBoolean(), ack.toString());
      assertEquals(messageId, ack.path("messageId").asText());
      assertEquals("queued", ack.path("status").asText());
      assertNotNull(ack.path("requestId").textValue());
      var stored =
          harness.stack.env.firestore().collection("messages").document(messageId).get().get();
      assertEquals("¿En qué le ayudo?", stored.getString("body"));
      assertEquals("agent:agent-2", stored.getString("author"));
      JsonNode event =
          agent.awaitEvent(
              "message:new", e -> e.path("data").path("id").asText().equals(messageId), WAIT);
      assertEquals("message.outbound", event.path("type").asText());

      // the same messageId again: the same message, nothing new queued
      JsonNode again =
          agent.call(
              "message:send",
              Map.of(
                  "messageId",
                  messageId,
                  "conversationId",
                  conversationId,
                  "body",
                  "¿En qué le ayudo?"));
      assertTrue(again.path("ok").asBoolean());
      assertFalse(again.path("created").asBoolean());

      // bad input gets an error ack and the socket stays usable
      JsonNode noId =
          agent.call("message:send", Map.of("conversationId", conversationId, "body", "x"));
      assertEquals("validation_failed", noId.path("error").asText());
      assertEquals("messageId", noId.path("field").asText());
      JsonNode notV4 =
          agent.call(
              "message:send",
              Map.of("messageId", "1234", "conversationId", conversationId, "body", "x"));
      assertEquals("messageId", notV4.path("field").asText());
      JsonNode notAnObject = agent.call("message:send", "hello");
      assertEquals("validation_failed", notAnObject.path("error").asText());
      JsonNode elsewhere =
          agent.call(
              "message:send",
              Map.of(
                  "messageId",
                  UUID.randomUUID().toString(),
                  "conversationId",
                  "nope",
                  "body",
                  "x"));
      assertEquals("not_found", elsewhere.path("error").asText());
      assertTrue(
          agent
              .call("conversation:leave", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
    }
  }

  @Test
  void readonlyUsersMayWatchButNotSend() {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient viewer = AgentClient.connect(url, harness.token("viewer-1", Role.READONLY))) {
      assertTrue(
          viewer
              .call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
      JsonNode refused =
          viewer.call(
              "message:send",
              Map.of(
                  "messageId",
                  UUID.randomUUID().toString(),
                  "conversationId",
                  conversationId,
                  "body",
                  "x"));
      assertEquals("forbidden", refused.path("error").asText(), refused.toString());
    }
  }

  @Test
  void typingIsRelayedToTheOthersInTheConversationOnly() {
    String conversationId = harness.customerWrites(phone(), "hola");
    try (AgentClient a = AgentClient.connect(url, harness.token("agent-a", Role.AGENT));
        AgentClient b = AgentClient.connect(url, harness.token("agent-b", Role.AGENT));
        AgentClient outsider = AgentClient.connect(url, harness.token("agent-c", Role.AGENT))) {
      JsonNode notJoined = a.call("typing:start", Map.of("conversationId", conversationId));
      assertEquals("validation_failed", notJoined.path("error").asText());
      a.call("conversation:join", Map.of("conversationId", conversationId));
      b.call("conversation:join", Map.of("conversationId", conversationId));
      assertEquals(
          1,
          a.call("typing:start", Map.of("conversationId", conversationId))
              .path("recipients")
              .asInt());
      JsonNode typing =
          b.awaitEvent(
              "typing:start", e -> e.path("conversationId").asText().equals(conversationId), WAIT);
      assertEquals("agent-a", typing.path("userId").asText());
      a.call("typing:stop", Map.of("conversationId", conversationId));
      b.awaitEvent("typing:stop", e -> true, WAIT);
      assertTrue(a.events("typing:start").isEmpty());
      assertTrue(outsider.events("typing:start").isEmpty());
    }
  }

  @Test
  void duplicatesAreDroppedAndGapsFilledInSequenceOrder() throws Exception {
    String conversationId = harness.customerWrites(phone(), "uno");
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-d", Role.AGENT));
        PubSubEventPublisher publisher = new PubSubEventPublisher(harness.stack.env.pubsub())) {
      agent.call("conversation:join", Map.of("conversationId", conversationId));
      String phone = phoneOf(conversationId);
      harness.stack.deliver(
          harness.webhook.url("/webhooks/twilio/whatsapp"), harness.stack.inbound(phone, "dos"));
      agent.awaitEvent(
          "message:new",
          e ->
              e.path("seq").asLong() == 2
                  && e.path("conversationId").asText().equals(conversationId),
          WAIT);
      // seq 2 again (a Pub/Sub redelivery): dropped
      publish(publisher, storedEvent(conversationId, 2));
      // seq 3 and 4 stored, but only 4 published (3's publish was lost): 3 must come first, from
      // the event log
      EventOutbox unpublished =
          new EventOutbox(
              harness.stack.env.firestore(),
              (topic, data, attributes, key) -> new CompletableFuture<>(),
              Clock.systemUTC());
      ConversationEvent third = statusEvent(conversationId, 3);
      ConversationEvent fourth = statusEvent(conversationId, 4);
      harness
          .stack
          .env
          .firestore()
          .runTransaction(
              tx -> {
                unpublished.append(tx, third);
                unpublished.append(tx, fourth);
                return null;
              })
          .get();
      publish(publisher, fourth);
      agent.awaitEvent(
          "message:status",
          e ->
              e.path("seq").asLong() == 4
                  && e.path("conversationId").asText().equals(conversationId),
          WAIT);
      Thread.sleep(300);
      List<Long> seqs = seqsOf(agent, conversationId);
      assertEquals(List.of(2L, 3L, 4L), seqs, "each event once, in order");
    }
  }

  @Test
  void apiChangesReachEverySocketOrOneWorkspace() throws Exception {
    try (AgentClient here = AgentClient.connect(url, harness.token("agent-p", Role.AGENT));
        AgentClient there =
            AgentClient.connect(url, harness.token("agent-q", Role.AGENT, "another-workspace"));
        PubSubEventPublisher publisher = new PubSubEventPublisher(harness.stack.env.pubsub())) {
      Map<String, Object> changes =
          Map.of(
              "version",
              "1.2.0",
              "changes",
              List.of(Map.of("type", "breaking", "endpoint", "/api/messages")));
      ConversationEvent announcement =
          new ConversationEvent(
              UUID.randomUUID().toString(),
              "api.changes",
              "*",
              null,
              0,
              Instant.now(),
              "req-api",
              Json.mapper().valueToTree(changes));
      publish(publisher, announcement);
      publish(publisher, announcement); // a redelivery: the same event id
      assertEquals(
          "1.2.0",
          here.awaitEvent("api:changes", e -> true, WAIT).path("data").path("version").asText());
      assertEquals(
          "1.2.0",
          there.awaitEvent("api:changes", e -> true, WAIT).path("data").path("version").asText());
      publish(
          publisher,
          new ConversationEvent(
              UUID.randomUUID().toString(),
              "api.changes",
              "another-workspace",
              null,
              0,
              Instant.now(),
              "req-api2",
              Json.mapper().valueToTree(Map.of("version", "1.3.0"))));
      there.awaitEvent(
          "api:changes", e -> e.path("data").path("version").asText().equals("1.3.0"), WAIT);
      Thread.sleep(300);
      assertEquals(
          1,
          here.events("api:changes").size(),
          "once, and only the named workspace hears of its changes");
      assertEquals(2, there.events("api:changes").size(), there.events("api:changes").toString());
    }
  }

  @Test
  void healthReportsConnectionsRoomsSubscriptionAndLag() throws Exception {
    harness.customerWrites(phone(), "hola"); // at least one event through this instance
    try (AgentClient agent = AgentClient.connect(url, harness.token("agent-h", Role.AGENT))) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/health/socket")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
      JsonNode health = Json.read(response.body().getBytes());
      assertEquals("ok", health.path("status").asText());
      assertEquals(realtime.instanceId(), health.path("instanceId").asText());
      assertTrue(health.path("connections").asInt() >= 1);
      assertTrue(health.path("rooms").asInt() >= 3, health.toString());
      assertEquals("active", health.path("subscription").path("state").asText());
      assertEquals(realtime.subscriptionName(), health.path("subscription").path("name").asText());
      assertTrue(health.path("events").path("lastEventLagMs").isNumber(), health.toString());

      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String name :
          List.of(
              "socket_connections_active",
              "socket_connections_total",
              "socket_events_total",
              "socket_event_duration_seconds")) {
        assertTrue(metrics.contains(name), name + " missing from /metrics");
      }
      // The gauge is process-wide (other servers and tests in this JVM count too), so check that it
      // moves with this server's own count: +1 with a second agent, back when it leaves.
      int offset = gaugeOffset(-1);
      try (AgentClient second = AgentClient.connect(url, harness.token("agent-h2", Role.AGENT))) {
        assertEquals(offset, gaugeOffset(offset), "socket_connections_active follows a connect");
      }
      assertEquals(offset, gaugeOffset(offset), "socket_connections_active follows a disconnect");
    }
  }

  @Test
  void theInstanceSubscriptionExpiresWhenIdleAndIsDeletedOnShutdown() {
    RealtimeServer second =
        harness.startRealtime("expiring-" + UUID.randomUUID().toString().substring(0, 6));
    String name =
        ProjectSubscriptionName.of(
                harness.stack.env.project().projectId(), second.subscriptionName())
            .toString();
    try (var admin = harness.stack.env.pubsub().subscriptionAdmin()) {
      Subscription subscription = admin.getSubscription(name);
      assertEquals(
          InstanceSubscription.EXPIRE_AFTER_IDLE.toSeconds(),
          subscription.getExpirationPolicy().getTtl().getSeconds());
      assertTrue(subscription.getTopic().endsWith("/" + Topics.CONVERSATION_EVENTS));
      second.close();
      assertFalse(
          harness.subscriptionExists(second.subscriptionName()),
          "subscription still exists after a graceful shutdown");
    }
  }

  /**
   * socket_connections_active minus this server's connection count, read until it equals {@code
   * expected} (a socket may still be closing) or two seconds pass; any stable value when {@code
   * expected} is -1.
   */
  private static int gaugeOffset(int expected) throws Exception {
    int offset = Integer.MIN_VALUE;
    for (int attempt = 0; attempt < 20; attempt++) {
      int connections =
          Json.read(
                  http.send(
                          HttpRequest.newBuilder(URI.create(url + "/health/socket")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body()
                      .getBytes())
              .path("connections")
              .asInt();
      int active =
          gauge(
              http.send(
                      HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body(),
              "socket_connections_active");
      int previous = offset;
      offset = active - connections;
      if (offset == expected || (expected == -1 && offset == previous)) {
        return offset;
      }
      Thread.sleep(100);
    }
    return offset;
  }

  private static int gauge(String prometheusText, String name) {
    for (String line : prometheusText.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError(name + " not in /metrics");
  }

  static List<Long> seqsOf(AgentClient agent, String conversationId) {
    List<Long> seqs = new ArrayList<>();
    for (JsonNode line : agent.allEvents()) {
      JsonNode event = line.path("args").path(0);
      if (event.path("conversationId").asText().equals(conversationId) && event.has("seq")) {
        seqs.add(event.path("seq").asLong());
      }
    }
    return seqs;
  }

  private static ConversationEvent storedEvent(String conversationId, long seq) throws Exception {
    return EventDocument.fromSnapshot(
        harness
            .stack
            .env
            .firestore()
            .collection("conversations")
            .document(conversationId)
            .collection("events")
            .document(EventDocument.idFor(seq))
            .get()
            .get());
  }

  private static ConversationEvent statusEvent(String conversationId, long seq) {
    return EventOutbox.newEvent(
        ConversationEvent.MESSAGE_STATUS,
        "ws-test",
        conversationId,
        seq,
        Instant.now(),
        "req-" + seq,
        Map.of("messageId", "m-" + seq, "status", "delivered"));
  }

  private static void publish(PubSubEventPublisher publisher, ConversationEvent event)
      throws Exception {
    Map<String, String> attributes =
        Map.of("eventId", event.eventId(), "type", event.type(), "requestId", event.requestId());
    publisher
        .publish(
            Topics.CONVERSATION_EVENTS, Json.writeBytes(event), attributes, event.conversationId())
        .get();
  }

  static String phoneOf(String conversationId) {
    try {
      return harness
          .stack
          .env
          .firestore()
          .collection("conversations")
          .document(conversationId)
          .get()
          .get()
          .getString("contact.phone");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
