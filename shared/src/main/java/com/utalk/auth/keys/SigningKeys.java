package com.utalk.auth.keys;

import com.utalk.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which version signs and which versions verify, at the injected clock's now. The newest version
 * signs. An older version verifies until its successor has existed for the grace period
 * (docs/operations.md: rotate every 90 days, 7 days of grace), then tokens signed with it are
 * refused.
 *
 * <p>The ring is cached per instance. A token whose kid is unknown forces one early reload (at most
 * every few seconds), because another instance may already sign with a version this one has not
 * seen yet.
 */
public final class SigningKeys {
  private static final Log LOG = Log.get(SigningKeys.class);
  private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);

  private final SigningKeyRing ring;
  private final Duration grace;
  private final Duration rotationPeriod;
  private final Duration cacheTtl;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private Instant lastOverdueWarning;

  public SigningKeys(
      SigningKeyRing ring,
      Duration rotationPeriod,
      Duration grace,
      Duration cacheTtl,
      Clock clock) {
    this.ring = ring;
    this.rotationPeriod = rotationPeriod;
    this.grace = grace;
    this.cacheTtl = cacheTtl;
    this.clock = clock;
  }

  public SigningKeyRing ring() {
    return ring;
  }

  /** The version new tokens are signed with. */
  public SigningKey signingKey() {
    Instant now = clock.instant();
    List<SigningKey> active = current(now).sorted();
    SigningKey newest = active.get(0);
    for (SigningKey key : active) {
      // a version stamped in the future (clock skew) waits for its time
      if (!key.createdAt().isAfter(now)) {
        newest = key;
        break;
      }
    }
    return newest;
  }

  /** The version {@code kid} names, if it may still verify tokens now. */
  public Optional<SigningKey> verificationKey(String kid) {
    Instant now = clock.instant();
    Snapshot current = current(now);
    Optional<SigningKey> found = current.find(kid);
    if (found.isEmpty() && current.loadedAt().plus(MIN_RELOAD_INTERVAL).isBefore(now)) {
      current = reload(now);
      found = current.find(kid);
    }
    List<SigningKey> sorted = current.sorted();
    return found.filter(key -> !graceEnded(key, sorted, now));
  }

  /** Versions whose grace period is over: tokens signed with them are refused already. */
  public List<SigningKey> expired() {
    Instant now = clock.instant();
    List<SigningKey> sorted = reload(now).sorted();
    List<SigningKey> expired = new ArrayList<>();
    for (SigningKey key : sorted) {
      if (graceEnded(key, sorted, now)) {
        expired.add(key);
      }
    }
    return expired;
  }

  /** Forgets the cached ring (after this instance rotated it). */
  public void invalidate() {
    snapshot = null;
  }

  /** Loads the ring now; a too-short secret surfaces here as a ConfigurationException. */
  public void load() {
    reload(clock.instant());
  }

  private boolean graceEnded(SigningKey key, List<SigningKey> newestFirst, Instant now) {
    SigningKey successor = null;
    for (SigningKey candidate : newestFirst) {
      if (candidate.equals(key)) {
        break;
      }
      if (!candidate.createdAt().isAfter(now)) {
        successor = candidate;
      }
    }
    // the oldest successor already in effect started this version's grace period
    return successor != null && !now.isBefore(successor.createdAt().plus(grace));
  }

  private Snapshot current(Instant now) {
    Snapshot current = snapshot;
    if (current == null
        || !now.isBefore(current.loadedAt().plus(cacheTtl))
        || now.isBefore(current.loadedAt())) {
      current = reload(now);
    }
    return current;
  }

  private synchronized Snapshot reload(Instant now) {
    List<SigningKey> versions = new ArrayList<>(ring.versions());
    if (versions.isEmpty()) {
      throw new com.utalk.config.ConfigurationException(
          "the JWT signing secret has no enabled version");
    }
    versions.sort(
        Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid).reversed());
    Snapshot fresh = new Snapshot(List.copyOf(versions), now);
    snapshot = fresh;
    warnIfOverdue(versions.get(0), now);
    return fresh;
  }

  /**
   * A missed SECRET_ROTATE notification should be visible, at most hourly. A version of unknown age
   * (JWT_SECRET, stamped at the epoch) is not judged.
   */
  private void warnIfOverdue(SigningKey newest, Instant now) {
    boolean overdue =
        ring.rotatable()
            && !newest.createdAt().equals(Instant.EPOCH)
            && newest.createdAt().plus(rotationPeriod).plus(Duration.ofDays(1)).isBefore(now);
    if (overdue
        && (lastOverdueWarning == null
            || !now.isBefore(lastOverdueWarning.plus(Duration.ofHours(1))))) {
      lastOverdueWarning = now;
      LOG.warn(
          "JWT signing secret is overdue for rotation",
          "kid",
          newest.kid(),
          "createdAt",
          newest.createdAt().toString());
    }
  }

  private record Snapshot(List<SigningKey> sorted, Instant loadedAt) {
    Optional<SigningKey> find(String kid) {
      return sorted.stream().filter(key -> key.kid().equals(kid)).findFirst();
    }
  }
}
