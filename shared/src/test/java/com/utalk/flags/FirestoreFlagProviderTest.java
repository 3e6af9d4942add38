package com.utalk.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.audit.AuditLog;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.errors.ForbiddenException;
import com.utalk.testing.TestEnvironment;
import dev.openfeature.sdk.EventDetails;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Two "instances" (two FeatureFlags on one emulator project): what one admin changes, the other
 * sees in time.
 */
class FirestoreFlagProviderTest {
  private static final Duration REFRESH = Duration.ofSeconds(1);
  private static final Principal ADMIN = new Principal("admin-1", Role.ADMIN, "ws-a", "jti");
  private static final Principal AGENT = new Principal("agent-1", Role.AGENT, "ws-a", "jti");

  private static TestEnvironment env;
  private static FeatureFlags instanceA;
  private static FeatureFlags instanceB;
  private static FlagAdministration admin;

  @BeforeAll
  static void start() {
    env = TestEnvironment.create();
    instanceA = new FeatureFlags(env.firestore(), REFRESH);
    instanceB = new FeatureFlags(env.firestore(), REFRESH);
    admin =
        new FlagAdministration(
            env.firestore(),
            new AuditLog(env.firestore(), Clock.systemUTC()),
            new PermissionPolicy(),
            instanceA,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    instanceA.close();
    instanceB.close();
    env.close();
  }

  private static boolean on(FeatureFlags flags, String key, Principal who, String email) {
    return flags.client().getBooleanValue(key, false, FlagContexts.of(who, email));
  }

  @Test
  void theDocumentsFlagsAreSeeded() {
    assertTrue(instanceB.keys().containsAll(List.of("new-ui", "ai-enhancements", "beta-features")));
    assertTrue(on(instanceB, "new-ui", AGENT, null), "new-ui is at 100%");
    assertFalse(
        instanceB.client().getBooleanValue("ai-enhancements", true, FlagContexts.workspace("ws-a")),
        "ai-enhancements is at 0%");
    assertTrue(
        on(instanceB, "beta-features", AGENT, "user1@example.com"), "allow-listed by e-mail");
    assertFalse(on(instanceB, "beta-features", AGENT, "someone@example.com"));
    assertFalse(
        instanceB.client().getBooleanValue("no-such-flag", false, FlagContexts.workspace("ws-a")));
  }

  @Test
  void aChangeOnOneInstanceIsSeenOnAnotherWithinTheRefreshInterval() throws Exception {
    String key = "rollout-probe";
    admin.change(
        ADMIN, key, new FlagChange("probe", FlagTargeting.USER, 0, List.of(), false), "req-1");
    assertFalse(on(instanceA, key, AGENT, null));
    waitUntil(() -> instanceB.keys().contains(key), REFRESH.multipliedBy(3));

    List<EventDetails> changes = new CopyOnWriteArrayList<>();
    instanceB.client().onProviderConfigurationChanged(changes::add);
    admin.change(ADMIN, key, new FlagChange(null, null, null, List.of(AGENT.uid()), null), "req-2");
    assertTrue(
        on(instanceA, key, AGENT, null), "the instance that made the change sees it at once");
    long started = System.nanoTime();
    waitUntil(() -> on(instanceB, key, AGENT, null), REFRESH.multipliedBy(3));
    long seenAfterMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(
        seenAfterMs <= REFRESH.toMillis() + 500,
        "seen after " + seenAfterMs + " ms; the bound is the refresh interval");
    waitUntil(
        () -> changes.stream().anyMatch(e -> e.getFlagsChanged().contains(key)),
        Duration.ofSeconds(2));
  }

  @Test
  void theKillSwitchStopsAFlagForEverybody() throws Exception {
    admin.change(
        ADMIN,
        "killable",
        new FlagChange(null, FlagTargeting.WORKSPACE, 100, List.of(), false),
        "req-3");
    assertTrue(on(instanceA, "killable", AGENT, null));
    admin.change(ADMIN, "killable", new FlagChange(null, null, null, null, true), "req-4");
    assertFalse(on(instanceA, "killable", AGENT, null));
    waitUntil(() -> !on(instanceB, "killable", AGENT, null), REFRESH.multipliedBy(3));
  }

  @Test
  void aNonAdminCannotChangeAFlagAndNothingChanges() {
    assertThrowsForbidden(() -> admin.rollout(AGENT, "new-ui", 0, "req-5"));
    assertTrue(on(instanceA, "new-ui", AGENT, null));
    assertEquals(
        100,
        admin.list(ADMIN).stream()
            .filter(f -> f.key().equals("new-ui"))
            .findFirst()
            .orElseThrow()
            .rolloutPercent());
  }

  private static void assertThrowsForbidden(Executable call) {
    org.junit.jupiter.api.Assertions.assertThrows(ForbiddenException.class, call);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + within.toMillis() + " ms");
      }
      Thread.sleep(50);
    }
  }
}
