package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.audit.AuditLog;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.changes.ChangeAnnouncements;
import com.utalk.changes.Changelog;
import com.utalk.changes.Release;
import com.utalk.config.Settings;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.flags.FeatureFlags;
import com.utalk.flags.FlagAdministration;
import com.utalk.flags.FlagChange;
import com.utalk.flags.FlagTargeting;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What other processes announce reaches a connected front end: an admin's flag change (made through
 * the API) as flags:changed, a release's changelog section as api:changes.
 */
class FrontEndAnnouncementsTest {
  private static RealtimeHarness harness;
  private static RealtimeServer realtime;
  private static FeatureFlags apiFlags;

  @BeforeAll
  static void start() {
    harness = new RealtimeHarness();
    Map<String, String> settings = harness.realtimeSettings("flags-test");
    settings.put("FLAGS_REFRESH_SECONDS", "1");
    realtime = RealtimeServer.start(Settings.of(settings), Clock.systemUTC());
    apiFlags = new FeatureFlags(harness.stack.env.firestore(), Duration.ofSeconds(1));
  }

  @AfterAll
  static void stop() throws Exception {
    apiFlags.close();
    realtime.close();
    harness.close();
  }

  @Test
  void aFlagChangeReachesConnectedSocketsWithinTheRefreshInterval() throws Exception {
    FlagAdministration admin =
        new FlagAdministration(
            harness.stack.env.firestore(),
            new AuditLog(harness.stack.env.firestore(), Clock.systemUTC()),
            new PermissionPolicy(),
            apiFlags,
            Clock.systemUTC());
    Principal principal = new Principal("admin-rt", Role.ADMIN, "ws-rt", "jti");
    try (AgentClient agent =
        AgentClient.connect(RealtimeHarness.url(realtime), harness.token("agent-rt", Role.AGENT))) {
      long started = System.nanoTime();
      admin.change(
          principal,
          "socket-probe",
          new FlagChange("probe", FlagTargeting.USER, 50, List.of(), false),
          "req-rt");
      JsonNode event =
          agent.awaitEvent(
              "flags:changed",
              args -> args.toString().contains("socket-probe"),
              Duration.ofSeconds(5));
      long afterMs = (System.nanoTime() - started) / 1_000_000;
      assertTrue(event.toString().contains("socket-probe"));
      // refresh interval (1 s) plus the read and the socket hop
      assertTrue(afterMs < 2_500, "flags:changed after " + afterMs + " ms");
    }
  }

  @Test
  void aReleaseAnnouncementReachesConnectedSocketsOnceAsApiChanges() throws Exception {
    try (AgentClient agent =
            AgentClient.connect(
                RealtimeHarness.url(realtime), harness.token("agent-rt2", Role.AGENT));
        AgentClient elsewhere =
            AgentClient.connect(
                RealtimeHarness.url(realtime), harness.token("agent-rt3", Role.AGENT, "ws-other"));
        PubSubEventPublisher publisher = new PubSubEventPublisher(harness.stack.env.pubsub())) {
      ChangeAnnouncements announcements = new ChangeAnnouncements(publisher, Clock.systemUTC());
      Release release = Changelog.bundled().release("1.2.0").orElseThrow();
      announcements.publish(release, "req-release-1");
      announcements.publish(release, "req-release-2"); // the release step retried: delivered once
      for (AgentClient client : List.of(agent, elsewhere)) {
        JsonNode event =
            client.awaitEvent(
                "api:changes",
                e -> e.path("data").path("version").asText().equals("1.2.0"),
                Duration.ofSeconds(15));
        assertEquals(
            "https://docs.utalk.com/migrations/v1.1-to-v1.2",
            event.path("data").path("migrationGuide").asText());
        assertEquals("breaking", event.path("data").path("changes").path(0).path("type").asText());
        assertEquals(
            "POST /api/conversations/{id}/messages",
            event.path("data").path("changes").path(0).path("endpoint").asText());
      }
      Thread.sleep(500);
      assertEquals(1, agent.events("api:changes").size(), agent.events("api:changes").toString());
    }
  }
}
