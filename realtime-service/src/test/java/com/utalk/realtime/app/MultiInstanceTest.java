package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.utalk.auth.Role;
import com.utalk.emulators.gateway.Gateway;
import com.utalk.emulators.gateway.Route;
import com.utalk.emulators.gateway.RouteTable;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.realtime.subscription.InstanceSubscription;
import com.utalk.testing.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several realtime instances, each its own JVM with its own Pub/Sub subscription, behind a TCP
 * "load balancer" the test can fail over; customer messages arrive as signed webhooks on the
 * gateway.
 */
class MultiInstanceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static RealtimeHarness harness;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    gateway =
        Gateway.start(
            new RouteTable(
                List.of(
                    new Route(
                        "twilio-whatsapp",
                        WhatsAppInboundWebhook.PATH,
                        false,
                        URI.create(harness.webhook.url(""))))));
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    harness.close();
  }

  private static RealtimeProcess instance(String name) throws Exception {
    return RealtimeProcess.start(
        harness.realtimeSettings(name + "-" + UUID.randomUUID().toString().substring(0, 6)));
  }

  /**
   * An instance receiving as in production (streaming pull), not with the emulator's default long
   * poll.
   */
  private static RealtimeProcess streamingInstance(String name) throws Exception {
    Map<String, String> settings =
        new java.util.HashMap<>(
            harness.realtimeSettings(name + "-" + UUID.randomUUID().toString().substring(0, 6)));
    settings.put("REALTIME_PUBSUB_PULL", "streaming");
    return RealtimeProcess.start(settings);
  }

  /** A customer message posted, signed, to the gateway (as Twilio does). */
  private static void customerWritesThroughGateway(String from, String body) {
    harness.customerWritesTo(
        gateway.baseUrl() + WhatsAppInboundWebhook.PATH,
        StackUnderTest.PUBLIC_BASE_URL,
        from,
        body);
  }

  @Test
  void aWebhookOnTheGatewayReachesClientsOnEveryInstanceWhicheverWayItPulls() throws Exception {
    String phone = "+5215550001111";
    String conversationId = harness.customerWrites(phone, "hola");
    try (RealtimeProcess a = instance("a");
        RealtimeProcess b = streamingInstance("b");
        AgentClient onA = AgentClient.connect(a.url(), harness.token("agent-a", Role.AGENT));
        AgentClient onB = AgentClient.connect(b.url(), harness.token("agent-b", Role.ADMIN))) {
      assertTrue(
          onA.call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
      customerWritesThroughGateway(phone, "¿siguen ahí?");
      JsonNode seenOnA = onA.awaitEvent("message:new", e -> e.path("seq").asLong() == 2, WAIT);
      // agent-b did not open the conversation: it sees it through its workspace room (the inbox)
      JsonNode seenOnB = onB.awaitEvent("message:new", e -> e.path("seq").asLong() == 2, WAIT);
      assertEquals(seenOnA.path("eventId").asText(), seenOnB.path("eventId").asText());
      assertEquals(conversationId, seenOnB.path("conversationId").asText());
    }
  }

  @Test
  void clientsOfAKilledInstanceReconnectToAnotherAndMissNothing() throws Exception {
    String phone = "+5215550002222";
    String conversationId = harness.customerWrites(phone, "hola");
    try (RealtimeProcess a = instance("doomed");
        RealtimeProcess b = instance("survivor");
        TcpProxy balancer = new TcpProxy(a.hostPort())) {
      String url = "http://" + balancer.hostPort();
      try (AgentClient agent = AgentClient.connect(url, harness.token("agent-k", Role.AGENT))) {
        agent.call("conversation:join", Map.of("conversationId", conversationId));
        customerWritesThroughGateway(phone, "dos");
        agent.awaitEvent("message:new", e -> e.path("seq").asLong() == 2, WAIT);

        a.kill();
        agent.awaitLine(line -> line.path("type").asText().equals("disconnect"), WAIT);
        // missed while no instance served the client (the balancer still points at the dead one)
        for (String body : List.of("tres", "cuatro", "cinco")) {
          customerWritesThroughGateway(phone, body);
        }
        balancer.retarget(b.hostPort());
        customerWritesThroughGateway(phone, "seis"); // races the reconnection and its sync
        JsonNode synced =
            agent.awaitLine(line -> line.path("type").asText().equals("synced"), WAIT);
        assertTrue(synced.path("reply").path("ok").asBoolean(), synced.toString());
        customerWritesThroughGateway(phone, "siete"); // live on the survivor
        agent.awaitEvent("message:new", e -> e.path("seq").asLong() == 7, WAIT);
        Thread.sleep(500);
        List<Long> seqs = RealtimeServiceTest.seqsOf(agent, conversationId);
        assertEquals(
            LongStream.rangeClosed(2, 7).boxed().toList(),
            seqs,
            "every event once, in order, across the failover");
      }
      // the dead instance could not delete its subscription: it is left to expire
      String name =
          ProjectSubscriptionName.of(
                  harness.stack.env.project().projectId(),
                  InstanceSubscription.PREFIX + a.instanceId)
              .toString();
      try (var admin = harness.stack.env.pubsub().subscriptionAdmin()) {
        assertEquals(
            InstanceSubscription.EXPIRE_AFTER_IDLE.toSeconds(),
            admin.getSubscription(name).getExpirationPolicy().getTtl().getSeconds());
      }
    }
  }

  @Test
  void sigtermTellsClientsToReconnectAndDeletesTheSubscription() throws Exception {
    RealtimeProcess c = instance("drained");
    List<AgentClient> agents = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        agents.add(AgentClient.connect(c.url(), harness.token("agent-t" + i, Role.AGENT)));
      }
      long started = System.nanoTime();
      int exit = c.terminate(Duration.ofSeconds(15));
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      for (AgentClient agent : agents) {
        JsonNode disconnect =
            agent.awaitLine(line -> line.path("type").asText().equals("disconnect"), WAIT);
        assertEquals(
            "transport close",
            disconnect.path("reason").asText(),
            "clients are told to reconnect, not kicked out");
      }
      assertEquals(143, exit, "SIGTERM exit status");
      assertTrue(tookMs < 12_000, "drain took " + tookMs + " ms");
      assertTrue(c.tail().contains("instance subscription deleted"), c.tail());
      assertFalse(
          harness.subscriptionExists(InstanceSubscription.PREFIX + c.instanceId),
          "subscription of a drained instance still exists");
    } finally {
      agents.forEach(AgentClient::close);
      c.close();
    }
  }
}
