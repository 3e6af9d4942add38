package com.utalk.auth.keys;

import com.utalk.logging.Log;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a new random version of the signing secret and retires versions whose grace is over. The
 * scheduled path (Secret Manager's SECRET_ROTATE notification, delivered at least once) skips when
 * the newest version is younger than an hour, so a redelivered notification rotates only once.
 */
public final class KeyRotation {
  private static final Log LOG = Log.get(KeyRotation.class);
  static final Duration MIN_INTERVAL = Duration.ofHours(1);

  private final SigningKeys keys;
  private final Clock clock;
  private final SecureRandom random;

  public KeyRotation(SigningKeys keys, Clock clock, SecureRandom random) {
    this.keys = keys;
    this.clock = clock;
    this.random = random;
  }

  /** What a rotation did; kids only, never secrets. */
  public record Outcome(
      boolean rotated, String previousKid, String newKid, List<String> retiredKids) {}

  /**
   * For the rotation notification and the admin endpoint: rotate unless a rotation happened within
   * the last hour (a redelivered notification, a double click).
   */
  public Outcome unlessRecent() {
    keys.invalidate();
    SigningKey newest = keys.signingKey();
    Instant now = clock.instant();
    if (newest.createdAt().plus(MIN_INTERVAL).isAfter(now)) {
      LOG.info("JWT secret rotation skipped: the newest version is recent", "kid", newest.kid());
      return new Outcome(false, newest.kid(), newest.kid(), retireExpired());
    }
    return rotate(newest);
  }

  /** For the dev CLI and tests: rotate now, however recent the last rotation. */
  public Outcome now() {
    keys.invalidate();
    return rotate(keys.signingKey());
  }

  private Outcome rotate(SigningKey previous) {
    SigningKey added = keys.ring().addVersion(SecretText.generate(random));
    keys.invalidate();
    List<String> retired = retireExpired();
    LOG.info(
        "JWT secret rotated",
        "previousKid",
        previous.kid(),
        "newKid",
        added.kid(),
        "retired",
        retired);
    return new Outcome(true, previous.kid(), added.kid(), retired);
  }

  private List<String> retireExpired() {
    List<String> retired = new ArrayList<>();
    for (SigningKey key : keys.expired()) {
      try {
        keys.ring().retire(key);
        retired.add(key.kid());
      } catch (RuntimeException e) {
        // harmless: an expired version is refused by the clock check whatever its state
        LOG.warn(
            "could not retire an expired JWT secret version",
            "kid",
            key.kid(),
            "cause",
            e.getMessage());
      }
    }
    if (!retired.isEmpty()) {
      keys.invalidate();
    }
    return retired;
  }
}
