package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.token.AccessTokenIssuer;
import com.utalk.auth.users.NewUser;
import com.utalk.auth.users.User;
import com.utalk.auth.users.UserAdministration;
import com.utalk.config.Settings;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.metrics.Metrics;
import com.utalk.metrics.SocketMetrics;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A socket is bounded in time (its token), in rate (its event budget) and by its user's status,
 * with errors the client can act on.
 */
class SocketLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static String url;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    Map<String, String> settings =
        harness.realtimeSettings("limits-" + UUID.randomUUID().toString().substring(0, 6));
    settings.put("REALTIME_SOCKET_EVENTS_PER_SECOND", "2");
    settings.put("REALTIME_SOCKET_EVENT_BURST", "5");
    realtime = RealtimeServer.start(Settings.of(settings), Clock.systemUTC());
    url = RealtimeHarness.url(realtime);
  }

  @AfterAll
  static void stop() throws Exception {
    realtime.close();
    harness.close();
  }

  @Test
  void aFloodOfTypingEventsIsCutOffWithAClearAckAndCounted() {
    String conversationId = harness.customerWrites("+5215517770001", "hola");
    double before = counter(SocketMetrics.RATE_LIMITED_TOTAL);
    try (AgentClient flooder = AgentClient.connect(url, harness.token("agent-flood", Role.AGENT));
        AgentClient watcher = AgentClient.connect(url, harness.token("agent-watch", Role.AGENT))) {
      assertTrue(
          watcher
              .call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
      assertTrue(
          flooder
              .call("conversation:join", Map.of("conversationId", conversationId))
              .path("ok")
              .asBoolean());
      long started = System.nanoTime();
      int relayed = 0;
      JsonNode refusal = null;
      for (int i = 0; i < 30; i++) {
        JsonNode ack = flooder.call("typing:start", Map.of("conversationId", conversationId));
        if (ack.path("ok").asBoolean()) {
          relayed++;
        } else {
          refusal = ack;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertTrue(refusal != null, "30 events in " + seconds + " s are over a budget of 5 + 2/s");
      assertEquals("rate_limited", refusal.path("error").asText(), refusal.toString());
      assertFalse(refusal.path("message").asText().isEmpty());
      assertFalse(refusal.path("requestId").asText().isEmpty());
      assertTrue(refusal.path("retryAfterSeconds").asLong() >= 1, refusal.toString());
      assertTrue(
          relayed <= 4 + Math.ceil(seconds * 2) + 1, relayed + " relayed in " + seconds + " s");
      sleep(300);
      assertEquals(
          relayed, watcher.events("typing:start").size(), "refused events are not relayed");
      assertTrue(
          counter(SocketMetrics.RATE_LIMITED_TOTAL) - before >= 30 - relayed,
          "every refusal is counted");
    }
  }

  @Test
  void eventsThatReadFirestoreShareTheBudgetAndAreRefusedBeforeAnyWork() {
    String conversationId = harness.customerWrites("+5215517770002", "hola");
    try (AgentClient flooder = AgentClient.connect(url, harness.token("agent-sync", Role.AGENT))) {
      JsonNode refusal = null;
      int answered = 0;
      for (int i = 0; i < 20 && refusal == null; i++) {
        JsonNode ack =
            flooder.call("sync:since", Map.of("conversationId", conversationId, "seq", 0));
        if (ack.path("ok").asBoolean()) {
          answered++;
        } else {
          refusal = ack;
        }
      }
      assertTrue(refusal != null, "20 sync:since calls are over a budget of 5 + 2/s");
      assertEquals("rate_limited", refusal.path("error").asText(), refusal.toString());
      assertTrue(refusal.path("retryAfterSeconds").asLong() >= 1, refusal.toString());
      assertTrue(answered >= 5, "the burst is answered first: " + answered);
    }
  }

  @Test
  void aSocketIsToldAndDisconnectedWhenItsTokenExpires() {
    String shortLived =
        new AccessTokenIssuer(harness.auth.keys(), Duration.ofSeconds(3), Clock.systemUTC())
            .issue("agent-expiring", Role.AGENT, "ws-test")
            .value();
    try (AgentClient client = AgentClient.connect(url, shortLived)) {
      JsonNode expired = client.awaitEvent("session:expired", e -> true, WAIT);
      assertEquals("token_expired", expired.path("error").asText(), expired.toString());
      assertFalse(expired.path("message").asText().isEmpty());
      JsonNode disconnect =
          client.awaitLine(line -> line.path("type").asText().equals("disconnect"), WAIT);
      assertEquals(
          "io server disconnect",
          disconnect.path("reason").asText(),
          "the client does not retry with the dead token by itself");
    }
  }

  @Test
  void aDisabledUsersSocketsAreToldAndClosedAndTheirTokenCannotReconnect() {
    UserAdministration users = harness.auth.userAdministration();
    User leaver =
        users.createSystemUser(
            new NewUser(
                "leaver-" + UUID.randomUUID() + "@limits.example.com",
                "Leaver",
                Role.AGENT,
                StackUnderTest.WORKSPACE,
                "a-long-enough-password"));
    String token = harness.token(leaver.id(), Role.AGENT);
    Principal admin =
        new Principal("admin-limits", Role.ADMIN, StackUnderTest.WORKSPACE, "jti-admin");
    try (AgentClient first = AgentClient.connect(url, token);
        AgentClient second = AgentClient.connect(url, token);
        AgentClient colleague =
            AgentClient.connect(url, harness.token("agent-stays", Role.AGENT))) {
      long disabledAt = System.nanoTime();
      users.setDisabled(admin, leaver.id(), true);
      for (AgentClient socket : List.of(first, second)) {
        JsonNode revoked = socket.awaitEvent("session:revoked", e -> true, WAIT);
        assertEquals("account_disabled", revoked.path("error").asText(), revoked.toString());
        assertFalse(revoked.path("requestId").asText().isEmpty());
        JsonNode disconnect =
            socket.awaitLine(line -> line.path("type").asText().equals("disconnect"), WAIT);
        assertEquals("io server disconnect", disconnect.path("reason").asText());
      }
      long millis = (System.nanoTime() - disabledAt) / 1_000_000;
      assertTrue(
          millis < 6_000,
          "both sockets closed " + millis + " ms after the disable (poll and cache: 2 s each)");
      try (AgentClient again = AgentClient.start(url, token, "websocket", false)) {
        JsonNode refused =
            again.awaitLine(line -> line.path("type").asText().startsWith("connect"), WAIT);
        assertEquals("connect_error", refused.path("type").asText(), refused.toString());
      }
      assertTrue(
          colleague
              .call(
                  "conversation:join",
                  Map.of("conversationId", harness.customerWrites("+5215517770002", "hola")))
              .path("ok")
              .asBoolean(),
          "other users' sockets are untouched");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double counter(String name) {
    Matcher matcher =
        Pattern.compile("^" + name + "\\{[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE)
            .matcher(Metrics.get().scrape());
    double total = 0;
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }
}
