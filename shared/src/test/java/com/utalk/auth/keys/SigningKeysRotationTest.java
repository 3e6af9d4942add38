package com.utalk.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.MutableClock;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.token.AccessToken;
import com.utalk.auth.token.AccessTokenIssuer;
import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.auth.token.TokenRevocations;
import com.utalk.config.ConfigurationException;
import com.utalk.errors.UnauthenticatedException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The operations reference's policy: rotate every 90 days, previous version accepted for 7 more
 * days.
 */
class SigningKeysRotationTest {
  private static final String FIRST = "first-secret-0123456789-0123456789-abc";
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final InMemoryKeyRing ring = new InMemoryKeyRing(clock, FIRST);
  private final SigningKeys keys =
      new SigningKeys(ring, Duration.ofDays(90), Duration.ofDays(7), Duration.ofSeconds(60), clock);
  // a token lifetime longer than the grace period isolates the grace check from expiry
  private final AccessTokenIssuer longLived =
      new AccessTokenIssuer(keys, Duration.ofDays(30), clock);
  private final AccessTokenVerifier verifier =
      new AccessTokenVerifier(keys, TokenRevocations.NONE, clock);
  private final KeyRotation rotation = new KeyRotation(keys, clock, new SecureRandom());

  @Test
  void beforeRotationInsideGraceAfterGrace() {
    clock.advance(Duration.ofDays(90).minusHours(1));
    AccessToken old = longLived.issue("u1", Role.AGENT, "ws");
    assertEquals("v1", old.kid());
    assertEquals("u1", verifier.verify(old.value()).uid(), "before rotation");

    clock.advance(Duration.ofHours(1));
    KeyRotation.Outcome outcome = rotation.unlessRecent();
    assertTrue(outcome.rotated());
    assertEquals("v1", outcome.previousKid());
    assertEquals("v2", outcome.newKid());
    AccessToken fresh = longLived.issue("u2", Role.AGENT, "ws");
    assertEquals("v2", fresh.kid(), "new tokens use the new version at once");

    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertEquals(
        "u1",
        verifier.verify(old.value()).uid(),
        "inside grace: the previous version still verifies");

    clock.advance(Duration.ofSeconds(1));
    UnauthenticatedException refused =
        assertThrows(UnauthenticatedException.class, () -> verifier.verify(old.value()));
    assertEquals("invalid_token", refused.code(), "after grace: refused");
    assertEquals("u2", verifier.verify(fresh.value()).uid());
  }

  @Test
  void graceEndRetiresTheOldVersionAtTheNextRotation() {
    clock.advance(Duration.ofDays(90));
    rotation.unlessRecent();
    clock.advance(Duration.ofDays(8));
    assertEquals(1, keys.expired().size());
    KeyRotation.Outcome next = rotation.now();
    assertEquals(java.util.List.of("v1"), next.retiredKids());
    assertFalse(ring.versions().stream().anyMatch(key -> key.kid().equals("v1")));
  }

  @Test
  void aRedeliveredNotificationRotatesOnce() {
    clock.advance(Duration.ofDays(90));
    assertTrue(rotation.unlessRecent().rotated());
    clock.advance(Duration.ofMinutes(5));
    KeyRotation.Outcome again = rotation.unlessRecent();
    assertFalse(again.rotated());
    assertEquals(2, ring.versions().size());
  }

  @Test
  void aKidSeenOnlyByAnotherInstanceIsFoundByAnEarlyReload() {
    AccessToken before = longLived.issue("u1", Role.AGENT, "ws");
    verifier.verify(before.value());
    // another instance rotates; this one's cache (60 s) has not expired
    SigningKeys other =
        new SigningKeys(
            ring, Duration.ofDays(90), Duration.ofDays(7), Duration.ofSeconds(60), clock);
    clock.advance(Duration.ofSeconds(10));
    new KeyRotation(other, clock, new SecureRandom()).now();
    AccessToken signedElsewhere =
        new AccessTokenIssuer(other, Duration.ofMinutes(15), clock).issue("u3", Role.ADMIN, "ws");
    assertNotEquals(before.kid(), signedElsewhere.kid());
    Principal principal = verifier.verify(signedElsewhere.value());
    assertEquals("u3", principal.uid());
  }

  @Test
  void aShortSecretIsAConfigurationError() {
    ConfigurationException error =
        assertThrows(ConfigurationException.class, () -> new EnvironmentKeyRing("too-short"));
    assertTrue(error.getMessage().contains("at least 32 bytes"), error.getMessage());
    assertTrue(error.getMessage().contains("JWT_SECRET"), error.getMessage());
    ConfigurationException missing =
        assertThrows(ConfigurationException.class, () -> new EnvironmentKeyRing(null));
    assertTrue(missing.getMessage().contains("JWT_SECRET is not set"), missing.getMessage());
  }

  @Test
  void environmentKidIsAFingerprintNotTheSecret() {
    EnvironmentKeyRing ring = new EnvironmentKeyRing(FIRST);
    assertTrue(ring.key().kid().matches("env-[0-9a-f]{8}"));
    assertFalse(ring.key().toString().contains(FIRST));
  }
}
