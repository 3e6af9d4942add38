package com.utalk.ops.runbooks.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.AuthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the runbook judges the signing-key ring (90 days of rotation, 7 of grace by default). */
class LoginRunbookTest {
  private static final Instant NOW = Instant.parse("2026-12-04T01:00:00Z");
  private static final AuthSettings SETTINGS = AuthSettings.defaults();

  private static KeyVersion version(String kid, int bytes, Duration age) {
    return new KeyVersion(kid, bytes, age == null ? Instant.EPOCH : NOW.minus(age), true);
  }

  @Test
  void theNewestUsableVersionSignsAndAnUnknownAgeIsNotJudged() {
    LoginRunbook.RingVerdict ring =
        LoginRunbook.judge(
            List.of(version("env", 40, null), version("v2", 48, Duration.ofDays(10))),
            SETTINGS,
            NOW);
    assertEquals("v2", ring.current().orElseThrow().kid());
    assertTrue(ring.unusable().isEmpty());
    assertFalse(ring.expired());
    assertFalse(
        LoginRunbook.judge(List.of(version("env", 40, null)), SETTINGS, NOW).expired(),
        "JWT_SECRET alone has no age");
  }

  @Test
  void aShortVersionIsUnusableAndAnOldNewestVersionHasExpired() {
    LoginRunbook.RingVerdict ring =
        LoginRunbook.judge(
            List.of(
                version("short", 12, Duration.ofMinutes(1)),
                version("old", 48, Duration.ofDays(98))),
            SETTINGS,
            NOW);
    assertEquals(List.of("short"), ring.unusable().stream().map(KeyVersion::kid).toList());
    assertEquals("old", ring.current().orElseThrow().kid(), "a short version never signs");
    assertTrue(ring.expired(), "98 days > 90 + 7");
    assertFalse(
        LoginRunbook.judge(List.of(version("v", 48, Duration.ofDays(96))), SETTINGS, NOW).expired(),
        "still in grace");
  }

  @Test
  void aVersionStampedInTheFutureDoesNotSignYet() {
    LoginRunbook.RingVerdict ring =
        LoginRunbook.judge(
            List.of(
                version("now", 48, Duration.ofDays(1)),
                new KeyVersion("future", 48, NOW.plusSeconds(3600), true)),
            SETTINGS,
            NOW);
    assertEquals("now", ring.current().orElseThrow().kid());
    assertTrue(
        LoginRunbook.judge(List.of(version("missing", 0, null)), SETTINGS, NOW)
            .current()
            .isEmpty());
  }
}
